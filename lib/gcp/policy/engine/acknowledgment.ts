/**
 * A decision that a policy rule does not apply to a construct and everything under it
 * (cdk-nag's `NagPackSuppression`). The reason is required: it is reported with every finding it
 * silences.
 */
export interface PolicyAcknowledgment {
  /** The rule id, e.g. `GCP-GCS4`. */
  readonly id: string;
  /** Why the rule does not apply here, in a sentence a reviewer can judge. */
  readonly reason: string;
}

/** An acknowledgment together with the construct path it was made on. */
export interface ScopedAcknowledgment extends PolicyAcknowledgment {
  /** The construct path; the acknowledgment covers resources at or under it. */
  readonly path: string;
}

/** Whether an acknowledgment made on `ackPath` covers a resource defined at `resourcePath`. */
export function acknowledgmentCovers(ackPath: string, resourcePath: string): boolean {
  return ackPath === '' || resourcePath === ackPath || resourcePath.startsWith(`${ackPath}/`);
}

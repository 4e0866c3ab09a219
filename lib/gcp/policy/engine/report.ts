/** A rule broken by one resource. */
export interface PolicyFinding {
  /** The rule id, e.g. `GCP-GCS1`. */
  readonly ruleId: string;
  /** The Terraform address of the resource, e.g. `google_storage_bucket.Lake_Zone-raw_Bucket_1A2B3C4D`. */
  readonly resourceAddress: string;
  /** The construct path that defined the resource, e.g. `stack/Lake/Zone-raw/Bucket`. */
  readonly constructPath: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The CIS control and/or checkov check the rule mirrors. */
  readonly reference: string;
}

/** A finding silenced by an acknowledgment, reported with its reason. */
export interface AcknowledgedFinding extends PolicyFinding {
  /** The acknowledgment's reason. */
  readonly reason: string;
}

/** The result of running a policy pack on a stack. */
export interface PolicyReport {
  /** The pack that ran. */
  readonly pack: string;
  /** Findings nobody acknowledged: each one should be fixed. */
  readonly findings: PolicyFinding[];
  /** Findings silenced by an acknowledgment, with the reason given. */
  readonly acknowledged: AcknowledgedFinding[];
}

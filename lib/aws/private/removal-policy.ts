/**
 * The removal policies a stateful construct of this library accepts, and the second opt-in
 * `DESTROY` needs. One function for every AWS construct, as `lib/gcp/removal-policy.ts` is for GCP.
 */
import { RemovalPolicy } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { assertDataDestructionAllowed, MlopsValidationError } from '../../core';

/** What a construct of this library may do with its stateful resources. `SNAPSHOT` is not among them. */
const ALLOWED_REMOVAL_POLICIES: readonly RemovalPolicy[] = [RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.DESTROY];

/**
 * The removal policy in force: `RETAIN` when none is given. Throws for a policy the construct does
 * not accept, and for `DESTROY` unless the app allows data destruction.
 * @param scope the construct the policy was given to
 * @param property the prop that holds it (`removalPolicy`)
 * @param policy the given policy
 * @param withoutSnapshots what has no snapshots (`S3 buckets`), said in the error for `SNAPSHOT`
 */
export function resolveRemovalPolicy(scope: IConstruct, property: string, policy: RemovalPolicy | undefined, withoutSnapshots?: string): RemovalPolicy {
  if (policy === undefined) {
    return RemovalPolicy.RETAIN;
  }
  if (!ALLOWED_REMOVAL_POLICIES.includes(policy)) {
    throw new MlopsValidationError(scope, property, policy,
      `RemovalPolicy.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY${withoutSnapshots === undefined ? '' : ` (${withoutSnapshots} have no snapshots)`}`);
  }
  if (policy === RemovalPolicy.DESTROY) {
    assertDataDestructionAllowed(scope, property, 'DESTROY');
  }
  return policy;
}

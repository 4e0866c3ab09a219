import { PolicyCompliance } from '../../engine/compliance';
import { grantedMembers, isPublicMember } from '../shared/iam-members';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** Resources that grant access to a bucket. */
const BUCKET_GRANT_TYPES = [
  'google_storage_bucket_iam_member',
  'google_storage_bucket_iam_binding',
  'google_storage_bucket_iam_policy',
  'google_storage_bucket_acl',
  'google_storage_bucket_access_control',
];

/**
 * No IAM member, binding, policy or ACL grants `allUsers` or `allAuthenticatedUsers` access to a
 * Cloud Storage bucket.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 5.1 ("Ensure That Cloud Storage Bucket
 * Is Not Anonymously or Publicly Accessible") and checkov CKV_GCP_28
 * (`GoogleStorageBucketNotPublic`, which reads `google_storage_bucket_iam_member` / `_binding`).
 *
 * Cross-resource: each public grant is reported once — on the bucket when the stack defines the
 * bucket (found through the grant's `bucket` reference or literal name), otherwise on the grant
 * resource itself (a grant on a bucket managed elsewhere).
 */
export function storageBucketNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  const isPublicGrant = (grant: SynthesizedResource): boolean => grantedMembers(grant, stack).some(isPublicMember);
  if (resource.type === 'google_storage_bucket') {
    const grants = stack.resourcesOfType(...BUCKET_GRANT_TYPES)
      .filter((grant) => stack.designates(grant.config.bucket, resource, ['name', 'id'], 'name'));
    return grants.some(isPublicGrant) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  if (BUCKET_GRANT_TYPES.includes(resource.type)) {
    const bucketInStack = stack.resourcesOfType('google_storage_bucket')
      .some((bucket) => stack.designates(resource.config.bucket, bucket, ['name', 'id'], 'name'));
    if (bucketInStack) {
      return PolicyCompliance.NOT_APPLICABLE;
    }
    return isPublicGrant(resource) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  return PolicyCompliance.NOT_APPLICABLE;
}

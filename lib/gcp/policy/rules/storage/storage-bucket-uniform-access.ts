import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Storage buckets have uniform bucket-level access enabled, so IAM alone governs access
 * and object ACLs cannot open single objects.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 5.2 ("Ensure That Cloud Storage Buckets
 * Have Uniform Bucket-Level Access Enabled") and checkov CKV_GCP_29
 * (`GoogleStorageBucketUniformAccess`).
 */
export function storageBucketUniformAccess(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_storage_bucket') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return resource.config.uniform_bucket_level_access === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Storage buckets enforce public access prevention (`public_access_prevention =
 * "enforced"`), so no IAM binding or ACL can ever make their data public.
 *
 * Mirrors checkov CKV_GCP_114 (`GoogleStoragePublicAccessPrevention`, "Ensure public access
 * prevention is enforced on Cloud Storage bucket"); it backs CIS Google Cloud Platform Foundation
 * Benchmark 5.1 (bucket not anonymously or publicly accessible).
 */
export function storageBucketPublicAccessPrevention(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_storage_bucket') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return resource.config.public_access_prevention === 'enforced' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { isTerraformStateBucket } from './terraform-state';

/**
 * A bucket holding Terraform state (labelled `purpose = terraform-state`) has a customer-managed
 * default key (`encryption.default_kms_key_name`): state holds every resource's attributes,
 * secrets among them.
 *
 * No CIS control or checkov check singles out state buckets; the rule follows Google's "Store
 * Terraform state in a Cloud Storage bucket", whose bucket is versioned, CMEK-encrypted and not
 * force-destroyed (GCP-GCS3 already requires versioning of every bucket).
 *
 * @see https://cloud.google.com/docs/terraform/resource-management/store-state
 */
export function storageStateBucketCmek(resource: SynthesizedResource): PolicyCompliance {
  if (!isTerraformStateBucket(resource)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'encryption')?.default_kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { isTerraformStateBucket } from './terraform-state';

/**
 * A bucket holding Terraform state (labelled `purpose = terraform-state`) is retained: not
 * `force_destroy` (which deletes the state with the bucket) and `lifecycle.prevent_destroy`
 * (Terraform refuses to destroy it). Losing the state orphans every resource it tracks.
 *
 * checkov has no such check; the rule follows Google's "Store Terraform state in a Cloud Storage
 * bucket" (`force_destroy = false`).
 *
 * @see https://cloud.google.com/docs/terraform/resource-management/store-state
 */
export function storageStateBucketRetained(resource: SynthesizedResource): PolicyCompliance {
  if (!isTerraformStateBucket(resource)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const retained = resource.config.force_destroy !== true && nestedBlock(resource.config, 'lifecycle')?.prevent_destroy === true;
  return retained ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

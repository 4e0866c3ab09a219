import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Storage buckets keep object versions, so an overwrite or delete can be undone.
 *
 * Mirrors checkov CKV_GCP_78 (`CloudStorageVersioningEnabled`, "Ensure Cloud storage has
 * versioning enabled"). The CIS Google Cloud benchmark has no control for it.
 */
export function storageBucketVersioning(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_storage_bucket') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return nestedBlock(resource.config, 'versioning')?.enabled === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

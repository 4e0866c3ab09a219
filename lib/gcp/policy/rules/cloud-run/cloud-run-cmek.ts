import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Run (v2) services encrypt their container image at rest with a customer-managed key
 * (`template.encryption_key`).
 *
 * There is no checkov check on Cloud Run encryption; the rule follows Google's "Using customer
 * managed encryption keys" for Cloud Run.
 *
 * @see https://cloud.google.com/run/docs/securing/using-cmek
 */
export function cloudRunCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloud_run_v2_service') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'template')?.encryption_key;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Workflows are encrypted with a customer-managed key (`crypto_key_name`): the workflow source and
 * the execution data (arguments, results, step variables — which hold query texts, job names and
 * metric values) are then readable only while the key is enabled and the Workflows service agent
 * may use it.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Workflows control; the rule follows
 * Google's "Use customer-managed encryption keys" for Workflows.
 *
 * @see https://cloud.google.com/workflows/docs/use-cmek
 */
export function workflowsCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_workflows_workflow') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = resource.config.crypto_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

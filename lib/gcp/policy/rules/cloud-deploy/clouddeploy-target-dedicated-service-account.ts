import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlocks, SynthesizedResource } from '../../engine/synthesized-stack';

const COMPUTE_DEFAULT_SERVICE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/**
 * Cloud Deploy targets render and deploy as a dedicated execution service account: every
 * `execution_configs` entry sets `service_account`, and it is not the Compute Engine default
 * account, which Cloud Deploy uses otherwise (and which is often granted Editor).
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Deploy control; the rule follows
 * Google's "Cloud Deploy service accounts" (execution service account), with the pattern of
 * checkov CKV_GCP_30.
 *
 * @see https://cloud.google.com/deploy/docs/cloud-deploy-service-account
 */
export function clouddeployTargetDedicatedServiceAccount(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_clouddeploy_target') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const configs = nestedBlocks(resource.config, 'execution_configs');
  const dedicated = (account: unknown) => typeof account === 'string' && account !== '' && !COMPUTE_DEFAULT_SERVICE_ACCOUNT.test(account);
  return configs.length > 0 && configs.every((c) => dedicated(c.service_account)) ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/** The Compute Engine default service account, which Cloud Run uses when none is given. */
const COMPUTE_DEFAULT_SERVICE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/**
 * Cloud Run (v2) revisions run as a dedicated, user-managed service account
 * (`template.service_account`), not as the Compute Engine default service account, which is what
 * a revision without one runs as and which is often granted the broad Editor role.
 *
 * Google's "Introduction to service identity" recommends a user-managed service account with only
 * the permissions the service needs. checkov has no Cloud Run check for it; its CKV_GCP_30
 * (`GoogleComputeDefaultServiceAccount`) makes the same requirement of Compute Engine instances,
 * with the same pattern for the default account.
 *
 * @see https://cloud.google.com/run/docs/securing/service-identity
 */
export function cloudRunDedicatedServiceAccount(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloud_run_v2_service') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const account = nestedBlock(resource.config, 'template')?.service_account;
  return typeof account === 'string' && account !== '' && !COMPUTE_DEFAULT_SERVICE_ACCOUNT.test(account)
    ? PolicyCompliance.COMPLIANT
    : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/** The Compute Engine default service account, which a workflow without one runs as. */
const COMPUTE_DEFAULT_SERVICE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/**
 * Workflows run as a dedicated, user-managed service account (`service_account`), not as the
 * Compute Engine default service account, which a workflow without one runs as and which is often
 * granted the broad Editor role.
 *
 * Google's Workflows documentation recommends a user-managed service account holding only the
 * roles the workflow's calls need. checkov has no Workflows check; its CKV_GCP_30
 * (`GoogleComputeDefaultServiceAccount`) makes the same requirement of Compute Engine instances,
 * with the same pattern for the default account (as GCP-RUN2 does for Cloud Run).
 *
 * @see https://cloud.google.com/workflows/docs/authentication#sa-permissions
 */
export function workflowsDedicatedServiceAccount(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_workflows_workflow') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const account = resource.config.service_account;
  return typeof account === 'string' && account !== '' && !COMPUTE_DEFAULT_SERVICE_ACCOUNT.test(account)
    ? PolicyCompliance.COMPLIANT
    : PolicyCompliance.NON_COMPLIANT;
}

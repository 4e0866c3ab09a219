import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/** The legacy Cloud Build service account and the Compute Engine default account, which a trigger without one may run as. */
const DEFAULT_ACCOUNTS = /(?:@cloudbuild\.gserviceaccount\.com|-compute@developer\.gserviceaccount\.com)$/;

/**
 * Cloud Build triggers run their builds as a dedicated, user-specified service account
 * (`service_account`), not as the legacy Cloud Build service account or the Compute Engine
 * default account, which a trigger without one runs as and which hold broad project roles.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Build trigger check; the rule
 * follows Google's "Configure user-specified service accounts" for Cloud Build, with the pattern
 * of checkov CKV_GCP_30 for Compute Engine instances (as GCP-RUN4 and GCP-WF2 do).
 *
 * @see https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts
 */
export function cloudbuildTriggerDedicatedServiceAccount(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloudbuild_trigger') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const account = resource.config.service_account;
  return typeof account === 'string' && account !== '' && !DEFAULT_ACCOUNTS.test(account)
    ? PolicyCompliance.COMPLIANT
    : PolicyCompliance.NON_COMPLIANT;
}

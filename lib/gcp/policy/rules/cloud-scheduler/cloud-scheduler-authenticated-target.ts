import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Scheduler jobs with an HTTP target authenticate as a service account: an `oauth_token`
 * (for Google APIs such as the Workflow Executions API) or an `oidc_token` (for Cloud Run and other
 * services that verify ID tokens) with a `service_account_email`. An unauthenticated target would
 * have to accept anonymous calls.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Scheduler control; the rule
 * follows Google's "Use authentication with HTTP targets".
 *
 * @see https://cloud.google.com/scheduler/docs/http-target-auth
 */
export function cloudSchedulerAuthenticatedTarget(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloud_scheduler_job') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const target = nestedBlock(resource.config, 'http_target');
  if (target === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const token = nestedBlock(target, 'oauth_token') ?? nestedBlock(target, 'oidc_token');
  const email = token?.service_account_email;
  return typeof email === 'string' && email !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

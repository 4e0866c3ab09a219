import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Cloud Scheduler HTTP targets are `https://` URLs, so that the job's request (and the token it
 * carries) is encrypted in transit. Google's guide on authenticated targets sends tokens only to
 * HTTPS endpoints; CIS Google Cloud 3.x requires encryption in transit for the services it covers.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Scheduler control; the rule
 * follows Google's "Use authentication with HTTP targets".
 *
 * @see https://cloud.google.com/scheduler/docs/http-target-auth
 */
export function cloudSchedulerHttpsTarget(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloud_scheduler_job') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const target = nestedBlock(resource.config, 'http_target');
  if (target === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return typeof target.uri === 'string' && target.uri.startsWith('https://') ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

/**
 * The Cloud Scheduler rules of the GCP policy pack (GCP-SCH1..2), on small Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { CLOUD_SCHEDULER_RULES } from '../../../../lib/gcp/policy/rules/cloud-scheduler';
import { cloudSchedulerAuthenticatedTarget } from '../../../../lib/gcp/policy/rules/cloud-scheduler/cloud-scheduler-authenticated-target';
import { cloudSchedulerHttpsTarget } from '../../../../lib/gcp/policy/rules/cloud-scheduler/cloud-scheduler-https-target';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;
const job = (target: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
  google_cloud_scheduler_job: { j: { name: 'daily', schedule: '0 3 * * *', ...(target ? { http_target: target } : {}), ...extra } },
});
const https = 'https://workflowexecutions.googleapis.com/v1/projects/p/locations/r/workflows/w/executions';

describe('GCP-SCH1 cloudSchedulerAuthenticatedTarget (Google: HTTP target auth)', () => {
  test('compliant with an OAuth or an OIDC token of a service account (object or one-element list)', () => {
    expect(judge(cloudSchedulerAuthenticatedTarget, job({ uri: https, oauth_token: { service_account_email: '${google_service_account.s.email}' } }), 'google_cloud_scheduler_job.j')).toBe(COMPLIANT);
    expect(judge(cloudSchedulerAuthenticatedTarget, job({ uri: https, oidc_token: [{ service_account_email: 'run@p.iam.gserviceaccount.com' }] }), 'google_cloud_scheduler_job.j')).toBe(COMPLIANT);
  });
  test.each([['no token', {}], ['a token without an account', { oauth_token: { scope: 'x' } }]])('non-compliant with %s', (_name, token) => {
    expect(judge(cloudSchedulerAuthenticatedTarget, job({ uri: https, ...token }), 'google_cloud_scheduler_job.j')).toBe(NON_COMPLIANT);
  });
  test('not applicable to Pub/Sub targets and other resources', () => {
    expect(judge(cloudSchedulerAuthenticatedTarget, job(undefined, { pubsub_target: { topic_name: 't' } }), 'google_cloud_scheduler_job.j')).toBe(NOT_APPLICABLE);
    expect(judge(cloudSchedulerAuthenticatedTarget, { google_pubsub_topic: { t: {} } }, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-SCH2 cloudSchedulerHttpsTarget (Google: HTTP target auth)', () => {
  test('compliant with an https:// target', () => {
    expect(judge(cloudSchedulerHttpsTarget, job({ uri: https }), 'google_cloud_scheduler_job.j')).toBe(COMPLIANT);
  });
  test.each(['http://example.com/run', undefined])('non-compliant with uri %j', (uri) => {
    expect(judge(cloudSchedulerHttpsTarget, job({ uri }), 'google_cloud_scheduler_job.j')).toBe(NON_COMPLIANT);
  });
  test('not applicable without an HTTP target; the rules cite the Google document', () => {
    expect(judge(cloudSchedulerHttpsTarget, job(undefined), 'google_cloud_scheduler_job.j')).toBe(NOT_APPLICABLE);
    expect(CLOUD_SCHEDULER_RULES.every((r) => r.reference.includes('https://cloud.google.com/scheduler/docs/http-target-auth'))).toBe(true);
  });
});

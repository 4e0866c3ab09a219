/**
 * The Workflows rules of the GCP policy pack (GCP-WF1..2), on small Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { WORKFLOWS_RULES } from '../../../../lib/gcp/policy/rules/workflows';
import { workflowsCmek } from '../../../../lib/gcp/policy/rules/workflows/workflows-cmek';
import { workflowsDedicatedServiceAccount } from '../../../../lib/gcp/policy/rules/workflows/workflows-dedicated-service-account';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;
const workflow = (overrides: Record<string, unknown> = {}) => ({
  google_workflows_workflow: {
    w: { name: 'churn', region: 'europe-west4', service_account: '${google_service_account.sa.id}', crypto_key_name: '${google_kms_crypto_key.k.id}', ...overrides },
  },
});

describe('GCP-WF1 workflowsCmek (Google: Workflows CMEK)', () => {
  test('compliant with a key, by reference or literal id', () => {
    expect(judge(workflowsCmek, workflow(), 'google_workflows_workflow.w')).toBe(COMPLIANT);
    expect(judge(workflowsCmek, workflow({ crypto_key_name: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k' }), 'google_workflows_workflow.w')).toBe(COMPLIANT);
  });
  test.each([undefined, ''])('non-compliant with crypto_key_name %j', (key) => {
    expect(judge(workflowsCmek, workflow({ crypto_key_name: key }), 'google_workflows_workflow.w')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(workflowsCmek, { google_pubsub_topic: { t: { name: 't' } } }, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-WF2 workflowsDedicatedServiceAccount (CKV_GCP_30 pattern)', () => {
  test('compliant with a user-managed account, by reference or email', () => {
    expect(judge(workflowsDedicatedServiceAccount, workflow(), 'google_workflows_workflow.w')).toBe(COMPLIANT);
    expect(judge(workflowsDedicatedServiceAccount, workflow({ service_account: 'churn-pipeline@acme.iam.gserviceaccount.com' }), 'google_workflows_workflow.w')).toBe(COMPLIANT);
  });
  test.each([undefined, '', '123456789-compute@developer.gserviceaccount.com'])('non-compliant with service_account %j', (account) => {
    expect(judge(workflowsDedicatedServiceAccount, workflow({ service_account: account }), 'google_workflows_workflow.w')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources; both rules cite the Google document they follow', () => {
    expect(judge(workflowsDedicatedServiceAccount, { google_cloud_run_v2_service: { s: {} } }, 'google_cloud_run_v2_service.s')).toBe(NOT_APPLICABLE);
    expect(WORKFLOWS_RULES.map((r) => [r.id, r.reference])).toEqual([
      ['GCP-WF1', expect.stringContaining('https://cloud.google.com/workflows/docs/use-cmek')],
      ['GCP-WF2', expect.stringMatching(/https:\/\/cloud\.google\.com\/workflows\/docs\/authentication.*CKV_GCP_30/)],
    ]);
  });
});

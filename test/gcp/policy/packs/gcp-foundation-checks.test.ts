/**
 * The pack: every service's rule rows, in report order, each with a message and a reference.
 */
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { ARTIFACT_REGISTRY_RULES } from '../../../../lib/gcp/policy/rules/artifact-registry';
import { CLOUD_BUILD_RULES } from '../../../../lib/gcp/policy/rules/cloud-build';
import { CLOUD_DEPLOY_RULES } from '../../../../lib/gcp/policy/rules/cloud-deploy';
import { CLOUD_RUN_RULES } from '../../../../lib/gcp/policy/rules/cloud-run';
import { CLOUD_SCHEDULER_RULES } from '../../../../lib/gcp/policy/rules/cloud-scheduler';
import { GKE_RULES } from '../../../../lib/gcp/policy/rules/gke';
import { IAM_RULES } from '../../../../lib/gcp/policy/rules/iam';
import { MONITORING_RULES } from '../../../../lib/gcp/policy/rules/monitoring';
import { PUBSUB_RULES } from '../../../../lib/gcp/policy/rules/pubsub';
import { STATE_BUCKET_RULES } from '../../../../lib/gcp/policy/rules/storage';
import { VERTEX_ENDPOINT_RULES } from '../../../../lib/gcp/policy/rules/vertex-endpoint';
import { VERTEX_FEATURE_STORE_RULES } from '../../../../lib/gcp/policy/rules/vertex-feature-store';
import { WORKFLOWS_RULES } from '../../../../lib/gcp/policy/rules/workflows';

describe('GcpFoundationChecks', () => {
  test('lists every rule once, storage rules first, then each area\'s rule set in order', () => {
    const pack = new GcpFoundationChecks();
    const ids = pack.rules.map((r) => r.id);
    expect(ids.slice(0, 9)).toEqual(['GCP-GCS1', 'GCP-GCS2', 'GCP-GCS3', 'GCP-GCS4', 'GCP-GCS5', 'GCP-BQ1', 'GCP-BQ2', 'GCP-BQ3', 'GCP-KMS1']);
    expect(ids.slice(9)).toEqual([...PUBSUB_RULES, ...VERTEX_FEATURE_STORE_RULES, ...VERTEX_ENDPOINT_RULES, ...CLOUD_RUN_RULES, ...GKE_RULES, ...WORKFLOWS_RULES, ...CLOUD_SCHEDULER_RULES, ...IAM_RULES,
      ...CLOUD_BUILD_RULES, ...CLOUD_DEPLOY_RULES, ...ARTIFACT_REGISTRY_RULES, ...STATE_BUCKET_RULES, ...MONITORING_RULES].map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [prefix, count] of [['GCP-PS', 3], ['GCP-VAI', 7], ['GCP-RUN', 4], ['GCP-GKE', 10], ['GCP-WF', 2], ['GCP-SCH', 2], ['GCP-IAM', 3], ['GCP-CB', 2], ['GCP-CD', 2], ['GCP-AR', 2], ['GCP-GCS', 7], ['GCP-MON', 1]] as const) {
      expect(ids.filter((id) => id.startsWith(`${prefix}`) && /\d+$/.test(id))).toHaveLength(count);
    }
  });

  test('every rule has a message and cites a CIS control, a checkov check, or (where neither exists) the document it follows', () => {
    for (const rule of new GcpFoundationChecks().rules) {
      expect(rule.message.length).toBeGreaterThan(20);
      expect(rule.reference).toMatch(/CKV_GCP_\d+|CIS [A-Za-z ()]*(v[\d.]+ )?\d+(\.\d+)+|https:\/\/\S+/);
    }
  });
});

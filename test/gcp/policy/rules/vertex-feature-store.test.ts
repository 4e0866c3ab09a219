/**
 * The Vertex AI Feature Store rules (GCP-VAI1 … GCP-VAI4) on small Terraform JSON fixtures: a
 * compliant and a non-compliant case each, not-applicable for what they do not judge, and their
 * place in GcpFoundationChecks.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { VERTEX_FEATURE_STORE_RULES } from '../../../../lib/gcp/policy/rules/vertex-feature-store';
import { vertexFeatureOnlineStoreCmek } from '../../../../lib/gcp/policy/rules/vertex-feature-store/vertex-feature-online-store-cmek';
import { vertexFeatureOnlineStoreNoForceDestroy } from '../../../../lib/gcp/policy/rules/vertex-feature-store/vertex-feature-online-store-no-force-destroy';
import { vertexFeatureOnlineStorePrivateEndpoint } from '../../../../lib/gcp/policy/rules/vertex-feature-store/vertex-feature-online-store-private-endpoint';
import { vertexFeatureStoreNotPublic } from '../../../../lib/gcp/policy/rules/vertex-feature-store/vertex-feature-store-not-public';
import { judge, Resources } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

const STORE = 'google_vertex_ai_feature_online_store.s';
const KEY = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';
const PSC = { private_service_connect_config: { enable_private_service_connect: true, project_allowlist: ['123'] } };

/** An Optimized store that passes every rule. */
const optimizedStore = (overrides: Record<string, unknown> = {}) => ({
  name: 'acme_features',
  region: 'us-central1',
  optimized: {},
  dedicated_serving_endpoint: PSC,
  encryption_spec: { kms_key_name: KEY },
  ...overrides,
});
const bigtableStore = (overrides: Record<string, unknown> = {}) => ({
  name: 'acme_features',
  region: 'us-central1',
  bigtable: { auto_scaling: { min_node_count: 1, max_node_count: 3 } },
  encryption_spec: { kms_key_name: KEY },
  ...overrides,
});
const storeFixture = (config: Record<string, unknown>): Resources => ({ google_vertex_ai_feature_online_store: { s: config } });

describe('GCP-VAI1 vertexFeatureOnlineStoreCmek', () => {
  test('compliant with encryption_spec.kms_key_name, as an object or a one-element list', () => {
    expect(judge(vertexFeatureOnlineStoreCmek, storeFixture(optimizedStore()), STORE)).toBe(COMPLIANT);
    expect(judge(vertexFeatureOnlineStoreCmek, storeFixture(bigtableStore({ encryption_spec: [{ kms_key_name: '${google_kms_crypto_key.k.id}' }] })), STORE)).toBe(COMPLIANT);
  });
  test.each([undefined, {}, { kms_key_name: '' }])('non-compliant with encryption_spec %j', (spec) => {
    expect(judge(vertexFeatureOnlineStoreCmek, storeFixture(optimizedStore({ encryption_spec: spec })), STORE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(vertexFeatureOnlineStoreCmek, { google_vertex_ai_feature_group: { g: { name: 'g' } } }, 'google_vertex_ai_feature_group.g')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-VAI2 vertexFeatureOnlineStorePrivateEndpoint', () => {
  test('compliant when an Optimized store enables Private Service Connect (object or list blocks)', () => {
    expect(judge(vertexFeatureOnlineStorePrivateEndpoint, storeFixture(optimizedStore()), STORE)).toBe(COMPLIANT);
    expect(judge(vertexFeatureOnlineStorePrivateEndpoint, storeFixture(optimizedStore({ optimized: [{}], dedicated_serving_endpoint: [PSC] })), STORE)).toBe(COMPLIANT);
  });
  test.each([
    ['no dedicated endpoint (the public default)', undefined],
    ['an endpoint without PSC config', {}],
    ['PSC disabled', { private_service_connect_config: { enable_private_service_connect: false } }],
  ])('non-compliant with %s', (_name, endpoint) => {
    expect(judge(vertexFeatureOnlineStorePrivateEndpoint, storeFixture(optimizedStore({ dedicated_serving_endpoint: endpoint })), STORE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to Bigtable stores, which serve through the Vertex AI API endpoint', () => {
    expect(judge(vertexFeatureOnlineStorePrivateEndpoint, storeFixture(bigtableStore()), STORE)).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-VAI3 vertexFeatureStoreNotPublic', () => {
  test.each([
    'google_vertex_ai_feature_online_store_iam_member',
    'google_vertex_ai_feature_online_store_featureview_iam_member',
    'google_vertex_ai_feature_group_iam_member',
    'google_vertex_ai_featurestore_iam_member',
    'google_vertex_ai_featurestore_entitytype_iam_member',
  ])('%s: compliant for a named member, non-compliant for allUsers', (type) => {
    const grant = (member: string): Resources => ({ [type]: { m: { role: 'roles/aiplatform.featurestoreDataViewer', member } } });
    expect(judge(vertexFeatureStoreNotPublic, grant('group:ranking@example.com'), `${type}.m`)).toBe(COMPLIANT);
    expect(judge(vertexFeatureStoreNotPublic, grant('allUsers'), `${type}.m`)).toBe(NON_COMPLIANT);
  });
  test('non-compliant for allAuthenticatedUsers in a binding, and in a policy built from google_iam_policy', () => {
    const binding = { google_vertex_ai_feature_group_iam_binding: { b: { role: 'roles/viewer', members: ['user:a@example.com', 'allAuthenticatedUsers'] } } };
    expect(judge(vertexFeatureStoreNotPublic, binding, 'google_vertex_ai_feature_group_iam_binding.b')).toBe(NON_COMPLIANT);
    const policy = { google_vertex_ai_feature_online_store_iam_policy: { p: { policy_data: '${data.google_iam_policy.open.policy_data}' } } };
    const data = { google_iam_policy: { open: { binding: [{ role: 'roles/viewer', members: ['allUsers'] }] } } };
    expect(judge(vertexFeatureStoreNotPublic, policy, 'google_vertex_ai_feature_online_store_iam_policy.p', data)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other grants and to the stores themselves', () => {
    expect(judge(vertexFeatureStoreNotPublic, { google_storage_bucket_iam_member: { m: { member: 'allUsers' } } }, 'google_storage_bucket_iam_member.m')).toBe(NOT_APPLICABLE);
    expect(judge(vertexFeatureStoreNotPublic, storeFixture(optimizedStore()), STORE)).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-VAI4 vertexFeatureOnlineStoreNoForceDestroy', () => {
  test.each([undefined, false])('compliant with force_destroy = %s', (value) => {
    expect(judge(vertexFeatureOnlineStoreNoForceDestroy, storeFixture(bigtableStore({ force_destroy: value })), STORE)).toBe(COMPLIANT);
  });
  test.each([true, '${var.force}'])('non-compliant with force_destroy = %j', (value) => {
    expect(judge(vertexFeatureOnlineStoreNoForceDestroy, storeFixture(optimizedStore({ force_destroy: value })), STORE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(vertexFeatureOnlineStoreNoForceDestroy, { google_bigtable_instance: { i: { force_destroy: true } } }, 'google_bigtable_instance.i')).toBe(NOT_APPLICABLE);
  });
});

describe('the Vertex AI Feature Store rule set', () => {
  test('GcpFoundationChecks lists GCP-VAI1 to GCP-VAI4, each citing what it mirrors', () => {
    const ids = new GcpFoundationChecks().rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['GCP-VAI1', 'GCP-VAI2', 'GCP-VAI3', 'GCP-VAI4']));
    expect(VERTEX_FEATURE_STORE_RULES.map((r) => [r.id, r.reference])).toEqual([
      ['GCP-VAI1', expect.stringMatching(/CKV_GCP_92.*CKV_GCP_96/)],
      ['GCP-VAI2', expect.stringMatching(/no CIS control or checkov check/)],
      ['GCP-VAI3', expect.stringMatching(/CKV_GCP_28, CKV_GCP_15/)],
      ['GCP-VAI4', expect.stringMatching(/CKV_GCP_121.*CKV_GCP_122/)],
    ]);
  });
});

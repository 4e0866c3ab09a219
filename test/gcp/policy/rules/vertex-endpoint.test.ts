/**
 * The Vertex AI endpoint rules (GCP-VAI5 … GCP-VAI7) on small Terraform JSON fixtures: a
 * compliant and a non-compliant case each, and not-applicable for other resources.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { PolicyRule } from '../../../../lib/gcp/policy/engine/pack';
import { SynthesizedStack } from '../../../../lib/gcp/policy/engine/synthesized-stack';
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { VERTEX_ENDPOINT_RULES } from '../../../../lib/gcp/policy/rules/vertex-endpoint';
import { vertexEndpointCmek } from '../../../../lib/gcp/policy/rules/vertex-endpoint/vertex-endpoint-cmek';
import { vertexEndpointPrivate } from '../../../../lib/gcp/policy/rules/vertex-endpoint/vertex-endpoint-private';
import { vertexEndpointRequestLogging } from '../../../../lib/gcp/policy/rules/vertex-endpoint/vertex-endpoint-request-logging';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

/** An endpoint that passes every endpoint rule. */
const goodEndpoint = (overrides: Record<string, unknown> = {}) => ({
  name: '123456789',
  display_name: 'acme',
  location: 'us-central1',
  encryption_spec: { kms_key_name: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' },
  private_service_connect_config: { enable_private_service_connect: true, project_allowlist: ['p'] },
  predict_request_response_logging_config: { enabled: true, sampling_rate: 1, bigquery_destination: { output_uri: 'bq://p.acme_raw.acme_request_response_logging' } },
  ...overrides,
});

/** Judges the endpoint built from `config` with `rule`. */
function judge(rule: PolicyRule, config: Record<string, unknown>, type = 'google_vertex_ai_endpoint'): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: { [type]: { e: config } } });
  return rule(stack.resources[0], stack);
}

describe('GCP-VAI5 vertexEndpointCmek', () => {
  test('compliant with a key, as a block or a one-element list', () => {
    expect(judge(vertexEndpointCmek, goodEndpoint())).toBe(COMPLIANT);
    expect(judge(vertexEndpointCmek, goodEndpoint({ encryption_spec: [{ kms_key_name: '${google_kms_crypto_key.k.id}' }] }))).toBe(COMPLIANT);
  });
  test.each([undefined, {}, { kms_key_name: '' }])('non-compliant with encryption_spec %j', (spec) => {
    expect(judge(vertexEndpointCmek, goodEndpoint({ encryption_spec: spec }))).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(vertexEndpointCmek, { dataset_id: 'd' }, 'google_bigquery_dataset')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-VAI6 vertexEndpointPrivate', () => {
  test('compliant with Private Service Connect', () => {
    expect(judge(vertexEndpointPrivate, goodEndpoint())).toBe(COMPLIANT);
  });
  test('compliant with VPC peering (network) and no Private Service Connect', () => {
    expect(judge(vertexEndpointPrivate, goodEndpoint({ private_service_connect_config: undefined, network: 'projects/123/global/networks/vpc' }))).toBe(COMPLIANT);
  });
  test.each([
    ['neither', { private_service_connect_config: undefined }],
    ['Private Service Connect switched off', { private_service_connect_config: { enable_private_service_connect: false } }],
    ['a dedicated public endpoint', { private_service_connect_config: undefined, dedicated_endpoint_enabled: true }],
    ['an empty network', { private_service_connect_config: undefined, network: '' }],
  ])('non-compliant with %s', (_, overrides) => {
    expect(judge(vertexEndpointPrivate, goodEndpoint(overrides))).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(vertexEndpointPrivate, { name: 's' }, 'google_cloud_run_v2_service')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-VAI7 vertexEndpointRequestLogging', () => {
  test('compliant when enabled with a BigQuery destination', () => {
    expect(judge(vertexEndpointRequestLogging, goodEndpoint())).toBe(COMPLIANT);
  });
  test.each([
    ['no logging block', undefined],
    ['logging disabled', { enabled: false, bigquery_destination: { output_uri: 'bq://p.d.t' } }],
    ['no destination', { enabled: true, sampling_rate: 0.5 }],
    ['an empty destination', { enabled: true, bigquery_destination: { output_uri: '' } }],
  ])('non-compliant with %s', (_, logging) => {
    expect(judge(vertexEndpointRequestLogging, goodEndpoint({ predict_request_response_logging_config: logging }))).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(vertexEndpointRequestLogging, { name: 's' }, 'google_cloud_run_v2_service')).toBe(NOT_APPLICABLE);
  });
});

describe('VERTEX_ENDPOINT_RULES', () => {
  test('are GCP-VAI5 to GCP-VAI7, each with a message and a reference, and run in GcpFoundationChecks', () => {
    expect(VERTEX_ENDPOINT_RULES.map((r) => r.id)).toEqual(['GCP-VAI5', 'GCP-VAI6', 'GCP-VAI7']);
    for (const rule of VERTEX_ENDPOINT_RULES) {
      expect(rule.message).toMatch(/\S/);
      expect(rule.reference).toMatch(/https:\/\/cloud\.google\.com\/vertex-ai\//);
    }
    const packIds = new GcpFoundationChecks().rules.map((r) => r.id);
    expect(packIds).toEqual(expect.arrayContaining(['GCP-VAI5', 'GCP-VAI6', 'GCP-VAI7']));
  });
});

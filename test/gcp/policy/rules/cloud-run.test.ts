/**
 * The Cloud Run rules (GCP-RUN1 … GCP-RUN4) on small Terraform JSON fixtures: a compliant and a
 * non-compliant case each, and not-applicable for other resources.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { PolicyRule } from '../../../../lib/gcp/policy/engine/pack';
import { SynthesizedStack } from '../../../../lib/gcp/policy/engine/synthesized-stack';
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { CLOUD_RUN_RULES } from '../../../../lib/gcp/policy/rules/cloud-run';
import { cloudRunCmek } from '../../../../lib/gcp/policy/rules/cloud-run/cloud-run-cmek';
import { cloudRunDedicatedServiceAccount } from '../../../../lib/gcp/policy/rules/cloud-run/cloud-run-dedicated-service-account';
import { cloudRunIngressInternal } from '../../../../lib/gcp/policy/rules/cloud-run/cloud-run-ingress-internal';
import { cloudRunNotPublic } from '../../../../lib/gcp/policy/rules/cloud-run/cloud-run-not-public';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A v2 service that passes every Cloud Run rule. */
const goodService = (overrides: Record<string, unknown> = {}, template: Record<string, unknown> = {}) => ({
  name: 'acme-serve',
  location: 'us-central1',
  ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  template: {
    service_account: '${google_service_account.sa.email}',
    encryption_key: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
    containers: [{ image: 'us-docker.pkg.dev/p/r/model:1' }],
    ...template,
  },
  ...overrides,
});

/** Judges the resource at `address` of a fixture stack with `rule`. */
function judge(rule: PolicyRule, resources: Resources, address: string): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: resources });
  const resource = stack.resources.find((r) => r.address === address);
  if (!resource) {
    throw new Error(`fixture has no ${address}`);
  }
  return rule(resource, stack);
}

const SERVICE = 'google_cloud_run_v2_service.s';

describe('GCP-RUN1 cloudRunNotPublic (CKV_GCP_102)', () => {
  const member = (m: string, name = '${google_cloud_run_v2_service.s.name}') => ({ name, location: 'us-central1', role: 'roles/run.invoker', member: m });

  test('compliant with invoker grants to named members only', () => {
    const resources = {
      google_cloud_run_v2_service: { s: goodService() },
      google_cloud_run_v2_service_iam_member: { app: member('serviceAccount:app@p.iam.gserviceaccount.com') },
    };
    expect(judge(cloudRunNotPublic, resources, SERVICE)).toBe(COMPLIANT);
    // the grant itself is judged on the service it points at
    expect(judge(cloudRunNotPublic, resources, 'google_cloud_run_v2_service_iam_member.app')).toBe(NOT_APPLICABLE);
  });
  test.each(['allUsers', 'allAuthenticatedUsers'])('non-compliant on the service when an IAM member grants %s', (publicMember) => {
    const resources = {
      google_cloud_run_v2_service: { s: goodService() },
      google_cloud_run_v2_service_iam_member: { pub: member(publicMember) },
    };
    expect(judge(cloudRunNotPublic, resources, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('non-compliant when a binding names the service by its literal name', () => {
    const resources = {
      google_cloud_run_v2_service: { s: goodService() },
      google_cloud_run_v2_service_iam_binding: { pub: { name: 'acme-serve', location: 'us-central1', role: 'roles/run.invoker', members: ['group:a@example.com', 'allUsers'] } },
    };
    expect(judge(cloudRunNotPublic, resources, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('non-compliant when the service switches the invoker IAM check off', () => {
    expect(judge(cloudRunNotPublic, { google_cloud_run_v2_service: { s: goodService({ invoker_iam_disabled: true }) } }, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('a public grant on a service of another stack is reported on the grant; v1 resources too', () => {
    const resources = {
      google_cloud_run_v2_service_iam_member: { pub: member('allUsers', 'elsewhere'), ok: member('group:a@example.com', 'elsewhere') },
      google_cloud_run_service_iam_member: { v1: { service: 'legacy', location: 'us-central1', role: 'roles/run.invoker', member: 'allUsers' } },
    };
    expect(judge(cloudRunNotPublic, resources, 'google_cloud_run_v2_service_iam_member.pub')).toBe(NON_COMPLIANT);
    expect(judge(cloudRunNotPublic, resources, 'google_cloud_run_v2_service_iam_member.ok')).toBe(COMPLIANT);
    expect(judge(cloudRunNotPublic, resources, 'google_cloud_run_service_iam_member.v1')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(cloudRunNotPublic, { google_storage_bucket: { b: { name: 'b' } } }, 'google_storage_bucket.b')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-RUN2 cloudRunIngressInternal', () => {
  test.each(['INGRESS_TRAFFIC_INTERNAL_ONLY', 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'])('compliant with %s', (ingress) => {
    expect(judge(cloudRunIngressInternal, { google_cloud_run_v2_service: { s: goodService({ ingress }) } }, SERVICE)).toBe(COMPLIANT);
  });
  test.each(['INGRESS_TRAFFIC_ALL', undefined])('non-compliant with %s (no ingress means the default, all)', (ingress) => {
    expect(judge(cloudRunIngressInternal, { google_cloud_run_v2_service: { s: goodService({ ingress }) } }, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(cloudRunIngressInternal, { google_vertex_ai_endpoint: { e: { name: '1' } } }, 'google_vertex_ai_endpoint.e')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-RUN3 cloudRunCmek', () => {
  test('compliant with a template encryption key', () => {
    expect(judge(cloudRunCmek, { google_cloud_run_v2_service: { s: goodService() } }, SERVICE)).toBe(COMPLIANT);
  });
  test.each([undefined, ''])('non-compliant with encryption_key %j', (key) => {
    expect(judge(cloudRunCmek, { google_cloud_run_v2_service: { s: goodService({}, { encryption_key: key }) } }, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(cloudRunCmek, { google_vertex_ai_endpoint: { e: { name: '1' } } }, 'google_vertex_ai_endpoint.e')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-RUN4 cloudRunDedicatedServiceAccount', () => {
  test('compliant with a dedicated service account', () => {
    expect(judge(cloudRunDedicatedServiceAccount, { google_cloud_run_v2_service: { s: goodService() } }, SERVICE)).toBe(COMPLIANT);
  });
  test.each([undefined, '', '123456789012-compute@developer.gserviceaccount.com'])('non-compliant with service_account %j', (account) => {
    expect(judge(cloudRunDedicatedServiceAccount, { google_cloud_run_v2_service: { s: goodService({}, { service_account: account }) } }, SERVICE)).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(cloudRunDedicatedServiceAccount, { google_vertex_ai_endpoint: { e: { name: '1' } } }, 'google_vertex_ai_endpoint.e')).toBe(NOT_APPLICABLE);
  });
});

describe('CLOUD_RUN_RULES', () => {
  test('are GCP-RUN1 to GCP-RUN4, each with a message and a reference, and run in GcpFoundationChecks', () => {
    expect(CLOUD_RUN_RULES.map((r) => r.id)).toEqual(['GCP-RUN1', 'GCP-RUN2', 'GCP-RUN3', 'GCP-RUN4']);
    for (const rule of CLOUD_RUN_RULES) {
      expect(rule.message).toMatch(/\S/);
      expect(rule.reference).toMatch(/cloud\.google\.com\/run\//);
    }
    expect(new GcpFoundationChecks().rules.map((r) => r.id)).toEqual(expect.arrayContaining(['GCP-RUN1', 'GCP-RUN2', 'GCP-RUN3', 'GCP-RUN4']));
  });
});

/**
 * Each rule of the GCP policy pack, on small Terraform JSON fixtures: at least one compliant and
 * one non-compliant case, and not-applicable for resources it does not judge.
 */
import { CLOUD_RUN_RULES } from '../../../lib/gcp/policy/rule-sets/cloud-run';
import { GKE_RULES } from '../../../lib/gcp/policy/rule-sets/gke';
import { PUBSUB_RULES } from '../../../lib/gcp/policy/rule-sets/pubsub';
import { VERTEX_ENDPOINT_RULES } from '../../../lib/gcp/policy/rule-sets/vertex-endpoint';
import { VERTEX_FEATURE_STORE_RULES } from '../../../lib/gcp/policy/rule-sets/vertex-feature-store';
import {
  bigqueryDatasetCmek, bigqueryDatasetNotPublic, bigqueryTableCmek, GcpFoundationChecks, kmsKeyRotation, PolicyCompliance, PolicyRule,
  storageBucketAccessLogging, storageBucketNotPublic, storageBucketPublicAccessPrevention, storageBucketUniformAccess,
  storageBucketVersioning, SynthesizedStack, TerraformJson,
} from '../../../lib/gcp/policy';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Judges the resource at `address` of a fixture stack with `rule`. */
function judge(rule: PolicyRule, resources: Resources, address: string, data: TerraformJson['data'] = {}): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: resources, data });
  const resource = stack.resources.find((r) => r.address === address);
  if (!resource) {
    throw new Error(`fixture has no ${address}`);
  }
  return rule(resource, stack);
}

/** A bucket that passes every bucket rule. */
const goodBucket = (overrides: Record<string, unknown> = {}) => ({
  name: 'data',
  location: 'US',
  uniform_bucket_level_access: true,
  public_access_prevention: 'enforced',
  versioning: { enabled: true },
  logging: { log_bucket: '${google_storage_bucket.logs.name}' },
  ...overrides,
});

describe('SynthesizedStack', () => {
  test('reads resources with their address and the construct path from cdktf metadata', () => {
    const stack = new SynthesizedStack({
      resource: { google_storage_bucket: { Lake_Bucket_1: { name: 'x', '//': { metadata: { path: 'stack/Lake/Bucket', uniqueId: 'Lake_Bucket_1' } } } } },
    });
    expect(stack.resources).toEqual([expect.objectContaining({
      type: 'google_storage_bucket', name: 'Lake_Bucket_1', address: 'google_storage_bucket.Lake_Bucket_1', constructPath: 'stack/Lake/Bucket',
    })]);
  });
});

describe('GCP-GCS1 storageBucketUniformAccess (CIS 5.2, CKV_GCP_29)', () => {
  test('compliant with uniform bucket-level access', () => {
    expect(judge(storageBucketUniformAccess, { google_storage_bucket: { b: goodBucket() } }, 'google_storage_bucket.b')).toBe(COMPLIANT);
  });
  test.each([false, undefined])('non-compliant with uniform_bucket_level_access = %s', (value) => {
    expect(judge(storageBucketUniformAccess, { google_storage_bucket: { b: goodBucket({ uniform_bucket_level_access: value }) } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(storageBucketUniformAccess, { google_bigquery_dataset: { d: { dataset_id: 'd' } } }, 'google_bigquery_dataset.d')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-GCS2 storageBucketPublicAccessPrevention (CKV_GCP_114)', () => {
  test('compliant when enforced', () => {
    expect(judge(storageBucketPublicAccessPrevention, { google_storage_bucket: { b: goodBucket() } }, 'google_storage_bucket.b')).toBe(COMPLIANT);
  });
  test.each(['inherited', undefined])('non-compliant when %s', (value) => {
    expect(judge(storageBucketPublicAccessPrevention, { google_storage_bucket: { b: goodBucket({ public_access_prevention: value }) } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GCS3 storageBucketVersioning (CKV_GCP_78)', () => {
  test('compliant with versioning, as an object or a one-element list', () => {
    expect(judge(storageBucketVersioning, { google_storage_bucket: { b: goodBucket() } }, 'google_storage_bucket.b')).toBe(COMPLIANT);
    expect(judge(storageBucketVersioning, { google_storage_bucket: { b: goodBucket({ versioning: [{ enabled: true }] }) } }, 'google_storage_bucket.b')).toBe(COMPLIANT);
  });
  test.each([{ enabled: false }, undefined])('non-compliant with versioning %j', (versioning) => {
    expect(judge(storageBucketVersioning, { google_storage_bucket: { b: goodBucket({ versioning }) } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GCS4 storageBucketAccessLogging (CKV_GCP_62, CKV_GCP_63)', () => {
  test('compliant when logging to another bucket', () => {
    const resources = { google_storage_bucket: { b: goodBucket(), logs: goodBucket({ name: 'logs', logging: undefined }) } };
    expect(judge(storageBucketAccessLogging, resources, 'google_storage_bucket.b')).toBe(COMPLIANT);
  });
  test('non-compliant without logging', () => {
    const resources = { google_storage_bucket: { logs: goodBucket({ name: 'logs', logging: undefined }) } };
    expect(judge(storageBucketAccessLogging, resources, 'google_storage_bucket.logs')).toBe(NON_COMPLIANT);
  });
  test('non-compliant when logging to itself, by reference or by name', () => {
    expect(judge(storageBucketAccessLogging, { google_storage_bucket: { b: goodBucket({ logging: { log_bucket: '${google_storage_bucket.b.name}' } }) } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageBucketAccessLogging, { google_storage_bucket: { b: goodBucket({ logging: { log_bucket: 'data' } }) } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GCS5 storageBucketNotPublic (CIS 5.1, CKV_GCP_28)', () => {
  const bucketRef = '${google_storage_bucket.b.name}';

  test('compliant bucket with private grants only', () => {
    const resources = {
      google_storage_bucket: { b: goodBucket() },
      google_storage_bucket_iam_member: { m: { bucket: bucketRef, role: 'roles/storage.objectViewer', member: 'group:a@example.com' } },
    };
    expect(judge(storageBucketNotPublic, resources, 'google_storage_bucket.b')).toBe(COMPLIANT);
  });

  test('a public iam_member pointing at the bucket makes the bucket non-compliant; the member itself is not judged twice', () => {
    const resources = {
      google_storage_bucket: { b: goodBucket() },
      google_storage_bucket_iam_member: { m: { bucket: bucketRef, role: 'roles/storage.objectViewer', member: 'allUsers' } },
    };
    expect(judge(storageBucketNotPublic, resources, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageBucketNotPublic, resources, 'google_storage_bucket_iam_member.m')).toBe(NOT_APPLICABLE);
  });

  test('public bindings, policies (via google_iam_policy) and ACLs count too, also by literal bucket name', () => {
    const bucket = { google_storage_bucket: { b: goodBucket() } };
    expect(judge(storageBucketNotPublic, { ...bucket, google_storage_bucket_iam_binding: { x: { bucket: 'data', role: 'roles/storage.objectViewer', members: ['group:a@example.com', 'allAuthenticatedUsers'] } } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageBucketNotPublic, { ...bucket, google_storage_bucket_iam_policy: { x: { bucket: bucketRef, policy_data: '${data.google_iam_policy.p.policy_data}' } } }, 'google_storage_bucket.b',
      { google_iam_policy: { p: { binding: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] } } })).toBe(NON_COMPLIANT);
    expect(judge(storageBucketNotPublic, { ...bucket, google_storage_bucket_acl: { x: { bucket: bucketRef, predefined_acl: 'publicRead' } } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageBucketNotPublic, { ...bucket, google_storage_bucket_acl: { x: { bucket: bucketRef, role_entity: ['READER:allUsers'] } } }, 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });

  test('a grant on a bucket managed elsewhere is judged on the grant', () => {
    expect(judge(storageBucketNotPublic, { google_storage_bucket_iam_member: { m: { bucket: 'someone-elses', role: 'roles/storage.objectViewer', member: 'allUsers' } } }, 'google_storage_bucket_iam_member.m')).toBe(NON_COMPLIANT);
    expect(judge(storageBucketNotPublic, { google_storage_bucket_iam_member: { m: { bucket: 'someone-elses', role: 'roles/storage.objectViewer', member: 'user:a@example.com' } } }, 'google_storage_bucket_iam_member.m')).toBe(COMPLIANT);
  });

  test('a public grant on another bucket does not taint this one', () => {
    const resources = {
      google_storage_bucket: { b: goodBucket(), other: goodBucket({ name: 'other' }) },
      google_storage_bucket_iam_member: { m: { bucket: '${google_storage_bucket.other.name}', role: 'roles/storage.objectViewer', member: 'allUsers' } },
    };
    expect(judge(storageBucketNotPublic, resources, 'google_storage_bucket.b')).toBe(COMPLIANT);
    expect(judge(storageBucketNotPublic, resources, 'google_storage_bucket.other')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-BQ1 bigqueryDatasetNotPublic (CIS 7.1, CKV_GCP_15)', () => {
  const datasetRef = '${google_bigquery_dataset.d.dataset_id}';

  test('compliant with private access entries and grants', () => {
    const resources = {
      google_bigquery_dataset: { d: { dataset_id: 'lake_raw', access: [{ role: 'READER', user_by_email: 'a@example.com' }, { role: 'OWNER', special_group: 'projectOwners' }] } },
      google_bigquery_dataset_iam_member: { m: { dataset_id: datasetRef, role: 'roles/bigquery.dataViewer', member: 'group:a@example.com' } },
    };
    expect(judge(bigqueryDatasetNotPublic, resources, 'google_bigquery_dataset.d')).toBe(COMPLIANT);
  });

  test.each([
    ['a special_group access entry', { access: [{ role: 'READER', special_group: 'allAuthenticatedUsers' }] }],
    ['an iam_member access entry', { access: { role: 'READER', iam_member: 'allUsers' } }],
  ])('non-compliant with %s', (_name, overrides) => {
    expect(judge(bigqueryDatasetNotPublic, { google_bigquery_dataset: { d: { dataset_id: 'lake_raw', ...overrides } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });

  test('non-compliant when an IAM member or dataset_access resource opens it', () => {
    const dataset = { google_bigquery_dataset: { d: { dataset_id: 'lake_raw' } } };
    expect(judge(bigqueryDatasetNotPublic, { ...dataset, google_bigquery_dataset_iam_member: { m: { dataset_id: datasetRef, role: 'roles/bigquery.dataViewer', member: 'allUsers' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
    expect(judge(bigqueryDatasetNotPublic, { ...dataset, google_bigquery_dataset_access: { a: { dataset_id: 'lake_raw', role: 'READER', special_group: 'allAuthenticatedUsers' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });

  test('a grant on a dataset managed elsewhere is judged on the grant', () => {
    expect(judge(bigqueryDatasetNotPublic, { google_bigquery_dataset_iam_binding: { b: { dataset_id: 'elsewhere', role: 'roles/bigquery.dataViewer', members: ['allUsers'] } } }, 'google_bigquery_dataset_iam_binding.b')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-BQ2 bigqueryDatasetCmek (CIS 7.3, CKV_GCP_81)', () => {
  test('compliant with a default KMS key', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_dataset: { d: { dataset_id: 'd', default_encryption_configuration: { kms_key_name: '${google_kms_crypto_key.k.id}' } } } }, 'google_bigquery_dataset.d')).toBe(COMPLIANT);
  });
  test('non-compliant without one', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_dataset: { d: { dataset_id: 'd' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });
  test('not applicable to tables', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_table: { t: { table_id: 't' } } }, 'google_bigquery_table.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-BQ3 bigqueryTableCmek (CIS 7.2, CKV_GCP_80)', () => {
  test('compliant with a KMS key', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { t: { table_id: 't', encryption_configuration: [{ kms_key_name: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' }] } } }, 'google_bigquery_table.t')).toBe(COMPLIANT);
  });
  test('non-compliant without one', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { t: { table_id: 't' } } }, 'google_bigquery_table.t')).toBe(NON_COMPLIANT);
  });
  test('views hold no data: not applicable', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { v: { table_id: 'v', view: { query: 'SELECT 1', use_legacy_sql: false } } } }, 'google_bigquery_table.v')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-KMS1 kmsKeyRotation (CIS 1.10, CKV_GCP_43)', () => {
  const key = (config: Record<string, unknown>) => ({ google_kms_crypto_key: { k: { name: 'k', key_ring: 'r', ...config } } });

  test.each(['7776000s', '86400s', '2592000s'])('compliant with rotation_period %s', (period) => {
    expect(judge(kmsKeyRotation, key({ rotation_period: period }), 'google_kms_crypto_key.k')).toBe(COMPLIANT);
  });
  test.each([['over 90 days', '7776001s'], ['under a day', '3600s'], ['absent', undefined], ['an unresolved variable', '${var.rotation}']])('non-compliant when %s', (_name, period) => {
    expect(judge(kmsKeyRotation, key({ rotation_period: period }), 'google_kms_crypto_key.k')).toBe(NON_COMPLIANT);
  });
  test('asymmetric keys cannot rotate automatically: not applicable', () => {
    expect(judge(kmsKeyRotation, key({ purpose: 'ASYMMETRIC_SIGN' }), 'google_kms_crypto_key.k')).toBe(NOT_APPLICABLE);
  });
});

describe('GcpFoundationChecks', () => {
  test('lists every rule once, storage rules first, then each area\'s rule set in order', () => {
    const pack = new GcpFoundationChecks();
    const ids = pack.rules.map((r) => r.id);
    expect(ids.slice(0, 9)).toEqual(['GCP-GCS1', 'GCP-GCS2', 'GCP-GCS3', 'GCP-GCS4', 'GCP-GCS5', 'GCP-BQ1', 'GCP-BQ2', 'GCP-BQ3', 'GCP-KMS1']);
    expect(ids.slice(9)).toEqual([...PUBSUB_RULES, ...VERTEX_FEATURE_STORE_RULES, ...VERTEX_ENDPOINT_RULES, ...CLOUD_RUN_RULES, ...GKE_RULES].map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [prefix, count] of [['GCP-PS', 3], ['GCP-VAI', 7], ['GCP-RUN', 4], ['GCP-GKE', 10]] as const) {
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

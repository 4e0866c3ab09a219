/**
 * The Cloud Storage rules of the GCP policy pack (GCP-GCS1..5), on small Terraform JSON fixtures:
 * at least one compliant and one non-compliant case, and not-applicable for resources a rule does
 * not judge.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { storageBucketAccessLogging } from '../../../../lib/gcp/policy/rules/storage/storage-bucket-access-logging';
import { storageBucketNotPublic } from '../../../../lib/gcp/policy/rules/storage/storage-bucket-not-public';
import { storageBucketPublicAccessPrevention } from '../../../../lib/gcp/policy/rules/storage/storage-bucket-public-access-prevention';
import { storageBucketUniformAccess } from '../../../../lib/gcp/policy/rules/storage/storage-bucket-uniform-access';
import { storageBucketVersioning } from '../../../../lib/gcp/policy/rules/storage/storage-bucket-versioning';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

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


/**
 * The runner: the pack on whole synthesized stacks, acknowledgments, and failing synth.
 */
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import { MlopsValidationError } from 'mlops-constructs';
import { DataLake, GcpChecks, policyReport } from 'mlops-constructs/gcp';
import * as path from 'path';
import { newAppAndStack, newStack, ordersSchema } from '../../support';

/** A DataLake with a rotating KMS key, tables and grants: everything the construct can create. */
function fullLake(stack: TerraformStack): DataLake {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
  const key = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
  const lake = new DataLake(stack, 'Lake', {
    prefix: 'acme-ml',
    encryptionKey: key,
    zones: [{ name: 'features' }],
    tables: [{ zone: 'raw', schema: ordersSchema() }],
    iam: { 'roles/bigquery.dataViewer': ['group:analysts@example.com'], 'roles/storage.objectViewer': ['group:analysts@example.com'] },
  });
  lake.grantWrite('raw', 'serviceAccount:ingest@acme-ml.iam.gserviceaccount.com');
  lake.grantQuery('serviceAccount:trainer@acme-ml.iam.gserviceaccount.com');
  return lake;
}

/** A stack breaking several rules: a public bucket without versioning, logging, PAP or uniform access; an open dataset; a slow key. */
function badStack(stack: TerraformStack): void {
  const scope = new Construct(stack, 'Bad');
  const bucket = new StorageBucket(scope, 'Bucket', { name: 'acme-public', location: 'US' });
  new StorageBucketIamMember(scope, 'Public', { bucket: bucket.name, role: 'roles/storage.objectViewer', member: 'allUsers' });
  new BigqueryDataset(scope, 'Dataset', { datasetId: 'open', access: [{ role: 'READER', specialGroup: 'allAuthenticatedUsers' }] });
  const ring = new KmsKeyRing(scope, 'Ring', { name: 'r', location: 'us' });
  new KmsCryptoKey(scope, 'Key', { name: 'k', keyRing: ring.id, rotationPeriod: '31536000s' });
}

describe('GcpChecks on a DataLake', () => {
  test('a lake with a KMS key has zero findings; only the log bucket\'s own logging is acknowledged, with its reason', () => {
    // given everything a DataLake creates, with CMEK
    const stack = newStack();
    fullLake(stack);
    // when the pack runs
    const report = GcpChecks.check(stack);
    // then there are no findings
    expect(report.findings).toEqual([]);
    expect(report.pack).toBe('GcpFoundationChecks');
    // and the single acknowledgment says why
    expect(report.acknowledged).toEqual([expect.objectContaining({
      ruleId: 'GCP-GCS4',
      constructPath: 'stack/Lake/AccessLogs/Bucket',
      resourceAddress: expect.stringMatching(/^google_storage_bucket\.Lake_AccessLogs_Bucket_[0-9A-F]{8}$/),
      reason: expect.stringMatching(/receives the usage logs of the lake buckets; it cannot log to itself/),
    })]);
  });

  test('without a key, the BigQuery CMEK rules report every dataset and table (CMEK is optional, the finding is honest)', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { prefix: 'acme-ml', tables: [{ zone: 'raw', schema: ordersSchema() }] });
    const report = GcpChecks.check(stack);
    expect(report.findings.map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-BQ2 stack/Lake/Zone-artifacts/Dataset',
      'GCP-BQ2 stack/Lake/Zone-curated/Dataset',
      'GCP-BQ2 stack/Lake/Zone-raw/Dataset',
      'GCP-BQ3 stack/Lake/Zone-raw/Table-orders',
    ]);
  });

  test('GcpChecks.addTo lets a compliant lake synthesize', () => {
    const { app, stack } = newAppAndStack();
    fullLake(stack);
    GcpChecks.addTo(stack);
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'))).toBe(true);
  });
});

describe('GcpChecks catches what it should (not vacuous)', () => {
  test('a deliberately non-compliant stack yields a finding for every broken rule', () => {
    const stack = newStack();
    badStack(stack);
    const report = GcpChecks.check(stack);
    expect(report.findings.map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-BQ1 stack/Bad/Dataset',
      'GCP-BQ2 stack/Bad/Dataset',
      'GCP-GCS1 stack/Bad/Bucket',
      'GCP-GCS2 stack/Bad/Bucket',
      'GCP-GCS3 stack/Bad/Bucket',
      'GCP-GCS4 stack/Bad/Bucket',
      'GCP-GCS5 stack/Bad/Bucket',
      'GCP-KMS1 stack/Bad/Key',
    ]);
    const gcs5 = report.findings.find((f) => f.ruleId === 'GCP-GCS5')!;
    expect(gcs5.resourceAddress).toMatch(/^google_storage_bucket\.Bad_Bucket_[0-9A-F]{8}$/);
    expect(gcs5.message).toMatch(/allUsers or allAuthenticatedUsers/);
    expect(gcs5.reference).toMatch(/CIS Google Cloud Platform Foundation Benchmark 5\.1; checkov CKV_GCP_28/);
    expect(report.acknowledged).toEqual([]);
  });

  test('GcpChecks.addTo makes app.synth() fail, listing each finding with address and construct path', () => {
    const { app, stack } = newAppAndStack();
    badStack(stack);
    GcpChecks.addTo(stack);
    GcpChecks.addTo(stack); // registering twice reports once
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Validation failed/);
    expect(message).toMatch(/\[stack\] GCP-GCS1 google_storage_bucket\.Bad_Bucket_[0-9A-F]{8} \(stack\/Bad\/Bucket\): The Cloud Storage bucket does not have uniform bucket-level access/);
    expect(message).toMatch(/GCP-KMS1 google_kms_crypto_key\.Bad_Key_[0-9A-F]{8} \(stack\/Bad\/Key\)/);
    expect(message.match(/GCP-GCS1 /g)).toHaveLength(1);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'))).toBe(false);
  });

  test('Testing.synth(stack, true) runs the same validation', () => {
    const stack = newStack();
    badStack(stack);
    GcpChecks.addTo(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/GCP-GCS5 google_storage_bucket\.Bad_Bucket_/);
  });
});

describe('acknowledgments', () => {
  test('suppress a rule at and under the acknowledged construct only, and are reported with their reason', () => {
    // given the bad stack with GCS3 acknowledged on the Bad scope and KMS1 on an unrelated construct
    const stack = newStack();
    badStack(stack);
    const elsewhere = new Construct(stack, 'Elsewhere');
    GcpChecks.acknowledge(stack.node.findChild('Bad'), { id: 'GCP-GCS3', reason: 'Scratch bucket, rebuilt nightly.' });
    GcpChecks.acknowledge(elsewhere, { id: 'GCP-KMS1', reason: 'Does not cover the Bad key.' });
    // when checked
    const report = GcpChecks.check(stack);
    // then GCS3 moved to acknowledged, KMS1 did not
    expect(report.findings.map((f) => f.ruleId)).not.toContain('GCP-GCS3');
    expect(report.findings.map((f) => f.ruleId)).toContain('GCP-KMS1');
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'GCP-GCS3', constructPath: 'stack/Bad/Bucket', reason: 'Scratch bucket, rebuilt nightly.' })]);
  });

  test('a path prefix that is not an ancestor does not match', () => {
    const stack = newStack();
    badStack(stack);
    const sibling = new Construct(stack, 'Ba'); // "stack/Ba" is a string prefix of "stack/Bad", not an ancestor
    GcpChecks.acknowledge(sibling, { id: 'GCP-GCS3', reason: 'Not an ancestor.' });
    expect(GcpChecks.check(stack).findings.map((f) => f.ruleId)).toContain('GCP-GCS3');
  });

  test.each([
    ['an empty reason', { id: 'GCP-GCS4', reason: '  ' }, /\[stack\/X\] invalid acknowledgments\[0\]\.reason: "  "\. Allowed: a non-empty sentence saying why GCP-GCS4 does not apply here/],
    ['a missing reason', { id: 'GCP-GCS4' }, /invalid acknowledgments\[0\]\.reason: undefined\. Allowed: a non-empty sentence/],
    ['an empty id', { id: '', reason: 'x' }, /invalid acknowledgments\[0\]\.id: ""\. Allowed: a rule id such as "GCP-GCS4"/],
  ])('refuse %s', (_name, ack, message) => {
    const stack = newStack();
    const scope = new Construct(stack, 'X');
    expect(() => GcpChecks.acknowledge(scope, ack as { id: string; reason: string })).toThrow(message);
    expect(() => GcpChecks.acknowledge(scope, ack as { id: string; reason: string })).toThrow(MlopsValidationError);
  });
});

describe('policyReport on an already synthesized document', () => {
  test('reads construct paths from the cdk.tf.json metadata and applies the stack\'s acknowledgments', () => {
    // given a synthesized app
    const { app, stack } = newAppAndStack();
    fullLake(stack);
    badStack(stack);
    app.synth();
    const document = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
    // when checked from the file
    const report = policyReport(stack, document);
    // then it agrees with the in-memory check
    expect(report).toEqual(GcpChecks.check(stack));
    expect(report.findings.every((f) => f.constructPath.startsWith('stack/Bad/'))).toBe(true);
    expect(report.acknowledged.map((a) => a.constructPath)).toEqual(['stack/Lake/AccessLogs/Bucket']);
  });
});

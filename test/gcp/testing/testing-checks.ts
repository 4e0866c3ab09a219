/**
 * mlops-constructs/gcp/testing, as a consumer's test uses it: cdktf's `Testing.synth` runs no
 * policy pack; `runChecks` and `synthWithChecks` run them (by default GcpFoundationChecks) the way
 * `app.synth()` does for `GcpChecks.addTo` — nothing on a DataLake (the library's acknowledgments,
 * with their reasons, reported apart), findings on a plain bucket beside it.
 *
 * Registered in test/checks.test.ts with the other check suites.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Testing, TerraformStack } from 'cdktf';
import { MlopsValidationError } from 'mlops-constructs';
import { DataLake, GcpChecks, GcpFoundationChecks, PolicyCompliance, PolicyPack } from 'mlops-constructs/gcp';
import { runChecks, GcpChecksFailedError, synthWithChecks } from 'mlops-constructs/gcp/testing';
// cdktf's jest matchers, registered at run time by setupJest and typed by the adapter's declaration.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { newStack, ordersSchema } from '../support';

Testing.setupJest();

/** A lake with a customer-managed key, as the policy pack asks (GCP-BQ2, GCP-BQ3). */
function lakeStack(): TerraformStack {
  const stack = newStack();
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
  const encryptionKey = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
  new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey, tables: [{ zone: 'raw', schema: ordersSchema() }] });
  return stack;
}

function plainBucketStack(): { stack: TerraformStack; bucket: StorageBucket } {
  const stack = newStack();
  const bucket = new StorageBucket(stack, 'Plain', { name: 'acme-plain', location: 'EU' });
  return { stack, bucket };
}

test('a DataLake has no finding; the library\'s acknowledgments are reported apart, each with its reason; the result is what cdktf\'s matchers take', () => {
  const { synthesized, findings, acknowledged } = runChecks(lakeStack());
  expect(findings).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(acknowledged.filter((a) => a.reason.trim() === '')).toEqual([]);
  expect(synthesized).toHaveResourceWithProperties(StorageBucket, { uniform_bucket_level_access: true });
  expect(synthWithChecks(lakeStack())).toBe(synthesized);
});

test('runChecks resolves the stack once, and returns what Testing.synth and GcpChecks.check (one resolution each) return', () => {
  const stack = lakeStack();
  const { stack: plain } = plainBucketStack();
  const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform');
  try {
    const checked = runChecks(stack);
    const checkedPlain = runChecks(plain);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    expect(checked.synthesized).toBe(Testing.synth(stack, true));
    const separately = GcpChecks.check(plain);
    expect(checkedPlain.findings).toEqual(separately.findings);
    expect(checkedPlain.findings.length).toBeGreaterThan(0);
    expect(checked.acknowledged).toEqual(GcpChecks.check(stack).acknowledged);
  } finally {
    spy.mockRestore();
  }
});

test('Testing.synth passes a plain bucket; runChecks reports it and synthWithChecks throws every finding', () => {
  const { stack } = plainBucketStack();
  expect(() => Testing.synth(stack, true)).not.toThrow();
  const { findings } = runChecks(stack);
  expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['GCP-GCS1', 'GCP-GCS2', 'GCP-GCS3']));
  expect(findings.every((f) => f.constructPath === 'stack/Plain')).toBe(true);
  let error: unknown;
  try {
    synthWithChecks(stack);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(GcpChecksFailedError);
  expect((error as GcpChecksFailedError).findings).toEqual(findings);
  expect((error as Error).message).toMatch(/^\[stack\] \d+ unacknowledged finding\(s\) of the policy packs:\nGCP-GCS\d google_storage_bucket\.Plain \(stack\/Plain\): /);
});

test('an acknowledgment moves a finding to acknowledged with its reason; packs are the caller\'s to choose', () => {
  const { stack, bucket } = plainBucketStack();
  GcpChecks.acknowledge(bucket, { id: 'GCP-GCS1', reason: 'A fixture bucket.' });
  const { findings, acknowledged } = runChecks(stack);
  expect(findings.map((f) => f.ruleId)).not.toContain('GCP-GCS1');
  expect(acknowledged).toEqual([expect.objectContaining({ ruleId: 'GCP-GCS1', constructPath: 'stack/Plain', reason: 'A fixture bucket.' })]);
  const named: PolicyPack = {
    name: 'OnlyNamedBuckets',
    rules: [{ id: 'X1', message: 'Buckets are named acme-*.', reference: 'house rule', rule: (r) => (r.type !== 'google_storage_bucket' || String(r.config.name).startsWith('acme-') ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT) }],
  };
  expect(runChecks(stack, { packs: [named] }).findings).toEqual([]);
  new StorageBucket(stack, 'Other', { name: 'other', location: 'EU' });
  expect(runChecks(stack, { packs: [named, new GcpFoundationChecks()] }).findings.filter((f) => f.ruleId === 'X1').map((f) => f.constructPath)).toEqual(['stack/Other']);
});

test('bad input: not a stack, packs that are not policy packs', () => {
  expect(() => runChecks({} as TerraformStack)).toThrow(new MlopsValidationError(undefined, 'stack', {}, 'a cdktf TerraformStack'));
  const stack = newStack();
  expect(() => runChecks(stack, { packs: 'GcpFoundationChecks' as never })).toThrow(/\[stack\] invalid packs: "GcpFoundationChecks"\. Allowed: a list of policy packs/);
  expect(() => runChecks(stack, { packs: [{ name: 'x' } as never] })).toThrow(/\[stack\] invalid packs\[0\]: .*Allowed: a PolicyPack/);
});

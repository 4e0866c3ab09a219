/**
 * mlops-constructs/aws/testing, as a consumer's test uses it: `runChecks` and `synthWithChecks`
 * run aws-cdk-lib's CloudFormation validator and the cdk-nag packs given on one stack of the app,
 * and report what they found on that stack — nothing on a DataLake (the library's acknowledgments,
 * with their reasons, are reported apart), the validator's and the packs' findings on a plain
 * invalid bucket beside it.
 *
 * Registered in test/checks.test.ts, so the validator and cdk-nag load once with the other suites.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { Construct } from 'constructs';
import { MlopsValidationError } from 'mlops-constructs';
import { DataLake } from 'mlops-constructs/aws';
import { AwsChecksFailedError, AwsStackCheck, runChecks, synthWithChecks } from 'mlops-constructs/aws/testing';
import { orders } from '../fixtures';

let app: App;
let lake: AwsStackCheck;
let plain: AwsStackCheck;

beforeAll(() => {
  app = new App();
  new DataLake(new Stack(app, 'Lake', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Lake', { tables: [{ zone: 'raw', schema: orders }] });
  const bad = new Stack(app, 'Plain');
  new s3.CfnBucket(bad, 'Bucket', { versioningConfiguration: { status: 'Sometimes' } });
  lake = runChecks(app.node.findChild('Lake') as Stack, { packs: [new AwsSolutionsChecks(), new NIST80053R5Checks()] });
  // The same packs again, as new instances: registered once by name, reported once.
  plain = runChecks(bad, { packs: [new AwsSolutionsChecks(), new NIST80053R5Checks()] });
});

test('a DataLake has no finding; the library\'s acknowledgments are reported apart, each with its reason', () => {
  expect(lake.findings).toEqual([]);
  expect(lake.acknowledgments.length).toBeGreaterThan(0);
  expect(lake.acknowledgments.filter((a) => a.reason.trim() === '' || !a.at.startsWith('Lake/'))).toEqual([]);
  // The lake's buckets are not replicated (a choice the library documents, acknowledged on each).
  expect(lake.acknowledgments.filter((a) => a.rule.endsWith('NIST.800.53.R5-S3BucketReplicationEnabled')).map((a) => a.at)).toContain('Lake/Lake/Zone-raw/Bucket');
  expect(Object.values(lake.template.Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::S3::Bucket').length).toBeGreaterThan(2);
});

test('a plain bucket with an invalid property: the validator\'s and both packs\' findings, on that stack only, once each', () => {
  const rules = plain.findings.map((f) => `${f.plugin} ${f.rule}`);
  expect(rules).toEqual(expect.arrayContaining(['CloudFormation Validate W3030', 'AwsSolutions AwsSolutions-S1', 'NIST.800.53.R5 NIST.800.53.R5-S3BucketLoggingEnabled']));
  expect(new Set(rules).size).toBe(rules.length);
  expect(plain.findings.flatMap((f) => f.constructPaths).filter((p) => !p.startsWith('Plain/'))).toEqual([]);
  expect(plain.findings.find((f) => f.rule === 'W3030')?.description).toContain('Sometimes');
});

test('the validator runs although the unit tests switch it off, and the switch is restored', () => {
  expect(process.env.CDK_VALIDATION).toBe('false'); // test/setup-env.ts
  expect(plain.findings.some((f) => f.plugin === 'CloudFormation Validate')).toBe(true);
  expect(process.env.CDK_APP_MODE).toBeUndefined();
});

test('synthWithChecks returns the Template of a compliant stack and throws every finding of a non-compliant one', () => {
  synthWithChecks(app.node.findChild('Lake') as Stack).resourceCountIs('AWS::Athena::WorkGroup', 1);
  let error: unknown;
  try {
    synthWithChecks(app.node.findChild('Plain') as Stack);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AwsChecksFailedError);
  expect((error as AwsChecksFailedError).findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['W3030', 'AwsSolutions-S1']));
  expect((error as Error).message).toMatch(/^\[Plain\] \d+ unacknowledged finding\(s\)/);
  expect((error as Error).message).toContain('AwsSolutions-S1 (error, AwsSolutions) at Plain/Bucket: ');
});

test('bad input: not a stack, a stack outside an App, packs that are not plugins', () => {
  expect(() => runChecks({} as Stack)).toThrow(new MlopsValidationError(undefined, 'stack', {}, 'an aws-cdk-lib Stack'));
  const orphan = new Stack(new Construct(undefined as never, 'Root'), 'Orphan');
  expect(() => runChecks(orphan)).toThrow(/\[Root\/Orphan\] invalid stack: .*Allowed: a Stack inside an aws-cdk-lib App/);
  const stack = new Stack(new App(), 'S');
  expect(() => runChecks(stack, { packs: 'AwsSolutions' as never })).toThrow(/\[S\] invalid packs: "AwsSolutions"\. Allowed: a list of validation plugins/);
  expect(() => runChecks(stack, { packs: [null as never] })).toThrow(/\[S\] invalid packs\[0\]: null\. Allowed: an IPolicyValidationPlugin/);
});

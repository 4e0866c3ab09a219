/**
 * The checks every AWS construct passes: zero findings from the CloudFormation validator (errors
 * and warnings) and from cdk-nag AwsSolutions and NIST 800-53 rev 5, with every acknowledgment
 * made inside the construct and carrying a reason.
 *
 * One checked synth for the whole file (each costs about 2.5 s). It holds three stacks:
 * - DefaultLake: `new DataLake(stack, 'Lake')`, no props;
 * - TablesLake: tables, an extra zone, a table added later, and a role granted read, write and query;
 * - Consumers: a role of another stack granted write and query (cross-stack references);
 * - DestroyableLake: removalPolicy DESTROY with the app's opt-in (auto-delete custom resources);
 * - Canary: a plain unencrypted bucket with invalid properties. It proves, in this very synth, that
 *   the validator and both packs ran and can fail. It is also what lets `readFindings` work on a
 *   clean lake: aws-cdk-lib leaves a plugin out of the report when it has nothing to report, and
 *   `readFindings` treats a pack missing from the report as a pack that did not run.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ALLOW_DATA_DESTRUCTION_CONTEXT } from 'mlops-constructs';
import { DataLake } from 'mlops-constructs/aws';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';
import { countries, orders } from '../fixtures';

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    new DataLake(new Stack(app, 'DefaultLake'), 'Lake');
    const tablesStack = new Stack(app, 'TablesLake');
    const tablesLake = new DataLake(tablesStack, 'Lake', {
      prefix: 'acme-ml',
      zones: [{ name: 'sandbox' }, { name: 'feature-store', lifecycle: { infrequentAccessAfterDays: 30, expireAfterDays: 365 } }],
      tables: [{ zone: 'raw', schema: orders }],
    });
    tablesLake.addTable('curated', countries);
    const analyst = new iam.Role(tablesStack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    tablesLake.grantRead('raw', analyst);
    tablesLake.grantWrite('sandbox', analyst);
    tablesLake.grantQuery(analyst);
    const worker = new iam.Role(new Stack(app, 'Consumers'), 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    tablesLake.grantWrite('raw', worker);
    tablesLake.grantQuery(worker);
    new DataLake(new Stack(app, 'DestroyableLake'), 'Lake', { removalPolicy: RemovalPolicy.DESTROY, tables: [{ zone: 'curated', schema: orders }] });
  }, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }));
});

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  const plugins = new Set(canary.map((f) => f.plugin));
  expect(plugins).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
  expect(canary.map((f) => f.rule)).toEqual(expect.arrayContaining([
    'AwsSolutions-S10',
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'NIST.800.53.R5-S3BucketSSLRequestsOnly',
  ]));
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'warning')).toBe(true);
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'error')).toBe(true);
});

test('every finding of the synth is the canary\'s: nothing else, not even a finding without a construct path', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test('a lake with no props has zero findings, errors and warnings', () => {
  expect(formatFindings(findingsUnder(findings, 'DefaultLake'))).toBe('');
});

test('a lake with tables and extra zones has zero findings, errors and warnings', () => {
  expect(assembly.getStackByName('TablesLake').template.Resources).toBeDefined();
  expect(formatFindings(findingsUnder(findings, 'TablesLake'))).toBe('');
});

test('roles granted access to a lake, in its stack and in another, have zero findings', () => {
  expect(formatFindings(findingsUnder(findings, 'Consumers'))).toBe('');
  expect(assembly.getStackByName('Consumers').template.Resources).toBeDefined();
  expect(JSON.stringify(assembly.getStackByName('Consumers').template)).toContain('Fn::ImportValue');
});

test('a destroyable lake has zero findings, errors and warnings', () => {
  expect(assembly.getStackByName('DestroyableLake').template.Resources).toBeDefined();
  expect(formatFindings(findingsUnder(findings, 'DestroyableLake'))).toBe('');
});

test('every acknowledgment is made on one bucket of a lake or on the policy of a lake grant, with a reason', () => {
  expect(acknowledgments.length).toBeGreaterThan(0);
  for (const ack of acknowledgments) {
    expect(ack.reason.trim().length).toBeGreaterThan(40);
    expect(ack.at).toMatch(/^(DefaultLake|TablesLake|DestroyableLake)\/Lake\/(AccessLogs|Zone-[a-z0-9-]+\/Bucket)$|^(TablesLake\/Analyst|Consumers\/Worker)\/DataLakeGrants-[A-Za-z0-9]+\/Resource$/);
  }
});

test('grant acknowledgments name single wildcard resources, never a whole rule', () => {
  const grantAcks = acknowledgments.filter((a) => a.at.includes('/DataLakeGrants-'));
  expect(grantAcks.length).toBeGreaterThan(0);
  for (const ack of grantAcks) {
    expect(ack.rule).toMatch(/^(Annotation::)?AwsSolutions-IAM5\[Resource::.+\*\]$/);
  }
  expect(grantAcks.map((a) => a.rule)).toEqual(expect.arrayContaining([
    expect.stringContaining('/athena-results/*]'),
    expect.stringContaining(':table/acme_ml_raw/*]'),
  ]));
});

test('the acknowledgments are exactly what cannot be met in one stack', () => {
  const forStack = (stack: string) => acknowledgments
    .filter((a) => a.at.startsWith(`${stack}/`))
    .map((a) => `${a.at.slice(stack.length + 1)} ${a.rule.replace(/^Annotation::/, '')}`)
    .sort();
  expect(forStack('DefaultLake')).toEqual([
    'Lake/AccessLogs NIST.800.53.R5-S3BucketReplicationEnabled',
    'Lake/AccessLogs NIST.800.53.R5-S3DefaultEncryptionKMS',
    'Lake/Zone-artifacts/Bucket NIST.800.53.R5-S3BucketReplicationEnabled',
    'Lake/Zone-curated/Bucket NIST.800.53.R5-S3BucketReplicationEnabled',
    'Lake/Zone-raw/Bucket NIST.800.53.R5-S3BucketReplicationEnabled',
  ]);
  expect(forStack('TablesLake').filter((a) => a.startsWith('Lake/'))).toHaveLength(7);
});

/**
 * Every example of both clouds, synthesized once with all checks on, as `npm run synth` does
 * (registered by test/checks.test.ts, with the other checked synths):
 * zero findings, snapshots of the whole stacks, and the stateful-resource manifest.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsStatefulIds, gcpStatefulIds, manifestDifferences, readManifest } from '../tools/stateful';
import { ExampleStackResult, synthAwsExamples, synthGcpExamples } from '../tools/synth-examples';
import { normalizeForSnapshot } from './support/snapshot';

jest.setTimeout(120_000);

let out: string;
let aws: ExampleStackResult[];
let gcp: ExampleStackResult[];

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-examples-'));
  aws = synthAwsExamples(path.join(out, 'cdk.out'));
  gcp = synthGcpExamples(path.join(out, 'cdktf.out'));
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/**
 * The application stacks the level-2 and level-3 reference pipelines deploy to staging and
 * production: a stand-in for the team's application (one role that may call the endpoint), so
 * small and stateless by design.
 */
const isLevelApplication = (name: string) => /^MlopsLevel\dAws-(Staging|Production)$/.test(name);

test('the examples cover both clouds: lake, ingest → lake → features, train and serve, the add-to-an-existing-stack case, continuous training, drift monitoring that retrains, delivery (AWS: the pipeline stack and the serving stacks of its two stages; GCP: the pipeline stack), and the maturity-level reference stacks', () => {
  expect(aws.map((s) => s.name).sort()).toEqual([
    'MlopsContinuousTrainingExample', 'MlopsDeliveryExample', 'MlopsDriftMonitorExample', 'MlopsExistingStackExample', 'MlopsFeaturesExample', 'MlopsLakeExample',
    'MlopsLevel0Aws', 'MlopsLevel1Aws', 'MlopsLevel2Aws', 'MlopsLevel2Aws-Production', 'MlopsLevel2Aws-Staging', 'MlopsLevel3Aws', 'MlopsLevel3Aws-Production', 'MlopsLevel3Aws-Staging',
    'MlopsTrainServeExample', 'Production-ChurnServing', 'Staging-ChurnServing',
  ]);
  expect(gcp.map((s) => s.name)).toEqual(['mlops-lake-example', 'mlops-existing-stack-example', 'mlops-features-example', 'mlops-train-serve-example', 'mlops-continuous-training-example', 'mlops-delivery-example', 'mlops-drift-monitor-example', 'mlops-level-0-gcp', 'mlops-level-1-gcp', 'mlops-level-2-gcp', 'mlops-level-3-gcp']);
});

test('AWS examples: zero CloudFormation validator and cdk-nag findings', () => {
  for (const stack of aws) {
    expect({ stack: stack.name, findings: stack.findings }).toEqual({ stack: stack.name, findings: [] });
    expect(stack.resourceCount).toBeGreaterThan(isLevelApplication(stack.name) ? 1 : 10);
  }
});

test('GCP examples: zero findings from the project policy pack', () => {
  for (const stack of gcp) {
    expect({ stack: stack.name, findings: stack.findings }).toEqual({ stack: stack.name, findings: [] });
    expect(stack.resourceCount).toBeGreaterThan(10);
  }
});

test('stateful resources keep their logical ids and addresses (test/stateful-manifest.json)', () => {
  const manifest = readManifest();
  const currentAws = Object.fromEntries(aws.map((s) => [s.name, awsStatefulIds(s.document)]));
  const currentGcp = Object.fromEntries(gcp.map((s) => [s.name, gcpStatefulIds(s.document)]));
  const problems = [...manifestDifferences('aws', manifest.aws, currentAws), ...manifestDifferences('gcp', manifest.gcp, currentGcp)];
  if (problems.length > 0) {
    throw new Error(`${problems.join('\n')}\n\nIf the change is intended (and any data loss is accepted or migrated), run \`npm run manifest\` and commit test/stateful-manifest.json with a message that says why.`);
  }
  // The manifest guards something: every example stack holds stateful resources.
  for (const ids of [...Object.entries(currentAws).filter(([name]) => !isLevelApplication(name)).map(([, i]) => i), ...Object.values(currentGcp)]) {
    expect(Object.keys(ids).length).toBeGreaterThan(0);
  }
});

test.each(['aws', 'gcp'])('%s example snapshots', (cloud) => {
  for (const stack of cloud === 'aws' ? aws : gcp) {
    expect(normalizeForSnapshot(stack.document)).toMatchSnapshot(stack.name);
  }
});

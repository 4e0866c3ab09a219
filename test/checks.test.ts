/**
 * Every checked synth of the project in one jest file, so that the CloudFormation validator,
 * cdk-nag, cdktf and the GCP policy engine load once per run (test/support/check-suites.ts says
 * what that saves):
 * - each AWS construct's `test/aws/<construct>/<construct>-checks.ts` (validator, cdk-nag
 *   AwsSolutions and NIST 800-53 rev 5);
 * - each GCP construct's `test/gcp/<construct>/<construct>-checks.ts` (GcpFoundationChecks);
 * - the examples of both clouds (test/examples-checks.ts), registered at the top level so that
 *   their test names and snapshots (test/__snapshots__/checks.test.ts.snap) are what they were.
 */
import * as fs from 'fs';
import * as path from 'path';
import { keepOneBuiltinValidatorEngine } from '../tools/checks/cdk-builtin-validator-engine';
import { registerCheckSuites } from './support/check-suites';

jest.setTimeout(120_000);

const aws = registerCheckSuites(path.join(__dirname, 'aws'), 'aws');
const gcp = registerCheckSuites(path.join(__dirname, 'gcp'), 'gcp');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./examples-checks');

test('every construct folder\'s checks suite is registered, and none hides as a separate test file', () => {
  expect(aws).toEqual(expect.arrayContaining(['data-lake/data-lake-checks.ts', 'delivery-pipeline/delivery-pipeline-checks.ts', 'training-pipeline/training-pipeline-checks.ts']));
  expect(gcp).toEqual(expect.arrayContaining(['feature-store/feature-store-checks.ts', 'drift-monitor/drift-monitor-checks.ts']));
  const separate = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('-checks.test.ts') && !f.startsWith(path.join('gcp', 'policy')));
  expect(separate).toEqual([]);
});

test('one CloudFormation validator engine serves every checked synth of the run (aws-cdk-lib\'s internals it relies on are still there)', () => {
  const engine = keepOneBuiltinValidatorEngine();
  expect(typeof (engine as { validateTemplate?: unknown } | undefined)?.validateTemplate).toBe('function');
  expect(keepOneBuiltinValidatorEngine()).toBe(engine);
});

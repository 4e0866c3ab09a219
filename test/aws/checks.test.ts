/**
 * The check suites of every AWS construct (CloudFormation validator, cdk-nag AwsSolutions and
 * NIST 800-53 rev 5), each in `<construct>/<construct>-checks.ts`, run in one jest file so that
 * the validator loads once (see test/support/check-suites.ts for the measurement).
 */
import * as fs from 'fs';
import { registerCheckSuites } from '../support/check-suites';

jest.setTimeout(60_000);

const suites = registerCheckSuites(__dirname);

test('every AWS construct folder with a checks suite is registered, and no suite hides as a separate test file', () => {
  expect(suites.length).toBeGreaterThanOrEqual(6);
  expect(suites).toContain('data-lake/data-lake-checks.ts');
  const separate = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-checks.test.ts'));
  expect(separate).toEqual([]);
});

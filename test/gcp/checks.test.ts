/**
 * The check suites of every GCP construct (the project policy pack GcpFoundationChecks),
 * each in `<construct>/<construct>-checks.ts`, run in one jest file so that cdktf, the provider
 * resources and the policy engine load once (see test/support/check-suites.ts).
 */
import * as fs from 'fs';
import { registerCheckSuites } from '../support/check-suites';

jest.setTimeout(60_000);

const suites = registerCheckSuites(__dirname);

test('every GCP construct folder with a checks suite is registered, and no suite hides as a separate test file', () => {
  expect(suites.length).toBeGreaterThanOrEqual(5);
  expect(suites).toContain('feature-store/feature-store-checks.ts');
  const separate = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-checks.test.ts') && !f.startsWith('policy/'));
  expect(separate).toEqual([]);
});

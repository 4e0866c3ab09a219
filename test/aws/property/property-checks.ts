/**
 * The CloudFormation validator on random valid configurations (issue 9: "each run either
 * synthesizes, with zero validator findings, or throws the library's error"). The property test
 * (test/aws/constructs.property.test.ts) builds 1,000 configurations of each construct without
 * the validator, which costs seconds per synth; here the first valid configurations the same
 * seeded generator yields for each construct (VALID_PER_CONSTRUCT of them) go into one checked
 * synth, and none may have a CloudFormation validator finding of any severity. cdk-nag findings
 * are not asserted here: a valid configuration may weaken a default on purpose (the construct
 * then warns), which is the user's call; the representative stacks of each construct's
 * `*-checks.ts` keep zero cdk-nag findings.
 */
import { App, Duration, Lazy, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, MlopsValidationError } from 'mlops-constructs';
import { AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';
import { choices, GENERIC_VALUES, materialize, PROPERTY_SEED, PropertySuite, resolveLater } from '../../property/harness';
import { AWS_PROPERTY_SUITES } from './suites';

const VALID_PER_CONSTRUCT = 3;
/** Configurations drawn per construct to find the valid ones (most are invalid on purpose). */
const DRAWN = 400;

const POOL: readonly unknown[] = [
  ...GENERIC_VALUES,
  Duration.minutes(5), Duration.days(400), Size.gibibytes(1), Size.kibibytes(1), RemovalPolicy.DESTROY,
  Lazy.number({ produce: () => 5 }), Lazy.string({ produce: () => 'x' }), Lazy.list({ produce: () => ['x'] }),
  logs.RetentionDays.ONE_WEEK, ec2.SubnetType.PRIVATE_ISOLATED,
];
const ENV = { account: '111111111111', region: 'eu-west-1' };

/** Whether the configuration constructs and synthesizes in a scratch app without the checks (the library refuses the others). */
function constructs(suite: PropertySuite<unknown>, props: (deps: unknown) => unknown): boolean {
  const scope = new Stack(new App({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }), 'Scratch', { env: ENV });
  const deps = suite.deps(scope);
  try {
    suite.build(scope, 'Probe', props(deps), deps);
    // A construct's own synth-time validations (a feature group without its committed
    // replacementFingerprint) refuse a configuration at synth: such a run is refused, not valid.
    (scope.node.root as App).synth();
    return true;
  } catch (e) {
    if (e instanceof MlopsValidationError || /^Validation failed with the following errors:\n\s+\[/.test((e as Error).message)) {
      return false;
    }
    throw e;
  }
}

let findings: AwsFinding[];
const stacks: Record<string, string[]> = {};

beforeAll(() => {
  ({ findings } = checkedSynth((app) => {
    for (const suite of AWS_PROPERTY_SUITES as ReadonlyArray<PropertySuite<unknown>>) {
      const probeScope = new Stack(new App(), 'Alternatives', { env: ENV });
      const probeDeps = suite.deps(probeScope);
      const drawn = fc.sample(choices(suite.base(probeDeps), suite.alternatives(probeDeps), POOL.length), { seed: PROPERTY_SEED, numRuns: DRAWN });
      const names: string[] = [];
      for (const choice of drawn) {
        if (names.length === VALID_PER_CONSTRUCT) {
          break;
        }
        const props = (deps: unknown) => resolveLater(materialize(choice, suite.base(deps), suite.alternatives(deps), POOL).props);
        if (!constructs(suite, props)) {
          continue;
        }
        const name = `Property-${suite.name}-${names.length}`;
        const stack = new Stack(app, name, { env: ENV });
        const deps = suite.deps(stack);
        suite.build(stack, 'UnderTest', props(deps), deps);
        names.push(name);
      }
      stacks[suite.name] = names;
    }
  }, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }));
});

test.each(AWS_PROPERTY_SUITES.map((s) => [s.name]))('%s: random valid configurations have zero CloudFormation validator findings', (name) => {
  expect(stacks[name]).toHaveLength(VALID_PER_CONSTRUCT);
  // The suites' dependencies declare a number and a string CfnParameter for the token values; a
  // configuration that uses neither leaves them unreferenced (W2001): the fixture's, not the construct's.
  const fixtureParameter = (f: AwsFinding) => f.rule === 'W2001' && /Parameters\/(NumberParam|StringParam):/.test(formatFindings([f]));
  const validator = stacks[name].flatMap((stack) => findingsUnder(findings, stack))
    .filter((f) => f.plugin === 'CloudFormation Validate' && !fixtureParameter(f));
  expect(formatFindings(validator)).toBe('');
});

test('vacuity: the validator ran in this synth (it reports the canary)', () => {
  expect(findingsUnder(findings, 'Canary').some((f) => f.plugin === 'CloudFormation Validate')).toBe(true);
});

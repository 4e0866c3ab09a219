/**
 * Property-based tests of every AWS construct (test/property/harness.ts says what a run is): 1,000
 * seeded configurations each, mixing valid and invalid values of every prop; each run constructs
 * or throws `MlopsValidationError`, and every 50th valid run is rebuilt in a fresh stack and
 * synthesized (`Template.fromStack`). The CloudFormation validator runs on a sample of valid
 * configurations in test/aws/property/property-checks.ts (with the other checked synths).
 *
 * One file for the nine constructs rather than one per construct: each jest file loads
 * aws-cdk-lib again (seconds of CPU each, see test/support/check-suites.ts).
 */
import { App, Duration, Lazy, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AWS_PROPERTY_SUITES } from './property/suites';
import { assertSynthesizesOrRefuses, GENERIC_VALUES, PROPERTY_RUNS } from '../property/harness';

/** The generic values plus aws-cdk-lib's strong types and tokens, for any prop. */
export const AWS_POOL: readonly unknown[] = [
  ...GENERIC_VALUES,
  Duration.minutes(5), Duration.days(400), Size.gibibytes(1), Size.kibibytes(1), RemovalPolicy.DESTROY,
  Lazy.number({ produce: () => 5 }), Lazy.string({ produce: () => 'x' }), Lazy.list({ produce: () => ['x'] }),
  logs.RetentionDays.ONE_WEEK, ec2.SubnetType.PRIVATE_ISOLATED,
];

const newScope = () => new Stack(new App(), 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } });

describe.each(AWS_PROPERTY_SUITES.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
  test(`${PROPERTY_RUNS} random configurations: each constructs (a sample synthesizes) or throws MlopsValidationError`, () => {
    const tally = assertSynthesizesOrRefuses(suite, AWS_POOL, newScope, (stack) => Template.fromStack(stack));
    // The runs are a mix: some valid, many refused, on many different props.
    expect(tally.valid).toBeGreaterThan(PROPERTY_RUNS / 50);
    expect(tally.refused).toBeGreaterThan(PROPERTY_RUNS / 10);
    expect(tally.synthesized + tally.refusedAtSynth).toBeGreaterThan(0);
    expect(tally.refusedProperties.size).toBeGreaterThan(3);
  });
});

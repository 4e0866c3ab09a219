/**
 * Property-based tests of every Google Cloud construct (test/property/harness.ts says what a run
 * is): 1,000 seeded configurations each, mixing valid and
 * invalid values of every prop; each run constructs or throws `MlopsValidationError`, and every
 * 5th valid run is rebuilt in a fresh stack, synthesized (`Testing.synth` with cdktf's
 * validations) and evaluated by the GCP policy pack (`runChecks`, see synthAndCheck).
 *
 * One file for the ten constructs rather than one per construct: each jest file loads cdktf and
 * the provider bindings again.
 */
import { Lazy } from 'cdktf';
import { Duration, RemovalPolicy, Size } from 'mlops-constructs/gcp';
import { runChecks } from 'mlops-constructs/gcp/testing';
import { GCP_PROPERTY_SUITES } from './property/suites';
import { newStack } from './support';
import { assertSynthesizesOrRefuses, GENERIC_VALUES, PROPERTY_RUNS } from '../property/harness';

/** The generic values plus the library's GCP strong types, cdktf tokens and look-alikes, for any prop. */
export const GCP_POOL: readonly unknown[] = [
  ...GENERIC_VALUES,
  Duration.minutes(5), Duration.days(400), Size.gibibytes(1), Size.mebibytes(1), RemovalPolicy.DESTROY, 'us-centrall1', 'europe-west-4',
  Lazy.numberValue({ produce: () => 5 }), Lazy.stringValue({ produce: () => 'x' }), Lazy.listValue({ produce: () => ['x'] }),
  { toSeconds: () => 5 }, { id: 'projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform' },
];

/**
 * Every 5th valid run is synthesized (cdktf's own validations on) and handed to the GCP policy
 * pack, which must evaluate it without throwing. Its findings are not asserted to be zero: a
 * random valid configuration may legitimately leave out what a rule asks for (no CMEK key: GCP-BQ2),
 * and the zero-finding claims are made on representative stacks in test/gcp/<construct>/*-checks.ts.
 * A synthesized run costs about 10 ms here (the AWS side samples every 50th: a Template costs more).
 */
const SYNTH_EVERY_GCP = 5;

function synthAndCheck(stack: any): void {
  // runChecks: `Testing.synth(stack, true)` and the pack on the same resolution of the stack.
  const { synthesized, findings } = runChecks(stack);
  expect(typeof synthesized).toBe('string');
  expect(Array.isArray(findings)).toBe(true);
}

describe.each(GCP_PROPERTY_SUITES.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
  const runs = suite.runs ?? PROPERTY_RUNS;
  test(`${runs} random configurations: each constructs (a sample synthesizes) or throws MlopsValidationError`, () => {
    const tally = assertSynthesizesOrRefuses(suite, GCP_POOL, () => newStack(), synthAndCheck, SYNTH_EVERY_GCP);
    if (process.env.PROPERTY_TALLY) { console.log(suite.name, JSON.stringify({ ...tally, refusedProperties: [...tally.refusedProperties] })); }
    expect(tally.valid).toBeGreaterThan(runs / 50);
    expect(tally.refused).toBeGreaterThan(runs / 10);
    expect(tally.synthesized + tally.refusedAtSynth).toBeGreaterThan(0);
    expect(tally.refusedProperties.size).toBeGreaterThan(3);
  });
});

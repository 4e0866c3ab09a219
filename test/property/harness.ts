/**
 * The property every construct of both clouds holds: whatever a caller passes (from TypeScript,
 * plain JavaScript or JSON), constructing it either succeeds or throws the library's
 * `MlopsValidationError`, never a TypeError or an error from inside aws-cdk-lib or cdktf.
 *
 * A configuration is a known-valid base configuration with each prop kept, left out, or replaced
 * by one of its alternatives (valid and invalid values written for that prop) or by a value of
 * the generic pool (every JavaScript type, `null`, non-finite numbers, tokens, the wrong
 * strong type). Each prop is replaced with probability about 1/(number of props), so that most
 * runs change one or two props and many stay valid: the valid runs cover the interactions the
 * constructor resolves, the invalid ones each entry-point check.
 *
 * Seeded, so a failure replays: fast-check prints the seed and the counterexample.
 */
import fc from 'fast-check';
import { MlopsValidationError } from 'mlops-constructs';

/** The seed of every property run (fixed, so CI replays the same configurations). */
export const PROPERTY_SEED = 20261202;

/** Runs per construct. */
export const PROPERTY_RUNS = 1000;

/** Values of every JavaScript type that a wrongly typed prop may hold (a cloud adds its own). */
export const GENERIC_VALUES: readonly unknown[] = [
  null, '', 'x', 'true', 'Retain', true, false, 0, -1, 1.5, 7, 1e9, NaN, Infinity, -Infinity,
  [], [null], ['x'], [1], {}, { name: 'x' }, () => 1, Symbol.for('x'),
];

/** One construct's property suite. */
export interface PropertySuite<D> {
  /** The construct's name (the describe block). */
  readonly name: string;
  /** What the configurations refer to (a lake, a VPC, a registry), built once per scope. */
  deps(scope: any): D;
  /** A valid configuration. */
  base(deps: D): Record<string, unknown>;
  /** Values written for each prop: valid ones and invalid ones. */
  alternatives(deps: D): Record<string, readonly unknown[]>;
  /**
   * Whether a valid run uses up its dependencies (a drift monitor keeps its results table in the
   * lake zone, and a second one there is refused): then the dependencies are built again after it.
   */
  readonly freshDepsAfterValidRun?: boolean;
  /** Runs of this suite when fewer than {@link PROPERTY_RUNS} (a construct that builds a whole platform per run); say why where set. */
  readonly runs?: number;
  /** Constructs the construct under `scope` with id `id`. */
  build(scope: any, id: string, props: unknown, deps: D): void;
}

/** Which value each prop takes: kept, left out, an alternative or a pool value (by index), or the props object replaced. */
export type Choice = { readonly self: number } | { readonly props: Record<string, 'keep' | 'omit' | { alt: number } | { pool: number }> };

const SELF_VALUES: readonly unknown[] = [null, 'props', [], 42, undefined];

/**
 * Choices over the props of `base` and `alternatives`: each prop kept, left out or replaced, and
 * now and then the props object itself replaced (null, a string, a list).
 */
export function choices(base: Record<string, unknown>, alternatives: Record<string, readonly unknown[]>, poolSize: number): fc.Arbitrary<Choice> {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(alternatives)])];
  const weightKeep = Math.max(2, keys.length);
  const perKey = Object.fromEntries(keys.map((k) => [k, fc.oneof(
    { weight: weightKeep, arbitrary: fc.constant<'keep'>('keep') },
    { weight: 1, arbitrary: fc.constant<'omit'>('omit') },
    ...((alternatives[k]?.length ?? 0) > 0 ? [{ weight: 3, arbitrary: fc.nat(alternatives[k].length - 1).map((alt) => ({ alt })) }] : []),
    { weight: 1, arbitrary: fc.nat(poolSize - 1).map((pool) => ({ pool })) },
  )]));
  return fc.oneof(
    { weight: 60, arbitrary: fc.record(perKey).map((props) => ({ props }) as Choice) },
    { weight: 1, arbitrary: fc.nat(SELF_VALUES.length - 1).map((self) => ({ self }) as Choice) },
  );
}

/** The props a choice makes of `base` (built afresh: it may hold constructs of the run's scope). */
export function materialize(choice: Choice, base: Record<string, unknown>, alternatives: Record<string, readonly unknown[]>, pool: readonly unknown[]): { props: unknown; changed: string[] } {
  if ('self' in choice) {
    return { props: SELF_VALUES[choice.self], changed: ['<props>'] };
  }
  const props = { ...base };
  const changed: string[] = [];
  for (const [k, v] of Object.entries(choice.props)) {
    if (v === 'keep') {
      continue;
    }
    changed.push(k);
    if (v === 'omit') {
      delete props[k];
    } else {
      props[k] = 'alt' in v ? alternatives[k][v.alt] : pool[v.pool];
    }
  }
  return { props, changed };
}

/**
 * A value made when a run builds its props (a union-like factory called with bad input throws at
 * the call, which is part of what the run tests): `later(() => ModelEndpointCapacity.serverless({...}))`.
 */
export class Later {
  constructor(public readonly make: () => unknown) {}
}

/** A value made when the run builds its props: see {@link Later}. */
export function later(make: () => unknown): Later {
  return new Later(make);
}

export function resolveLater(props: unknown): unknown {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    return props;
  }
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v instanceof Later ? v.make() : v]));
}

/** What a property run of one construct counted. */
export interface PropertyTally {
  /** Runs that constructed. */
  valid: number;
  /** Valid runs rebuilt in a fresh stack and synthesized. */
  synthesized: number;
  /** Sampled valid runs whose synth the constructs' own synth-time validations refused. */
  refusedAtSynth: number;
  /** Runs refused with the library's error. */
  refused: number;
  /** Distinct refused properties, to show that the invalid runs reach many checks. */
  refusedProperties: Set<string>;
}

/** Every this many valid runs, the configuration is rebuilt in a fresh stack and synthesized. */
export const SYNTH_EVERY = 50;

/**
 * Asserts the property over {@link PROPERTY_RUNS} seeded configurations of `suite`: building it
 * either returns or throws an `MlopsValidationError`, whose message never shows a token's
 * encoded number. Runs share one scope of dependencies (`newScope()`), each under its own id;
 * every {@link SYNTH_EVERY}th valid run (or every `synthEvery`th) is rebuilt with fresh dependencies in `newScope()` and
 * handed to `synth`, which must not throw either.
 */
export function assertSynthesizesOrRefuses<D>(suite: PropertySuite<D>, pool: readonly unknown[], newScope: () => any, synth: (scope: any) => void, synthEvery: number = SYNTH_EVERY): PropertyTally {
  let scope = newScope();
  let deps = suite.deps(scope);
  let alternatives = suite.alternatives(deps);
  const tally: PropertyTally = { valid: 0, synthesized: 0, refusedAtSynth: 0, refused: 0, refusedProperties: new Set() };
  let run = 0;
  fc.assert(fc.property(choices(suite.base(deps), alternatives, pool.length), (choice) => {
    run += 1;
    const { props, changed } = materialize(choice, suite.base(deps), alternatives, pool);
    if (!attempt(() => suite.build(scope, `Run${run}`, resolveLater(props), deps), changed, tally)) {
      return;
    }
    tally.valid += 1;
    if (suite.freshDepsAfterValidRun) {
      scope = newScope();
      deps = suite.deps(scope);
      alternatives = suite.alternatives(deps);
    }
    if ((tally.valid - 1) % synthEvery === 0) {
      const fresh = newScope();
      const freshDeps = suite.deps(fresh);
      const freshAlternatives = suite.alternatives(freshDeps);
      const replay = materialize(choice, suite.base(freshDeps), freshAlternatives, pool);
      suite.build(fresh, 'Sample', resolveLater(replay.props), freshDeps);
      try {
        synth(fresh);
        tally.synthesized += 1;
      } catch (e) {
        // The constructs' own synth-time validations (node.addValidation: a feature group without
        // its replacement fingerprint) report each problem under its construct path; anything
        // else failing at synth is a bug.
        if (!/^Validation failed with the following errors:\n\s+\[/.test((e as Error).message) && !(e instanceof MlopsValidationError)) {
          throw new Error(`changed ${changed.join(', ')}: valid, but synth failed: ${(e as Error).message}`);
        }
        tally.refusedAtSynth += 1;
      }
    }
  }), { seed: PROPERTY_SEED, numRuns: suite.runs ?? PROPERTY_RUNS, endOnFailure: true });
  return tally;
}

function attempt(build: () => void, changed: string[], tally: PropertyTally): boolean {
  try {
    build();
    return true;
  } catch (e) {
    if (e instanceof MlopsValidationError) {
      tally.refused += 1;
      tally.refusedProperties.add(e.property.replace(/\[\d+\]/g, '[]'));
      if (process.env.PROPERTY_DEBUG) { console.log(changed.join(','), '=>', e.message.slice(0, 300)); }
      if (/e\+\d{3}/.test(e.message)) {
        throw new Error(`changed ${changed.join(', ')}: the error prints a token's encoded number: ${e.message}`);
      }
      return false;
    }
    const error = e as Error;
    throw new Error(`changed ${changed.join(', ')}: ${error?.name}: ${error?.message}\n${(error?.stack ?? '').split('\n').slice(1, 7).join('\n')}`);
  }
}

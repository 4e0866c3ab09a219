/**
 * The assertion of the token tests (test/core/limits/{aws,gcp}-*tokens*.test.ts): a token given to
 * a validated prop is either passed on (the synthesized output refers to the parameter or
 * variable) or refused with the library's error, which names the prop, says a literal is needed
 * and never shows the token itself (an encoded number such as -1.888e+289, or `${Token[...]}`).
 */
import { DriftSpecProps, MlopsValidationError } from 'mlops-constructs';

/**
 * Runs `synth` (which builds a stack with a token in the prop at `property` and returns its
 * synthesized output as text) and asserts the outcome described above.
 * @param reference how the synthesized output refers to the token (`"Ref":"Number"`, `var.number`)
 * @param allowed what the error must say is allowed: by default that a literal is needed; a prop
 * that takes no value at all in the configuration (a rollout threshold without a rollout) says that
 */
export function expectPassedOnOrLiteralRequired(property: string, synth: () => string, reference: string, allowed: RegExp = /a literal|known at synth time/): void {
  let output: string | undefined;
  let error: unknown;
  try {
    output = synth();
  } catch (e) {
    error = e;
  }
  if (process.env.TOKEN_OUTCOME) { console.log(`${property} => ${error === undefined ? 'passed on' : (error as Error).message}`); }
  if (error === undefined) {
    // Passed on: the service checks it at deploy, so the output must carry the token.
    if (!output!.includes(reference)) {
      throw new Error(`${property}: synthesized, but the output does not refer to the token (${reference}): the value was dropped`);
    }
    // Arithmetic on a token (twice a parameter) gives a number that is no token: it would be written out as is.
    const leaked = /-?\d\.\d+e\+2[89]\d/.exec(output!);
    if (leaked !== null) {
      throw new Error(`${property}: synthesized, but the output holds a token's encoded number (${leaked[0]}): a computation on the token`);
    }
    return;
  }
  if (!(error instanceof MlopsValidationError)) {
    throw error;
  }
  const message = error.message;
  expect(message).toContain(`invalid ${property}`);
  expect(message).toMatch(allowed);
  expect(message).not.toMatch(/e\+\d/);
  expect(message).not.toMatch(/\$\{(?:Tf)?Token\[/);
}

/**
 * The numeric props of the cloud-neutral DriftSpec, each with the spec overrides that put the
 * token `n` there: both clouds' DriftMonitor cases (the monitor around the spec is each cloud's).
 */
export const DRIFT_SPEC_NUMERIC_CASES: Array<[property: string, spec: (n: number) => Partial<DriftSpecProps>]> = [
  ['spec.bins', (n) => ({ bins: n })],
  ['spec.topCategories', (n) => ({ topCategories: n })],
  ['spec.psiEpsilon', (n) => ({ psiEpsilon: n })],
  ['spec.thresholds.psi.warn', (n) => ({ thresholds: { psi: { warn: n } } })],
  ['spec.thresholds.psi.alarm', (n) => ({ thresholds: { psi: { alarm: n } } })],
  ['spec.fieldOptions[0].bins', (n) => ({ fieldOptions: [{ field: 'orders_7d', bins: n }] })],
  ['spec.fieldOptions[0].thresholds.ks.alarm', (n) => ({ fieldOptions: [{ field: 'orders_7d', thresholds: { ks: { alarm: n } } }] })],
];

/** The numeric fields of a lake zone's cloud-neutral lifecycle: both clouds' DataLake cases. */
export const LIFECYCLE_NUMERIC_FIELDS = [
  'infrequentAccessAfterDays', 'archiveAfterDays', 'expireAfterDays', 'noncurrentVersionExpirationDays', 'noncurrentVersionsToRetain', 'abortIncompleteUploadsAfterDays',
] as const;

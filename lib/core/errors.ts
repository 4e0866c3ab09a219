/**
 * Anything with a construct path: a construct from `constructs` (`node.path`) or a plain string.
 *
 * Kept structural so that the neutral core depends on no construct library.
 */
export interface PathLike {
  /** The construct node whose path names where the error happened. */
  readonly node: { readonly path: string };
}

/**
 * The library's one error type for bad input, raised at synth time.
 *
 * Its message always names four things, so the user can fix the input without reading our code:
 * the construct path, the property, the offending value and what is allowed.
 *
 * @example
 * throw new MlopsValidationError(this, 'athenaBytesScannedCutoffPerQuery', 5, 'at least 10 MB');
 * // [Stack/Lake] invalid athenaBytesScannedCutoffPerQuery: 5. Allowed: at least 10 MB.
 */
export class MlopsValidationError extends Error {
  /** Path of the construct that received the bad input (`"<no construct>"` outside a construct). */
  public readonly constructPath: string;
  /** The property that holds the bad value, in dotted form (`tables[0].schema.fields[2].type`). */
  public readonly property: string;
  /** The bad value, as received. */
  public readonly value: unknown;
  /** What would have been accepted, as a sentence fragment. */
  public readonly allowed: string;

  constructor(scope: PathLike | string | undefined, property: string, value: unknown, allowed: string) {
    const constructPath = scope === undefined ? '<no construct>' : typeof scope === 'string' ? scope : scope.node.path;
    // A token where a literal is validated: say so, whatever the check's own sentence is.
    if ((isEncodedNumberToken(value) || holdsStringToken(value)) && !/literal|known at synth/.test(allowed)) {
      allowed = `a literal here, not a token (Terraform variable or CloudFormation parameter): ${allowed}`;
    }
    super(`[${constructPath}] invalid ${property}: ${describeValue(value)}. Allowed: ${allowed}.`);
    this.name = 'MlopsValidationError';
    this.constructPath = constructPath;
    this.property = property;
    this.value = value;
    this.allowed = allowed;
  }
}

/**
 * A problem found by a validation that runs before a construct path is known (a schema is
 * declared outside any construct). Constructs turn problems into {@link MlopsValidationError}s
 * under their own path with {@link throwIfProblems}.
 */
export interface ValidationProblem {
  /** Property path relative to the validated object (`fields[2].type`). */
  readonly property: string;
  /** The bad value. */
  readonly value: unknown;
  /** What is allowed. */
  readonly allowed: string;
}

/**
 * Throws the first problem as an {@link MlopsValidationError} under `scope`, with `prefix`
 * prepended to its property path; does nothing when there are no problems.
 */
export function throwIfProblems(scope: PathLike | string | undefined, prefix: string, problems: readonly ValidationProblem[]): void {
  const first = problems[0];
  if (first === undefined) {
    return;
  }
  const property = prefix === '' ? first.property : first.property.startsWith('[') ? `${prefix}${first.property}` : `${prefix}.${first.property}`;
  throw new MlopsValidationError(scope, property, first.value, first.allowed);
}

/**
 * The value of a resolver's result, or its first problem thrown under `scope` with `prefix`
 * prepended (as {@link throwIfProblems} does). Resolvers (`resolveX`) return a value or a list of
 * problems, never both; a value that is itself an array cannot go through `unwrap`.
 */
export function unwrap<T>(scope: PathLike | string | undefined, prefix: string, result: T | ValidationProblem[]): T {
  if (!Array.isArray(result)) {
    return result;
  }
  throwIfProblems(scope, prefix, result);
  // A resolver that returns an empty problem list returned no value either: a bug in the resolver.
  throw new Error(`a resolver under ${prefix || 'its construct'} returned neither a value nor a problem`);
}

/**
 * Whether `value` is a number token of aws-cdk-lib or cdktf: both encode one as a double near
 * -1.888e+289 (sums of tokens lie near multiples of it), which no real setting comes close to.
 * Such a number is never printed: it would read as a garbage value.
 */
export function isEncodedNumberToken(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) >= 1e289;
}

/**
 * The encoded string tokens of aws-cdk-lib (`${Token[NAME.123]}`) and cdktf (`${TfToken[TOKEN.4]}`),
 * which stand for a value resolved at deploy (a CloudFormation parameter, a Terraform variable).
 */
const STRING_TOKEN = /\$\{(?:Tf)?Token\[[^\]]*\]\}/g;

/** Whether `value` is a string holding an encoded string token of aws-cdk-lib or cdktf. */
function holdsStringToken(value: unknown): boolean {
  return typeof value === 'string' && new RegExp(STRING_TOKEN.source).test(value);
}

/** The longest an object or a list is shown in a message, as JSON, in characters. */
const MAX_VALUE_TEXT = 200;
/** The longest a string is shown in a message, quoted, in characters. */
const MAX_STRING_TEXT = 1000;

function describeValue(value: unknown): string {
  if (isEncodedNumberToken(value)) {
    return '(a token)';
  }
  if (value === '(a token)') {
    return value;
  }
  if (typeof value === 'string') {
    // A string token's text means nothing to the reader: shown as `(a token)` within the value.
    if (holdsStringToken(value) && value.replace(STRING_TOKEN, '') === '') {
      return '(a token)';
    }
    // Whole up to well past every name limit (255), which is where a user reads it; a longer
    // value is cut, with its length, so that the message stays readable.
    const json = JSON.stringify(value.replace(STRING_TOKEN, '(a token)'));
    return json.length > MAX_STRING_TEXT ? `${json.slice(0, MAX_STRING_TEXT - 4)}..." (${value.length} characters)` : json;
  }
  if (value === undefined || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  try {
    // Tokens inside an object or a list are shown as `(a token)` too.
    const json = JSON.stringify(value, (_key, v) => (isEncodedNumberToken(v) ? '(a token)' : typeof v === 'string' ? v.replace(STRING_TOKEN, '(a token)') : v));
    return json.length > MAX_VALUE_TEXT ? `${json.slice(0, MAX_VALUE_TEXT - 3)}...` : json;
  } catch {
    return String(value);
  }
}

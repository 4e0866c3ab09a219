/**
 * Service limits as data: the shapes of a limit (free text, environment variables, enumerated and
 * ranged numbers) and the pure checks that turn a value into "what is allowed". The tables
 * themselves are in `aws.ts` and `gcp.ts`, one cited entry per limit.
 */
import { ValidationProblem } from '../errors';

/** A free-text field of a service: at most `maxLength` characters, optionally of a character set. */
export interface TextLimit {
  /** What the text is, for messages ("a Glue column comment"). */
  readonly what: string;
  /** Longest accepted text, in characters (Unicode code points). */
  readonly maxLength: number;
  /** Characters the service accepts, as a whole-string pattern. @default - any */
  readonly pattern?: RegExp;
  /** The pattern in words. @default - none */
  readonly patternDescription?: string;
  /** The page that states the limit. */
  readonly source: string;
}

/** `undefined` when `value` fits `limit`, else what is allowed. Call only on resolved strings. */
export function textLimitProblem(limit: TextLimit, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `${limit.what}: a string of at most ${limit.maxLength} characters`;
  }
  const length = [...value].length;
  if (length > limit.maxLength) {
    return `${limit.what} of at most ${limit.maxLength} characters (this one has ${length}; ${limit.source})`;
  }
  if (limit.pattern !== undefined && !limit.pattern.test(value)) {
    return `${limit.what} of ${limit.patternDescription ?? `characters matching ${limit.pattern.source}`} (${limit.source})`;
  }
  return undefined;
}

/** A service's container environment variables: name rule, lengths, count and reserved names. */
export interface EnvironmentLimit {
  /** The service, for messages ("SageMaker", "Cloud Run"). */
  readonly service: string;
  /** Variable names: whole-string pattern. */
  readonly namePattern: RegExp;
  /** The name pattern in words. */
  readonly nameDescription: string;
  /** Longest name, in characters. @default - no limit */
  readonly maxNameLength?: number;
  /** Longest value, in characters. @default - no limit */
  readonly maxValueLength?: number;
  /** Most variables. */
  readonly maxEntries: number;
  /** Names the service sets itself and refuses. @default - none */
  readonly reservedNames?: readonly string[];
  /** The pages that state the limits. */
  readonly sources: readonly string[];
}

/**
 * The problems of an environment map under `limit` (property paths `environment`,
 * `environment["NAME"]`, relative to the prop's owner), first problem first.
 *
 * @param isToken whether a value is an unresolved token (its length is not known at synth)
 */
export function environmentProblems(limit: EnvironmentLimit, environment: unknown, isToken: (value: string) => boolean = () => false): ValidationProblem[] {
  if (environment === undefined) {
    return [];
  }
  if (environment === null || typeof environment !== 'object' || Array.isArray(environment)) {
    return [{ property: 'environment', value: environment, allowed: 'an object mapping variable names to string values' }];
  }
  const entries = Object.entries(environment as Record<string, unknown>);
  if (entries.length > limit.maxEntries) {
    return [{ property: 'environment', value: `${entries.length} variables`, allowed: `at most ${limit.maxEntries} variables (${limit.service}; ${limit.sources[0]})` }];
  }
  for (const [name, value] of entries) {
    const property = `environment[${JSON.stringify(name)}]`;
    if (!limit.namePattern.test(name) || (limit.maxNameLength !== undefined && name.length > limit.maxNameLength)) {
      const length = limit.maxNameLength === undefined ? '' : `, at most ${limit.maxNameLength} characters`;
      return [{ property, value: name, allowed: `${limit.nameDescription}${length} (a variable name ${limit.service} accepts)` }];
    }
    if (limit.reservedNames?.includes(name)) {
      return [{ property, value: name, allowed: `a name ${limit.service} does not reserve (it sets ${limit.reservedNames.join(', ')} itself; ${limit.sources[limit.sources.length - 1]})` }];
    }
    if (typeof value !== 'string') {
      return [{ property, value, allowed: 'a string value' }];
    }
    if (limit.maxValueLength !== undefined && !isToken(value) && [...value].length > limit.maxValueLength) {
      return [{ property, value: `${[...value].length} characters`, allowed: `a value of at most ${limit.maxValueLength} characters (${limit.service})` }];
    }
  }
  return [];
}

/** A number the service accepts only from an enumeration (log retention days). */
export interface EnumeratedNumberLimit {
  /** What the number is, for messages. */
  readonly what: string;
  /** The accepted values, ascending. */
  readonly values: readonly number[];
  /** The page that lists them. */
  readonly source: string;
}

/** `undefined` when `value` is one of `limit.values`, else what is allowed. */
export function enumeratedNumberProblem(limit: EnumeratedNumberLimit, value: unknown): string | undefined {
  return typeof value === 'number' && limit.values.includes(value)
    ? undefined
    : `${limit.what}: one of ${limit.values.join(', ')} (${limit.source})`;
}

/** A whole number the service accepts from `min` to `max`. */
export interface IntegerRangeLimit {
  /** What the number is, for messages. */
  readonly what: string;
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
  /** The page that states the range. */
  readonly source: string;
}

/**
 * `undefined` when `value` is a whole number within `limit`, else what is allowed. A non-finite
 * number (`NaN`, `Infinity`) is refused here: JSON renders it as `null`, which the template would
 * carry into a required field.
 */
export function integerRangeLimitProblem(limit: IntegerRangeLimit, value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= limit.min && value <= limit.max
    ? undefined
    : `${limit.what}: a whole number from ${limit.min} to ${limit.max} (${limit.source})`;
}

/** `undefined` for a finite number, else why it cannot be rendered (JSON turns NaN and Infinity into null). */
export function finiteNumberProblem(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : 'a finite number (NaN and Infinity would be rendered as null in the template)';
}

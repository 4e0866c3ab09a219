/**
 * Runtime type guards for the public entry points of both clouds: declared once per prop, checked
 * before any other validation, reported as the library's {@link MlopsValidationError} (construct
 * path, property, value, what is allowed).
 *
 * A caller from plain JavaScript, JSON or (through jsii) Python is not held to the TypeScript
 * types, so every constructor, union-like factory, core spec and `fromJson` checks the shape of
 * what it receives first: wrong JavaScript types, `null`/`undefined` for required props, a props
 * object that is not an object, non-finite numbers, lists that are not lists (or hold `null`),
 * numbers where a `Duration` or `Size` belongs, `'true'` where a boolean belongs, missing
 * construct references. The value checks (naming rules, service limits) run after, on values
 * whose type is then known.
 *
 * ```ts
 * const DATA_LAKE_PROPS = guard.props({
 *   prefix: guard.string().optional(),
 *   zones: guard.list(guard.object({ name: guard.string() })).optional(),
 *   athenaBytesScannedCutoffPerQuery: awsGuard.size().optional(),
 * });
 * DATA_LAKE_PROPS.check(this, props, AWS_GUARD_CONTEXT);
 * ```
 *
 * Why hand-written rather than zod, valibot or superstruct (all well kept): the messages must be
 * the library's `MlopsValidationError`, whose "allowed" sentence fragments (`true or false`,
 * `a list of strings`, `a Duration such as Duration.minutes(5)`) are already part of the
 * library's messages and tests on the Google Cloud side; with a schema library each issue code
 * (`invalid_type`, `too_small`, ...) would have to be translated back into those fragments, so
 * the library would shrink to a dispatcher on issue codes while adding a runtime dependency to a
 * construct library whose only dependencies are its peers (a jsii build would have to bundle it).
 * Tokens need a cloud-specific test (`Token.isUnresolved` of aws-cdk-lib or of cdktf) that the
 * neutral core cannot import, which {@link GuardContext} passes in; none of those libraries has
 * that notion. What is here is small: a few combinators that return problems, no inference magic.
 */
import { isEncodedNumberToken, MlopsValidationError, PathLike, ValidationProblem } from '../errors';

/**
 * What a cloud tells the guards: how to recognize a value that is resolved only at deploy
 * (a CloudFormation parameter or attribute, a Terraform variable), and how to show one.
 */
export interface GuardContext {
  /** Whether `value` is (or holds) an unresolved token of the cloud's IaC library. */
  isUnresolved(value: unknown): boolean;
}

/**
 * The context of the core specs, declared outside any construct and so without a cloud's token
 * test: a number is unresolved when it is an encoded number token of aws-cdk-lib or cdktf (both
 * encode them alike, see {@link isEncodedNumberToken}); a string is unresolved when it holds an
 * encoded string token of either (`${Token[...]}`, `${TfToken[...]}`).
 */
export const CORE_GUARD_CONTEXT: GuardContext = {
  isUnresolved: (value) => isEncodedNumberToken(value) || (typeof value === 'string' && /\$\{(?:Tf)?Token\[/.test(value)),
};

/**
 * What is shown in place of an unresolved token, never its encoded number (-1.888e+289) or
 * string: the library's messages have said `(a token)` since before the guards.
 */
export const UNRESOLVED_TOKEN = '(a token)';

/** The problems of `value` at `property`: empty when it fits. */
export type GuardCheck = (value: unknown, property: string, context: GuardContext) => ValidationProblem[];

/**
 * A runtime type check of one value, with the sentence fragment that says what it accepts.
 * Build one with the {@link guard} factories.
 */
export class Guard<T> {
  /**
   * @param allowed what is accepted, as a sentence fragment (`a list of strings`)
   * @param check the check of a value other than `undefined` (a required guard refuses `undefined` itself)
   * @param isOptional whether `undefined` passes
   */
  constructor(
    public readonly allowed: string,
    private readonly check: GuardCheck,
    public readonly isOptional = false,
  ) {}

  /** The same guard, passing `undefined` too (an optional prop; `null` is still refused). */
  public optional(): Guard<T | undefined> {
    return new Guard<T | undefined>(this.allowed, this.check, true);
  }

  /** The problems of `value` at `property`: empty when it fits. */
  public problems(value: unknown, property: string, context: GuardContext = CORE_GUARD_CONTEXT): ValidationProblem[] {
    if (value === undefined) {
      return this.isOptional ? [] : [{ property, value, allowed: `${this.allowed} (required)` }];
    }
    return this.check(value, property, context);
  }

  /** `value` typed as `T`, or its first problem thrown as an {@link MlopsValidationError} under `scope`. */
  public assert(scope: PathLike | string | undefined, property: string, value: unknown, context: GuardContext = CORE_GUARD_CONTEXT): T {
    throwFirst(scope, this.problems(value, property, context), context);
    return value as T;
  }
}

/** A shape of named props, each with its guard. */
export type GuardShape = Record<string, Guard<unknown>>;

/**
 * The guard of a props object: refuses a props object that is not an object (`null`, a string, a
 * list), then checks each declared prop under its own name. Props not declared are not checked.
 */
export class PropsGuard {
  constructor(
    /** The declared props. */
    public readonly shape: GuardShape,
    /** What the props object must be, for the `props` error. */
    public readonly allowed: string,
  ) {}

  /** Every problem of `props`, prop paths prefixed with `prefix` (empty: the props themselves). */
  public problems(props: unknown, prefix = '', context: GuardContext = CORE_GUARD_CONTEXT): ValidationProblem[] {
    return objectProblems(this.shape, this.allowed, props, prefix, context, prefix === '' ? 'props' : prefix);
  }

  /**
   * Throws the first problem of `props` as an {@link MlopsValidationError} under `scope`.
   * @param prefix the path of the props object when it is not the constructor's `props` (`capacity`)
   */
  public check(scope: PathLike | string | undefined, props: unknown, context: GuardContext = CORE_GUARD_CONTEXT, prefix = ''): void {
    throwFirst(scope, this.problems(props, prefix, context), context);
  }
}

/** The first problem as an error, a token shown as {@link UNRESOLVED_TOKEN} (never its encoded number). */
function throwFirst(scope: PathLike | string | undefined, problems: ValidationProblem[], context: GuardContext): void {
  const first = problems[0];
  if (first !== undefined) {
    throw new MlopsValidationError(scope, first.property, context.isUnresolved(first.value) ? UNRESOLVED_TOKEN : first.value, first.allowed);
  }
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objectProblems(shape: GuardShape, allowed: string, value: unknown, prefix: string, context: GuardContext, selfPath: string): ValidationProblem[] {
  if (!isPlainObjectLike(value)) {
    return [{ property: selfPath, value, allowed }];
  }
  const problems: ValidationProblem[] = [];
  for (const [key, g] of Object.entries(shape)) {
    problems.push(...g.problems(value[key], join(prefix, key), context));
  }
  return problems;
}

function single(ok: boolean, property: string, value: unknown, allowed: string): ValidationProblem[] {
  return ok ? [] : [{ property, value, allowed }];
}

/** Options of {@link guard.number}. */
export interface NumberGuardOptions {
  /** Only integers. @default false */
  readonly integer?: boolean;
  /**
   * Refuse an unresolved token ("must be a literal here"): the value decides what is generated
   * (a count of resources, a choice), so it must be known at synth. The reason says why.
   * @default - a token passes: the value checks after the guard skip it
   */
  readonly literalBecause?: string;
}

/** Options of {@link guard.string}. */
export interface StringGuardOptions {
  /** Refuse the empty string. @default false */
  readonly nonEmpty?: boolean;
  /**
   * Refuse an unresolved token, with the reason a literal is needed.
   * @default - a token passes: the value checks after the guard skip it
   */
  readonly literalBecause?: string;
}

function literalProblem(value: unknown, property: string, context: GuardContext, reason: string | undefined): ValidationProblem[] {
  if (reason !== undefined && context.isUnresolved(value)) {
    return [{ property, value: UNRESOLVED_TOKEN, allowed: `a value known at synth time, not a parameter or variable: ${reason}` }];
  }
  return [];
}

/** The guard factories. */
export const guard = {
  /** A string; `options.nonEmpty` refuses `''`. */
  string(options: StringGuardOptions = {}): Guard<string> {
    const allowed = options.nonEmpty ? 'a non-empty string' : 'a string';
    return new Guard<string>(allowed, (v, p, c) => {
      if (typeof v !== 'string' || (options.nonEmpty && v.length === 0)) {
        return [{ property: p, value: v, allowed }];
      }
      return literalProblem(v, p, c, options.literalBecause);
    });
  },

  /**
   * A finite number (an integer with `options.integer`). A token number is finite, so it passes
   * unless `options.literalBecause` says why a literal is needed.
   */
  number(options: NumberGuardOptions = {}): Guard<number> {
    const allowed = options.integer ? 'an integer' : 'a finite number';
    return new Guard<number>(allowed, (v, p, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || (options.integer && !Number.isInteger(v) && !c.isUnresolved(v))) {
        return [{ property: p, value: v, allowed }];
      }
      return literalProblem(v, p, c, options.literalBecause);
    });
  },

  /** `true` or `false` (not `'true'`, not `1`). */
  boolean(): Guard<boolean> {
    return new Guard<boolean>('true or false', (v, p) => single(typeof v === 'boolean', p, v, 'true or false'));
  },

  /**
   * A literal list whose every entry passes `item` (entries checked as `property[i]`; `null`
   * entries refused). A list token (a `CommaDelimitedList` parameter) is refused: the lists the
   * constructs take are read at synth (joined, merged with defaults, one resource per entry).
   */
  list<T>(item: Guard<T>, allowed = `a list, each entry ${item.allowed}`): Guard<T[]> {
    return new Guard<T[]>(allowed, (v, p, c) => {
      if (!Array.isArray(v)) {
        return [{ property: p, value: v, allowed }];
      }
      if (c.isUnresolved(v)) {
        return [{ property: p, value: UNRESOLVED_TOKEN, allowed: `a literal list, not a parameter: the list is read at synth (${allowed})` }];
      }
      return v.flatMap((entry, i) => (entry === undefined || entry === null
        ? [{ property: `${p}[${i}]`, value: entry, allowed: item.allowed }]
        : item.problems(entry, `${p}[${i}]`, c)));
    });
  },

  /** A map of string keys to values that pass `value` (`{ NAME: 'value' }`). */
  record<T>(value: Guard<T>, allowed = `an object, each value ${value.allowed}`): Guard<Record<string, T>> {
    return new Guard<Record<string, T>>(allowed, (v, p, c) => {
      if (!isPlainObjectLike(v)) {
        return [{ property: p, value: v, allowed }];
      }
      return Object.entries(v).flatMap(([k, entry]) => value.problems(entry, `${p}.${k}`, c));
    });
  },

  /** A nested object whose declared props pass their guards. */
  object(shape: GuardShape, allowed = 'an object'): Guard<Record<string, unknown>> {
    return new Guard<Record<string, unknown>>(allowed, (v, p, c) => objectProblems(shape, allowed, v, p, c, p));
  },

  /** One of `values` (an enum's values). */
  oneOf<T>(values: readonly T[], allowed = `one of ${values.join(', ')}`): Guard<T> {
    return new Guard<T>(allowed, (v, p) => single(values.includes(v as T), p, v, allowed));
  },

  /**
   * Whatever `test` accepts: an instance of a library class (`v instanceof TableSchema`), an
   * object with a method (`Duration`), a construct reference. `allowed` says what in words.
   */
  satisfies<T>(test: (value: unknown) => boolean, allowed: string): Guard<T> {
    return new Guard<T>(allowed, (v, p) => single(v !== null && test(v), p, v, allowed));
  },

  /** An object (not `null`, not a list) with every method of `methods`: an interface of the library or of the cloud's IaC library. */
  withMethods<T>(methods: readonly string[], allowed: string): Guard<T> {
    return guard.satisfies<T>((v) => typeof v === 'object' && !Array.isArray(v)
      && methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'), allowed);
  },

  /** An object (not `null`, not a list) with every property of `properties` set: a reference given as attributes. */
  withProperties<T>(properties: readonly string[], allowed: string): Guard<T> {
    return guard.satisfies<T>((v) => typeof v === 'object' && !Array.isArray(v)
      && properties.every((m) => (v as Record<string, unknown>)[m] !== undefined), allowed);
  },

  /**
   * Anything that is not an unresolved token (its type is checked further on, by the value
   * checks): a value that decides what is synthesized, which a parameter cannot give at synth.
   * @param allowed the whole "allowed" text, saying why (`a number known at synth time: ...`)
   */
  literal(allowed: string): Guard<unknown> {
    return new Guard<unknown>(allowed, (v, p, c) => (c.isUnresolved(v) ? [{ property: p, value: UNRESOLVED_TOKEN, allowed }] : []));
  },

  /** Anything but `null` (a value whose type is checked further on, by the construct's own rules). */
  defined(allowed: string): Guard<unknown> {
    return new Guard<unknown>(allowed, (v, p) => single(v !== null, p, v, allowed));
  },

  /** The guard of a props object: see {@link PropsGuard}. */
  props(shape: GuardShape, allowed = 'an object of props'): PropsGuard {
    return new PropsGuard(shape, allowed);
  },
};

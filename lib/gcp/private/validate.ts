/**
 * The input checks every Google Cloud construct makes, each naming the construct path, the
 * property, the value and what is allowed (`MlopsValidationError`). Values holding unresolved
 * tokens pass where the check cannot be made before deploy.
 */
import { MlopsValidationError, namingProblem, NamingRule, PathLike } from '../../core';
import { Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { iamMemberProblem } from './iam-members';
import { isLocationRule, locationRuleProblem } from './regions';

/** `value` when it follows `rule` or is an unresolved token; otherwise an error naming `property`. */
export function resolveName(scope: PathLike, property: string, rule: NamingRule, value: unknown): string {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    return value;
  }
  return resolveLiteralName(scope, property, rule, value);
}

/**
 * `value` when it follows `rule` (a location rule: is a location of its service's catalog, else
 * the error names the closest one); otherwise an error naming `property`. A token does not follow
 * any rule, so it is refused with the rule's description.
 */
export function resolveLiteralName(scope: PathLike, property: string, rule: NamingRule, value: unknown): string {
  const problem = isLocationRule(rule) ? locationRuleProblem(rule, value) : namingProblem(rule, value);
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, property, value, problem);
  }
  return value as string;
}

/** `value` when it is one of the enum's values (or `undefined`); otherwise an error listing them, or saying `allowed`. */
export function resolveEnum<T extends Record<string, string>>(
  scope: PathLike, property: string, values: T, value: unknown, allowed = `one of ${Object.values(values).join(', ')}`,
): T[keyof T] | undefined {
  if (value !== undefined && !(Object.values(values) as unknown[]).includes(value)) {
    throw new MlopsValidationError(scope, property, value, allowed);
  }
  return value as T[keyof T] | undefined;
}

/** `value` when it is a boolean (or `undefined`); otherwise an error. */
export function resolveBoolean(scope: PathLike, property: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new MlopsValidationError(scope, property, value, 'true or false');
  }
  return value;
}

/** `value` when it is an integer of at least `min` (or `undefined`); otherwise an error. */
export function resolveCount(scope: PathLike, property: string, value: unknown, min: number): number | undefined {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
    throw new MlopsValidationError(scope, property, value, `an integer of at least ${min}`);
  }
  return value;
}

/** A copy of `value` when it is a list of strings (or `undefined`); otherwise an error. */
export function resolveStrings(scope: PathLike, property: string, value: unknown): string[] | undefined {
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    throw new MlopsValidationError(scope, property, value, 'a list of strings');
  }
  return value === undefined ? undefined : [...value];
}

/** `member` when it is an IAM member the library grants to (see `iamMemberProblem`); otherwise an error naming `property`. */
export function resolveMember(scope: PathLike, member: unknown, property = 'member'): string {
  const problem = iamMemberProblem(member);
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, property, member, problem);
  }
  return member as string;
}

/** The shape of a Cloud KMS crypto key resource id. */
export const CRYPTO_KEY_ID_PATTERN = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** `undefined` when `id` is a crypto key resource id, else what is allowed. Call only on resolved strings. */
export function cryptoKeyIdProblem(id: unknown): string | undefined {
  return typeof id === 'string' && CRYPTO_KEY_ID_PATTERN.test(id)
    ? undefined
    : 'a Cloud KMS crypto key resource id "projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>" (a KmsCryptoKey resource passes its id)';
}

/**
 * `key` when its id is a crypto key resource id (or a token), `undefined` when no key was given;
 * otherwise an error naming `encryptionKey.id`.
 *
 * @param locationProblem the construct's own condition on a literal id (the key's location), on
 * top of its shape
 */
export function resolveEncryptionKey(
  scope: PathLike, key: unknown, locationProblem: (id: string) => string | undefined = () => undefined,
): ICryptoKey | undefined {
  if (key === undefined) {
    return undefined;
  }
  const id = key !== null && typeof key === 'object' ? (key as ICryptoKey).id : undefined;
  if (typeof id === 'string' && Token.isUnresolved(id)) {
    return key as ICryptoKey;
  }
  const problem = cryptoKeyIdProblem(id) ?? locationProblem(id as string);
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, 'encryptionKey.id', id, problem);
  }
  return key as ICryptoKey;
}

/**
 * The mark every lake of the library carries, created or imported: what `DataLake.isDataLake`
 * and {@link resolveLake} recognize, so that consumers take any `IDataLake`, not only the class.
 */
export const DATA_LAKE_BRAND = Symbol.for('mlops-constructs/gcp.DataLake');

/** A lake of the library, as the other constructs take it: created by `DataLake`, or imported with `DataLake.fromDataLakeAttributes`. */
export interface LakeLike {
  readonly zoneNames: string[];
}

/**
 * `value` when it is a lake of this library (created or imported); otherwise an error naming
 * `property`. The one check of every construct that takes a lake.
 */
export function resolveLake<T extends LakeLike>(scope: PathLike, property: string, value: T | undefined): T {
  if (value === null || typeof value !== 'object' || (value as unknown as Record<symbol, unknown>)[DATA_LAKE_BRAND] !== true) {
    throw new MlopsValidationError(scope, property, value, 'a DataLake of mlops-constructs/gcp, or one imported with DataLake.fromDataLakeAttributes');
  }
  return value;
}

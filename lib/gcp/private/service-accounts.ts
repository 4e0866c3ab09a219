/**
 * Service account ids of the accounts the constructs create from a name prefix.
 *
 * @see https://cloud.google.com/iam/docs/service-accounts-create (account ID: 6 to 30 characters)
 */
import { MlopsValidationError, NamingRule, namingProblem, PathLike } from '../../core';
import { Token } from '../cdktf';

/** Service account ids: 6 to 30 lowercase letters, digits and hyphens, a letter first, no hyphen last. */
export const SERVICE_ACCOUNT_ID_RULE: NamingRule = {
  pattern: /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/,
  description: '6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/**
 * `<prefix>-<suffix>` when it is a service account id; otherwise an error naming `prefix`, with
 * `shown` as the value (the defaulted name when the prefix was not given).
 */
export function resolveServiceAccountId(scope: PathLike, prefix: unknown, suffix: string, shown: unknown = prefix): string {
  const longest = 30 - suffix.length - 1;
  if (typeof prefix !== 'string') {
    throw new MlopsValidationError(scope, 'prefix', shown, `a string of at most ${longest} lowercase letters, digits and hyphens`);
  }
  const id = `${prefix}-${suffix}`;
  if (!Token.isUnresolved(prefix) && namingProblem(SERVICE_ACCOUNT_ID_RULE, id) !== undefined) {
    throw new MlopsValidationError(scope, 'prefix', shown,
      `a prefix that makes "${id}" a service account id: ${SERVICE_ACCOUNT_ID_RULE.description} (a prefix of at most ${longest} characters)`);
  }
  return id;
}

/**
 * The input checks of the delivery pipeline that no other construct makes: repositories, branch
 * names as git accepts them, connection ARNs, command lists. Each returns why a value is refused,
 * or `undefined` when it is accepted. The repository and branch rules are the same on both clouds
 * (lib/gcp/delivery-pipeline/private/validation.ts has the same checks and descriptions).
 */
import { Token } from 'aws-cdk-lib';

/** What an `owner/name` repository looks like, for error messages. */
export const REPOSITORY_DESCRIPTION = 'a repository "owner/name": the owner 1 to 39 letters, digits and single hyphens (not first or last), '
  + 'the name 1 to 100 letters, digits, ".", "_" and "-" (not "." or ".."), for example "acme/ml-platform"';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Whether `value` is an `owner/name` repository (see {@link REPOSITORY_DESCRIPTION}). */
export function isRepository(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const parts = value.split('/');
  if (parts.length !== 2) {
    return false;
  }
  const [owner, name] = parts;
  return OWNER.test(owner) && NAME.test(name) && name !== '.' && name !== '..' && !name.endsWith('.git');
}

/** What a branch name may be, for error messages. */
export const BRANCH_DESCRIPTION = 'a branch name git accepts (git check-ref-format --branch): no space, control character, "~", "^", ":", "?", "*", "[", "\\", '
  + 'no "..", "@{" or "//", no part starting with "." or ending with ".lock", not starting with "-" or "/", not ending with "/" or ".", not "@"';

/**
 * Why git would refuse `value` as a branch name (`refs/heads/<value>`), or `undefined`: the rules
 * of `git check-ref-format`, plus `--branch`'s refusal of a leading `-`.
 * @see https://git-scm.com/docs/git-check-ref-format
 */
export function branchNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    return 'a non-empty string';
  }
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(value);
  if (bad !== null) {
    return `no ${bad[0] === ' ' ? 'space' : bad[0] < ' ' || bad[0] === '\x7f' ? 'control character' : `"${bad[0]}"`} (rules 4, 5 and 10 of check-ref-format)`;
  }
  if (value.includes('..')) {
    return 'no ".." (rule 3)';
  }
  if (value.includes('@{')) {
    return 'no "@{" (rule 8)';
  }
  if (value === '@') {
    return 'not the single character "@" (rule 9)';
  }
  if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) {
    return 'no "/" at the start or end and no "//" (rule 6)';
  }
  if (value.endsWith('.')) {
    return 'no "." at the end (rule 7)';
  }
  if (value.startsWith('-')) {
    return 'no "-" at the start (git check-ref-format --branch)';
  }
  const part = value.split('/').find((p) => p.startsWith('.') || p.endsWith('.lock'));
  if (part !== undefined) {
    return `no part starting with "." or ending with ".lock" ("${part}", rule 1)`;
  }
  return undefined;
}

/** What a connection ARN looks like, for error messages. */
export const CONNECTION_ARN_DESCRIPTION = 'the ARN of an AWS CodeConnections connection, '
  + '"arn:<partition>:codeconnections:<region>:<account>:connection/<id>" (or its older spelling with the service "codestar-connections")';

const CONNECTION_ARN = /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;

/** Whether `value` is a connection ARN of CodeConnections (either service prefix), or a token. */
export function isConnectionArn(value: unknown): boolean {
  return typeof value === 'string' && (Token.isUnresolved(value) || CONNECTION_ARN.test(value));
}

/** Why `value` is not a list of shell commands, or `undefined`. */
export function commandsProblem(value: unknown, allowEmpty: boolean): string | undefined {
  if (!Array.isArray(value) || value.some((c) => typeof c !== 'string' || c.trim() === '')) {
    return 'a list of non-empty shell commands (strings)';
  }
  if (!allowEmpty && value.length === 0) {
    return 'at least one command';
  }
  return undefined;
}

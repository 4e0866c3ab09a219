/**
 * The git rules both clouds' DeliveryPipeline apply to their source: an `owner/name` repository
 * (GitHub's owner and repository name rules) and a branch name as `git check-ref-format --branch`
 * accepts it. Each returns what a value is, or why it is refused.
 */

/** What an `owner/name` repository looks like, for error messages. */
export const REPOSITORY_DESCRIPTION = 'a repository "owner/name": the owner 1 to 39 letters, digits and single hyphens (not first or last), '
  + 'the name 1 to 100 letters, digits, ".", "_" and "-" (not "." or ".."), for example "acme/ml-platform"';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** The owner and name of `value`, or `undefined` when it is not `owner/name` (see {@link REPOSITORY_DESCRIPTION}). */
export function repositoryParts(value: unknown): { owner: string; name: string } | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const parts = value.split('/');
  if (parts.length !== 2) {
    return undefined;
  }
  const [owner, name] = parts;
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..' || name.endsWith('.git')) {
    return undefined;
  }
  return { owner, name };
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

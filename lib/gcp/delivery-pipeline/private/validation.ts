/**
 * The input checks of the delivery pipeline that no other construct makes: repositories, branch
 * names as git accepts them, RE2 branch filters, 2nd-gen connection names. Each returns why a
 * value is refused, or `undefined` when it is accepted.
 */

/** What an `owner/name` repository looks like, for error messages. */
export const REPOSITORY_DESCRIPTION = 'a repository "owner/name": the owner 1 to 39 letters, digits and single hyphens (not first or last), '
  + 'the name 1 to 100 letters, digits, ".", "_" and "-" (not "." or ".."), for example "acme/ml-platform"';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** The owner and name of `value`, or `undefined` when it is not `owner/name`. */
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

/**
 * Why `value` is not a regular expression Cloud Build accepts, or `undefined`. Cloud Build
 * compiles trigger filters with RE2, which has no lookaround and no backreference; what
 * JavaScript cannot compile is refused too (the few RE2-only forms such as `(?P<name>…)` with it:
 * write `(?<name>…)`).
 * @see https://github.com/google/re2/wiki/Syntax
 */
export function re2Problem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    return 'a non-empty RE2 regular expression';
  }
  try {
    new RegExp(value);
  } catch (e) {
    return `a regular expression that compiles (${(e as Error).message})`;
  }
  // Outside character classes and escapes: (?= (?! (?<= (?<! and \1..\9, \k<name>.
  let inClass = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (!inClass && (/[1-9]/.test(next ?? '') || next === 'k')) {
        return `RE2 syntax: RE2 has no backreferences ("\\${next}" at ${i})`;
      }
      i++;
      continue;
    }
    if (inClass) {
      inClass = c !== ']';
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(' && /^\(\?(?:=|!|<=|<!)/.test(value.slice(i))) {
      return `RE2 syntax: RE2 has no lookahead or lookbehind ("${/^\(\?(?:=|!|<=|<!)/.exec(value.slice(i))![0]}" at ${i})`;
    }
  }
  return undefined;
}

/**
 * Cloud Build 2nd-gen connection names: a full resource name, or the connection id alone (in the
 * pipeline's project and region).
 * @see https://cloud.google.com/build/docs/automating-builds/github/connect-repo-github
 */
export const CONNECTION_FULL_NAME = /^projects\/([^/\s]+)\/locations\/([a-z0-9-]+)\/connections\/([A-Za-z0-9_-]+)$/;
const CONNECTION_ID = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;

/** What a connection may be, for error messages. */
export const CONNECTION_DESCRIPTION = 'a Cloud Build 2nd-gen connection: its id (letters, digits, "-" and "_", in the pipeline\'s project and region) '
  + 'or its resource name "projects/<project>/locations/<region>/connections/<id>"';

/** The region of a full connection name, `null` for an id alone, `undefined` for neither. */
export function connectionRegion(value: unknown): string | null | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const full = CONNECTION_FULL_NAME.exec(value);
  if (full !== null) {
    return full[2];
  }
  return CONNECTION_ID.test(value) ? null : undefined;
}

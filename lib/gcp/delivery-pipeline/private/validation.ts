/**
 * The input checks of the delivery pipeline that no other construct makes: repositories, branch
 * names as git accepts them (both from lib/core/delivery, shared with AWS), RE2 branch filters,
 * 2nd-gen connection names. Each returns why a value is refused, or `undefined` when it is accepted.
 */
export { BRANCH_DESCRIPTION, branchNameProblem, REPOSITORY_DESCRIPTION, repositoryParts } from '../../../core/delivery';

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

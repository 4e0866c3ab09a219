/**
 * "Did you mean": the closest known name to a misspelled one.
 *
 * Hand-written rather than a dependency: the whole need is a Levenshtein distance over a few
 * hundred short names, about twenty lines, and the neutral core takes no runtime dependencies.
 */

/** The Levenshtein distance (insertions, deletions, substitutions) between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known name closest to `value` (case-insensitively), when it is close enough to be a
 * misspelling: at most a third of its length away, and at least one edit. `undefined` otherwise.
 * Ties go to the first candidate in `known`'s order.
 */
export function closestMatch(value: string, known: readonly string[]): string | undefined {
  const needle = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(value.length / 3)) ? best : undefined;
}

/** ` Did you mean "x"?`-style suffix for an error's allowed text: `; did you mean "x"?`, or `''`. */
export function didYouMean(value: unknown, known: readonly string[]): string {
  if (typeof value !== 'string') {
    return '';
  }
  const match = closestMatch(value, known);
  return match === undefined || match === value ? '' : `; did you mean "${match}"?`;
}

/**
 * "Did you mean": the closest known name to a misspelled one.
 *
 * Hand-written rather than a dependency: the whole need is a Levenshtein distance over a few
 * hundred short names, about thirty lines, and the neutral core takes no runtime dependencies.
 */

/**
 * The Levenshtein distance (insertions, deletions, substitutions) between `a` and `b`, computed
 * only as far as `limit`: when the distance is above `limit`, the result is `limit + 1`.
 * The bound is what keeps a long bad value cheap: names that differ in length by more than the
 * bound are not compared at all, and a comparison stops at the first row already above it.
 */
export function editDistance(a: string, b: string, limit: number = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    // Every later row's cells are at least this row's smallest one.
    if (rowMinimum > limit) {
      return limit + 1;
    }
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], limit + 1);
}

/**
 * The known name closest to `value` (case-insensitively), when it is close enough to be a
 * misspelling: at most a third of its length away, and at least one edit. `undefined` otherwise.
 * Ties go to the first candidate in `known`'s order.
 */
export function closestMatch(value: string, known: readonly string[]): string | undefined {
  const needle = value.toLowerCase();
  const closeEnough = Math.max(2, Math.ceil(value.length / 3));
  let best: string | undefined;
  let bestDistance = closeEnough + 1;
  for (const candidate of known) {
    // Only a candidate nearer than the best so far (and close enough) can win.
    const distance = editDistance(needle, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?`-style suffix for an error's allowed text: `; did you mean "x"?`, or `''`. */
export function didYouMean(value: unknown, known: readonly string[]): string {
  if (typeof value !== 'string') {
    return '';
  }
  const match = closestMatch(value, known);
  return match === undefined || match === value ? '' : `; did you mean "${match}"?`;
}

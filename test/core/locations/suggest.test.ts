/**
 * lib/core/locations/suggest.ts, the "did you mean" of the location and instance-type errors: the
 * bounded distance and the closest match give what the plain Levenshtein distance over every
 * candidate gives (written out below as the reference), on random names and on the catalogs the
 * errors use.
 */
import * as fc from 'fast-check';
import { closestMatch, didYouMean, editDistance, GCP_REGIONS, SAGEMAKER_INSTANCE_TYPES } from '../../../lib/core/locations';

/** The textbook distance: the full table, no bound. */
function referenceDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] = Math.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return table[a.length][b.length];
}

/** The rule as documented: the first candidate at the smallest distance, if within a third of the value's length (at least 2). */
function referenceClosest(value: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = referenceDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(value.length / 3)) ? best : undefined;
}

const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-', '1'), maxLength: 12 });

test('editDistance is the Levenshtein distance, and limit + 1 when that is above the limit', () => {
  fc.assert(fc.property(name, name, fc.option(fc.nat(14), { nil: undefined }), (a, b, limit) => {
    const exact = referenceDistance(a, b);
    const bounded = editDistance(a, b, limit);
    expect(bounded).toBe(limit === undefined || exact <= limit ? exact : limit + 1);
  }), { numRuns: 2000, seed: 4122026 });
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  expect(editDistance('', 'abc')).toBe(3);
});

test('closestMatch picks what the plain distance over every candidate picks, ties to the first', () => {
  fc.assert(fc.property(name, fc.array(name, { maxLength: 8 }), (value, known) => {
    expect(closestMatch(value, known)).toBe(referenceClosest(value, known));
  }), { numRuns: 2000, seed: 4122026 });
  expect(closestMatch('ab', ['xy', 'ax', 'ay'])).toBe('ax');
});

test('on the catalogs the errors use, a mistyped name gets the same suggestion as before', () => {
  const typo = fc.tuple(fc.constantFrom(...GCP_REGIONS, ...SAGEMAKER_INSTANCE_TYPES), fc.nat(), fc.constantFrom('', 'x', '1', '.'), fc.boolean())
    .map(([known, at, insert, drop]) => {
      const i = at % (known.length + 1);
      return `${known.slice(0, i)}${insert}${known.slice(drop ? i + 1 : i)}`;
    });
  fc.assert(fc.property(typo, (value) => {
    expect(closestMatch(value, GCP_REGIONS)).toBe(referenceClosest(value, GCP_REGIONS));
    expect(closestMatch(value, SAGEMAKER_INSTANCE_TYPES)).toBe(referenceClosest(value, SAGEMAKER_INSTANCE_TYPES));
  }), { numRuns: 40, seed: 4122026 });
  expect(didYouMean('ml.m5.xlarg', SAGEMAKER_INSTANCE_TYPES)).toBe('; did you mean "ml.m5.xlarge"?');
  expect(didYouMean('europe-west44', GCP_REGIONS)).toBe('; did you mean "europe-west4"?');
  expect(didYouMean('EUROPE-WEST4', GCP_REGIONS)).toBe('; did you mean "europe-west4"?');
  expect(didYouMean('europe-west4', GCP_REGIONS)).toBe('');
  expect(didYouMean('mars-north1', GCP_REGIONS)).toBe('');
  expect(didYouMean(42, GCP_REGIONS)).toBe('');
});

// Before the bound, this one call took 378 ms in Node (every cell of a 120,000 × ~12 table for
// each of the 43 regions), 13 s under jest; 0.2 ms now.
test('a very long bad value gets no suggestion', () => {
  const long = 'europe-west4'.repeat(10_000);
  expect(closestMatch(long, GCP_REGIONS)).toBeUndefined();
  expect(didYouMean(`${long}x`, SAGEMAKER_INSTANCE_TYPES)).toBe('');
});

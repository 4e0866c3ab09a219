/**
 * lib/core/errors.ts: how a bad value appears in an MlopsValidationError's message.
 */
import { MlopsValidationError } from '../../lib/core';

const message = (value: unknown) => new MlopsValidationError('Stack/Lake', 'location', value, 'a region').message;

test('a value is shown as it was given, strings quoted', () => {
  expect(message('europe-west44')).toBe('[Stack/Lake] invalid location: "europe-west44". Allowed: a region.');
  expect(message(5)).toBe('[Stack/Lake] invalid location: 5. Allowed: a region.');
  expect(message({ region: 'x' })).toBe('[Stack/Lake] invalid location: {"region":"x"}. Allowed: a region.');
  // Names near their limits (255 characters for the longest) are shown whole.
  expect(message('a'.repeat(998))).toBe(`[Stack/Lake] invalid location: "${'a'.repeat(998)}". Allowed: a region.`);
});

test('a longer value is cut, a string past 1000 characters with its length, JSON past 200; the error keeps the whole value', () => {
  const long = 'europe-west4'.repeat(10_000);
  const error = new MlopsValidationError('Stack/Lake', 'location', long, 'a region');
  expect(error.message).toBe(`[Stack/Lake] invalid location: "${long.slice(0, 995)}..." (120000 characters). Allowed: a region.`);
  expect(error.value).toBe(long);
  expect(message(Array.from({ length: 100 }, (_, i) => i))).toMatch(/^\[Stack\/Lake\] invalid location: \[0,1,2,.{180,}\.\.\.\. Allowed: a region\.$/);
  expect(message(Array.from({ length: 100 }, (_, i) => i)).length).toBeLessThan(260);
});

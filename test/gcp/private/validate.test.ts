import { cryptoKeyIdProblem } from '../../../lib/gcp/private/validate';

describe('cryptoKeyIdProblem', () => {
  test('accepts a full crypto key resource id', () => {
    expect(cryptoKeyIdProblem('projects/p/locations/europe-west4/keyRings/lake/cryptoKeys/data')).toBeUndefined();
  });
  test.each([
    'projects/p/locations/europe-west4/keyRings/lake', // a key ring, not a key
    'projects/p/locations/europe-west4/keyRings/lake/cryptoKeys/data/cryptoKeyVersions/1', // a version
    'data',
    42,
  ])('refuses %p, saying what a key id looks like', (id) => {
    expect(cryptoKeyIdProblem(id)).toMatch(/projects\/<project>\/locations\/<location>\/keyRings\/<ring>\/cryptoKeys\/<key>/);
  });
});

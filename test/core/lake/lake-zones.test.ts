import { defaultLakeLifecycle, lifecycleProblems, resolveLakeZones, StandardZone } from 'mlops-constructs';

describe('lake zones', () => {
  test('the standard zones always exist, in order, with their default lifecycles', () => {
    const { zones, problems } = resolveLakeZones(undefined);
    expect(problems).toEqual([]);
    expect(zones.map((z) => z.name)).toEqual(['raw', 'curated', 'artifacts']);
    expect(zones[0].lifecycle).toEqual(defaultLakeLifecycle(StandardZone.RAW));
  });

  test('a user zone with a standard name replaces that lifecycle; others are added after', () => {
    const { zones, problems } = resolveLakeZones([{ name: 'sandbox' }, { name: 'raw', lifecycle: { expireAfterDays: 400 } }]);
    expect(problems).toEqual([]);
    expect(zones.map((z) => z.name)).toEqual(['raw', 'curated', 'artifacts', 'sandbox']);
    expect(zones[0].lifecycle).toEqual({ expireAfterDays: 400 });
    expect(zones[3].lifecycle).toEqual(defaultLakeLifecycle('sandbox'));
  });

  test('every default lifecycle is itself valid', () => {
    for (const name of ['raw', 'curated', 'artifacts', 'other']) {
      expect(lifecycleProblems(defaultLakeLifecycle(name))).toEqual([]);
    }
  });

  test.each([
    ['Raw', /1 to 20 characters of lowercase letters/],
    ['raw_zone', /lowercase letters, digits and hyphens/],
    ['-raw', /starting with a letter/],
    ['a'.repeat(21), /1 to 20 characters/],
  ])('rejects zone name %s', (name, allowed) => {
    const { problems } = resolveLakeZones([{ name }]);
    expect(problems).toEqual([{ property: 'zones[0].name', value: name, allowed: expect.stringMatching(allowed) }]);
  });

  test('rejects a zone named twice', () => {
    expect(resolveLakeZones([{ name: 'x' }, { name: 'x' }]).problems[0]).toMatchObject({ property: 'zones[1].name', allowed: 'each zone name once' });
  });

  test.each([
    [{ infrequentAccessAfterDays: 10 }, 'infrequentAccessAfterDays', /from 30 to 36500/],
    [{ infrequentAccessAfterDays: 30.5 }, 'infrequentAccessAfterDays', /whole number/],
    [{ archiveAfterDays: 0 }, 'archiveAfterDays', /from 1 to/],
    [{ infrequentAccessAfterDays: 60, archiveAfterDays: 80 }, 'archiveAfterDays', /at least 30 days after infrequentAccessAfterDays \(60\), so at least 90/],
    [{ infrequentAccessAfterDays: 60, expireAfterDays: 60 }, 'expireAfterDays', /more than the last transition \(60 days\)/],
    [{ noncurrentVersionsToRetain: 101, noncurrentVersionExpirationDays: 3 }, 'noncurrentVersionsToRetain', /from 1 to 100/],
    [{ noncurrentVersionsToRetain: 3 }, 'noncurrentVersionsToRetain', /only together with noncurrentVersionExpirationDays/],
    [{ abortIncompleteUploadsAfterDays: -1 }, 'abortIncompleteUploadsAfterDays', /from 1 to/],
  ])('rejects lifecycle %j', (lifecycle, property, allowed) => {
    const problems = lifecycleProblems(lifecycle);
    expect(problems.map((p) => p.property)).toContain(property);
    expect(problems.find((p) => p.property === property)!.allowed).toMatch(allowed);
  });

  test('lifecycle problems of a zone carry the zone path', () => {
    const { problems } = resolveLakeZones([{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 1 } }]);
    expect(problems[0].property).toBe('zones[0].lifecycle.infrequentAccessAfterDays');
  });
});

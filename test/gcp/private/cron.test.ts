import { timeZoneProblem } from '../../../lib/gcp/private/cron';

// Three paths accept a zone: UTC by the names the defaults use, the runtime's canonical zones
// (Intl.supportedValuesOf), and the aliases only Intl.DateTimeFormat knows; the answers are those
// of Intl.DateTimeFormat alone.
describe('timeZoneProblem', () => {
  const intlAccepts = (zone: string): boolean => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  };

  test.each(['Etc/UTC', 'UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts the zone %s', (zone) => {
    expect(timeZoneProblem(zone)).toBeUndefined();
  });

  test('accepts an alias that the runtime\'s canonical list leaves out', () => {
    expect(Intl.supportedValuesOf('timeZone')).not.toContain('US/Pacific');
    expect(intlAccepts('US/Pacific')).toBe(true);
    expect(timeZoneProblem('US/Pacific')).toBeUndefined();
  });

  test.each(['Mars/Olympus', 'Europe/Atlantis', '', 'Europe/../Paris', ' Europe/Paris', 'UTC '])('refuses %j', (zone) => {
    expect(timeZoneProblem(zone)).toBe('an IANA time zone name such as "Europe/Paris" or "UTC"');
  });

  test('accepts every canonical zone of the runtime, as Intl.DateTimeFormat does', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((zone) => timeZoneProblem(zone) !== undefined || !intlAccepts(zone))).toEqual([]);
  });
});

import { Duration } from 'mlops-constructs/gcp';

describe('Duration', () => {
  test.each<[Duration, number, string]>([
    [Duration.seconds(90), 90, '90 seconds'],
    [Duration.minutes(1), 60, '1 minute'],
    [Duration.minutes(2.5), 150, '2.5 minutes'],
    [Duration.hours(745), 2682000, '745 hours'],
    [Duration.days(7), 604800, '7 days'],
  ])('%s is %i seconds, shown as given', (duration, seconds, text) => {
    expect(duration.toSeconds()).toBe(seconds);
    expect(duration.toHumanString()).toBe(text);
    expect(duration.toString()).toBe(text);
  });

  test('converts between units exactly', () => {
    expect([Duration.days(1).toHours(), Duration.hours(1).toMinutes(), Duration.minutes(90).toHours(), Duration.hours(36).toDays()]).toEqual([24, 60, 1.5, 1.5]);
  });
});

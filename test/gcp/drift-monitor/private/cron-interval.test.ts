/**
 * The shortest time between two firings of a Cloud Scheduler cron expression, which a drift
 * schedule is checked against (never more often than once per window).
 */
import { minimumCronIntervalSeconds } from '../../../../lib/gcp/drift-monitor/private/cron-interval';

const HOUR = 3600;
const DAY = 24 * HOUR;

test.each([
  ['15 * * * *', HOUR],
  ['0,30 * * * *', 30 * 60],
  ['*/20 * * * *', 20 * 60],
  ['15 */6 * * *', 6 * HOUR],
  ['0 6,18 * * *', 12 * HOUR],
  ['0 22-23 * * *', HOUR],
  ['15 0 * * *', DAY],
  ['0 0 * * 1-5', DAY], // Monday to Friday: the closest runs are a day apart
  ['30 6 * * MON', 7 * DAY],
  ['0 0 1 * *', 28 * DAY], // the first of each month: a common February is the shortest
  ['0 0 1,15 * *', 14 * DAY], // 1st → 15th, and 15 February → 1 March of a common year
  ['0 0 1 * 1', DAY], // day of month OR day of week when both are restricted (cron's rule)
  ['0 0 29 2 *', undefined], // the leap day: once in the 800 days enumerated
])('%s: %p seconds', (expression, expected) => {
  expect(minimumCronIntervalSeconds(expression)).toBe(expected);
});

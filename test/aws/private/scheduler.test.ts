/**
 * The shortest interval of an EventBridge Scheduler cron expression, as the drift schedule uses it
 * to refuse a schedule that fires more often than the window: a lower bound, exact for times of
 * day and weekdays.
 */
import { cronMinimumIntervalMinutes, cronProblem } from '../../../lib/aws/private/scheduler';

test.each([
  ['0 3 * * ? *', 24 * 60],
  ['0/15 * * * ? *', 15],
  ['0 * * * ? *', 60],
  ['0 6,18 * * ? *', 12 * 60],
  ['30 1,23 * * ? *', 2 * 60],
  ['15 0/6 * * ? *', 6 * 60],
  ['0 3 ? * MON *', 7 * 24 * 60],
  ['0 3 ? * MON,THU *', 3 * 24 * 60],
  ['0 3 ? * MON-FRI *', 24 * 60],
  ['0 3 1 * ? *', 28 * 24 * 60],
  ['0 3 1,15 * ? *', 14 * 24 * 60],
  ['0 3 */2 * ? *', 24 * 60],
  ['0 3 L * ? *', 28 * 24 * 60],
  ['0 3 ? * 2#1 *', 28 * 24 * 60],
  ['0 3 * 1 ? 2030', 24 * 60],
])('%s fires at most every %d minutes', (expression, minutes) => {
  expect(cronProblem(expression)).toBeUndefined();
  expect(cronMinimumIntervalMinutes(expression)).toBe(minutes);
});

import { ValidationProblem } from '../../core';
import { Token } from '../cdktf';
import { Duration } from '../duration';
import { CRON_EXPRESSION_DESCRIPTION, cronExpressionProblem, timeZoneProblem } from '../private/cron';
import { minimumCronIntervalSeconds } from './private/cron-interval';

/**
 * Minutes after a window's end at which a rate schedule runs the monitor: the last captures of
 * the window have landed by then (Vertex AI streams its request-response log into BigQuery).
 */
export const DRIFT_SCHEDULE_DELAY_MINUTES = 15;

enum DriftScheduleKind {
  RATE = 'rate',
  CRON = 'cron',
}

/**
 * When a drift monitor runs: every window (`rate`), or on a Cloud Scheduler cron. Each run
 * computes the last whole window before it, windows being aligned on the Unix epoch in UTC (a
 * one-day window is a UTC day, a one-hour window a UTC hour).
 *
 * | factory                        | Cloud Scheduler schedule                                   |
 * |--------------------------------|------------------------------------------------------------|
 * | `rate(Duration.hours(h))`, h divides 24 | `15 *&#47;h * * *` (`15 * * * *` for one hour)    |
 * | `rate(Duration.days(1))`       | `15 0 * * *`                                               |
 * | `rate(Duration.days(7))`       | `15 0 * * 4` (epoch-aligned weeks start on Thursdays)      |
 * | `cron(expression, timeZone?)`  | the expression, in the time zone (UTC by default)          |
 *
 * A monitor refuses a schedule that fires more often than its window (two runs would compute
 * the same window). Declaring one never throws; the monitor reports a bad one under its path.
 *
 * @see https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules
 */
export class DriftSchedule {
  /** Once every `interval`: a whole number of hours dividing a day, one day, or seven days. */
  public static rate(interval: Duration): DriftSchedule {
    return new DriftSchedule(DriftScheduleKind.RATE, interval, undefined);
  }

  /**
   * A Cloud Scheduler cron schedule, e.g. `DriftSchedule.cron('30 6 * * *', 'Europe/Paris')`.
   * @param expression minute, hour, day of month, month, day of week
   * @param timeZone an IANA time zone name; the default is UTC
   */
  public static cron(expression: string, timeZone?: string): DriftSchedule {
    return new DriftSchedule(DriftScheduleKind.CRON, expression, timeZone);
  }

  private constructor(private readonly kind: DriftScheduleKind, private readonly value: unknown, private readonly timeZone: unknown) {}

  /** Problems of the schedule, properties relative to it (`interval`, `expression`, `timeZone`). */
  public problems(): ValidationProblem[] {
    if (this.kind === DriftScheduleKind.RATE) {
      return this.rateCron() === undefined
        ? [{ property: 'interval', value: this.value, allowed: 'a Duration of 1, 2, 3, 4, 6, 8, 12 or 24 hours, or 7 days (a rate Cloud Scheduler\'s cron expresses on UTC window boundaries)' }]
        : [];
    }
    const expression = this.value;
    if (typeof expression !== 'string') {
      return [{ property: 'expression', value: expression, allowed: CRON_EXPRESSION_DESCRIPTION }];
    }
    const problem = Token.isUnresolved(expression) ? undefined : cronExpressionProblem(expression);
    if (problem !== undefined) {
      return [{ property: 'expression', value: expression, allowed: `Cloud Scheduler's unix cron: ${problem}` }];
    }
    const zone = this.timeZone;
    if (zone !== undefined && !(typeof zone === 'string' && (Token.isUnresolved(zone) || timeZoneProblem(zone) === undefined))) {
      return [{ property: 'timeZone', value: zone, allowed: 'an IANA time zone name such as "Europe/Paris" or "Etc/UTC"' }];
    }
    return [];
  }

  /** @internal The Cloud Scheduler `schedule` and `time_zone` of a schedule without problems. */
  public _render(): { schedule: string; timeZone: string } {
    if (this.kind === DriftScheduleKind.RATE) {
      return { schedule: this.rateCron()!, timeZone: 'Etc/UTC' };
    }
    return { schedule: (this.value as string).trim(), timeZone: (this.timeZone as string | undefined) ?? 'Etc/UTC' };
  }

  /** @internal Seconds between the two closest runs, `undefined` when unknown (a token) or when it runs at most once in 800 days. */
  public _minimumIntervalSeconds(): number | undefined {
    if (this.kind === DriftScheduleKind.RATE) {
      return (this.value as Duration).toSeconds();
    }
    return Token.isUnresolved(this.value as string) ? undefined : minimumCronIntervalSeconds(this.value as string);
  }

  /** A human description, for error messages. */
  public toString(): string {
    return this.kind === DriftScheduleKind.RATE
      ? `DriftSchedule.rate(${this.value instanceof Duration ? this.value.toHumanString() : String(this.value)})`
      : `DriftSchedule.cron(${JSON.stringify(this.value)})`;
  }

  private rateCron(): string | undefined {
    const interval = this.value;
    if (!(interval instanceof Duration)) {
      return undefined;
    }
    const seconds = interval.toSeconds();
    const m = DRIFT_SCHEDULE_DELAY_MINUTES;
    if (seconds === 7 * 86_400) {
      return `${m} 0 * * 4`;
    }
    if (seconds === 86_400) {
      return `${m} 0 * * *`;
    }
    const hours = seconds / 3600;
    if (Number.isInteger(hours) && hours >= 1 && 24 % hours === 0) {
      return hours === 1 ? `${m} * * * *` : `${m} */${hours} * * *`;
    }
    return undefined;
  }
}

import { Duration, Token } from 'aws-cdk-lib/core';
import { ValidationProblem } from '../../core';
import { CRON_GRAMMAR, cronMinimumIntervalMinutes, cronProblem } from '../private/scheduler';

/** How a drift schedule is given. */
enum DriftScheduleKind {
  CRON = 'cron',
  RATE = 'rate',
}

/**
 * When a drift monitor runs (an enum-like class): EventBridge Scheduler's `rate()` or `cron()`
 * (six fields, UTC). Each run computes one window, the one that ended at the last whole hour at
 * least 10 minutes before the run started, so a schedule never fires more often than the window
 * is long: more frequent runs would recompute overlapping windows and count one drift several
 * times.
 *
 * | factory          | EventBridge Scheduler expression | refused when                                     |
 * |------------------|----------------------------------|--------------------------------------------------|
 * | `rate(duration)` | `rate(n minutes\|hours\|days)`   | not whole minutes, or shorter than the window    |
 * | `cron(expr)`     | `cron(expr)`                     | not EventBridge's grammar, or it can fire twice within one window |
 *
 * The default (no `schedule`) is once per window: `cron(10 0 * * ? *)` (00:10 UTC, the day that
 * just ended) for a one-day window, `rate(<window>)` otherwise.
 *
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
export class DriftSchedule {
  /**
   * A run every `duration`: whole minutes, at least the monitor's window.
   * @param duration the interval
   */
  public static rate(duration: Duration): DriftSchedule {
    return new DriftSchedule(DriftScheduleKind.RATE, duration);
  }

  /**
   * An EventBridge Scheduler cron expression (UTC), `cron(10 0 * * ? *)` or its six fields alone,
   * that fires at most once per window.
   * @param expression six fields: minutes hours day-of-month month day-of-week year
   */
  public static cron(expression: string): DriftSchedule {
    const fields = typeof expression === 'string' ? expression.trim().replace(/^cron\((.*)\)$/s, '$1').trim() : expression;
    return new DriftSchedule(DriftScheduleKind.CRON, fields, expression);
  }

  /**
   * The default of a window: once per window (see the class description).
   * @internal
   */
  public static _everyWindow(window: Duration): DriftSchedule {
    return window.toMinutes() === 24 * 60 ? DriftSchedule.cron('10 0 * * ? *') : DriftSchedule.rate(window);
  }

  private constructor(private readonly kind: DriftScheduleKind, private readonly value: unknown, private readonly given: unknown = value) {}

  /**
   * Problems of the schedule for a window (property paths relative to the schedule).
   * @param window the monitor's window, a Duration known at synth
   */
  public problems(window: Duration): ValidationProblem[] {
    const windowMinutes = window.toMinutes();
    const tooOften = (every: string) => `runs at most once per window (${window.toHumanString()}); this one can run every ${every}, `
      + 'and each run computes the window that just ended, so windows would overlap';
    if (this.kind === DriftScheduleKind.RATE) {
      const duration = this.value;
      if (!(duration instanceof Duration)) {
        return [{ property: 'rate', value: duration, allowed: 'a Duration of whole minutes, at least the window' }];
      }
      // A parameter's amount converts to no other unit at synth (aws-cdk-lib throws), so test it first.
      if (duration.isUnresolved() || Token.isUnresolved(duration.toMilliseconds())) {
        return [{ property: 'rate', value: '(a token)', allowed: 'a Duration of a literal amount, known at synth time: the rate is compared with the window and written into the schedule expression' }];
      }
      const ms = duration.toMilliseconds();
      if (!(ms >= 60_000 && ms % 60_000 === 0)) {
        return [{ property: 'rate', value: duration.toHumanString(), allowed: 'whole minutes, at least one (EventBridge Scheduler rate())' }];
      }
      return ms / 60_000 >= windowMinutes ? [] : [{ property: 'rate', value: duration.toHumanString(), allowed: tooOften(duration.toHumanString()) }];
    }
    const problem = typeof this.value === 'string' ? cronProblem(this.value) : 'a string';
    if (problem !== undefined) {
      return [{ property: 'cron', value: this.given, allowed: `${CRON_GRAMMAR}; ${problem}` }];
    }
    const interval = cronMinimumIntervalMinutes(this.value as string);
    return interval >= windowMinutes ? [] : [{ property: 'cron', value: this.given, allowed: tooOften(Duration.minutes(interval).toHumanString()) }];
  }

  /**
   * The Scheduler expression.
   * @internal
   */
  public _render(): string {
    if (this.kind === DriftScheduleKind.CRON) {
      return `cron(${(this.value as string).split(/\s+/).join(' ')})`;
    }
    const minutes = (this.value as Duration).toMinutes();
    const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
    return `rate(${n} ${unit}${n === 1 ? '' : 's'})`;
  }
}

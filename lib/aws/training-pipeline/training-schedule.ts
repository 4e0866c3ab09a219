import { Duration } from 'aws-cdk-lib/core';
import { ValidationProblem } from '../../core';
import { CRON_GRAMMAR, cronProblem } from '../private/scheduler';

/** How a schedule is given. */
enum ScheduleKind {
  CRON = 'cron',
  RATE = 'rate',
  NONE = 'none',
}

/**
 * When a training pipeline runs on its own (an enum-like class): EventBridge Scheduler's `cron()`
 * (six fields, UTC) or `rate()`, the default daily run, or none (the pipeline is started only by
 * others, with `grantStart` or `startTarget()`).
 *
 * | factory          | EventBridge Scheduler expression |
 * |------------------|----------------------------------|
 * | `daily()`        | `cron(0 3 * * ? *)` (03:00 UTC)  |
 * | `cron(expr)`     | `cron(expr)`                     |
 * | `rate(duration)` | `rate(n minutes\|hours\|days)`   |
 * | `none()`         | no schedule                      |
 *
 * The expression is checked against EventBridge's grammar at synth, so a schedule the service
 * would refuse fails `cdk synth`, not the deploy.
 *
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
export class TrainingSchedule {
  /** Every day at 03:00 UTC: `cron(0 3 * * ? *)`. */
  public static daily(): TrainingSchedule {
    return new TrainingSchedule(ScheduleKind.CRON, '0 3 * * ? *');
  }

  /**
   * An EventBridge Scheduler cron expression (UTC): `cron(0 3 ? * MON *)`, or its six fields alone.
   * @param expression six fields: minutes hours day-of-month month day-of-week year
   */
  public static cron(expression: string): TrainingSchedule {
    const fields = typeof expression === 'string' ? expression.trim().replace(/^cron\((.*)\)$/s, '$1').trim() : expression;
    return new TrainingSchedule(ScheduleKind.CRON, fields, expression);
  }

  /**
   * A run every `duration`: whole minutes, at least one.
   * @param duration the interval
   */
  public static rate(duration: Duration): TrainingSchedule {
    return new TrainingSchedule(ScheduleKind.RATE, duration);
  }

  /** No schedule: runs start only through `grantStart` / `startTarget()` (a drift alarm, a CI step). */
  public static none(): TrainingSchedule {
    return new TrainingSchedule(ScheduleKind.NONE, undefined);
  }

  private constructor(private readonly kind: ScheduleKind, private readonly value: unknown, private readonly given: unknown = value) {}

  /** Problems of the schedule (property paths relative to it; '' for the expression). */
  public problems(): ValidationProblem[] {
    if (this.kind === ScheduleKind.NONE) {
      return [];
    }
    if (this.kind === ScheduleKind.RATE) {
      const duration = this.value;
      if (!(duration instanceof Duration)) {
        return [{ property: 'rate', value: duration, allowed: 'a Duration of whole minutes, at least one' }];
      }
      if (duration.isUnresolved()) {
        return [{ property: 'rate', value: '(a token)', allowed: 'a Duration known at synth time' }];
      }
      const ms = duration.toMilliseconds();
      return ms >= 60_000 && ms % 60_000 === 0 ? [] : [{ property: 'rate', value: duration.toHumanString(), allowed: 'whole minutes, at least one (EventBridge Scheduler rate())' }];
    }
    const problem = typeof this.value === 'string' ? cronProblem(this.value) : 'a string';
    return problem === undefined ? [] : [{ property: 'cron', value: this.given, allowed: `${CRON_GRAMMAR}; ${problem}` }];
  }

  /**
   * The Scheduler expression, or `undefined` for none.
   * @internal
   */
  public _render(): string | undefined {
    switch (this.kind) {
      case ScheduleKind.NONE: return undefined;
      case ScheduleKind.CRON: return `cron(${(this.value as string).split(/\s+/).join(' ')})`;
      default: {
        const minutes = (this.value as Duration).toMinutes();
        const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
        return `rate(${n} ${unit}${n === 1 ? '' : 's'})`;
      }
    }
  }
}

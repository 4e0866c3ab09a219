import { ValidationProblem } from '../../core';
import { Token } from '../cdktf';
import { CRON_EXPRESSION_DESCRIPTION, cronExpressionProblem, timeZoneProblem } from '../private/cron';

/** The default schedule of a training pipeline: every day at 03:00 UTC (the same on both clouds). */
export const DEFAULT_TRAINING_CRON = '0 3 * * *';

/** How a schedule is given. */
enum ScheduleKind {
  CRON = 'cron',
  NONE = 'none',
}

/**
 * When a training pipeline runs on its own: a Cloud Scheduler job on a five-field unix cron
 * (minute, hour, day of month, month, day of week) in a time zone, or no schedule at all (the
 * pipeline is then started by others: `grantStart`).
 *
 * Declaring one never throws; the pipeline reports a bad expression under its own path.
 *
 * @see https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules
 */
export class TrainingSchedule {
  /**
   * A Cloud Scheduler cron schedule, e.g. `TrainingSchedule.cron('30 2 * * 1-5', 'Europe/Paris')`.
   * @param expression minute, hour, day of month, month, day of week
   * @param timeZone an IANA time zone name; the default is UTC
   */
  public static cron(expression: string, timeZone?: string): TrainingSchedule {
    return new TrainingSchedule(ScheduleKind.CRON, expression, timeZone);
  }

  /** Every day at 03:00 UTC ({@link DEFAULT_TRAINING_CRON}). */
  public static daily(): TrainingSchedule {
    return TrainingSchedule.cron(DEFAULT_TRAINING_CRON, 'Etc/UTC');
  }

  /** No schedule: the pipeline runs when started (`grantStart`, the Workflow Executions API). */
  public static none(): TrainingSchedule {
    return new TrainingSchedule(ScheduleKind.NONE, undefined, undefined);
  }

  private constructor(private readonly kind: ScheduleKind, private readonly expression: unknown, private readonly timeZone: unknown) {}

  /** Problems of the schedule, properties relative to it (`expression`, `timeZone`). */
  public problems(): ValidationProblem[] {
    if (this.kind === ScheduleKind.NONE) {
      return [];
    }
    const expression = this.expression;
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

  /** @internal The Cloud Scheduler `schedule` and `time_zone`, or `undefined` for no schedule. */
  public _render(): { schedule: string; timeZone: string } | undefined {
    if (this.kind === ScheduleKind.NONE) {
      return undefined;
    }
    return { schedule: (this.expression as string).trim(), timeZone: (this.timeZone as string | undefined) ?? 'Etc/UTC' };
  }
}

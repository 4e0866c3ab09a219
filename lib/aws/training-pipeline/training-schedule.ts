import { Duration, Token } from 'aws-cdk-lib';
import { ValidationProblem } from '../../core';

/** How a schedule is given. */
enum ScheduleKind {
  CRON = 'cron',
  RATE = 'rate',
  NONE = 'none',
}

/** A cron field of EventBridge Scheduler: its range, month or day names, and the special characters it takes besides `, - * /`. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** `?`, `L`, `W`, `#` where the field takes them. */
  readonly question?: boolean;
  readonly last?: boolean;
  readonly weekday?: boolean;
  readonly nth?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * The six fields of an EventBridge Scheduler `cron()` expression, in order.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
 */
const CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, last: true, weekday: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, question: true, last: true, nth: true },
  { name: 'year', min: 1970, max: 2199 },
];

const CRON_GRAMMAR = 'an EventBridge Scheduler cron expression of six fields, "cron(minutes hours day-of-month month day-of-week year)" '
  + '(e.g. "cron(0 3 * * ? *)"), with a "?" in exactly one of day-of-month and day-of-week';

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
      const ms = duration.toMilliseconds();
      if (Token.isUnresolved(ms)) {
        return [{ property: 'rate', value: '(a token)', allowed: 'a Duration known at synth time' }];
      }
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

/** What is wrong with six cron fields, or `undefined`. */
function cronProblem(expression: string): string | undefined {
  const fields = expression.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 6) {
    return `found ${fields.length} field${fields.length === 1 ? '' : 's'}${fields.length === 5 ? ' (a unix cron: add the year, and a "?" for day-of-month or day-of-week)' : ''}`;
  }
  for (let i = 0; i < 6; i++) {
    const problem = cronFieldProblem(fields[i], CRON_FIELDS[i]);
    if (problem !== undefined) {
      return `${CRON_FIELDS[i].name} "${fields[i]}": ${problem}`;
    }
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    return 'day-of-month and day-of-week must be "?" in exactly one of them';
  }
  return undefined;
}

function cronFieldProblem(field: string, spec: CronField): string | undefined {
  if (field === '?') {
    return spec.question ? undefined : 'only day-of-month and day-of-week take "?"';
  }
  for (const item of field.split(',')) {
    const problem = cronItemProblem(item, spec);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}

function cronItemProblem(item: string, spec: CronField): string | undefined {
  const range = `${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ''}`;
  const valueOf = (text: string): number | undefined => {
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      return n >= spec.min && n <= spec.max ? n : undefined;
    }
    const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
    return index >= 0 ? index + spec.min : undefined;
  };
  if (item === '*') {
    return undefined;
  }
  if (spec.last && item === 'L') {
    return undefined;
  }
  if (spec.weekday && /^\d+W$/.test(item)) {
    return valueOf(item.slice(0, -1)) === undefined ? `values ${range}` : undefined;
  }
  if (spec.nth && spec.last && /^[^L#]+L$/.test(item)) {
    return valueOf(item.slice(0, -1)) === undefined ? `values ${range}` : undefined;
  }
  if (spec.nth && item.includes('#')) {
    const [day, nth] = item.split('#');
    return valueOf(day) === undefined || !/^[1-5]$/.test(nth ?? '') ? `"<day>#<1-5>" with a day ${range}` : undefined;
  }
  const [base, step, extra] = item.split('/');
  if (extra !== undefined || (step !== undefined && (spec.nth || !/^\d+$/.test(step) || Number(step) < 1))) {
    return spec.nth ? 'no "/" increments in day-of-week' : 'an increment "/n" with n a positive whole number';
  }
  if (base === '*' && step !== undefined) {
    return undefined;
  }
  const bounds = base.split('-');
  if (bounds.length > 2 || bounds.some((b) => valueOf(b) === undefined)) {
    return `values ${range}, ranges "a-b", lists "a,b", increments "a/n", or "*"${spec.question ? ', "?"' : ''}${spec.last ? ', "L"' : ''}${spec.weekday ? ', "nW"' : ''}${spec.nth ? ', "nL", "n#k"' : ''}`;
  }
  if (bounds.length === 2 && valueOf(bounds[0])! > valueOf(bounds[1])!) {
    return `a range whose start is not after its end`;
  }
  return undefined;
}

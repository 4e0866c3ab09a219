/**
 * EventBridge Scheduler, as the library's schedules use it: the grammar of its six-field `cron()`
 * expressions (checked at synth so a schedule the service would refuse fails `cdk synth`), the
 * shortest interval a cron expression can fire at, and the schedule that starts a state machine
 * with a role that may only start it. Used by TrainingSchedule/TrainingPipeline and
 * DriftSchedule/DriftMonitor.
 *
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
import { Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from './managed-policy-role';

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

export const CRON_GRAMMAR = 'an EventBridge Scheduler cron expression of six fields, "cron(minutes hours day-of-month month day-of-week year)" '
  + '(e.g. "cron(0 3 * * ? *)"), with a "?" in exactly one of day-of-month and day-of-week';

/** What is wrong with six cron fields, or `undefined`. */
export function cronProblem(expression: string): string | undefined {
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

const DAY_MINUTES = 24 * 60;

/** The values a plain cron field (numbers, names, `*`, ranges, lists, increments) takes, or `undefined` for `?`, `L`, `W` and `#` items. */
function cronFieldValues(field: string, spec: CronField): number[] | undefined {
  const valueOf = (text: string): number => (/^\d+$/.test(text) ? Number(text) : (spec.names?.indexOf(text.toUpperCase()) ?? -1) + spec.min);
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '?' || /[LW#]/.test(item)) {
      return undefined;
    }
    const [base, step] = item.split('/');
    const [from, to] = base === '*' ? [spec.min, spec.max] : base.includes('-') ? base.split('-').map(valueOf) : [valueOf(base), step === undefined ? valueOf(base) : spec.max];
    for (let v = from; v <= to; v += step === undefined ? 1 : Number(step)) {
      values.add(v);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** The smallest gap between consecutive values on a cycle of `period` (`period` for one value). */
function cyclicGap(values: number[], period: number): number {
  if (values.length <= 1) {
    return period;
  }
  const gaps = values.slice(1).map((v, i) => v - values[i]);
  // Days of month past the 28th wrap into a shorter month: at least a day apart, never less.
  return Math.min(...gaps, Math.max(1, values[0] + period - values[values.length - 1]));
}

/**
 * A lower bound of the time between two firings of a valid six-field cron expression, in minutes:
 * exact for the times of day and for day-of-week lists, and the shortest month (28 days) for
 * day-of-month lists, `L`, `W` and `#`. Month and year restrictions only lengthen the gaps, and are
 * left out of the bound.
 */
export function cronMinimumIntervalMinutes(expression: string): number {
  const fields = expression.trim().split(/\s+/);
  const minutes = cronFieldValues(fields[0], CRON_FIELDS[0]) ?? [0];
  const hours = cronFieldValues(fields[1], CRON_FIELDS[1]) ?? [0];
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m)).sort((a, b) => a - b);
  const [dom, dow] = [fields[2], fields[4]];
  let days: number;
  if (dom === '?') {
    const values = dow === '*' ? undefined : cronFieldValues(dow, CRON_FIELDS[4]);
    days = dow === '*' ? 1 : values === undefined ? 28 : cyclicGap(values, 7);
  } else {
    const values = dom === '*' ? undefined : cronFieldValues(dom, CRON_FIELDS[2]);
    days = dom === '*' ? 1 : values === undefined ? 28 : cyclicGap(values, 28);
  }
  const inDay = times.length > 1 ? Math.min(...times.slice(1).map((t, i) => t - times[i])) : Number.POSITIVE_INFINITY;
  return Math.min(inDay, days * DAY_MINUTES - (times[times.length - 1] - times[0]));
}

/** What {@link createStateMachineSchedule} creates. */
export interface StateMachineScheduleOptions {
  /** The state machine started. */
  readonly stateMachine: sfn.IStateMachine;
  /** The Scheduler expression (`cron(...)`, `rate(...)`). */
  readonly expression: string;
  /** The schedule's description. */
  readonly description: string;
  /** The description of its role. */
  readonly roleDescription: string;
  /**
   * The execution input, as JSON text.
   * @default '{}'
   */
  readonly input?: string;
}

/**
 * Creates `ScheduleRole` (assumed by EventBridge Scheduler of this account only, allowed only to
 * start `stateMachine`) and `Schedule` (UTC, no flexible window) under `scope`. The ids are the
 * logical ids' source: never change them.
 */
export function createStateMachineSchedule(scope: Construct, options: StateMachineScheduleOptions): scheduler.CfnSchedule {
  const stack = Stack.of(scope);
  const role = new ManagedPolicyRole(scope, 'ScheduleRole', {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
    description: options.roleDescription,
    wildcardReason: () => undefined,
  });
  options.stateMachine.grantStartExecution(role);
  const created = new scheduler.CfnSchedule(scope, 'Schedule', {
    description: options.description,
    scheduleExpression: options.expression,
    scheduleExpressionTimezone: 'UTC',
    flexibleTimeWindow: { mode: 'OFF' },
    state: 'ENABLED',
    target: { arn: options.stateMachine.stateMachineArn, roleArn: role.roleArn, input: options.input ?? '{}' },
  });
  created.node.addDependency(role.policy);
  return created;
}

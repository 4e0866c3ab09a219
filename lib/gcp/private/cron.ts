/**
 * Checks of five-field cron schedules: the feature views' sync schedules (Vertex AI) and the
 * training pipelines' Cloud Scheduler jobs, which both take the standard unix cron format.
 *
 * Vertex AI takes a standard five-field cron expression (minute, hour, day of month, month, day of
 * week), optionally prefixed with `CRON_TZ=<IANA zone>` or `TZ=<IANA zone>`; the zone must be a
 * valid name of the IANA time zone database.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureOnlineStores.featureViews#SyncConfig
 * @see https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules (Cloud Scheduler: unix-cron format, the time zone a separate field)
 * @see https://en.wikipedia.org/wiki/Cron (the reference the API gives for the syntax)
 */

/** One field of a cron expression: its name, range and the names it also accepts. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The five fields in order. Month names map to 1–12, day names to 0–6 (Sunday is 0). */
const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 6, names: DAY_NAMES },
];

/** What a valid expression looks like, for error messages. */
export const CRON_EXPRESSION_DESCRIPTION = 'five cron fields "minute hour day-of-month month day-of-week" (numbers, *, ranges a-b, steps /n, lists a,b; '
  + 'month names JAN-DEC and day names SUN-SAT allowed), for example "0 * * * *" for every hour';

/** Why `expression` is not a five-field cron expression, or `undefined` when it is. */
export function cronExpressionProblem(expression: string): string | undefined {
  if (/^\s*(?:CRON_TZ|TZ)=/.test(expression)) {
    return `${CRON_EXPRESSION_DESCRIPTION}; give the time zone as the timeZone argument, not as a CRON_TZ= prefix`;
  }
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS.length || expression.trim() === '') {
    return `${CRON_EXPRESSION_DESCRIPTION}; got ${expression.trim() === '' ? 0 : fields.length} field(s)`;
  }
  for (let i = 0; i < fields.length; i++) {
    const problem = fieldProblem(fields[i], CRON_FIELDS[i]);
    if (problem !== undefined) {
      return `${CRON_EXPRESSION_DESCRIPTION}; the ${CRON_FIELDS[i].name} field "${fields[i]}" ${problem}`;
    }
  }
  return undefined;
}

const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const TIME_ZONE_ALLOWED = 'an IANA time zone name such as "Europe/Paris" or "UTC"';

/**
 * The zones accepted without asking `Intl.DateTimeFormat`: UTC under the names the constructs use as
 * their default (`Etc/UTC`), and the runtime's canonical zone names (`Intl.supportedValuesOf`, which
 * leaves out UTC and the tz database's aliases). The first `Intl.DateTimeFormat` of a process loads
 * ICU's locale data (measured: 12–17 ms against 1.4 ms for the list), which every default training
 * schedule paid at synth; an alias (`US/Pacific`) or a bad name still goes to it.
 */
let canonicalZones: ReadonlySet<string> | undefined;
function isKnownZone(zone: string): boolean {
  if (zone === 'Etc/UTC' || zone === 'UTC') {
    return true;
  }
  canonicalZones ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  return canonicalZones.has(zone);
}

/** Why `zone` is not an IANA time zone name known to the runtime, or `undefined` when it is. */
export function timeZoneProblem(zone: string): string | undefined {
  if (!TIME_ZONE_NAME.test(zone)) {
    return TIME_ZONE_ALLOWED;
  }
  if (isKnownZone(zone)) {
    return undefined;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return TIME_ZONE_ALLOWED;
  }
}

function fieldProblem(field: string, spec: CronField): string | undefined {
  for (const item of field.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (match === null) {
      return 'is not a list of values, ranges or steps';
    }
    const [, range, step] = match;
    if (step !== undefined && (Number(step) < 1 || Number(step) > spec.max)) {
      return `has the step /${step}; steps go from 1 to ${spec.max}`;
    }
    if (range === '*') {
      continue;
    }
    const bounds = range.split('-');
    if (bounds.length > 2) {
      return `has the range "${range}"; a range is a-b`;
    }
    const values = bounds.map((b) => valueOf(b, spec));
    if (values.some((v) => v === undefined)) {
      return `is outside ${spec.min}-${spec.max}${spec.names ? ` (or ${spec.names[0]}-${spec.names[spec.names.length - 1]})` : ''}`;
    }
    if (values.length === 2 && values[0]! > values[1]!) {
      return `has the range "${range}" whose start is after its end`;
    }
  }
  return undefined;
}

function valueOf(text: string, spec: CronField): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) {
    return undefined;
  }
  return spec.names === MONTH_NAMES ? index + 1 : index;
}

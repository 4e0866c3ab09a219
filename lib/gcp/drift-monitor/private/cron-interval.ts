/**
 * The shortest time between two firings of a five-field unix cron expression (Cloud Scheduler's
 * format), so that a drift schedule more frequent than its window can be refused at synth time.
 *
 * Firings are enumerated over 800 days from 2024-01-01 UTC (a leap year and a common one: every
 * weekday and month combination, both Februaries), with cron's rule for the two day fields: when both are restricted, a day matches
 * either; a field starting with `*` is unrestricted. Time-zone shifts (DST) are not modelled.
 */

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES, offset: 1 },
  { min: 0, max: 6, names: DAY_NAMES, offset: 0 },
];

function value(text: string, field: typeof FIELDS[number]): number {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  return (field.names?.indexOf(text.toUpperCase()) ?? -1) + (field.offset ?? 0);
}

/** The values a field matches; assumes an expression that `cronExpressionProblem` accepted. */
function expand(text: string, field: typeof FIELDS[number]): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [lo, hi] = [field.min, field.max];
    if (range !== '*') {
      const bounds = range.split('-');
      lo = value(bounds[0], field);
      hi = bounds.length === 2 ? value(bounds[1], field) : stepText === undefined ? lo : field.max;
    }
    for (let v = lo; v <= hi; v += step) {
      out.add(v);
    }
  }
  return out;
}

/** Seconds between the two closest firings of `expression`, or `undefined` when it fires at most once in 800 days. */
export function minimumCronIntervalSeconds(expression: string): number | undefined {
  const parts = expression.trim().split(/\s+/);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => expand(p, FIELDS[i]));
  const dayStar = parts[2].startsWith('*');
  const weekdayStar = parts[4].startsWith('*');
  const firings: number[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < 800; d++) {
    const day = new Date(start + d * 86_400_000);
    if (!months.has(day.getUTCMonth() + 1)) {
      continue;
    }
    const domMatch = days.has(day.getUTCDate());
    const dowMatch = weekdays.has(day.getUTCDay());
    const matches = dayStar && weekdayStar ? true : dayStar ? dowMatch : weekdayStar ? domMatch : domMatch || dowMatch;
    if (!matches) {
      continue;
    }
    for (const h of [...hours].sort((a, b) => a - b)) {
      for (const m of [...minutes].sort((a, b) => a - b)) {
        firings.push(day.getTime() / 1000 + h * 3600 + m * 60);
      }
    }
  }
  let shortest: number | undefined;
  for (let i = 1; i < firings.length; i++) {
    const gap = firings[i] - firings[i - 1];
    shortest = shortest === undefined ? gap : Math.min(shortest, gap);
  }
  return shortest;
}

/**
 * The BigQuery SQL a DriftMonitor sends parses with node-sql-parser's `bigquery` grammar, and its
 * syntax trees show each table read only where the window or the baseline says: the capture on
 * `logging_time` in [window_start, window_end), a lake records table on its event time (the
 * column BigQuery partitions it on), `drift_results` on its partition column `window_start`, and
 * `drift_baseline` on `baseline_id` (its first clustering column).
 */
import { Parser } from 'node-sql-parser';
import { CapturedRecords, DriftTable, FieldType, TableSchema } from 'mlops-constructs';
import { DataLake, DriftBaseline, DriftMonitor } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { churnDrift, monitored } from './fixtures';

const parser = new Parser();

/** Terraform tokens replaced by plain names, so that the text is what BigQuery receives. */
const plain = (sql: string) => sql.replace(/\$\{TfToken\[TOKEN\.(\d+)\]\}/g, (_t, n) => `tf${n}`).replace(/@@TF_VALUE_(\d+)@@/g, (_t, n) => `tfv${n}`);
const parse = (sql: string) => parser.astify(plain(sql), { database: 'bigquery' }) as any;

function conjuncts(where: any): any[] {
  if (!where) {
    return [];
  }
  return where.type === 'binary_expr' && where.operator === 'AND' ? [...conjuncts(where.left), ...conjuncts(where.right)] : [where];
}
const column = (n: any): string | undefined => (n?.type === 'column_ref' ? (typeof n.column === 'string' ? n.column : n.column?.expr?.value) : undefined);
const usesParameter = (n: any): boolean => !!n && typeof n === 'object' && (n.type === 'param' || Object.values(n).some((v) => (Array.isArray(v) ? v.some(usesParameter) : usesParameter(v))));

/** Every SELECT/DELETE reading a table whose name ends with `.<suffix>`, with its WHERE conjuncts as `column operator [param]`. */
function reads(ast: any, suffix: string): string[][] {
  const out: string[][] = [];
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') {
      return;
    }
    const tables = [...(Array.isArray(node.from) ? node.from : []), ...(node.type === 'delete' && Array.isArray(node.table) ? node.table : [])];
    if (tables.some((t: any) => [t.table, t.as].some((n) => typeof n === 'string' && n.endsWith(`.${suffix}`)))) {
      out.push(conjuncts(node.where).map((c) => `${column(c.left) ?? '?'} ${c.operator}${usesParameter(c.right) ? ' param' : ''}`));
    }
    Object.values(node).forEach((v) => (Array.isArray(v) ? v.forEach(visit) : visit(v)));
  };
  visit(ast);
  return out;
}

let monitor: DriftMonitor;
let init: Record<string, string>;

beforeAll(() => {
  monitor = monitored(newStack()).monitor;
  const source = JSON.parse(monitor.workflowSource);
  init = Object.assign({}, ...source.main.steps[0].init.assign);
});

test('every query the workflow sends parses as GoogleSQL, and a broken one does not (the check can fail)', () => {
  for (const name of ['check_baseline_sql', 'insert_baseline_sql', 'clear_window_sql', 'insert_window_sql', 'read_window_sql']) {
    expect(() => parse(init[name])).not.toThrow();
  }
  expect(() => parse(monitor.windowQuery)).not.toThrow();
  expect(() => parse(monitor.baselineQuery)).not.toThrow();
  expect(() => parse(monitor.windowQuery.replace('GROUP BY field', 'GROUP field'))).toThrow();
  expect(monitor.windowQuery).toMatch(/^INSERT INTO `[^`]+\.drift_results` \(`window_start`, `window_end`, `baseline_id`, `field`/);
  expect(monitor.baselineQuery).toMatch(/^INSERT INTO `[^`]+\.drift_baseline` \(`baseline_id`, `field`, `kind`/);
});

test('the window query reads the endpoint capture once, on logging_time within the window parameters', () => {
  expect(reads(parse(monitor.windowQuery), 'churn_request_response_logging')).toEqual([['logging_time >= param', 'logging_time < param']]);
});

test('the window query reads the baseline once, for the baseline id', () => {
  expect(reads(parse(monitor.windowQuery), 'drift_baseline')).toEqual([['baseline_id = param']]);
  expect(reads(parse(init.check_baseline_sql), 'drift_baseline')).toEqual([['baseline_id = param']]);
});

test('drift_results is cleared and read back on its partition column window_start (one partition) and the baseline id', () => {
  for (const name of ['clear_window_sql', 'read_window_sql']) {
    expect(reads(parse(init[name]), 'drift_results')).toEqual([['window_start = param', 'baseline_id = param']]);
  }
});

test('the baseline source is read for the monitored columns only, with the partition filter its lake table requires', () => {
  const ast = parse(monitor.baselineQuery);
  expect(reads(ast, 'customer_daily')).toEqual([['computed_at >=']]);
  expect(plain(monitor.baselineQuery)).toContain('(SELECT `orders_7d`, `spend_7d`, `vip` FROM `tf');
});

test('records from a lake table are read on its event time, the column the lake partitions the table on', () => {
  const stack = newStack();
  const scored = new TableSchema({
    name: 'scored_requests',
    fields: [{ name: 'orders_7d', type: FieldType.INT64 }, { name: 'vip', type: FieldType.BOOLEAN }, { name: 'scored_at', type: FieldType.TIMESTAMP }],
    eventTime: 'scored_at',
  });
  const training = new TableSchema({ name: 'training', fields: [{ name: 'orders_7d', type: FieldType.INT64 }, { name: 'vip', type: FieldType.BOOLEAN }] });
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme', project: 'acme-data', location: 'us-central1', tables: [{ zone: 'curated', schema: scored }, { zone: 'curated', schema: training }] });
  const m = new DriftMonitor(stack, 'Drift', {
    spec: churnDrift({ schema: scored }),
    lake,
    records: CapturedRecords.table({ table: DriftTable.named(['acme-data', 'acme_curated', 'scored_requests']) }),
    baseline: DriftBaseline.fromLakeTable('curated', 'training'),
  });
  expect(reads(parse(m.windowQuery), 'scored_requests')).toEqual([['scored_at >= param', 'scored_at < param']]);
  // A table without an event time is read whole, with no partition filter to satisfy.
  expect(plain(m.baselineQuery)).toMatch(/WITH src AS \(SELECT `orders_7d`, `vip` FROM `[^`]+\.training`\)/);
  const tables = new Synth(stack).resources('google_bigquery_table');
  expect(tables.find((b) => b.config.table_id === 'scored_requests')!.config.time_partitioning).toEqual({ type: 'DAY', field: 'scored_at' });
});

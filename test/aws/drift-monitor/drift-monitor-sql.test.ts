/**
 * The Athena SQL a DriftMonitor runs parses with node-sql-parser's `trino` grammar (Athena engine
 * 3; its `athena` grammar is older, see test/core/drift/dialects.test.ts), and its syntax tree shows
 * that the capture table is read only within the window's hour partitions, the results table only
 * in the window's date partition, and the baseline table for one baseline id.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { Parser } from 'node-sql-parser';
import { DriftBaseline, DriftMonitor } from 'mlops-constructs/aws';
import { driftSpec, monitorStack } from './fixtures';

const parser = new Parser();
const parse = (sql: string) => parser.astify(sql, { database: 'trino' });

function nameOf(node: any): string | undefined {
  if (node?.type === 'column_ref') {
    return typeof node.column === 'string' ? node.column : node.column?.expr?.value;
  }
  return node?.type === 'double_quote_string' ? node.value : undefined;
}

function contains(node: any, test: (n: any) => boolean): boolean {
  if (!node || typeof node !== 'object') {
    return false;
  }
  return test(node) || Object.values(node).some((v) => (Array.isArray(v) ? v.some((x) => contains(x, test)) : contains(v, test)));
}

function conjuncts(where: any): any[] {
  if (!where) {
    return [];
  }
  return where.type === 'binary_expr' && where.operator === 'AND' ? [...conjuncts(where.left), ...conjuncts(where.right)] : [where];
}

const isParameter = (n: any) => (n.type === 'origin' && n.value === '?') || n.type === 'param';
const isFormat = (n: any) => n.type === 'function' && /^date_format$/i.test(n.name?.name?.[0]?.value ?? '');

/** Each SELECT reading `table`, as its WHERE conjuncts: `<column> <operator>[ formatted][ parameter]`. */
function readsOf(ast: any, table: string): string[][] {
  const out: string[][] = [];
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') {
      return;
    }
    if (Array.isArray(node.from) && node.from.some((f: any) => [f.db, f.table].filter((p) => p).join('.') === table)) {
      out.push(conjuncts(node.where).map((c) => `${nameOf(c.left) ?? '<expression>'} ${c.operator}${contains(c.right, isFormat) ? ' formatted' : ''}${contains(c.right, isParameter) ? ' parameter' : ''}`).sort());
    }
    Object.values(node).forEach((v) => (Array.isArray(v) ? v.forEach(visit) : visit(v)));
  };
  visit(ast);
  return out;
}

const { stack, lake, endpoint, pipeline } = monitorStack();
const monitor = new DriftMonitor(stack, 'Drift', { spec: driftSpec({ fields: ['orders_7d', 'spend_7d', 'segment'] }), lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'), retrain: pipeline });
const raw = lake.glueDatabaseName('raw');
const curated = lake.glueDatabaseName('curated');

/** Every query string of the state machine. */
function definitionQueries(): string[] {
  const [machine] = Object.entries(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith('Drift'));
  const body = machine[1].Properties.DefinitionString;
  const text = (typeof body === 'string' ? [body] : body['Fn::Join'][1]).map((p: any) => (typeof p === 'string' ? p : '<token>')).join('');
  return Object.values<any>(JSON.parse(text).States).map((s) => s.Arguments?.QueryString).filter((q) => q !== undefined);
}

test('every query the state machine sends parses as Trino: the baseline check, the baseline and window INSERTs, the read', () => {
  const queries = definitionQueries();
  expect(queries).toHaveLength(4);
  expect(queries).toEqual(expect.arrayContaining([monitor.windowQuery, monitor.baselineQuery, monitor.resultsQuery]));
  for (const sql of queries) {
    expect(() => parse(sql)).not.toThrow();
  }
});

test('the parse check can fail: a broken window query does not parse', () => {
  expect(() => parse(monitor.windowQuery.replace('GROUP BY field', 'GROUP field'))).toThrow();
});

test('the window query reads the capture table once, only within the window\'s hour partitions and times', () => {
  const ast = parse(monitor.windowQuery);
  expect(readsOf(ast, `${raw}.scored_customers_capture`)).toEqual([['capture_hour <= formatted parameter', 'capture_hour >= formatted parameter']]);
  // The exact window on the parsed inference time, one level up.
  expect(monitor.windowQuery).toContain('capture WHERE capture_time >= CAST(? AS TIMESTAMP) AND capture_time < CAST(? AS TIMESTAMP)');
  // The baseline table, for one baseline id.
  expect(readsOf(ast, `${curated}.drift_baseline`)).toEqual([['baseline_id = parameter']]);
});

test('the read-back reads only the window\'s date partition of the results table; the baseline query reads the training table once', () => {
  expect(readsOf(parse(monitor.resultsQuery), `${curated}.drift_results`)).toEqual([['baseline_id = parameter', 'event_date = parameter', 'value IS NOT', 'window_start = parameter']]);
  expect(readsOf(parse(monitor.baselineQuery), `${curated}.customer_daily`)).toEqual([[]]);
});

test('the INSERTs name the tables\' columns, the results with the lake\'s event_date partition last', () => {
  const insert = parse(monitor.windowQuery) as any;
  const statement = Array.isArray(insert) ? insert[0] : insert;
  expect(statement.type).toBe('insert');
  const columns = (statement.columns ?? []).map((c: any) => (typeof c === 'string' ? c : c.value ?? c.column ?? nameOf(c)));
  expect(columns[columns.length - 1]).toBe('event_date');
  expect(columns).toHaveLength(13);
});

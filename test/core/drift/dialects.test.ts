/**
 * The Trino (Athena) and GoogleSQL (BigQuery) texts of the drift queries parse with a parser of
 * their dialect (node-sql-parser's `trino` and `bigquery` grammars), and their syntax trees show
 * that every read of a lake table carries the window's partition predicate and names its columns.
 *
 * node-sql-parser's `athena` grammar is older than its `trino` one (it rejects TRY_CAST, INTERVAL
 * arithmetic and parameter markers in function arguments), so the Trino text is checked with
 * `trino`, the engine Athena 3 runs.
 */
import { Parser } from 'node-sql-parser';
import {
  CapturedRecords, DriftQueries, DriftQuery, DriftSpec, DriftTable, ProblemType, SqlDialect, WindowPartitioning,
} from '../../../lib/core';
import { capturedSchema, referenceQuality, referenceSpec } from './fixtures';

const parser = new Parser();
const spec = referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION));

interface Read { table: string; columns: string[]; conjuncts: Array<{ column: string; operator: string; usesParameter: boolean; formatted: boolean }> }

/** The name an identifier node spells (Trino's grammar reads double-quoted names as `double_quote_string`). */
function nameOf(node: any): string | undefined {
  if (!node || typeof node !== 'object') {
    return undefined;
  }
  if (node.type === 'column_ref') {
    const column = node.column;
    return typeof column === 'string' ? column : column?.expr?.value;
  }
  if (node.type === 'double_quote_string' || node.type === 'backticks_quote_string') {
    return node.value;
  }
  return undefined;
}

function contains(node: any, test: (n: any) => boolean): boolean {
  if (!node || typeof node !== 'object') {
    return false;
  }
  if (test(node)) {
    return true;
  }
  return Object.values(node).some((v) => (Array.isArray(v) ? v.some((x) => contains(x, test)) : contains(v, test)));
}

function conjuncts(where: any): any[] {
  if (!where) {
    return [];
  }
  return where.type === 'binary_expr' && where.operator === 'AND' ? [...conjuncts(where.left), ...conjuncts(where.right)] : [where];
}

const isParameter = (n: any) => (n.type === 'origin' && n.value === '?') || n.type === 'param';
const isFormat = (n: any) => n.type === 'function' && /^(date_format|FORMAT_TIMESTAMP)$/i.test(n.name?.name?.[0]?.value ?? '');

/** Every SELECT reading one of `tables`, with its plain column list and its WHERE conjuncts. */
function reads(ast: any, tables: string[]): Read[] {
  const out: Read[] = [];
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') {
      return;
    }
    if (Array.isArray(node.from)) {
      for (const item of node.from) {
        const table = [item.db, item.table].filter((p) => p).join('.');
        if (tables.includes(table)) {
          out.push({
            table,
            columns: (node.columns ?? []).map((c: any) => nameOf(c.expr) ?? '<expression>'),
            conjuncts: conjuncts(node.where).map((c) => ({
              column: nameOf(c.left) ?? '', operator: c.operator, usesParameter: contains(c.right, isParameter), formatted: contains(c.right, isFormat),
            })),
          });
        }
      }
    }
    Object.values(node).forEach((v) => (Array.isArray(v) ? v.forEach(visit) : visit(v)));
  };
  visit(ast);
  return out;
}

function parse(query: DriftQuery, database: string): any {
  return parser.astify(query.sql, { database });
}

const trino = new DriftQueries(spec, SqlDialect.TRINO);
const bigquery = new DriftQueries(spec, SqlDialect.BIGQUERY);
const trinoWindow = trino.window({
  records: CapturedRecords.table({ table: DriftTable.named(['lake_curated', 'scored_requests']), partitioning: WindowPartitioning.dateColumn() }),
  baselineTable: DriftTable.named(['lake_curated', 'drift_baseline']),
  labels: { table: DriftTable.named(['lake_curated', 'request_labels']), partitioning: WindowPartitioning.dateColumn() },
});
const bigqueryWindow = bigquery.window({
  records: CapturedRecords.table({ table: DriftTable.named(['proj', 'lake_curated', 'scored_requests']) }),
  baselineTable: DriftTable.named(['proj', 'lake_curated', 'drift_baseline']),
  labels: { table: DriftTable.named(['proj', 'lake_curated', 'request_labels']) },
});
const sageMakerWindow = trino.window({
  records: CapturedRecords.sageMakerCapture({ table: DriftTable.named(['lake_raw', 'endpoint_capture']), requestIdField: 'request_id' }),
  baselineTable: DriftTable.named(['lake_curated', 'drift_baseline']),
  labels: { table: DriftTable.named(['lake_curated', 'request_labels']), partitioning: WindowPartitioning.dateColumn() },
});
const vertexWindow = bigquery.window({
  records: CapturedRecords.vertexRequestResponseLog({ table: DriftTable.named(['proj', 'lake_raw', 'ep_request_response_logging']), requestIdField: 'request_id', deployedModelId: '123' }),
  baselineTable: DriftTable.named(['proj', 'lake_curated', 'drift_baseline']),
  labels: { table: DriftTable.named(['proj', 'lake_curated', 'request_labels']) },
});

describe.each([
  ['trino', 'lake_curated', trino, trinoWindow, sageMakerWindow, { datePartitionColumn: 'event_date' }],
  ['bigquery', 'proj.lake_curated', bigquery, bigqueryWindow, vertexWindow, {}],
] as const)('%s', (database, dataset, queries, window, capture, insert) => {
  test('the baseline query, the window queries over the lake and over the endpoint capture, and their INSERTs parse', () => {
    const baseline = queries.baseline({ source: DriftTable.named([...dataset.split('.'), 'training_v7']) });
    for (const query of [baseline, baseline.insertInto(DriftTable.named([...dataset.split('.'), 'drift_baseline'])), window, capture,
      window.insertInto(DriftTable.named([...dataset.split('.'), 'drift_results']), insert), capture.insertInto(DriftTable.named([...dataset.split('.'), 'drift_results']), insert)]) {
      expect(() => parse(query, database)).not.toThrow();
    }
  });

  test('the grammar rejects a broken query (the parse check can fail)', () => {
    expect(() => parser.astify(window.sql.replace('GROUP BY field', 'GROUP field'), { database })).toThrow();
  });

  test('the records and labels are each read once, with named columns and the window predicates', () => {
    const ast = parse(window, database);
    const found = reads(ast, [`${dataset}.scored_requests`, `${dataset}.request_labels`]);
    expect(found.map((r) => r.table).sort()).toEqual([`${dataset}.request_labels`, `${dataset}.scored_requests`]);
    for (const read of found) {
      expect(read.columns).not.toContain('<expression>');
      expect(read.columns).not.toContain('*');
      const time = read.conjuncts.filter((c) => c.column === 'event_time' && c.usesParameter).map((c) => c.operator).sort();
      expect(time).toEqual(['<', '>=']);
      const partition = read.conjuncts.filter((c) => c.column === 'event_date').map((c) => `${c.operator}${c.usesParameter && c.formatted ? ' formatted parameter' : ''}`).sort();
      // Trino (Athena) prunes on the event_date projection; BigQuery on the event-time partitioning.
      expect(partition).toEqual(database === 'trino' ? ['<= formatted parameter', '>= formatted parameter'] : []);
    }
    const records = found.find((r) => r.table.endsWith('scored_requests'))!;
    expect(records.columns.sort()).toEqual(['age', 'amount', 'balance', 'channel', 'country', 'is_member', 'request_id', 'score']);
  });

  test('the baseline table is read once, for one baseline id', () => {
    const found = reads(parse(window, database), [`${dataset}.drift_baseline`]);
    expect(found).toHaveLength(1);
    expect(found[0].conjuncts).toEqual([expect.objectContaining({ column: 'baseline_id', operator: '=', usesParameter: true })]);
  });

  test('the capture table is read once, within the window', () => {
    const table = database === 'trino' ? 'lake_raw.endpoint_capture' : 'proj.lake_raw.ep_request_response_logging';
    const found = reads(parse(capture, database), [table]);
    expect(found).toHaveLength(1);
    const predicates = found[0].conjuncts.filter((c) => c.usesParameter).map((c) => `${c.column} ${c.operator}${c.formatted ? ' formatted' : ''}`).sort();
    // SageMaker: the hour partition projected from the capture path; Vertex AI: logging_time.
    expect(predicates).toEqual(database === 'trino'
      ? ['capture_hour <= formatted', 'capture_hour >= formatted']
      : ['logging_time <', 'logging_time >=']);
  });
});

test('Athena execution parameters: one quoted literal per ? marker, in order', () => {
  const query = trinoWindow;
  const markers = query.sql.split('?').length - 1;
  expect(query.parameters).toHaveLength(markers);
  const values = query.executionParameters({ window_start: '2024-05-01 00:00:00', window_end: '2024-05-02 00:00:00', baseline_id: "o'v7" });
  expect(values).toHaveLength(markers);
  expect(new Set(values)).toEqual(new Set(["'2024-05-01 00:00:00'", "'2024-05-02 00:00:00'", "'o''v7'"]));
  expect(() => query.executionParameters({ window_start: 'x' })).toThrow(/no value for query parameter "window_end"/);
});

test('BigQuery named parameters: each once, as @name', () => {
  expect([...bigqueryWindow.parameters].sort()).toEqual(['baseline_id', 'window_end', 'window_start']);
  expect(bigqueryWindow.sql).toContain('@window_start');
  expect(bigqueryWindow.sql).not.toContain('?');
});

test('an INSERT into the AWS results table appends the event_date partition from window_start', () => {
  const insert = trinoWindow.insertInto(DriftTable.named(['lake_curated', 'drift_results']), { datePartitionColumn: 'event_date' });
  expect(insert.columns[insert.columns.length - 1]).toBe('event_date');
  expect(insert.sql).toMatch(/^INSERT INTO "lake_curated"\."drift_results" \("window_start", .*"breached", "event_date"\) SELECT drift_rows\.\*, date_format\(drift_rows\."window_start", '%Y-%m-%d'\) AS "event_date"/);
  expect(insert.parameters).toEqual(trinoWindow.parameters);
});

test('a spec without numeric or without categorical fields generates only the parts it needs', () => {
  for (const fields of [['amount'], ['country']]) {
    const only = new DriftSpec({ schema: capturedSchema, fields });
    const sql = new DriftQueries(only, SqlDialect.TRINO).window({
      records: CapturedRecords.table({ table: DriftTable.named(['lake', 'scored']) }),
      baselineTable: DriftTable.named(['lake', 'drift_baseline']),
    }).sql;
    expect(() => parser.astify(sql, { database: 'trino' })).not.toThrow();
    expect(sql.includes('ks_points')).toBe(fields[0] === 'amount');
    expect(sql.includes('unseen')).toBe(fields[0] === 'country');
  }
});

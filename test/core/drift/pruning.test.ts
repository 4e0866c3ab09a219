/**
 * The window query reads only the window's partitions and only the columns it needs: DuckDB runs
 * it over hive-partitioned Parquet files (one directory per `event_date`, as the AWS lake lays
 * them out) and its profile lists the files and columns each scan read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CapturedRecords, DriftQueries, DriftQuery, DriftSpec, DriftStatistic, DriftTable, ProblemType, SqlDialect, WindowPartitioning, driftBaselineSchema,
} from '../../../lib/core';
import { capturedSchema, createTableSql, DuckSession, labelSchema, readCsvSql, reference, referenceQuality, referenceSpec } from './fixtures';

// DuckDB work on a 2-core machine shared with other test runs: the default 5 s can pass under load.
// No test here asserts a duration.
jest.setTimeout(30_000);

interface Scan { files: number; filenames: string[]; projections: string[]; filters: string }

let db: DuckSession;
let dir: string;
const window = { window_start: reference.config.windowStart, window_end: reference.config.windowEnd, baseline_id: 'v1' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-drift-pruning-'));
  db = await DuckSession.open();
  await db.run(`CREATE TABLE training AS SELECT * FROM ${readCsvSql('baseline.csv', capturedSchema)}`);
  // Given the window's records and labels written as the lake writes them, one directory per UTC
  // event date (the data set holds the window's day and the days before and after it),
  for (const [name, file, schema] of [['records', 'window_no_drift.csv', capturedSchema], ['labels', 'labels.csv', labelSchema]] as const) {
    await db.run(`COPY (SELECT *, strftime(event_time, '%Y-%m-%d') AS event_date FROM ${readCsvSql(file, schema)}) TO '${path.join(dir, name)}' (FORMAT PARQUET, PARTITION_BY (event_date))`);
    await db.run(`CREATE VIEW lake_${name} AS SELECT * FROM read_parquet('${path.join(dir, name)}/**/*.parquet', hive_partitioning = true, hive_types = {'event_date': VARCHAR})`);
  }
  await db.run(createTableSql(driftBaselineSchema()));
  await db.query(new DriftQueries(referenceSpec(), SqlDialect.DUCKDB).baseline({ source: DriftTable.named(['training']) }).insertInto(DriftTable.named(['drift_baseline'])), window);
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The Parquet scans of a query's profile (DuckDB `EXPLAIN (ANALYZE, FORMAT json)`). */
async function scans(query: DriftQuery, values: Record<string, string>): Promise<Scan[]> {
  const reader = await db.connection.runAndReadAll(`EXPLAIN (ANALYZE, FORMAT json) ${query.sql}`, query.parameterValues(values));
  const profile = JSON.parse(String(reader.getRows()[0][1]));
  const out: Scan[] = [];
  const walk = (node: any) => {
    if (node.operator_type === 'TABLE_SCAN' && node.extra_info?.Function === 'READ_PARQUET') {
      const info = node.extra_info;
      const list = (v: unknown) => (Array.isArray(v) ? v : String(v ?? '').split(/[,\n]/)).map((s: string) => s.trim()).filter((s: string) => s !== '');
      out.push({ files: Number(info['Total Files Read']), filenames: list(info['Filename(s)']), projections: list(info.Projections), filters: String(info.Filters ?? '') });
    }
    (node.children ?? []).forEach(walk);
  };
  walk(profile);
  return out;
}

function windowQuery(spec: DriftSpec, partitioning: WindowPartitioning): DriftQuery {
  return new DriftQueries(spec, SqlDialect.DUCKDB).window({
    records: CapturedRecords.table({ table: DriftTable.named(['lake_records']), partitioning }),
    baselineTable: DriftTable.named(['drift_baseline']),
    labels: { table: DriftTable.named(['lake_labels']), partitioning },
  });
}

test('the lake holds three daily partitions of records and of labels', () => {
  for (const name of ['records', 'labels']) {
    expect(fs.readdirSync(path.join(dir, name)).sort()).toEqual(['event_date=2024-04-30', 'event_date=2024-05-01', 'event_date=2024-05-02']);
  }
});

test('a one-day window reads one file of records and one of labels: its own day, not the next one it ends on', async () => {
  const query = windowQuery(referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION)), WindowPartitioning.dateColumn());
  const found = await scans(query, window);
  expect(found.length).toBeGreaterThanOrEqual(2);
  for (const scan of found) {
    expect(scan.files).toBe(1);
    expect(scan.filenames).toHaveLength(1);
    expect(scan.filenames[0]).toContain(`event_date=2024-05-01${path.sep}`);
  }
  expect(new Set(found.map((s) => s.filenames[0].includes(`${path.sep}labels${path.sep}`)))).toEqual(new Set([true, false]));
});

test('without the partition predicate the same query reads every file (the predicate is what prunes)', async () => {
  const query = windowQuery(referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION)), WindowPartitioning.TIME_COLUMN_ONLY);
  for (const scan of await scans(query, window)) {
    expect(scan.files).toBe(3);
  }
});

test('a window across midnight reads the two days it covers', async () => {
  const query = windowQuery(referenceSpec(), WindowPartitioning.dateColumn());
  const found = await scans(query, { ...window, window_start: '2024-04-30 12:00:00', window_end: '2024-05-01 12:00:00' });
  for (const scan of found) {
    expect(scan.files).toBe(2);
    expect(scan.filenames.map((f) => path.basename(path.dirname(f))).sort()).toEqual(['event_date=2024-04-30', 'event_date=2024-05-01']);
  }
});

test('only the columns the statistics need are read: two monitored fields, and the event time for the filter', async () => {
  const spec = new DriftSpec({ schema: capturedSchema, fields: ['amount', 'country'] });
  expect(spec.problems()).toEqual([]);
  const found = await scans(windowQuery(spec, WindowPartitioning.dateColumn()), window);
  expect(found.length).toBeGreaterThanOrEqual(1);
  for (const scan of found) {
    expect(scan.projections.sort()).toEqual(['amount', 'country']);
    // The scan's pushed-down filter reads event_time; event_date is pruned on file paths.
    expect(scan.filters.match(/\b[a-z_]+(?=\s*[<>=])/g)!.sort()).toEqual(['event_time', 'event_time']);
  }
});

test('pruned, the statistics are those of the whole window: they still equal the reference', async () => {
  const rows = await db.query(windowQuery(referenceSpec(), WindowPartitioning.dateColumn()), window);
  for (const field of ['amount', 'age', 'balance', 'score']) {
    const ks = rows.find((r) => r.field === field && r.statistic === DriftStatistic.KS)!;
    expect(Math.abs((ks.value as number) - reference.windows.no_drift[field].ks)).toBeLessThanOrEqual(1e-9);
  }
  const psi = rows.find((r) => r.field === 'country' && r.statistic === DriftStatistic.PSI)!;
  expect(Math.abs((psi.value as number) - reference.windows.no_drift.country.psi)).toBeLessThanOrEqual(1e-9);
});

/**
 * The same schema drives capture parsing: the records of the no-drift window, written as
 * SageMaker data capture (JSON Lines, payloads in CSV, JSON or base64, under the hour path) and as
 * a Vertex AI request-response log, parse back into the schema's fields, and the drift statistics
 * over the parsed captures equal the numpy/scipy reference.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CapturedRecords, DriftQueries, DriftStatistic, DriftTable, ProblemType, SqlDialect, driftBaselineSchema,
} from '../../../lib/core';
import { capturedSchema, createTableSql, DuckSession, labelSchema, readCsvSql, reference, referenceQuality, referenceSpec } from './fixtures';

// DuckDB work on a 2-core machine shared with other test runs: the default 5 s can pass under load.
// No test here asserts a duration.
jest.setTimeout(30_000);

const INPUT_COLUMNS = ['amount', 'age', 'balance', 'country', 'channel', 'is_member'];
const window = { window_start: reference.config.windowStart, window_end: reference.config.windowEnd, baseline_id: 'v1' };
const ENCODINGS = ['CSV', 'JSON', 'BASE64_CSV', 'BASE64_JSON'] as const;

let db: DuckSession;
let dir: string;
let original: Array<Record<string, unknown>>;

const iso = (t: Date, offsetHours = 0) => {
  const shifted = new Date(t.getTime() + offsetHours * 3600_000);
  const sign = offsetHours >= 0 ? '+' : '-';
  return offsetHours === 0
    ? `${shifted.toISOString().slice(0, 19)}Z`
    : `${shifted.toISOString().slice(0, 19)}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
};
const csvValue = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** One SageMaker capture line for a record, its payloads in the given encoding. */
function captureLine(r: Record<string, unknown>, i: number): string {
  const encoding = ENCODINGS[i % ENCODINGS.length];
  const json = encoding === 'JSON' || encoding === 'BASE64_JSON';
  const input = json
    ? JSON.stringify(Object.fromEntries([...INPUT_COLUMNS, 'customer_id'].map((c) => [c, r[c] ?? null])))
    : INPUT_COLUMNS.map((c) => csvValue(r[c])).join(',') + (i % 11 === 0 ? '\n9,9,9,XX,kiosk,true' : ''); // a batch: the first line is the record
  const output = String(r.score);
  const base64 = encoding.startsWith('BASE64');
  const part = (data: string, mode: string) => ({
    observedContentType: json ? 'application/json' : 'text/csv',
    mode,
    data: base64 ? Buffer.from(data, 'utf8').toString('base64') : data,
    encoding: base64 ? 'BASE64' : encoding,
  });
  const time = r.event_time as Date;
  return JSON.stringify({
    captureData: { endpointInput: part(input, 'INPUT'), endpointOutput: part(output, 'OUTPUT') },
    // Most requests carry the client's inference id; some only the event id SageMaker assigns.
    eventMetadata: i % 7 === 0
      ? { eventId: r.request_id, inferenceTime: iso(time, i % 3 === 0 ? 2 : 0) }
      : { eventId: `evt-${i}`, inferenceId: r.request_id, inferenceTime: iso(time, i % 5 === 0 ? -3 : 0) },
    eventVersion: '0',
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-drift-capture-'));
  db = await DuckSession.open();
  await db.run(`CREATE TABLE training AS SELECT * FROM ${readCsvSql('baseline.csv', capturedSchema)}`);
  await db.run(`CREATE TABLE labels AS SELECT * FROM ${readCsvSql('labels.csv', labelSchema)}`);
  await db.run(createTableSql(driftBaselineSchema()));
  await db.query(new DriftQueries(referenceSpec(), SqlDialect.DUCKDB).baseline({ source: DriftTable.named(['training']) }).insertInto(DriftTable.named(['drift_baseline'])), window);
  original = (await db.query(`SELECT * FROM ${readCsvSql('window_no_drift.csv', capturedSchema)} ORDER BY event_time`))
    .map((r) => ({ ...r, age: r.age === null ? null : Number(r.age), balance: r.balance === null ? null : Number(r.balance) }));

  // SageMaker: <prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl, one line per request.
  const byHour = new Map<string, string[]>();
  original.forEach((r, i) => {
    const hour = (r.event_time as Date).toISOString().slice(0, 13).replace(/[-T]/g, '/');
    byHour.set(hour, [...(byHour.get(hour) ?? []), captureLine(r, i)]);
  });
  for (const [hour, lines] of byHour) {
    fs.mkdirSync(path.join(dir, 'capture', 'ep', 'AllTraffic', hour), { recursive: true });
    fs.writeFileSync(path.join(dir, 'capture', 'ep', 'AllTraffic', hour, 'capture.jsonl'), `${lines.join('\n')}\n`);
  }
  const part = "STRUCT(observedContentType VARCHAR, mode VARCHAR, data VARCHAR, encoding VARCHAR)";
  // The Glue table's projected capture_hour, here taken from the object path.
  await db.run(`CREATE VIEW endpoint_capture AS SELECT *, regexp_extract(filename, 'AllTraffic/(\\d{4}/\\d{2}/\\d{2}/\\d{2})/', 1) AS capture_hour FROM read_json('${dir}/capture/**/*.jsonl',`
    + ` format = 'newline_delimited', filename = true, columns = {captureData: 'STRUCT(endpointInput ${part}, endpointOutput ${part})',`
    + ` eventMetadata: 'STRUCT(eventId VARCHAR, inferenceId VARCHAR, inferenceTime VARCHAR)', eventVersion: 'VARCHAR'})`);

  // Vertex AI: one row per request of one to three instances, for two deployed models (a canary).
  await db.run('CREATE TABLE vertex_log (endpoint VARCHAR, deployed_model_id VARCHAR, logging_time TIMESTAMP, request_id DECIMAL(38,0), request_payload VARCHAR[], response_payload VARCHAR[])');
  const rows: string[] = [];
  const times: string[] = [];
  const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let i = 0, request = 0; i < original.length; request++) {
    const size = 1 + (request % 3);
    const batch = original.slice(i, i + size);
    i += size;
    const instances = batch.map((r) => sqlString(JSON.stringify(Object.fromEntries([...INPUT_COLUMNS, 'customer_id'].map((c) => [c, r[c] ?? null])))));
    const predictions = batch.map((r) => sqlString(String(r.score)));
    const time = (batch[0].event_time as Date).toISOString().replace('T', ' ').slice(0, 19);
    rows.push(`('ep', '111', TIMESTAMP '${time}', ${request}, [${instances.join(', ')}], [${predictions.join(', ')}])`);
    batch.forEach((r) => times.push(`(${sqlString(String(r.request_id))}, TIMESTAMP '${time}')`));
    // The other deployed model's requests at the same time, far off: the filter must drop them.
    rows.push(`('ep', '222', TIMESTAMP '${time}', ${100000 + request}, ['{"amount": 1e9, "age": 99, "country": "QQ"}'], ['0.999'])`);
  }
  await db.run(`INSERT INTO vertex_log VALUES ${rows.join(', ')}`);
  // The same records dated as the log dates them (by request), as a table whose columns are the schema's fields.
  await db.run('CREATE TABLE vertex_times (request_id VARCHAR, logging_time TIMESTAMP)');
  await db.run(`INSERT INTO vertex_times VALUES ${times.join(', ')}`);
  await db.run(`CREATE TABLE vertex_as_table AS SELECT o.* EXCLUDE (event_time), t.logging_time AS event_time FROM ${readCsvSql('window_no_drift.csv', capturedSchema)} o JOIN vertex_times t USING (request_id)`);
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sageMaker = CapturedRecords.sageMakerCapture({ table: DriftTable.named(['endpoint_capture']), requestIdField: 'request_id' });
const vertex = CapturedRecords.vertexRequestResponseLog({ table: DriftTable.named(['vertex_log']), deployedModelId: '111' });
const fields = capturedSchema.fields.filter((f) => f.name !== 'request_id');

async function parsed(source: CapturedRecords, withRequestId: boolean): Promise<Array<Record<string, unknown>>> {
  const columns = withRequestId ? capturedSchema.fields : fields;
  const sql = source.selectRecords({
    dialect: SqlDialect.DUCKDB, schema: capturedSchema, fields: columns,
    windowStart: `TIMESTAMP '${window.window_start}'`, windowEnd: `TIMESTAMP '${window.window_end}'`,
  }, 'score');
  return db.query(`SELECT * FROM (${sql}) parsed ORDER BY event_time`);
}

function inWindow(r: Record<string, unknown>): boolean {
  const t = (r.event_time as Date).toISOString().replace('T', ' ').slice(0, 19);
  return t >= window.window_start && t < window.window_end;
}

test('the capture covers the window and the days around it, in every encoding', () => {
  expect(original.length).toBeGreaterThan(original.filter(inWindow).length);
  const lines = fs.readFileSync(path.join(dir, 'capture', 'ep', 'AllTraffic', '2024', '05', '01', '10', 'capture.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(new Set(lines.map((l) => l.captureData.endpointInput.encoding))).toEqual(new Set(['CSV', 'JSON', 'BASE64']));
});

test('SageMaker capture parses into the schema fields of the window\'s records, whatever the encoding', async () => {
  const rows = await parsed(sageMaker, true);
  const expected = original.filter(inWindow);
  expect(rows).toHaveLength(expected.length);
  const columns = ['request_id', 'event_time', ...INPUT_COLUMNS, 'score'];
  const plain = (r: Record<string, unknown>) => columns.map((c) => (r[c] instanceof Date ? r[c].getTime() : typeof r[c] === 'bigint' ? Number(r[c]) : r[c]));
  expect(rows.map(plain)).toEqual(expected.map(plain));
  // Entity keys come from a JSON payload (a CSV payload has only the model's input columns).
  const withKey = rows.filter((r) => r.customer_id !== null);
  expect(withKey.length).toBeGreaterThan(rows.length / 3);
  expect(withKey.length).toBeLessThan(rows.length);
  for (const r of withKey) {
    expect(r.customer_id).toBe(expected.find((e) => e.request_id === r.request_id)!.customer_id);
  }
});

test('drift statistics over the SageMaker capture equal the reference, and model quality joins on the parsed request id', async () => {
  const queries = new DriftQueries(referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION)), SqlDialect.DUCKDB);
  const rows = await db.query(queries.window({ records: sageMaker, baselineTable: DriftTable.named(['drift_baseline']), labels: { table: DriftTable.named(['labels']) } }), window);
  const ref = reference.windows.no_drift;
  for (const field of Object.keys(ref)) {
    for (const statistic of [DriftStatistic.PSI, DriftStatistic.KS, DriftStatistic.UNSEEN_SHARE, DriftStatistic.MISSING_RATE]) {
      if (ref[field][statistic] === undefined) {
        continue;
      }
      const row = rows.find((r) => r.field === field && r.statistic === statistic)!;
      expect([field, statistic, Math.abs((row.value as number) - ref[field][statistic]) <= 1e-9]).toEqual([field, statistic, true]);
    }
  }
  const auc = rows.find((r) => r.statistic === DriftStatistic.AUC)!;
  expect(Math.abs((auc.value as number) - reference.quality.classification.auc)).toBeLessThanOrEqual(1e-9);
  expect(Number(auc.sample_size)).toBe(reference.quality.classification.sample_size);
});

const asKey = (r: Record<string, unknown>) => JSON.stringify([(r.event_time as Date).getTime(), ...[...INPUT_COLUMNS, 'score', 'customer_id'].map((c) => (r[c] === null ? null : typeof r[c] === 'bigint' || c === 'balance' ? Number(r[c]) : r[c]))]);

test('Vertex AI log parses one record per logged instance, of the chosen deployed model only', async () => {
  const rows = await parsed(vertex, false);
  const expected = await db.query(`SELECT * FROM vertex_as_table WHERE event_time >= TIMESTAMP '${window.window_start}' AND event_time < TIMESTAMP '${window.window_end}'`);
  expect(expected.length).toBeGreaterThan(1000);
  expect(rows.map(asKey).sort()).toEqual(expected.map(asKey).sort());
});

test('drift statistics over the Vertex AI log equal those of the same records read as a table', async () => {
  const queries = new DriftQueries(referenceSpec(), SqlDialect.DUCKDB);
  const overLog = await db.query(queries.window({ records: vertex, baselineTable: DriftTable.named(['drift_baseline']) }), window);
  const overTable = await db.query(queries.window({ records: CapturedRecords.table({ table: DriftTable.named(['vertex_as_table']) }), baselineTable: DriftTable.named(['drift_baseline']) }), window);
  expect(overLog).toHaveLength(overTable.length);
  for (const row of overTable) {
    const other = overLog.find((r) => r.field === row.field && r.statistic === row.statistic)!;
    expect([row.field, row.statistic, Math.abs((other.value as number) - (row.value as number)) <= 1e-12, other.sample_size]).toEqual([row.field, row.statistic, true, row.sample_size]);
  }
});

/**
 * The dataset-version SELECTs of a training pipeline, run on DuckDB over rows made here: columns in
 * the order the built-in XGBoost reads (label first, numbers only), the window, the label filter,
 * and the split — each row on one side, the side its MD5 bucket (computed here with node's crypto)
 * says, the same for several keys of one entity. The BigQuery and Trino texts differ from the
 * DuckDB one only in the dialect methods, and parse with their grammars.
 */
import { createHash } from 'crypto';
import { Parser } from 'node-sql-parser';
import {
  EvaluationMetric, FieldType, SqlDialect, TableSchema, TrainingPipelineSpec, TrainingWindow, trainingDatasetQueries,
} from '../../../lib/core';
import { createTableSql, DuckSession } from '../drift/fixtures';

jest.setTimeout(30_000);

const schema = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'vip', type: FieldType.BOOLEAN },
    { name: 'first_order', type: FieldType.DATE },
    { name: 'note', type: FieldType.STRING },
    { name: 'churned', type: FieldType.BOOLEAN },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

/** The bucket the split gives a text: first four MD5 bytes, big-endian, modulo 100. */
function bucketOf(text: string): number {
  return createHash('md5').update(text, 'utf8').digest().readUInt32BE(0) % 100;
}

const RUN_START = "TIMESTAMP '2024-05-10 03:00:00'";
let db: DuckSession;

beforeAll(async () => {
  db = await DuckSession.open();
  await db.run(createTableSql(schema));
  const rows: string[] = [];
  for (let c = 0; c < 400; c++) {
    for (const day of ['2024-05-07', '2024-05-09', '2024-05-10', '2024-04-01']) {
      const label = c % 7 === 0 ? 'NULL' : String(c % 3 === 0);
      rows.push(`('c${c}', ${c % 11}, ${c}.25, ${c % 2 === 0}, DATE '2020-01-0${(c % 9) + 1}', 'x', ${label}, TIMESTAMP '${day} 12:00:00')`);
    }
  }
  await db.run(`INSERT INTO customer_daily VALUES ${rows.join(', ')}`);
});

afterAll(() => db?.close());

const spec = (overrides: Partial<ConstructorParameters<typeof TrainingPipelineSpec>[0]> = {}) => new TrainingPipelineSpec({
  name: 'churn', schema, label: 'churned', window: TrainingWindow.lastDays(3), validationPercentage: 20, ...overrides,
});

test('the split bucket is the MD5 bucket of the key text, the same as node computes it', async () => {
  const d = SqlDialect.DUCKDB;
  for (const text of ['c1', 'c42', 'ünïcode', '']) {
    const [row] = await db.query(`SELECT ${d.hashPercentile(d.string(text))} AS b`);
    expect(Number(row.b)).toBe(bucketOf(text));
  }
  // Portable texts (the same as the AWS pipeline's key text): dates and timestamps in ISO form, decimals unscaled, booleans as words.
  const [row] = await db.query(`SELECT ${d.portableText("DATE '2024-05-01'", FieldType.DATE)} AS d, ${d.portableText("TIMESTAMP '2024-05-01 10:00:00.123'", FieldType.TIMESTAMP)} AS t, `
    + `${d.portableText('CAST(12.5 AS DECIMAL(14,2))', FieldType.decimal(14, 2))} AS n, ${d.portableText('true', FieldType.BOOLEAN)} AS b, ${d.portableText('NULL::VARCHAR', FieldType.STRING)} AS e`);
  expect(row).toEqual({ d: '2024-05-01', t: '2024-05-01 10:00:00', n: '1250', b: 'true', e: '' });
});

test('lastDays: the label first, then numeric features; labelled rows of the window only; each entity on the side its bucket says', async () => {
  const q = trainingDatasetQueries(spec(), SqlDialect.DUCKDB, { table: ['customer_daily'], runStart: RUN_START });
  const train = await db.query(q.train);
  const validation = await db.query(q.validation);
  // Columns: label, then every numeric/boolean/date value field except the label, in schema order (note is a string: left out).
  expect(Object.keys(train[0])).toEqual(['churned', 'orders_7d', 'spend_7d', 'vip', 'first_order']);
  expect(typeof train[0].churned === 'number' || typeof train[0].churned === 'bigint').toBe(true);
  // The window is [2024-05-07, 2024-05-10): two of the four days per customer; unlabelled customers dropped.
  const labelled = [...Array(400).keys()].filter((c) => c % 7 !== 0);
  expect(train.length + validation.length).toBe(labelled.length * 2);
  const expectedValidation = labelled.filter((c) => bucketOf(`c${c}`) < 20);
  expect(validation.length).toBe(expectedValidation.length * 2);
  // About 20 % held out.
  expect(validation.length / (train.length + validation.length)).toBeGreaterThan(0.12);
  expect(validation.length / (train.length + validation.length)).toBeLessThan(0.28);
  // Numbers as XGBoost reads them: booleans 0/1, decimals as doubles, dates as days since 1970.
  const [one] = await db.query(`SELECT * FROM (${q.train}) WHERE orders_7d = 1 LIMIT 1`);
  expect([0, 1]).toContain(Number(one.vip));
  expect(typeof one.spend_7d).toBe('number');
  expect(Number(one.first_order)).toBeGreaterThan(18262);
});

test('entireTable: every labelled row before the run\'s start, the same split', async () => {
  const q = trainingDatasetQueries(spec({ window: TrainingWindow.entireTable() }), SqlDialect.DUCKDB, { table: ['customer_daily'], runStart: RUN_START });
  const [train] = await db.query(`SELECT COUNT(*) AS n FROM (${q.train})`);
  const [validation] = await db.query(`SELECT COUNT(*) AS n FROM (${q.validation})`);
  const labelled = [...Array(400).keys()].filter((c) => c % 7 !== 0);
  // 2024-05-10 12:00 is after the run's start (03:00): three of four days per customer.
  expect(Number(train.n) + Number(validation.n)).toBe(labelled.length * 3);
  expect(Number(validation.n)).toBe(labelled.filter((c) => bucketOf(`c${c}`) < 20).length * 3);
});

test('several split keys are joined with "|" before hashing', async () => {
  const keyed = new TableSchema({
    name: 'pairs',
    fields: [{ name: 'a', type: FieldType.STRING }, { name: 'b', type: FieldType.INT64 }, { name: 'y', type: FieldType.FLOAT64 }],
    entityKeys: ['a', 'b'],
  });
  const q = trainingDatasetQueries(new TrainingPipelineSpec({ name: 'pairs', schema: keyed, label: 'y', features: ['b'], metric: EvaluationMetric.RMSE }),
    SqlDialect.DUCKDB, { table: ['pairs'], runStart: RUN_START });
  const [row] = await db.query(`SELECT ${q.splitBucket} AS bucket FROM (SELECT 'k' AS a, CAST(7 AS BIGINT) AS b)`);
  expect(Number(row.bucket)).toBe(bucketOf('k|7'));
  // No event time: no window predicate at all.
  expect(q.train).not.toContain('TIMESTAMP');
});

test('the BigQuery and Trino texts parse with their grammars and carry the window on the event time', () => {
  const parser = new Parser();
  const bigquery = trainingDatasetQueries(spec(), SqlDialect.BIGQUERY, { table: ['p', 'd', 'customer_daily'], runStart: "TIMESTAMP('2024-05-10T03:00:00Z')" });
  const trino = trainingDatasetQueries(spec(), SqlDialect.TRINO, { table: ['db', 'customer_daily'], runStart: "TIMESTAMP '2024-05-10 03:00:00'" });
  for (const [q, database] of [[bigquery, 'bigquery'], [trino, 'trino']] as const) {
    for (const sql of [q.train, q.validation]) {
      expect(() => parser.astify(sql, { database })).not.toThrow();
      expect(sql).toMatch(/computed_at\W* >= /);
      expect(sql).toMatch(/computed_at\W* < /);
    }
  }
  expect(bigquery.train).toContain("MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(COALESCE(`customer_id`, ''))), 1, 8)) AS INT64), 100) >= 20");
  expect(trino.validation).toContain(`mod(from_base(substr(to_hex(md5(to_utf8(COALESCE("customer_id", '')))), 1, 8), 16), 100) < 20`);
});

test('a decimal split key of more than 18 digits is a spec problem: it has no portable text', () => {
  const wide = new TableSchema({
    name: 'wide', fields: [{ name: 'id', type: FieldType.decimal(30, 0) }, { name: 'x', type: FieldType.FLOAT64 }, { name: 'y', type: FieldType.FLOAT64 }], entityKeys: ['id'],
  });
  expect(new TrainingPipelineSpec({ name: 'wide', schema: wide, label: 'y' }).problems()).toEqual([
    expect.objectContaining({ property: 'schema', value: 'id', allowed: expect.stringMatching(/at most 18 digits/) }),
  ]);
  expect(() => SqlDialect.BIGQUERY.portableText('x', FieldType.FLOAT64)).toThrow(/no portable text/);
});

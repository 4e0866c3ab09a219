/**
 * The prepare and evaluate SQL of the training pipelines, run on DuckDB (in process): the split
 * is the documented hash (checked against Node's own MD5), the two splits partition the labelled
 * rows of the window, and the evaluation query's metrics equal their textbook definitions
 * computed here in plain TypeScript. The Trino and GoogleSQL texts parse with their grammars.
 */
import * as crypto from 'crypto';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Parser } from 'node-sql-parser';
import {
  DriftTable, EvaluationMetric, evaluationPrefix, evaluationQuery, FieldType, SqlDialect, TableSchema, TRAINING_PIPELINE_ZONE,
  trainingDatasetPrefix, TrainingPipelineSpec, TrainingSplit, trainingSplitQuery, TrainingWindow,
} from 'mlops-constructs';

jest.setTimeout(30_000);

const customers = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'member', type: FieldType.BOOLEAN },
    { name: 'joined', type: FieldType.DATE },
    { name: 'churned', type: FieldType.BOOLEAN },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});
const spec = new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', window: TrainingWindow.lastDays(3), validationPercentage: 30 });

let db: DuckDBInstance;
let connection: DuckDBConnection;

/** 120 customers over 5 days before 2024-05-10, plus rows on the run day and rows without a label. */
const rows: Array<{ id: string; orders: number | null; member: boolean | null; joined: string; churned: boolean | null; at: string }> = [];
for (let i = 0; i < 120; i++) {
  rows.push({ id: `c${i}`, orders: i % 7 === 0 ? null : i % 11, member: i % 4 === 1 ? null : i % 2 === 0, joined: '1970-01-11', churned: i % 13 === 0 ? null : i % 3 === 0, at: `2024-05-0${5 + (i % 5)} 1${i % 10}:00:00` });
}
rows.push({ id: 'today', orders: 1, member: true, joined: '1970-01-11', churned: true, at: '2024-05-10 00:00:00' });

beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  connection = await db.connect();
  await connection.run('CREATE TABLE customer_daily (customer_id VARCHAR, orders_7d BIGINT, member BOOLEAN, joined DATE, churned BOOLEAN, computed_at TIMESTAMP)');
  const literal = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
  await connection.run(`INSERT INTO customer_daily VALUES ${rows.map((r) => `(${[r.id, r.orders, r.member, r.joined, r.churned, r.at].map(literal).join(', ')})`).join(', ')}`);
});

afterAll(() => {
  connection?.closeSync();
});

async function select(sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

function split(which: TrainingSplit, dialect = SqlDialect.DUCKDB): string {
  return trainingSplitQuery(spec, dialect, { source: DriftTable.named(['customer_daily']), split: which, runDate: "DATE '2024-05-10'" });
}

describe('trainingSplitQuery on DuckDB', () => {
  test('the splits partition the labelled rows of the 3 days before the run date, by the MD5 percentile of the entity key', async () => {
    const train = await select(split(TrainingSplit.TRAIN));
    const validation = await select(split(TrainingSplit.VALIDATION));
    const inWindow = rows.filter((r) => r.churned !== null && r.at >= '2024-05-07' && r.at < '2024-05-10');
    const percentile = (id: string) => parseInt(crypto.createHash('md5').update(id, 'utf8').digest('hex').slice(0, 8), 16) % 100;
    const expectedValidation = inWindow.filter((r) => percentile(r.id) < 30);
    expect(train.length + validation.length).toBe(inWindow.length);
    expect(validation.length).toBe(expectedValidation.length);
    expect(validation.length).toBeGreaterThan(0);
    expect(train.length).toBeGreaterThan(validation.length);
  });

  test('columns: label first as 1/0, then features as text XGBoost reads (missing values empty, booleans 1/0, dates as days since 1970)', async () => {
    const all = [...await select(split(TrainingSplit.TRAIN)), ...await select(split(TrainingSplit.VALIDATION))];
    expect(Object.keys(all[0])).toEqual(['churned', 'orders_7d', 'member', 'joined']);
    const c0 = all.find((r) => r.churned === '1' && r.orders_7d === '');
    expect(c0).toBeDefined();
    expect(new Set(all.map((r) => r.member))).toEqual(new Set(['1', '0', '']));
    expect(new Set(all.map((r) => r.joined))).toEqual(new Set(['10']));
  });

  test('the Trino and GoogleSQL texts parse, and name the same hash', () => {
    const parser = new Parser();
    const trino = split(TrainingSplit.VALIDATION, SqlDialect.TRINO);
    expect(trino).toContain('mod(from_base(substr(to_hex(md5(to_utf8(');
    expect(() => parser.astify(trino, { database: 'trino' })).not.toThrow();
    const bigquery = split(TrainingSplit.VALIDATION, SqlDialect.BIGQUERY);
    expect(bigquery).toContain("MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(");
    expect(() => parser.astify(bigquery, { database: 'bigquery' })).not.toThrow();
  });

  test('an event-date partition column is filtered too, for partition pruning', () => {
    const sql = trainingSplitQuery(spec, SqlDialect.TRINO, { source: DriftTable.named(['db', 't']), split: TrainingSplit.TRAIN, runDate: "DATE '2024-05-10'", datePartitionColumn: 'event_date' });
    expect(sql).toContain(`"event_date" >= date_add('day', -3, DATE '2024-05-10') AND "event_date" < DATE '2024-05-10'`);
  });
});

describe('evaluationQuery on DuckDB equals the textbook definitions', () => {
  // Scores with ties, both classes.
  const scored = [
    [1, 0.9], [0, 0.8], [1, 0.8], [1, 0.7], [0, 0.4], [0, 0.4], [1, 0.35], [0, 0.1], [0, 0.05], [1, 0.6],
  ] as const;

  beforeAll(async () => {
    await connection.run('CREATE TABLE predictions (label DOUBLE, score DOUBLE, dataset_version VARCHAR)');
    await connection.run(`INSERT INTO predictions VALUES ${scored.map(([y, p]) => `(${y}, ${p}, 'v1')`).join(', ')}, (1, 0.0, 'other')`);
  });

  async function value(metric: EvaluationMetric): Promise<number> {
    const [row] = await select(evaluationQuery(metric, SqlDialect.DUCKDB, { predictions: DriftTable.named(['predictions']), where: ["dataset_version = 'v1'"] }));
    expect(Number(row.sample_size)).toBe(scored.length);
    return Number(row.value);
  }

  test('AUC: the share of (positive, negative) pairs ordered right, ties counting half', async () => {
    let sum = 0;
    let pairs = 0;
    for (const [yp, pp] of scored.filter(([y]) => y === 1)) {
      for (const [, pn] of scored.filter(([y]) => y === 0)) {
        pairs++;
        sum += pp > pn ? 1 : pp === pn ? 0.5 : 0;
        void yp;
      }
    }
    expect(await value(EvaluationMetric.AUC)).toBeCloseTo(sum / pairs, 12);
  });

  test('accuracy at 0.5, and log loss', async () => {
    const accuracy = scored.filter(([y, p]) => (p >= 0.5 ? 1 : 0) === y).length / scored.length;
    expect(await value(EvaluationMetric.ACCURACY)).toBeCloseTo(accuracy, 12);
    const logloss = -scored.reduce((s, [y, p]) => s + (y === 1 ? Math.log(p) : Math.log(1 - p)), 0) / scored.length;
    expect(await value(EvaluationMetric.LOG_LOSS)).toBeCloseTo(logloss, 12);
  });

  test('RMSE and MAE', async () => {
    const rmse = Math.sqrt(scored.reduce((s, [y, p]) => s + (p - y) ** 2, 0) / scored.length);
    const mae = scored.reduce((s, [y, p]) => s + Math.abs(p - y), 0) / scored.length;
    expect(await value(EvaluationMetric.RMSE)).toBeCloseTo(rmse, 12);
    expect(await value(EvaluationMetric.MAE)).toBeCloseTo(mae, 12);
  });

  test('a custom metric has no built-in query', () => {
    const custom = EvaluationMetric.custom({ name: 'f1', direction: EvaluationMetric.AUC.direction, problemType: EvaluationMetric.AUC.problemType });
    expect(() => evaluationQuery(custom, SqlDialect.TRINO, { predictions: DriftTable.named(['p']) })).toThrow(/not a built-in metric/);
  });
});

test('the layout both clouds write: dataset versions and evaluations under the artifacts zone', () => {
  expect(TRAINING_PIPELINE_ZONE).toBe('artifacts');
  expect(trainingDatasetPrefix('churn', 'run-1')).toBe('training-datasets/churn/run-1/');
  expect(evaluationPrefix('churn', 'run-1')).toBe('evaluations/churn/run-1/');
});

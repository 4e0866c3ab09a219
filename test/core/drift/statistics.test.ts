/**
 * The drift statistics, generated as SQL and run on DuckDB, equal numpy/scipy's values on the
 * committed reference data (tools/drift/reference.py) within 1e-9.
 */
import {
  BaselineRowKind, CapturedRecords, DriftLevel, DriftQueries, DriftStatistic, DriftTable, LabelJoin, ProblemType, SqlDialect,
  driftBaselineSchema, driftResultsSchema,
} from '../../../lib/core';
import { capturedSchema, createTableSql, DuckSession, labelSchema, readCsvSql, reference, referenceQuality, referenceSpec } from './fixtures';

// DuckDB work on a 2-core machine shared with other test runs: the default 5 s can pass under load.
// No test here asserts a duration.
jest.setTimeout(30_000);

const TOLERANCE = 1e-9;
const WINDOWS = ['no_drift', 'mean_shift', 'new_categories'] as const;
const NUMERIC = Object.keys(reference.config.bins);
const CATEGORICAL = Object.keys(reference.config.topCategories);
const window = { window_start: reference.config.windowStart, window_end: reference.config.windowEnd, baseline_id: 'orders-v7' };

function close(actual: unknown, expected: number, what: string): void {
  if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= TOLERANCE)) {
    throw new Error(`${what}: DuckDB ${String(actual)}, numpy/scipy ${expected} (tolerance ${TOLERANCE})`);
  }
}

let db: DuckSession;
const results: Record<string, Array<Record<string, unknown>>> = {};

beforeAll(async () => {
  db = await DuckSession.open();
  await db.run(`CREATE TABLE training AS SELECT * FROM ${readCsvSql('baseline.csv', capturedSchema)}`);
  await db.run(`CREATE TABLE labels AS SELECT * FROM ${readCsvSql('labels.csv', labelSchema)}`);
  for (const name of WINDOWS) {
    await db.run(`CREATE TABLE records_${name} AS SELECT * FROM ${readCsvSql(`window_${name}.csv`, capturedSchema)}`);
  }
  // Given the baseline and results tables created from their neutral schemas, as a lake creates them,
  await db.run(createTableSql(driftBaselineSchema()));
  // when the baseline query fills the baseline table and each window query fills the results table,
  const queries = new DriftQueries(referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION)), SqlDialect.DUCKDB);
  await db.query(queries.baseline({ source: DriftTable.named(['training']) }).insertInto(DriftTable.named(['drift_baseline'])), { baseline_id: window.baseline_id });
  for (const name of WINDOWS) {
    const query = queries.window({
      records: CapturedRecords.table({ table: DriftTable.named([`records_${name}`]) }),
      baselineTable: DriftTable.named(['drift_baseline']),
      labels: { table: DriftTable.named(['labels']) },
    });
    // (one results table per data set: the three windows have the same bounds)
    await db.run(createTableSql(driftResultsSchema(), `drift_results_${name}`));
    await db.query(query.insertInto(DriftTable.named([`drift_results_${name}`])), window);
    results[name] = await db.query(`SELECT * FROM drift_results_${name}`);
  }
});

afterAll(() => db?.close());

describe('baseline query', () => {
  test('bin edges are numpy quantiles of the baseline and shares its bin counts', async () => {
    for (const field of NUMERIC) {
      const bins = await db.query(`SELECT ordinal, lower_edge, upper_edge, share FROM drift_baseline WHERE field = '${field}' AND kind = '${BaselineRowKind.NUMERIC_BIN}' ORDER BY ordinal`);
      const edges: number[] = reference.baseline.edges[field];
      const shares: number[] = reference.baseline.bin_shares[field];
      expect(bins).toHaveLength(reference.config.bins[field]);
      expect(bins[0].lower_edge).toBeNull();
      expect(bins[bins.length - 1].upper_edge).toBeNull();
      edges.forEach((edge, k) => {
        close(bins[k].upper_edge, edge, `${field} edge ${k + 1}`);
        close(bins[k + 1].lower_edge, edge, `${field} edge ${k + 1} (as the next bin's lower edge)`);
      });
      shares.forEach((share, j) => close(bins[j].share, share, `${field} bin ${j} share`));
    }
  });

  test('top categories in order with their shares, "other" as bucket 0, every seen category kept', async () => {
    for (const field of CATEGORICAL) {
      const buckets = await db.query(`SELECT ordinal, category, share FROM drift_baseline WHERE field = '${field}' AND kind = '${BaselineRowKind.CATEGORY_BUCKET}' ORDER BY ordinal = 0, ordinal`);
      const expected: Array<{ ordinal: number; category: string | null; share: number }> = reference.baseline.buckets[field];
      expect(buckets.map((b) => [Number(b.ordinal), b.category])).toEqual(expected.map((b) => [b.ordinal, b.category]));
      expected.forEach((b, i) => close(buckets[i].share, b.share, `${field} bucket ${b.category ?? 'other'}`));
      const seen = await db.query(`SELECT COUNT(*) AS n FROM drift_baseline WHERE field = '${field}' AND kind = '${BaselineRowKind.CATEGORY}'`);
      expect(Number(seen[0].n)).toBe(reference.baseline.categories[field]);
    }
  });

  test('missing rates of the baseline', async () => {
    const rows = await db.query(`SELECT field, share, row_count FROM drift_baseline WHERE kind = '${BaselineRowKind.SUMMARY}'`);
    for (const [field, rate] of Object.entries(reference.baseline.missing_rate as Record<string, number>)) {
      const row = rows.find((r) => r.field === field)!;
      close(row.share, rate, `${field} baseline missing rate`);
      expect(Number(row.row_count)).toBe(reference.baseline.rows);
    }
  });
});

describe.each(WINDOWS)('window query on %s', (name) => {
  const expected = reference.windows[name];
  const row = (field: string, statistic: string) => {
    const found = results[name].filter((r) => r.field === field && r.statistic === statistic);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test('numeric fields: PSI, KS and missing rate equal numpy/scipy', () => {
    for (const field of NUMERIC) {
      close(row(field, DriftStatistic.PSI).value, expected[field].psi, `${name} ${field} psi`);
      close(row(field, DriftStatistic.KS).value, expected[field].ks, `${name} ${field} ks (scipy.stats.ks_2samp)`);
      close(row(field, DriftStatistic.MISSING_RATE).value, expected[field].missing_rate, `${name} ${field} missing rate`);
      expect(Number(row(field, DriftStatistic.KS).sample_size)).toBe(expected[field].sample_size);
      expect(Number(row(field, DriftStatistic.MISSING_RATE).sample_size)).toBe(expected[field].rows);
    }
  });

  test('categorical fields: PSI over top-K + other, unseen share and missing rate equal the reference', () => {
    for (const field of CATEGORICAL) {
      close(row(field, DriftStatistic.PSI).value, expected[field].psi, `${name} ${field} psi`);
      close(row(field, DriftStatistic.UNSEEN_SHARE).value, expected[field].unseen_share, `${name} ${field} unseen share`);
      close(row(field, DriftStatistic.MISSING_RATE).value, expected[field].missing_rate, `${name} ${field} missing rate`);
      expect(Number(row(field, DriftStatistic.PSI).sample_size)).toBe(expected[field].sample_size);
    }
  });

  test('levels follow the thresholds: PSI 0.1 warn / 0.2 alarm, breached on alarm', () => {
    for (const field of [...NUMERIC, ...CATEGORICAL]) {
      const psi = row(field, DriftStatistic.PSI);
      const value: number = expected[field].psi;
      expect([psi.warn_threshold, psi.alarm_threshold]).toEqual([0.1, 0.2]);
      expect(psi.level).toBe(value >= 0.2 ? DriftLevel.ALARM : value >= 0.1 ? DriftLevel.WARN : DriftLevel.OK);
      expect(psi.breached).toBe(value >= 0.2);
      // Missing-rate thresholds default to the baseline's rate plus 0.05 / 0.10.
      const missing = row(field, DriftStatistic.MISSING_RATE);
      close(missing.warn_threshold, reference.baseline.missing_rate[field] + 0.05, `${field} missing-rate warn threshold`);
      close(missing.alarm_threshold, reference.baseline.missing_rate[field] + 0.1, `${field} missing-rate alarm threshold`);
    }
  });

  test('the rows read back from the results table carry the window, the baseline id and one row per field and statistic', () => {
    expect(results[name]).toHaveLength(NUMERIC.length * 3 + CATEGORICAL.length * 3 + 2);
    for (const r of results[name]) {
      expect([(r.window_start as Date).toISOString(), (r.window_end as Date).toISOString(), r.baseline_id])
        .toEqual(['2024-05-01T00:00:00.000Z', '2024-05-02T00:00:00.000Z', window.baseline_id]);
    }
  });
});

test('the three data sets differ as designed: no drift stays ok, the mean shift and the new categories alarm', () => {
  const level = (name: string, field: string, statistic: string) => results[name].find((r) => r.field === field && r.statistic === statistic)!.level;
  expect(results.no_drift.filter((r) => r.statistic === DriftStatistic.PSI || r.statistic === DriftStatistic.KS).map((r) => r.level)).not.toContain(DriftLevel.ALARM);
  expect(level('mean_shift', 'amount', DriftStatistic.PSI)).toBe(DriftLevel.ALARM);
  expect(level('mean_shift', 'score', DriftStatistic.KS)).toBe(DriftLevel.ALARM);
  expect(level('new_categories', 'country', DriftStatistic.UNSEEN_SHARE)).toBe(DriftLevel.ALARM);
  expect(level('new_categories', 'channel', DriftStatistic.PSI)).toBe(DriftLevel.ALARM);
});

describe('model quality on the labelled window', () => {
  const quality = async (task: ProblemType, join: LabelJoin) => {
    const queries = new DriftQueries(referenceSpec(referenceQuality(task, join)), SqlDialect.DUCKDB);
    const query = queries.window({
      records: CapturedRecords.table({ table: DriftTable.named(['records_no_drift']) }),
      baselineTable: DriftTable.named(['drift_baseline']),
      labels: { table: DriftTable.named(['labels']) },
    });
    return db.query(query, window);
  };

  test.each([
    ['request id', LabelJoin.onRequestId('request_id')],
    ['entity and event time', LabelJoin.onEntityAndEventTime()],
  ])('classification joined on %s: accuracy and AUC (Mann-Whitney U) equal the reference', async (_name, join) => {
    const rows = await quality(ProblemType.BINARY_CLASSIFICATION, join);
    const accuracy = rows.find((r) => r.statistic === DriftStatistic.ACCURACY)!;
    const auc = rows.find((r) => r.statistic === DriftStatistic.AUC)!;
    close(accuracy.value, reference.quality.classification.accuracy, 'accuracy');
    close(auc.value, reference.quality.classification.auc, 'auc');
    expect(Number(auc.sample_size)).toBe(reference.quality.classification.sample_size);
    expect([accuracy.field, accuracy.direction, accuracy.level]).toEqual(['score', 'below', DriftLevel.NONE]);
  });

  test('regression: RMSE and MAE equal the reference', async () => {
    const rows = await quality(ProblemType.REGRESSION, LabelJoin.onRequestId('request_id'));
    close(rows.find((r) => r.statistic === DriftStatistic.RMSE)!.value, reference.quality.regression.rmse, 'rmse');
    close(rows.find((r) => r.statistic === DriftStatistic.MAE)!.value, reference.quality.regression.mae, 'mae');
    expect(Number(rows.find((r) => r.statistic === DriftStatistic.MAE)!.sample_size)).toBe(reference.quality.regression.sample_size);
  });

  test('a quality threshold given in the spec sets the level (accuracy is worse when lower)', async () => {
    const accuracy: number = reference.quality.classification.accuracy;
    const spec = referenceSpec(referenceQuality(ProblemType.BINARY_CLASSIFICATION), { thresholds: { accuracy: { warn: accuracy + 0.01, alarm: accuracy - 0.01 } } });
    expect(spec.problems()).toEqual([]);
    const strict = new DriftQueries(spec, SqlDialect.DUCKDB);
    const rows = await db.query(strict.window({
      records: CapturedRecords.table({ table: DriftTable.named(['records_no_drift']) }),
      baselineTable: DriftTable.named(['drift_baseline']),
      labels: { table: DriftTable.named(['labels']) },
    }), window);
    expect(rows.find((r) => r.statistic === DriftStatistic.ACCURACY)!.level).toBe(DriftLevel.WARN);
  });
});

test('an empty window yields every row with a null value, level none, sample size 0', async () => {
  const queries = new DriftQueries(referenceSpec(), SqlDialect.DUCKDB);
  const rows = await db.query(queries.window({
    records: CapturedRecords.table({ table: DriftTable.named(['records_no_drift']) }),
    baselineTable: DriftTable.named(['drift_baseline']),
  }), { ...window, window_start: '2030-01-01 00:00:00', window_end: '2030-01-02 00:00:00' });
  expect(rows).toHaveLength(NUMERIC.length * 3 + CATEGORICAL.length * 3);
  for (const r of rows) {
    expect([r.value, Number(r.sample_size), r.level, r.breached]).toEqual([null, 0, DriftLevel.NONE, false]);
  }
});

/**
 * DriftSpec: what is monitored by default, how thresholds resolve, and bad input reported as
 * problems with property paths (declaring never throws).
 */
import {
  CapturedRecords, DEFAULT_DRIFT_THRESHOLDS, DriftFieldKind, DriftQueries, DriftSpec, DriftSpecProps, DriftStatistic, DriftTable,
  FieldType, LabelJoin, ProblemType, MlopsValidationError, SqlDialect, TableSchema, ThresholdDirection, WindowPartitioning,
  driftBaselineSchema, driftResultsSchema, throwIfProblems,
} from '../../../lib/core';
import { capturedSchema, labelSchema } from './fixtures';

const withDates = new TableSchema({
  name: 'events',
  fields: [
    { name: 'user_id', type: FieldType.STRING },
    { name: 'at', type: FieldType.TIMESTAMP },
    { name: 'amount', type: FieldType.decimal(10, 2) },
    { name: 'signup_date', type: FieldType.DATE },
    { name: 'avatar', type: FieldType.BYTES },
    { name: 'plan', type: FieldType.STRING },
    { name: 'score', type: FieldType.FLOAT32 },
  ],
  entityKeys: ['user_id'],
  eventTime: 'at',
});

const problemsOf = (props: Partial<DriftSpecProps>) => new DriftSpec({ schema: capturedSchema, ...props }).problems();
const property = (props: Partial<DriftSpecProps>) => problemsOf(props).map((p) => p.property);

describe('monitored fields', () => {
  test('default: every numeric and categorical value field; keys, event time, dates and bytes left out; the prediction last', () => {
    const spec = new DriftSpec({ schema: withDates, predictionField: 'score' });
    expect(spec.problems()).toEqual([]);
    expect(spec.monitoredFields.map((f) => [f.name, f.kind, f.isPrediction])).toEqual([
      ['amount', DriftFieldKind.NUMERIC, false],
      ['plan', DriftFieldKind.CATEGORICAL, false],
      ['score', DriftFieldKind.NUMERIC, true],
    ]);
  });

  test('resultRows: what every window produces, for a construct\'s metrics and alarms', () => {
    const spec = new DriftSpec({ schema: withDates, predictionField: 'score', modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: new TableSchema({ name: 'l', fields: [{ name: 'user_id', type: FieldType.STRING }, { name: 'at', type: FieldType.TIMESTAMP }, { name: 'y', type: FieldType.BOOLEAN }] }), labelField: 'y', join: LabelJoin.onEntityAndEventTime() }, thresholds: { auc: { alarm: 0.6 } } });
    expect(spec.problems()).toEqual([]);
    expect(spec.resultRows.map((r) => `${r.field}.${r.statistic}`)).toEqual([
      'amount.psi', 'amount.ks', 'amount.missing_rate', 'plan.psi', 'plan.unseen_share', 'plan.missing_rate',
      'score.psi', 'score.ks', 'score.missing_rate', 'score.accuracy', 'score.auc',
    ]);
    expect(spec.resultRows.find((r) => r.statistic === DriftStatistic.AUC)!.threshold).toMatchObject({ alarm: 0.6, direction: ThresholdDirection.BELOW });
  });

  test('the model-quality request id is not monitored by default', () => {
    const spec = new DriftSpec({
      schema: capturedSchema, predictionField: 'score',
      modelQuality: { task: ProblemType.REGRESSION, labelSchema, labelField: 'target', join: LabelJoin.onRequestId('request_id') },
    });
    expect(spec.problems()).toEqual([]);
    expect(spec.monitoredFields.map((f) => f.name)).toEqual(['amount', 'age', 'balance', 'country', 'channel', 'is_member', 'score']);
  });

  test('defaults: 10 bins, top 10 categories, PSI 0.1/0.2, KS 0.1/0.2, unseen 0.01/0.05, missing rate relative to the baseline', () => {
    const [amount] = new DriftSpec({ schema: withDates, fields: ['amount'] }).monitoredFields;
    expect([amount.bins, amount.topCategories]).toEqual([10, 10]);
    expect(amount.thresholds[DriftStatistic.PSI]).toEqual({ statistic: 'psi', direction: ThresholdDirection.ABOVE, warn: 0.1, alarm: 0.2, relativeToBaseline: false });
    expect(amount.thresholds[DriftStatistic.KS]).toMatchObject({ warn: 0.1, alarm: 0.2 });
    expect(amount.thresholds[DriftStatistic.UNSEEN_SHARE]).toMatchObject({ warn: 0.01, alarm: 0.05 });
    expect(amount.thresholds[DriftStatistic.MISSING_RATE]).toMatchObject({ warn: 0.05, alarm: 0.1, relativeToBaseline: true });
    expect(amount.thresholds[DriftStatistic.AUC]).toMatchObject({ direction: ThresholdDirection.BELOW, warn: undefined, alarm: undefined });
    expect(DEFAULT_DRIFT_THRESHOLDS.psi).toEqual({ warn: 0.1, alarm: 0.2 });
  });

  test('overrides: spec-wide, then per field, level by level', () => {
    const spec = new DriftSpec({
      schema: withDates,
      bins: 20,
      thresholds: { psi: { alarm: 0.3 }, missingRate: { alarm: 0.5 } },
      fieldOptions: [{ field: 'amount', bins: 5, thresholds: { psi: { warn: 0.15 } } }, { field: 'plan', topCategories: 3 }],
    });
    expect(spec.problems()).toEqual([]);
    const [amount, plan] = spec.monitoredFields;
    expect([amount.bins, amount.thresholds.psi.warn, amount.thresholds.psi.alarm]).toEqual([5, 0.15, 0.3]);
    expect([plan.topCategories, plan.thresholds.psi.warn, plan.thresholds.psi.alarm]).toEqual([3, 0.1, 0.3]);
    // A missing-rate level given is absolute, and the other level is then not checked.
    expect(plan.thresholds.missing_rate).toMatchObject({ warn: undefined, alarm: 0.5, relativeToBaseline: false });
  });
});

describe('bad input, as problems with property paths', () => {
  test.each<[string, Partial<DriftSpecProps>, string, RegExp]>([
    ['a monitored field not in the schema', { fields: ['amount', 'price'] }, 'fields[1]', /a field of schema "scored_requests"/],
    ['a monitored entity key', { fields: ['customer_id'] }, 'fields[0]', /entity keys and the event time/],
    ['a field listed twice', { fields: ['amount', 'amount'] }, 'fields[1]', /each field once/],
    ['no field at all', { fields: [], predictionField: undefined }, 'fields', /at least one field/],
    ['a prediction field not in the schema', { predictionField: 'pred' }, 'predictionField', /a field of schema/],
    ['bins below 2', { bins: 1 }, 'bins', /an integer from 2 to 100/],
    ['bins above 100', { bins: 101 }, 'bins', /an integer from 2 to 100/],
    ['fractional bins', { bins: 2.5 }, 'bins', /an integer/],
    ['no category kept', { topCategories: 0 }, 'topCategories', /from 1 to 1000/],
    ['a zero PSI epsilon', { psiEpsilon: 0 }, 'psiEpsilon', /greater than 0/],
    ['a negative threshold', { thresholds: { psi: { warn: -0.1 } } }, 'thresholds.psi.warn', /0 or more/],
    ['a share threshold above 1', { thresholds: { unseenShare: { alarm: 1.5 } } }, 'thresholds.unseenShare.alarm', /from 0 to 1/],
    ['warn above alarm', { thresholds: { psi: { warn: 0.3, alarm: 0.2 } } }, 'thresholds.psi.warn', /at most the alarm level \(0.2\)/],
    ['warn above the default alarm', { thresholds: { ks: { warn: 0.25 } } }, 'thresholds.ks', /warn 0.25, alarm 0.2/],
    ['accuracy warn below alarm (worse when lower)', { thresholds: { accuracy: { warn: 0.7, alarm: 0.8 } } }, 'thresholds.accuracy.warn', /at least the alarm level/],
    ['a NaN threshold', { thresholds: { rmse: { alarm: NaN } } }, 'thresholds.rmse.alarm', /finite/],
    ['options for an unmonitored field', { fields: ['amount'], fieldOptions: [{ field: 'age', bins: 5 }] }, 'fieldOptions[0].field', /a monitored field \(amount, score\)/],
    ['bins on a categorical field', { fieldOptions: [{ field: 'country', bins: 5 }] }, 'fieldOptions[0].bins', /categorical/],
    ['top categories on a numeric field', { fieldOptions: [{ field: 'age', topCategories: 5 }] }, 'fieldOptions[0].topCategories', /numeric/],
    ['field bins out of range', { fieldOptions: [{ field: 'age', bins: 200 }] }, 'fieldOptions[0].bins', /from 2 to 100/],
    ['a field warn above the spec-wide alarm', { thresholds: { psi: { alarm: 0.2 } }, fieldOptions: [{ field: 'age', thresholds: { psi: { warn: 0.3 } } }] }, 'fieldOptions[0].thresholds.psi', /spec-wide/],
  ])('%s', (_name, props, path, allowed) => {
    const problems = problemsOf({ predictionField: 'score', ...props });
    expect(problems.map((p) => p.property)).toContain(path);
    expect(problems.find((p) => p.property === path)!.allowed).toMatch(allowed);
  });

  test('a field whose type has no statistic', () => {
    const problems = new DriftSpec({ schema: withDates, fields: ['signup_date', 'avatar'] }).problems();
    expect(problems.map((p) => [p.property, p.value])).toEqual([['fields[0]', 'signup_date'], ['fields[1]', 'avatar']]);
    expect(problems[0].allowed).toMatch(/"signup_date" is date, which has no drift statistic/);
  });

  test('schema problems come through under schema.', () => {
    const bad = new TableSchema({ name: 'Bad', fields: [{ name: 'x', type: FieldType.FLOAT64 }] });
    expect(new DriftSpec({ schema: bad }).problems().map((p) => p.property)).toContain('schema.name');
  });

  describe('model quality', () => {
    const quality = (overrides: object, props: Partial<DriftSpecProps> = {}) => problemsOf({
      predictionField: 'score', ...props,
      modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema, labelField: 'label', join: LabelJoin.onRequestId('request_id'), ...overrides },
    });

    test('valid with a request-id join and with an entity + time join', () => {
      expect(quality({})).toEqual([]);
      expect(quality({ join: LabelJoin.onEntityAndEventTime() })).toEqual([]);
    });

    test('a label table without the join key', () => {
      const noId = new TableSchema({ name: 'labels', fields: [{ name: 'label', type: FieldType.BOOLEAN }] });
      const problems = quality({ labelSchema: noId });
      expect(problems).toEqual([expect.objectContaining({ property: 'modelQuality.join', value: 'request_id', allowed: expect.stringMatching(/carrying the join key "request_id"/) })]);
    });

    test('a request-id field not in the capture schema', () => {
      expect(quality({ join: LabelJoin.onRequestId('inference_id', 'request_id') })[0]).toMatchObject({ property: 'modelQuality.join', value: 'inference_id' });
    });

    test('an entity + time join on a capture schema without entity keys', () => {
      const flat = new TableSchema({ name: 'flat', fields: [{ name: 'x', type: FieldType.FLOAT64 }, { name: 'score', type: FieldType.FLOAT64 }] });
      const problems = new DriftSpec({ schema: flat, predictionField: 'score', modelQuality: { task: ProblemType.REGRESSION, labelSchema, labelField: 'target', join: LabelJoin.onEntityAndEventTime() } }).problems();
      expect(problems.map((p) => p.property)).toContain('modelQuality.join');
      expect(problems.find((p) => p.value === 'onEntityAndEventTime')!.allowed).toMatch(/no entity keys/);
    });

    test('join keys of different types', () => {
      const intIds = new TableSchema({ name: 'labels', fields: [{ name: 'request_id', type: FieldType.INT64 }, { name: 'label', type: FieldType.BOOLEAN }] });
      expect(quality({ labelSchema: intIds })[0].allowed).toMatch(/same type on both sides/);
    });

    test('a label of the wrong type for the task, and no prediction field', () => {
      expect(quality({ labelField: 'customer_id' })[0]).toMatchObject({ property: 'modelQuality.labelField', allowed: expect.stringMatching(/boolean or integer/) });
      expect(quality({ task: ProblemType.REGRESSION, labelField: 'label' })[0].allowed).toMatch(/numeric field for regression/);
      expect(quality({}, { predictionField: undefined }).map((p) => p.property)).toContain('predictionField');
    });
  });

  test('a construct turns the first problem into an MlopsValidationError under its path', () => {
    const spec = new DriftSpec({ schema: capturedSchema, bins: 500 });
    expect(() => throwIfProblems('Stack/DriftMonitor', 'drift', spec.problems())).toThrow(MlopsValidationError);
    expect(() => throwIfProblems('Stack/DriftMonitor', 'drift', spec.problems())).toThrow('[Stack/DriftMonitor] invalid drift.bins: 500. Allowed: an integer from 2 to 100.');
  });

  test('declaring never throws, even on nonsense', () => {
    expect(() => new DriftSpec({ schema: capturedSchema, fields: 'amount' as unknown as string[], bins: -1 }).problems()).not.toThrow();
    expect(property({ fields: 'amount' as unknown as string[] })).toContain('fields');
  });
});

describe('window-query options', () => {
  const spec = new DriftSpec({ schema: capturedSchema, predictionField: 'score' });
  const queries = (dialect: SqlDialect) => new DriftQueries(spec, dialect);
  const baselineTable = DriftTable.named(['lake', 'drift_baseline']);

  test('a Vertex AI log on the Trino dialect', () => {
    const problems = queries(SqlDialect.TRINO).problems({ records: CapturedRecords.vertexRequestResponseLog({ table: DriftTable.named(['p', 'd', 't']) }), baselineTable });
    expect(problems).toEqual([expect.objectContaining({ property: 'records', allowed: expect.stringMatching(/BigQuery/) })]);
  });

  test('a capture option naming a field not in the schema, a bad JSON path, a bad partition format', () => {
    const problems = queries(SqlDialect.TRINO).problems({
      records: CapturedRecords.sageMakerCapture({
        table: DriftTable.named(['lake', 'capture']), inputCsvColumns: ['amount', 'nope'], jsonPaths: { amount: 'amount' },
        partitioning: WindowPartitioning.hourColumn('capture_hour', 'HH/dd/MM/yyyy'),
      }),
      baselineTable,
    });
    expect(problems.map((p) => p.property)).toEqual(['records.partitioning.format', 'records.inputCsvColumns[1]', 'records.jsonPaths.amount']);
  });

  test('a records table whose schema has no event time', () => {
    const flat = new DriftSpec({ schema: new TableSchema({ name: 'flat', fields: [{ name: 'x', type: FieldType.FLOAT64 }] }) });
    const problems = new DriftQueries(flat, SqlDialect.BIGQUERY).problems({ records: CapturedRecords.table({ table: DriftTable.named(['p', 'd', 'flat']) }), baselineTable });
    expect(problems).toEqual([expect.objectContaining({ property: 'records.table', allowed: expect.stringMatching(/event time/) })]);
  });

  test('model quality without a label table', () => {
    const withQuality = new DriftSpec({ schema: capturedSchema, predictionField: 'score', modelQuality: { task: ProblemType.REGRESSION, labelSchema, labelField: 'target', join: LabelJoin.onRequestId('request_id') } });
    const problems = new DriftQueries(withQuality, SqlDialect.TRINO).problems({ records: CapturedRecords.table({ table: DriftTable.named(['lake', 'scored']) }), baselineTable });
    expect(problems.map((p) => p.property)).toEqual(['labels']);
  });
});

test('partition granularity, for the constructs\' window checks', () => {
  expect(WindowPartitioning.hourColumn().granularityHours).toBe(1);
  expect(WindowPartitioning.dateColumn().granularityHours).toBe(24);
  expect(WindowPartitioning.TIME_COLUMN_ONLY.granularityHours).toBeUndefined();
});

test('the results and baseline tables are valid schemas the lakes can create', () => {
  expect(driftResultsSchema().problems()).toEqual([]);
  expect(driftBaselineSchema().problems()).toEqual([]);
  expect(driftResultsSchema().eventTime).toBe('window_start');
  expect(driftResultsSchema('model_drift').name).toBe('model_drift');
});

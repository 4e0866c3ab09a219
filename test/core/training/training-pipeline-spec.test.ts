import {
  EvaluationMetric, FieldType, GpuType, MetricDirection, ProblemType, PromotionPolicy, TableSchema, TrainingPipelineSpec, TrainingWindow,
} from 'mlops-constructs';

const customers = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'segment', type: FieldType.STRING },
    { name: 'churned', type: FieldType.BOOLEAN },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

describe('TrainingPipelineSpec defaults', () => {
  const spec = new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' });

  test('a boolean label defaults to AUC, a 30-day window, a 20 % split on the entity keys, manual promotion', () => {
    expect(spec.problems()).toEqual([]);
    expect(spec.metric).toBe(EvaluationMetric.AUC);
    expect(spec.window.days).toBe(30);
    expect(spec.validationPercentage).toBe(20);
    expect(spec.splitFields).toEqual(['customer_id']);
    expect(spec.promotion.automatic).toBe(false);
  });

  test('features default to the numeric value fields; strings, keys and the event time are left out; the label comes first in the dataset', () => {
    expect(spec.features.map((f) => f.name)).toEqual(['orders_7d', 'spend_7d']);
    expect(spec.datasetColumns.map((f) => f.name)).toEqual(['churned', 'orders_7d', 'spend_7d']);
  });

  test('XGBoost hyperparameters come from the metric, then the spec overrides them', () => {
    expect(spec.xgboostHyperparameters).toEqual({ num_round: '100', max_depth: '6', eta: '0.3', objective: 'binary:logistic', eval_metric: 'auc' });
    const tuned = new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', hyperparameters: { num_round: 300, eta: 0.1 } });
    expect(tuned.xgboostHyperparameters).toMatchObject({ num_round: '300', eta: '0.1', objective: 'binary:logistic' });
  });

  test('a numeric label defaults to RMSE and the regression objective', () => {
    const spend = new TrainingPipelineSpec({ name: 'spend', schema: customers, label: 'spend_7d' });
    expect(spend.problems()).toEqual([]);
    expect(spend.metric).toBe(EvaluationMetric.RMSE);
    expect(spend.xgboostHyperparameters.objective).toBe('reg:squarederror');
  });

  test('a table without an event time trains on the entire table', () => {
    const noTime = new TableSchema({ name: 'static', fields: [{ name: 'id', type: FieldType.STRING }, { name: 'x', type: FieldType.FLOAT64 }, { name: 'y', type: FieldType.BOOLEAN }], entityKeys: ['id'] });
    expect(new TrainingPipelineSpec({ name: 'static', schema: noTime, label: 'y' }).window.days).toBeUndefined();
  });
});

describe('TrainingPipelineSpec bad input', () => {
  const problemOf = (props: Partial<ConstructorParameters<typeof TrainingPipelineSpec>[0]>) =>
    new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', ...props } as never).problems()[0];

  test.each([
    ['a label not in the schema', { label: 'gone' }, 'label', /a field of "customer_daily"/],
    ['a label that is an entity key', { label: 'customer_id' }, 'label', /a value field/],
    ['a label type the metric cannot use', { label: 'segment', metric: EvaluationMetric.AUC }, 'label', /boolean, int32, int64 field for the metric "auc"/],
    ['a regression metric on a boolean label', { metric: EvaluationMetric.RMSE }, 'label', /for the metric "rmse" \(regression\)/],
    ['a bar outside the metric range', { bar: 1.2 }, 'bar', /from 0 to 1/],
    ['a negative RMSE bar', { label: 'spend_7d', metric: EvaluationMetric.RMSE, bar: -1 }, 'bar', /at least 0/],
    ['a custom metric without a direction', { metric: EvaluationMetric.custom({ name: 'f1', problemType: ProblemType.BINARY_CLASSIFICATION } as never) }, 'metric.direction', /cannot gate a model/],
    ['a name beyond the limit', { name: 'a'.repeat(33) }, 'name', /1 to 32 characters/],
    ['a feature not in the schema', { features: ['orders_7d', 'nope'] }, 'features[1]', /a field of/],
    ['the label among the features', { features: ['churned'] }, 'features[0]', /other than the label/],
    ['a split out of range', { validationPercentage: 0 }, 'validationPercentage', /1 to 50/],
    ['a window of 0 days', { window: TrainingWindow.lastDays(0) }, 'window.days', /1 to 3650/],
    ['a negative margin', { promotion: PromotionPolicy.whenBetter({ margin: -0.1 }) }, 'promotion.margin', /0 or more/],
    ['a non-finite hyperparameter', { hyperparameters: { eta: Number.NaN } }, 'hyperparameters.eta', /finite number/],
    ['a schema that is not a TableSchema', { schema: { name: 'x' } as never }, 'schema', /a TableSchema/],
  ])('%s', (_what, props, property, allowed) => {
    const problem = problemOf(props);
    expect(problem?.property).toBe(property);
    expect(problem?.allowed).toMatch(allowed);
  });

  test('the schema\'s own problems come first, under schema.', () => {
    const bad = new TableSchema({ name: 'Bad', fields: [{ name: 'x', type: FieldType.FLOAT64 }] });
    expect(new TrainingPipelineSpec({ name: 'p', schema: bad, label: 'x' }).problems()[0].property).toBe('schema.name');
  });

  test('an accelerator is carried for the clouds to resolve', () => {
    const gpu = new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', accelerator: { gpu: GpuType.T4, gpusPerNode: 1 } });
    expect(gpu.accelerator?.gpu).toBe(GpuType.T4);
  });
});

describe('EvaluationMetric', () => {
  test('direction decides beats and clears', () => {
    expect(EvaluationMetric.AUC.beats(0.81, 0.8)).toBe(true);
    expect(EvaluationMetric.AUC.beats(0.805, 0.8, 0.005)).toBe(false);
    expect(EvaluationMetric.RMSE.beats(9, 10)).toBe(true);
    expect(EvaluationMetric.RMSE.clears(10, 10)).toBe(true);
    expect(EvaluationMetric.RMSE.clears(10.1, 10)).toBe(false);
    expect(EvaluationMetric.custom({ name: 'r2', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.REGRESSION, max: 1 }).problems()).toEqual([]);
  });
});

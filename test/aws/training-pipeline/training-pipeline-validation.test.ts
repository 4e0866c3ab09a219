/**
 * Bad input to TrainingPipeline and TrainingSchedule: each a synth-time MlopsValidationError
 * naming the construct path, the property, the value and what is allowed — also for plain
 * JavaScript input (wrong types, null).
 */
import { Duration } from 'aws-cdk-lib';
import {
  EvaluationMetric, FieldType, GpuType, MetricDirection, MlopsValidationError, ProblemType, TableSchema, TrainingPipelineSpec,
} from 'mlops-constructs';
import { TrainingPipeline, TrainingPipelineProps, TrainingSchedule } from 'mlops-constructs/aws';
import { churnSpec, customers, pipelineStack } from './fixtures';

function attempt(props: (base: Omit<TrainingPipelineProps, 'spec'>) => Partial<TrainingPipelineProps>): MlopsValidationError {
  const { stack, lake, training, registry } = pipelineStack();
  const base = { lake, training, registry };
  try {
    new TrainingPipeline(stack, 'Churn', { ...base, spec: churnSpec(), ...props(base) } as TrainingPipelineProps);
  } catch (e) {
    if (e instanceof MlopsValidationError) {
      return e;
    }
    throw e;
  }
  throw new Error('no error');
}

function expectError(e: MlopsValidationError, property: string, allowed: RegExp): void {
  expect(e.constructPath).toBe('TestStack/Churn');
  expect(e.property).toBe(property);
  expect(e.allowed).toMatch(allowed);
  expect(e.message).toContain(`[TestStack/Churn] invalid ${property}:`);
}

describe('the spec', () => {
  test('a label that is not in the schema', () => {
    expectError(attempt(() => ({ spec: churnSpec({ label: 'cancelled' }) })), 'spec.label', /a field of "customer_daily" \(customer_id, orders_7d/);
  });

  test('a label whose type the metric cannot use', () => {
    expectError(attempt(() => ({ spec: churnSpec({ label: 'segment' }) })), 'spec.label', /a int32, int64, float32, float64, decimal field for the metric "rmse"/);
    expectError(attempt(() => ({ spec: churnSpec({ label: 'spend_7d', metric: EvaluationMetric.AUC }) })), 'spec.label', /for the metric "auc"/);
  });

  test('a metric without a direction', () => {
    const metric = EvaluationMetric.custom({ name: 'f1', problemType: ProblemType.BINARY_CLASSIFICATION } as any);
    expectError(attempt(() => ({ spec: churnSpec({ metric }) })), 'spec.metric.direction', /a metric without a direction cannot gate a model/);
  });

  test('a custom metric: the AWS evaluate step computes built-in metrics only', () => {
    const metric = EvaluationMetric.custom({ name: 'f1', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION, min: 0, max: 1 });
    expectError(attempt(() => ({ spec: churnSpec({ metric }) })), 'spec.metric', /a built-in metric \(auc, accuracy, logloss, rmse, mae\)/);
  });

  test('a bar outside the metric\'s range', () => {
    const e = attempt(() => ({ spec: churnSpec({ bar: 1.5 }) }));
    expectError(e, 'spec.bar', /a value of auc: from 0 to 1/);
    expect(e.value).toBe(1.5);
    expectError(attempt(() => ({ spec: churnSpec({ label: 'orders_7d', metric: EvaluationMetric.RMSE, bar: -1 }) })), 'spec.bar', /at least 0/);
  });

  test('an accelerator SageMaker does not offer', () => {
    expectError(attempt(() => ({ spec: churnSpec({ accelerator: { gpu: GpuType.H100, gpusPerNode: 3 } }) })), 'spec.accelerator.gpusPerNode', /H100 on sagemaker: 8 GPUs per node \(ml\.p5\.48xlarge\)/);
    expectError(attempt(() => ({ spec: churnSpec({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: 2 } }) })), 'spec.accelerator.nodeCount', /^1: the built-in XGBoost trains on one GPU node/);
  });

  test('a source table that is not in the lake, or not in the source zone, or with other columns', () => {
    const other = new TableSchema({ name: 'orders', fields: [{ name: 'order_id', type: FieldType.STRING }, { name: 'late', type: FieldType.BOOLEAN }, { name: 'amount', type: FieldType.FLOAT64 }], entityKeys: ['order_id'] });
    expectError(attempt(() => ({ spec: new TrainingPipelineSpec({ name: 'late', schema: other, label: 'late' }) })), 'spec.schema.name', /a table of the lake's zone "curated" \(customer_daily\): add it with lake\.addTable/);
    expectError(attempt(() => ({ sourceZone: 'raw' })), 'spec.schema.name', /zone "raw" \(it has none\)/);
    expectError(attempt(() => ({ sourceZone: 'gold' })), 'sourceZone', /a zone of the lake: raw, curated, artifacts/);
    const changed = new TableSchema({
      name: customers.name, entityKeys: [...customers.entityKeys], eventTime: customers.eventTime,
      fields: customers.fields.map((f) => ({ name: f.name, type: f.name === 'churned' ? FieldType.INT64 : f.type })),
    });
    expectError(attempt(() => ({ spec: new TrainingPipelineSpec({ name: 'churn', schema: changed, label: 'churned' }) })), 'spec.schema', /its field "churned" is boolean/);
  });
});

describe('names beyond the service limits', () => {
  test('a state machine name over 80 characters', () => {
    const e = attempt(() => ({ stateMachineName: 'a'.repeat(81) }));
    expectError(e, 'stateMachineName', /1 to 80 letters, digits, hyphens and underscores/);
    expect(e.value).toBe('a'.repeat(81));
  });

  test('a state machine name with characters Step Functions refuses', () => {
    expectError(attempt(() => ({ stateMachineName: 'churn training' })), 'stateMachineName', /1 to 80/);
  });
});

describe('the schedule (EventBridge Scheduler grammar)', () => {
  test.each([
    ['0 3 * * *', /found 5 fields \(a unix cron: add the year, and a "\?" for day-of-month or day-of-week\)/],
    ['cron(0 3 * * * *)', /day-of-month and day-of-week must be "\?" in exactly one of them/],
    ['cron(0 3 ? * ? *)', /exactly one of them/],
    ['cron(60 3 * * ? *)', /minutes "60": values 0-59/],
    ['cron(0 24 * * ? *)', /hours "24": values 0-23/],
    ['cron(0 3 32 * ? *)', /day-of-month "32": values 1-31/],
    ['cron(0 3 ? FOO * *)', /month "FOO": values 1-12 or JAN-DEC/],
    ['cron(0 3 ? * MON/2 *)', /day-of-week "MON\/2": no "\/" increments in day-of-week/],
    ['cron(0 3 ? * 2#6 *)', /day-of-week "2#6": "<day>#<1-5>"/],
    ['cron(0 3 * * ? 1969)', /year "1969": values 1970-2199/],
    ['cron(0 3 ? * 5-2 *)', /a range whose start is not after its end/],
    ['cron(0 3 ? * * 2030) extra', /found 7 fields/],
  ])('%s is refused', (expression, allowed) => {
    const e = attempt(() => ({ schedule: TrainingSchedule.cron(expression) }));
    expectError(e, 'schedule.cron', allowed);
    expect(e.value).toBe(expression);
    expect(e.allowed).toMatch(/^an EventBridge Scheduler cron expression of six fields/);
  });

  test.each(['cron(0 3 * * ? *)', 'cron(0/15 * * * ? *)', 'cron(0 8 ? * MON-FRI *)', 'cron(0 0 L * ? *)', 'cron(0 0 15W * ? *)', 'cron(0 0 ? * 6L *)',
    'cron(0 0 ? * 2#1 *)', 'cron(5,35 10-14 ? JAN,JUL * 2026-2030)', '0 12 ? * SUN *'])('%s is accepted', (expression) => {
    expect(TrainingSchedule.cron(expression).problems()).toEqual([]);
  });

  test('rate(): whole minutes, at least one', () => {
    expectError(attempt(() => ({ schedule: TrainingSchedule.rate(Duration.seconds(30)) })), 'schedule.rate', /whole minutes, at least one/);
    expectError(attempt(() => ({ schedule: TrainingSchedule.rate(Duration.seconds(90)) })), 'schedule.rate', /whole minutes/);
    expectError(attempt(() => ({ schedule: TrainingSchedule.rate(5 as any) })), 'schedule.rate', /a Duration/);
  });

  test('a schedule that is not a TrainingSchedule', () => {
    expectError(attempt(() => ({ schedule: 'cron(0 3 * * ? *)' as any })), 'schedule', /a TrainingSchedule/);
  });
});

describe('plain JavaScript input', () => {
  test('props, spec, lake, training and registry of the wrong kind', () => {
    expectError(attempt(() => ({ spec: { name: 'churn' } as any })), 'spec', /a TrainingPipelineSpec/);
    expectError(attempt(() => ({ spec: null as any })), 'spec', /a TrainingPipelineSpec/);
    expectError(attempt(() => ({ lake: undefined as any })), 'lake', /an IDataLake/);
    expectError(attempt(() => ({ training: {} as any })), 'training', /an IGpuTrainingCluster/);
    expectError(attempt(() => ({ registry: 'churn-models' as any })), 'registry', /an IModelRegistry/);
    const { stack } = pipelineStack();
    expect(() => new TrainingPipeline(stack, 'Churn', null as any)).toThrow(/\[TestStack\/Churn\] invalid props: null/);
  });

  test('alarm actions, timeout', () => {
    expectError(attempt(() => ({ alarmActions: [] })), 'alarmActions', /at least one alarm action/);
    expectError(attempt(() => ({ timeout: Duration.seconds(10) })), 'timeout', /from 1 minute to 1 year/);
    expectError(attempt(() => ({ timeout: 3600 as any })), 'timeout', /a Duration/);
  });
});

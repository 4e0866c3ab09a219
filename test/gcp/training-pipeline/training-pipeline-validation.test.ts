/**
 * Bad input to TrainingPipeline (the list and more): each a synth-time MlopsValidationError
 * naming the construct path, the property, the value and what is allowed — also from plain
 * JavaScript values.
 */
import { EvaluationMetric, FieldType, GpuType, MetricDirection, ProblemType, PromotionPolicy, TableSchema } from 'mlops-constructs';
import { Duration, ModelRegistry, TrainingPipeline, TrainingPipelineProps, TrainingSchedule } from 'mlops-constructs/gcp';
import { newStack } from '../support';
import { churnSpec, platform } from './fixtures';

function attempt(props: Partial<TrainingPipelineProps> | ((p: ReturnType<typeof platform>) => Partial<TrainingPipelineProps>)): () => TrainingPipeline {
  const stack = newStack();
  const p = platform(stack);
  const extra = typeof props === 'function' ? props(p) : props;
  return () => new TrainingPipeline(stack, 'Pipeline', { lake: p.lake, training: p.training, registry: p.registry, spec: churnSpec(), ...extra });
}

describe('the spec', () => {
  test('a label not in the schema', () => {
    expect(attempt({ spec: churnSpec({ label: 'cancelled' }) })).toThrow(/\[stack\/Pipeline\] invalid spec\.label: "cancelled"\. Allowed: a field of "customer_daily" \(customer_id, orders_7d/);
  });
  test('a label whose type the metric cannot use', () => {
    expect(attempt({ spec: churnSpec({ label: 'note' }) })).toThrow(/invalid spec\.label: "note"\. Allowed: a boolean, int32, int64 field for the metric "auc"/);
  });
  test('a metric direction missing', () => {
    const noDirection = EvaluationMetric.custom({ name: 'lift', problemType: ProblemType.BINARY_CLASSIFICATION } as any);
    expect(attempt({ spec: churnSpec({ metric: noDirection, bar: undefined }) })).toThrow(/invalid spec\.metric\.direction: undefined\. Allowed: a MetricDirection .*cannot gate a model/);
  });
  test('a bar outside the metric\'s range (AUC above 1)', () => {
    expect(attempt({ spec: churnSpec({ bar: 1.2 }) })).toThrow(/invalid spec\.bar: 1\.2\. Allowed: a value of auc: from 0 to 1/);
  });
  test('not a spec, from plain JavaScript', () => {
    expect(attempt({ spec: { name: 'churn' } as any })).toThrow(/invalid spec: \{"name":"churn"\}\. Allowed: a TrainingPipelineSpec/);
  });
  test('a custom metric with the default trainer, which computes the built-in ones only', () => {
    const lift = EvaluationMetric.custom({ name: 'lift', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION });
    expect(attempt({ spec: churnSpec({ metric: lift, bar: undefined }) })).toThrow(/invalid spec\.metric: "lift"\. Allowed: a built-in metric .* or an image that writes "lift"/);
  });
});

describe('the accelerator', () => {
  test('any accelerator with the default image: the prebuilt XGBoost containers are CPU only', () => {
    expect(attempt({ spec: churnSpec({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }) }))
      .toThrow(/invalid spec\.accelerator: .*Allowed: no accelerator with the default image: Vertex AI's prebuilt XGBoost training containers are CPU only/);
  });
  test('an accelerator Vertex AI does not offer, with your image', () => {
    expect(attempt({ image: 'europe-docker.pkg.dev/acme/ml/train:1', spec: churnSpec({ accelerator: { gpu: GpuType.L4, gpusPerNode: 3 } }) }))
      .toThrow(/\[stack\/Pipeline\] invalid spec\.accelerator\.gpusPerNode: 3\. Allowed: .*L4/);
  });
  test('a machine type that does not carry the GPUs', () => {
    expect(attempt({ image: 'europe-docker.pkg.dev/acme/ml/train:1', machineType: 'a2-highgpu-1g', spec: churnSpec({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }) }))
      .toThrow(/invalid machineType: "a2-highgpu-1g"/);
  });
});

describe('the source table', () => {
  test('a table that is not in the lake', () => {
    expect(attempt({ sourceZone: 'raw' })).toThrow(/invalid spec\.schema\.name: "customer_daily"\. Allowed: a table of the lake's "raw" zone \(it has none\): add it with lake\.addTable\('raw', schema\), or set sourceZone/);
  });
  test('a table of that name whose columns differ from the spec\'s schema', () => {
    const other = new TableSchema({
      name: 'customer_daily',
      fields: [{ name: 'customer_id', type: FieldType.STRING }, { name: 'orders_7d', type: FieldType.INT32 }, { name: 'churned', type: FieldType.BOOLEAN }, { name: 'computed_at', type: FieldType.TIMESTAMP }],
      entityKeys: ['customer_id'], eventTime: 'computed_at',
    });
    expect(attempt({ spec: churnSpec({ schema: other }) }))
      .toThrow(/invalid spec\.schema: "customer_daily"\. Allowed: the schema of the lake's table "customer_daily" for the columns the pipeline reads: "orders_7d" is int64 there, int32 in the spec/);
  });
  test('props that are not an object, for the registry too', () => {
    expect(() => new ModelRegistry(newStack(), 'Registry', null as any)).toThrow(/\[stack\/Registry\] invalid props: null/);
  });
  test('a zone the lake does not have', () => {
    expect(attempt({ sourceZone: 'gold' })).toThrow(/invalid sourceZone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
  });
});

describe('the schedule', () => {
  test.each([
    ['six fields (an EventBridge cron)', '0 3 * * ? *'],
    ['an hour out of range', '0 24 * * *'],
    ['a CRON_TZ prefix', 'CRON_TZ=UTC 0 3 * * *'],
  ])('a cron Cloud Scheduler rejects: %s', (_name, expression) => {
    expect(attempt({ schedule: TrainingSchedule.cron(expression) })).toThrow(new RegExp(`invalid schedule\\.expression: "${expression.replace(/[*?]/g, '\\$&')}"\\. Allowed: Cloud Scheduler's unix cron: five cron fields`));
  });
  test('a time zone that does not exist', () => {
    expect(attempt({ schedule: TrainingSchedule.cron('0 3 * * *', 'Mars/Olympus') })).toThrow(/invalid schedule\.timeZone: "Mars\/Olympus"\. Allowed: an IANA time zone name/);
  });
  test('not a TrainingSchedule', () => {
    expect(attempt({ schedule: '0 3 * * *' as any })).toThrow(/invalid schedule: "0 3 \* \* \*"\. Allowed: TrainingSchedule\.cron/);
  });
});

describe('names, regions and the rest', () => {
  test('a workflow name beyond 64 characters', () => {
    const name = `w${'x'.repeat(64)}`;
    expect(attempt({ workflowName: name })).toThrow(new RegExp(`invalid workflowName: "${name}"\\. Allowed: 1 to 64 letters, digits, hyphens and underscores`));
  });
  test('a service account prefix too long, named as the prop to set', () => {
    expect(attempt({ prefix: 'a-very-long-pipeline-prefix' })).toThrow(/invalid prefix: "a-very-long-pipeline-prefix"\. Allowed: a prefix that makes "a-very-long-pipeline-prefix-pipeline" a service account id/);
  });
  test('a region that is not one', () => {
    expect(attempt({ region: 'EU' })).toThrow(/invalid region: "EU"\. Allowed: a Compute Engine region such as "us-central1"/);
  });
  test('a notification channel that is not a channel name', () => {
    expect(attempt({ notificationChannels: ['ops@example.com'] })).toThrow(/invalid notificationChannels\[0\]: "ops@example\.com"\. Allowed: a notification channel name/);
  });
  test('a job timeout beyond a year, or not a Duration', () => {
    expect(attempt({ jobTimeout: Duration.days(400) })).toThrow(/invalid jobTimeout: .*Allowed: a Duration of whole seconds from 1 minute to 365 days/);
    expect(attempt({ jobTimeout: 3600 as any })).toThrow(/invalid jobTimeout: 3600/);
  });
  test('iam roles: none is accepted', () => {
    expect(attempt({ iam: { 'roles/workflows.invoker': ['group:a@example.com'] } })).toThrow(/invalid iam\["roles\/workflows\.invoker"\]: .*Allowed: no role: .*use grantStart\(member\)/);
  });
  test('a key outside the workflow\'s region', () => {
    expect(attempt({ encryptionKey: { id: 'projects/acme/locations/us/keyRings/r/cryptoKeys/k' } })).toThrow(/invalid encryptionKey\.id: .*Allowed: a Cloud KMS key in the workflow's region "europe-west4"/);
  });
  test('no lake, training or registry, and props that are not an object', () => {
    expect(attempt({ lake: undefined as any })).toThrow(/invalid lake: undefined/);
    expect(attempt({ training: {} as any })).toThrow(/invalid training: \{\}\. Allowed: a GpuTrainingCluster/);
    expect(attempt({ registry: 'churn' as any })).toThrow(/invalid registry: "churn"\. Allowed: a ModelRegistry/);
    expect(() => new TrainingPipeline(newStack(), 'Pipeline', null as any)).toThrow(/invalid props: null/);
  });
  test('a grant to a public member', () => {
    const stack = newStack();
    const p = platform(stack);
    const pipeline = new TrainingPipeline(stack, 'Pipeline', { ...p, spec: churnSpec(), promotion: PromotionPolicy.manual() } as any);
    expect(() => pipeline.grantStart('allUsers')).toThrow(/invalid member: "allUsers"\. Allowed: a non-public member/);
  });
});

/**
 * A numeric Terraform variable (a token) passed to each validated numeric prop of every Google
 * Cloud construct and factory: synth either succeeds (the prop is passed on as a token, and the
 * Terraform JSON refers to the variable) or fails with the library's error naming the prop and
 * saying a literal (a number known at synth time) is needed — never with the token's encoded number
 * (`-1.8881545897087626e+289`).
 *
 * A Duration or Size of a variable is refused where it is made (`Duration.hours(variable)`: a
 * Duration is converted at synth), so those props name the factory (see test/gcp/token-amounts.test.ts).
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { MlopsValidationError } from 'mlops-constructs';
import {
  DriftSpecProps, FeatureGroupSpec, FeatureTtl, GpuType, PromotionPolicy, TrainingPipelineSpecProps, TrainingWindow,
} from 'mlops-constructs';
import {
  DataLake, DeliveryPipeline, DriftBaseline, DriftMonitor, DriftMonitorProps, DriftSchedule, Duration, FeatureOnlineServing, FeatureStore,
  GpuTrainingCluster, GpuTrainingClusterProps, MlopsPlatform, ModelEndpoint, ModelEndpointCloudRunOptions, ModelEndpointDeployment,
  ModelEndpointPlatform, ModelEndpointProps, ModelEndpointTraffic, ModelEndpointTrafficSize, ModelEndpointTrafficTarget, ModelRegistry, Size,
  StreamingIngest, StreamingIngestProps, TrainingPipeline, TrainingPipelineProps,
} from 'mlops-constructs/gcp';
import { churnTraining, orders } from '../../../examples/schemas';
import { churnDrift } from '../../gcp/drift-monitor/fixtures';
import { PROPS as DELIVERY } from '../../gcp/delivery-pipeline/fixtures';
import { newStack } from '../../gcp/support';
import { churnSpec, customerDaily, KEY } from '../../gcp/training-pipeline/fixtures';
import { clicks } from '../../property/schemas';
import { DRIFT_SPEC_NUMERIC_CASES, LIFECYCLE_NUMERIC_FIELDS, expectPassedOnOrLiteralRequired } from './token-outcome';

const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:1';

/** A numeric Terraform variable of `stack`. */
const variable = (stack: TerraformStack) => new TerraformVariable(stack, 'number', { type: 'number' }).numberValue;
/** How the Terraform JSON refers to it. */
const REFERENCE = 'var.number';

/** Builds constructs in `stack` with the token `n` in one prop. */
type Case = [property: string, build: (stack: TerraformStack, n: number) => void];

function run(cases: Case[], allowed?: RegExp): void {
  test.each(cases)('%s: passed on, or the library error says a literal is needed', (property, build) => {
    expectPassedOnOrLiteralRequired(property, () => {
      const stack = newStack();
      build(stack, variable(stack));
      return JSON.stringify(stack.toTerraform());
    }, REFERENCE, allowed);
  });
}

const lakeOf = (stack: TerraformStack) => new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'europe-west4', encryptionKey: KEY, tables: [{ zone: 'curated', schema: customerDaily }] });

function endpoint(s: TerraformStack, props: (lake: DataLake) => Partial<ModelEndpointProps>): ModelEndpoint {
  const lake = lakeOf(s);
  return new ModelEndpoint(s, 'Endpoint', { prefix: 'churn', region: 'europe-west4', ...props(lake) } as ModelEndpointProps);
}
const cloudRun = (options: Partial<ModelEndpointCloudRunOptions>) => ({ platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ...options }) });

describe('ModelEndpoint: a numeric Terraform variable', () => {
  run([
    ['minReplicas', (s, n) => endpoint(s, () => ({ minReplicas: n }))],
    ['maxReplicas', (s, n) => endpoint(s, () => ({ maxReplicas: n }))],
    ['captureSamplingPercentage', (s, n) => endpoint(s, (lake) => ({ captureLake: lake, captureSamplingPercentage: n }))],
    ['errorRateAlarmThreshold', (s, n) => endpoint(s, () => ({ deployment: ModelEndpointDeployment.canary(), errorRateAlarmThreshold: n }))],
    ['accelerator.gpusPerNode', (s, n) => endpoint(s, () => ({ accelerator: { gpu: GpuType.L4, gpusPerNode: n } }))],
    ['accelerator.nodeCount', (s, n) => endpoint(s, () => ({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: n } }))],
    ['deployment.size', (s, n) => endpoint(s, () => ({ deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(n) }) }))],
    ['Duration.minutes(amount)', (s, n) => endpoint(s, () => ({ deployment: ModelEndpointDeployment.canary({ bakeTime: Duration.minutes(n) }) }))],
    ['Duration.seconds(amount)', (s, n) => endpoint(s, () => ({ deployment: ModelEndpointDeployment.canary(), modelLatencyAlarmThreshold: Duration.seconds(n) }))],
    ['deployModelRequest.canaryTrafficPercentage', (s, n) => {
      const e = endpoint(s, () => ({}));
      e.deployModelRequest({ model: 'projects/acme/locations/europe-west4/models/churn', canaryTrafficPercentage: n, stableDeployedModelId: '1234567890' });
    }],
    ['platform.cpu', (s, n) => endpoint(s, () => cloudRun({ cpu: n }))],
    ['platform.port', (s, n) => endpoint(s, () => cloudRun({ port: n }))],
    ['Size.mebibytes(amount)', (s, n) => endpoint(s, () => cloudRun({ memory: Size.mebibytes(n) }))],
    ['platform.traffic', (s, n) => endpoint(s, () => cloudRun({ traffic: ModelEndpointTraffic.canary('churn-v1', n) }))],
    ['platform.traffic', (s, n) => endpoint(s, () => cloudRun({
      traffic: ModelEndpointTraffic.split([ModelEndpointTrafficTarget.latest(n), ModelEndpointTrafficTarget.revision('churn-v1', 50)]),
    }))],
  ]);
});

describe('ModelEndpoint: a threshold variable without a rollout', () => {
  // No value is accepted without `deployment`, a variable neither: the error says so, not that a literal is needed.
  run([
    ['errorRateAlarmThreshold', (s, n) => endpoint(s, () => ({ errorRateAlarmThreshold: n }))],
  ], /^(?!.*a literal)(?!.*known at synth).*no value without deployment/s);
});

describe('DataLake: a numeric Terraform variable', () => {
  const lifecycle = (field: string) => (s: TerraformStack, n: number) => new DataLake(s, 'Lake', {
    prefix: 'acme-ml', location: 'europe-west4', zones: [{ name: 'scores', lifecycle: { noncurrentVersionExpirationDays: 30, [field]: n } }],
  });
  run([
    ...LIFECYCLE_NUMERIC_FIELDS.map((field): [string, (s: TerraformStack, n: number) => void] => [`zones[0].lifecycle.${field}`, lifecycle(field)]),
  ]);
});

describe('StreamingIngest: a numeric Terraform variable', () => {
  const ingest = (props: (n: number) => Partial<StreamingIngestProps>) => (s: TerraformStack, n: number) => new StreamingIngest(s, 'Ingest', { lake: lakeOf(s), schema: clicks, ...props(n) });
  run([
    ['maxDeliveryAttempts', ingest((n) => ({ maxDeliveryAttempts: n }))],
    ['Duration.days(amount)', ingest((n) => ({ messageRetention: Duration.days(n) }))],
    ['Duration.days(amount)', ingest((n) => ({ deadLetterRetention: Duration.days(n) }))],
    ['Duration.minutes(amount)', ingest((n) => ({ oldestUnackedMessageAgeAlarmThreshold: Duration.minutes(n) }))],
  ]);
});

describe('FeatureStore: a numeric Terraform variable', () => {
  const store = (serving: (n: number) => FeatureOnlineServing) => (s: TerraformStack, n: number) => new FeatureStore(s, 'Features', {
    lake: lakeOf(s), featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily }) }], onlineServing: serving(n),
  });
  run([
    ['onlineServing.minNodeCount', store((n) => FeatureOnlineServing.bigtable({ minNodeCount: n, maxNodeCount: 3 }))],
    ['onlineServing.maxNodeCount', store((n) => FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: n }))],
    ['onlineServing.cpuUtilizationTarget', store((n) => FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 3, cpuUtilizationTarget: n }))],
  ]);
  // Vertex AI Feature Store has no online TTL: any value is refused, a variable's too, and the error says that.
  run([
    ['featureGroups[0].spec.onlineTtl', (s, n) => new FeatureStore(s, 'Features', {
      lake: lakeOf(s), featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily, onlineTtl: FeatureTtl.days(n) }) }],
    })],
  ], /no onlineTtl on Google Cloud/);
});

describe('GpuTrainingCluster: a numeric Terraform variable', () => {
  const cluster = (props: (n: number) => Partial<GpuTrainingClusterProps>) => (s: TerraformStack, n: number) => new GpuTrainingCluster(s, 'Training', {
    lake: lakeOf(s), location: 'europe-west4', network: 'ml-vpc', ...props(n),
  } as GpuTrainingClusterProps);
  const L4 = { gpu: GpuType.L4, gpusPerNode: 1 };
  run([
    ['gpuPools[0].minNodes', cluster((n) => ({ gpuPools: [{ name: 'l4', accelerator: L4, minNodes: n }] }))],
    ['gpuPools[0].maxNodes', cluster((n) => ({ gpuPools: [{ name: 'l4', accelerator: L4, maxNodes: n }] }))],
    ['gpuPools[0].accelerator.gpusPerNode', cluster((n) => ({ gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: n } }] }))],
    ['gpuPools[0].accelerator.nodeCount', cluster((n) => ({ gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: n } }] }))],
  ]);
});

function pipeline(s: TerraformStack, props: Partial<TrainingPipelineProps>, spec: Partial<TrainingPipelineSpecProps> = {}): TrainingPipeline {
  const lake = lakeOf(s);
  const training = new GpuTrainingCluster(s, 'Training', { lake, location: 'europe-west4', network: 'ml-vpc' });
  const registry = new ModelRegistry(s, 'Registry', { lake, modelId: 'churn' });
  return new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: churnSpec(spec), ...props });
}

describe('TrainingPipeline: a numeric Terraform variable', () => {
  run([
    ['Duration.hours(amount)', (s, n) => pipeline(s, { jobTimeout: Duration.hours(n) })],
    ['spec.validationPercentage', (s, n) => pipeline(s, {}, { validationPercentage: n })],
    ['spec.bar', (s, n) => pipeline(s, {}, { bar: n })],
    ['spec.window.days', (s, n) => pipeline(s, {}, { window: TrainingWindow.lastDays(n) })],
    // With an image of one's own: the default (prebuilt XGBoost) image takes no accelerator at all.
    ['spec.accelerator.gpusPerNode', (s, n) => pipeline(s, { image: IMAGE }, { accelerator: { gpu: GpuType.L4, gpusPerNode: n } })],
    ['spec.accelerator.nodeCount', (s, n) => pipeline(s, { image: IMAGE }, { accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: n } })],
    ['spec.promotion.margin', (s, n) => pipeline(s, {}, { promotion: PromotionPolicy.whenBetter({ margin: n }) })],
    ['spec.hyperparameters.rounds', (s, n) => pipeline(s, {}, { hyperparameters: { rounds: n } })],
  ]);
});

function monitor(s: TerraformStack, props: Partial<DriftMonitorProps>, spec: Partial<DriftSpecProps> = {}): DriftMonitor {
  const lake = lakeOf(s);
  const endpoint = new ModelEndpoint(s, 'Endpoint', { prefix: 'churn', region: 'europe-west4', captureLake: lake, captureSamplingPercentage: 50 });
  return new DriftMonitor(s, 'Drift', {
    spec: churnDrift(spec), lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'churn-v1' }), ...props,
  });
}

describe('TrainingPipeline: an accelerator variable with the default image', () => {
  // The prebuilt image takes no accelerator, whatever its numbers: the error says so, and shows a variable as one.
  run([
    ['spec.accelerator', (s, n) => pipeline(s, {}, { accelerator: { gpu: GpuType.L4, gpusPerNode: n } })],
  ], /no accelerator with the default image/);
});

describe('DriftMonitor: a numeric Terraform variable', () => {
  run([
    ['Duration.hours(amount)', (s, n) => monitor(s, { window: Duration.hours(n) })],
    ['Duration.hours(amount)', (s, n) => monitor(s, { schedule: DriftSchedule.rate(Duration.hours(n)) })],
    ...DRIFT_SPEC_NUMERIC_CASES.map(([property, spec]): [string, (s: TerraformStack, n: number) => void] => [property, (s, n) => monitor(s, {}, spec(n))]),
  ]);
});

describe('DeliveryPipeline: a numeric Terraform variable', () => {
  run([
    ['cloudRunDelivery.canaryPercentages[0]', (s, n) => new DeliveryPipeline(s, 'Delivery', { ...DELIVERY, cloudRunDelivery: { canaryPercentages: [n, 50] } })],
  ]);
});

describe('MlopsPlatform: a numeric Terraform variable', () => {
  run([
    ['level', (s, n) => new MlopsPlatform(s, 'Platform', { level: n, training: churnTraining, events: orders, region: 'europe-west4', network: 'ml-vpc' })],
  ]);
});

test('the error of a literal-only prop is the library\'s, under the construct path', () => {
  const stack = newStack();
  expect(() => new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', minReplicas: variable(stack) })).toThrow(MlopsValidationError);
});

/**
 * A CloudFormation parameter (a numeric token) passed to each validated numeric prop of every AWS
 * construct and factory: synth either succeeds (the prop is passed on as a token, checked by the
 * service at deploy, and the template refers to the parameter) or fails with the library's error
 * naming the prop and saying a literal (a number known at synth time) is needed — never with the
 * token's encoded number (`-1.8881545897087626e+289`).
 */
import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  DriftSpec, DriftSpecProps, EvaluationMetric, FeatureGroupSpec, FeatureTtl, GpuType, MetricDirection, ProblemType, PromotionPolicy,
  TrainingPipelineSpec, TrainingPipelineSpecProps, TrainingWindow,
} from 'mlops-constructs';
import {
  ApprovedModelVersion, DataLake, DriftBaseline, DriftMonitor, DriftMonitorProps, DriftSchedule, FeatureStore, GpuTrainingCluster,
  GpuTrainingClusterProps, MlopsPlatform, ModelEndpoint, ModelEndpointCapacity, ModelEndpointDeployment, ModelEndpointImage, ModelEndpointInference,
  ModelEndpointModel, ModelEndpointProps, ModelEndpointTrafficSize, ModelRegistry, StreamingIngest, StreamingIngestProps, TrainingPipeline,
  TrainingPipelineProps, TrainingSchedule,
} from 'mlops-constructs/aws';
import { churnTraining } from '../../../examples/schemas';
import { scoredCustomers } from '../../aws/drift-monitor/fixtures';
import { newStack, orders } from '../../aws/fixtures';
import { customers } from '../../aws/training-pipeline/fixtures';
import { clicks } from '../../property/schemas';
import { AwsTokenCase, lakeOf, repoOf, runAwsTokenCases, NUMBER_PARAMETER, vpcOf } from './aws-token-cases';
import { DRIFT_SPEC_NUMERIC_CASES, LIFECYCLE_NUMERIC_FIELDS } from './token-outcome';

/** One test per case (aws-token-cases.ts). */
const run = (cases: AwsTokenCase<number>[], stackOf?: () => Stack) => runAwsTokenCases(NUMBER_PARAMETER, cases, stackOf);

function endpoint(stack: Stack, props: (lake: DataLake) => Partial<ModelEndpointProps>): ModelEndpoint {
  const lake = lakeOf(stack);
  const repo = repoOf(stack);
  return new ModelEndpoint(stack, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
    ...props(lake),
  });
}

describe('ModelEndpoint: a numeric CloudFormation parameter', () => {
  run([
    ['capacity.instanceCount', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: n }) }))],
    ['capacity.maxInstanceCount', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: n }) }))],
    ['capacity.targetInvocationsPerInstance', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: 4, targetInvocationsPerInstance: n }) }))],
    ['capacity.scaleInCooldown', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: 4, scaleInCooldown: Duration.seconds(n) }) }))],
    ['capacity.scaleOutCooldown', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: 4, scaleOutCooldown: Duration.seconds(n) }) }))],
    ['capacity.accelerator.gpusPerNode', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.T4, gpusPerNode: n } }) }))],
    ['capacity.memorySize', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.serverless({ memorySize: Size.mebibytes(n), maxConcurrency: 10 }) }))],
    ['capacity.maxConcurrency', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(1), maxConcurrency: n }) }))],
    ['capacity.provisionedConcurrency', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(1), maxConcurrency: 10, provisionedConcurrency: n }) }))],
    ['captureSamplingPercentage', (s, n) => endpoint(s, (lake) => ({ captureLake: lake, captureSamplingPercentage: n }))],
    ['errorRateAlarmThreshold', (s, n) => endpoint(s, () => ({ errorRateAlarmThreshold: n }))],
    ['modelLatencyAlarmThreshold', (s, n) => endpoint(s, () => ({ modelLatencyAlarmThreshold: Duration.millis(n) }))],
    ['logRetention', (s, n) => endpoint(s, () => ({ logRetention: n as logs.RetentionDays }))],
    ['inference.maxConcurrentInvocationsPerInstance', (s, n) => endpoint(s, (lake) => ({ inference: ModelEndpointInference.asynchronous({ lake, maxConcurrentInvocationsPerInstance: n } as never) }))],
    ['deployment.size', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 4 }), deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(n) }) }))],
    ['deployment.size', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 4 }), deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(n) }) }))],
    ['deployment.stepSize', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 4 }), deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(n) }) }))],
    ['deployment.bakeTime', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 2 }), deployment: ModelEndpointDeployment.canary({ bakeTime: Duration.seconds(n) }) }))],
    ['deployment.terminationWait', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 2 }), deployment: ModelEndpointDeployment.canary({ terminationWait: Duration.seconds(n) }) }))],
    ['deployment.maximumExecutionTimeout', (s, n) => endpoint(s, () => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: 2 }), deployment: ModelEndpointDeployment.allAtOnce({ maximumExecutionTimeout: Duration.seconds(n) }) }))],
    ['model.version', (s, n) => {
      const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
      const repo = repoOf(s);
      new ModelEndpoint(s, 'Endpoint', { model: ModelEndpointModel.fromModelPackage({ groupName: registry.modelPackageGroupName, version: n, artifactsLake: new DataLake(s, 'Lake'), imageRepository: repo } as never) });
    }],
  ]);
});

describe('DataLake: a numeric CloudFormation parameter', () => {
  const lifecycle = (field: string) => (s: Stack, n: number) => new DataLake(s, 'Lake', { zones: [{ name: 'scores', lifecycle: { noncurrentVersionExpirationDays: 30, [field]: n } }] });
  run([
    ['athenaBytesScannedCutoffPerQuery', (s, n) => new DataLake(s, 'Lake', { athenaBytesScannedCutoffPerQuery: Size.mebibytes(n) })],
    ...LIFECYCLE_NUMERIC_FIELDS.map((field): [string, (s: Stack, n: number) => void] => [`zones[0].lifecycle.${field}`, lifecycle(field)]),
  ]);
});

describe('StreamingIngest: a numeric CloudFormation parameter', () => {
  const ingest = (props: Partial<StreamingIngestProps>) => (s: Stack) => new StreamingIngest(s, 'Ingest', { lake: new DataLake(s, 'Lake'), schema: clicks, ...props });
  run([
    ['streamRetention', (s, n) => ingest({ streamRetention: Duration.hours(n) })(s)],
    ['bufferingInterval', (s, n) => ingest({ bufferingInterval: Duration.seconds(n) })(s)],
    ['bufferingSize', (s, n) => ingest({ bufferingSize: Size.mebibytes(n) })(s)],
  ]);
});

describe('FeatureStore: a numeric CloudFormation parameter', () => {
  // The group's committed fingerprint in this stack (the TTL is not one of the settings it covers).
  const fingerprint = 'v1.e267c1.1a8ce8.73d768.a6b1aa.0eb3af.66f582.add0e7.74234e';
  const store = (ttl: (n: number) => FeatureTtl) => (s: Stack, n: number) => new FeatureStore(s, 'Features', {
    lake: new DataLake(s, 'Lake'),
    featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders, onlineTtl: ttl(n) }), replacementFingerprint: fingerprint }],
  });
  run([
    ['featureGroups[0].spec.onlineTtl', store((n) => FeatureTtl.days(n))],
    ['featureGroups[0].spec.onlineTtl', store((n) => FeatureTtl.hours(n))],
  ]);
});

describe('GpuTrainingCluster: a numeric CloudFormation parameter', () => {
  /**
   * The job profile's props reach a template only through a training pipeline (the cluster alone
   * creates roles and a security group), so they are built into one.
   */
  const profile = (props: (n: number) => Partial<GpuTrainingClusterProps>) => (s: Stack, n: number) => {
    const lake = lakeOf(s);
    const training = new GpuTrainingCluster(s, 'Gpus', { lake, vpc: vpcOf(s), accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false, ...props(n) } as GpuTrainingClusterProps);
    const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
    new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }) });
  };
  const hyperPod = (props: (n: number) => Partial<GpuTrainingClusterProps>) => (s: Stack, n: number) => new GpuTrainingCluster(s, 'Gpus', {
    lake: new DataLake(s, 'Lake'), vpc: vpcOf(s), hyperPod: true, accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 }, ...props(n),
  } as GpuTrainingClusterProps);
  run([
    ['accelerator.gpusPerNode', profile((n) => ({ accelerator: { gpu: GpuType.T4, gpusPerNode: n } }))],
    ['accelerator.nodeCount', profile((n) => ({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: n } }))],
    ['maxRuntime', profile((n) => ({ maxRuntime: Duration.seconds(n) }))],
    ['maxRuntime', profile((n) => ({ useSpotInstances: true, maxRuntime: Duration.seconds(n) }))],
    ['maxWait', profile((n) => ({ useSpotInstances: true, maxWait: Duration.seconds(n) }))],
    ['trainingVolumeSize', profile((n) => ({ trainingVolumeSize: Size.gibibytes(n) }))],
    ['accelerator.nodeCount', hyperPod((n) => ({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 1, nodeCount: n } }))],
    ['nodeVolumeSize', hyperPod((n) => ({ nodeVolumeSize: Size.gibibytes(n) }))],
    ['fileSystem.storageCapacity', hyperPod((n) => ({ fileSystem: { storageCapacity: Size.gibibytes(n) } }))],
    ['fileSystem.throughputPerTiB', hyperPod((n) => ({ fileSystem: { throughputPerTiB: n } }))],
    ['workerGroups[0].accelerator.gpusPerNode', hyperPod((n) => ({ workerGroups: [{ name: 'workers', accelerator: { gpu: GpuType.A10G, gpusPerNode: n } }] }))],
    ['workerGroups[0].accelerator.nodeCount', hyperPod((n) => ({ workerGroups: [{ name: 'workers', accelerator: { gpu: GpuType.A10G, gpusPerNode: 1, nodeCount: n } }] }))],
  ], () => newStack({}, 'us-east-1'));
});

function pipeline(s: Stack, props: Partial<TrainingPipelineProps>, spec: Partial<TrainingPipelineSpecProps> = {}): TrainingPipeline {
  const lake = lakeOf(s);
  const training = new GpuTrainingCluster(s, 'Gpus', { lake, vpc: vpcOf(s), accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
  const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
  return new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', ...spec }), ...props });
}

describe('TrainingPipeline: a numeric CloudFormation parameter', () => {
  run([
    ['timeout', (s, n) => pipeline(s, { timeout: Duration.seconds(n) })],
    ['schedule.rate', (s, n) => pipeline(s, { schedule: TrainingSchedule.rate(Duration.hours(n)) })],
    ['spec.validationPercentage', (s, n) => pipeline(s, {}, { validationPercentage: n })],
    ['spec.bar', (s, n) => pipeline(s, {}, { bar: n })],
    ['spec.window.days', (s, n) => pipeline(s, {}, { window: TrainingWindow.lastDays(n) })],
    ['spec.accelerator.gpusPerNode', (s, n) => pipeline(s, {}, { accelerator: { gpu: GpuType.T4, gpusPerNode: n } })],
    ['spec.accelerator.nodeCount', (s, n) => pipeline(s, {}, { accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: n } })],
    ['spec.promotion.margin', (s, n) => pipeline(s, {}, { promotion: PromotionPolicy.whenBetter({ margin: n }) })],
    ['spec.hyperparameters.rounds', (s, n) => pipeline(s, {}, { hyperparameters: { rounds: n } })],
    ['spec.metric.max', (s, n) => pipeline(s, {}, {
      metric: EvaluationMetric.custom({ name: 'f1', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION, min: 0, max: n }),
      bar: 0.5,
    })],
  ]);
});

function monitor(s: Stack, props: Partial<DriftMonitorProps>, spec: Partial<DriftSpecProps> = {}): DriftMonitor {
  const lake = lakeOf(s);
  const repo = repoOf(s);
  const endpoint = new ModelEndpoint(s, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
    endpointName: 'churn', captureLake: lake, captureSamplingPercentage: 50,
  });
  return new DriftMonitor(s, 'Drift', {
    spec: new DriftSpec({ schema: scoredCustomers, fields: ['orders_7d', 'spend_7d', 'segment'], ...spec }),
    lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'), ...props,
  });
}

describe('DriftMonitor: a numeric CloudFormation parameter', () => {
  run([
    ['window', (s, n) => monitor(s, { window: Duration.hours(n) })],
    ['schedule.rate', (s, n) => monitor(s, { schedule: DriftSchedule.rate(Duration.hours(n)) })],
    ...DRIFT_SPEC_NUMERIC_CASES.map(([property, spec]): [string, (s: Stack, n: number) => void] => [property, (s, n) => monitor(s, {}, spec(n))]),
  ]);
});

describe('DeliveryPipeline (ApprovedModelVersion): a numeric CloudFormation parameter', () => {
  run([
    ['fallbackVersion', (s, n) => {
      const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
      const version = ApprovedModelVersion.fromContext(s, registry, { fallbackVersion: n });
      const model = version.toModel({ artifactsLake: new DataLake(s, 'Lake'), imageRepository: repoOf(s) });
      new ModelEndpoint(s, 'Endpoint', { model });
    }],
  ]);
});

describe('MlopsPlatform: a numeric CloudFormation parameter', () => {
  run([
    ['level', (s, n) => new MlopsPlatform(s, 'Platform', { level: n, training: churnTraining })],
  ], () => new Stack(new App(), 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } }));
});

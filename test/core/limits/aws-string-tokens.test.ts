/**
 * A CloudFormation string parameter (`Token.asString(new CfnParameter(...).value)`) passed to each
 * string prop of the AWS constructs that is checked against a pattern, a length or a list (names,
 * prefixes, zones, instance types, schedules): synth either succeeds (the template refers to the
 * parameter: the service checks it at deploy) or fails with the library's error naming the prop and
 * saying a literal is needed — never with the token's text (`${Token[TOKEN.123]}`).
 */
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DriftSpec, FeatureGroupSpec, GpuType, TrainingPipelineSpec } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, DeliveryPipeline, DeliveryPipelineProps, DriftBaseline, DriftMonitor, DriftMonitorProps, DriftSchedule, FeatureStore,
  FeatureStoreProps, GpuTrainingCluster, GpuTrainingClusterProps, MlopsPlatform, ModelEndpoint, ModelEndpointCapacity, ModelEndpointImage,
  ModelEndpointInference, ModelEndpointModel, ModelEndpointProps, ModelRegistry, ModelRegistryProps, ProductionApproval, StreamingIngest,
  StreamingIngestProps, TrainingPipeline, TrainingPipelineProps, TrainingSchedule,
} from 'mlops-constructs/aws';
import { churnTraining } from '../../../examples/schemas';
import { CONNECTION_ARN } from '../../aws/delivery-pipeline/fixtures';
import { scoredCustomers } from '../../aws/drift-monitor/fixtures';
import { newStack, orders } from '../../aws/fixtures';
import { customers } from '../../aws/training-pipeline/fixtures';
import { clicks } from '../../property/schemas';
import { AwsTokenCase, lakeOf, repoOf, runAwsTokenCases, STRING_PARAMETER, vpcOf } from './aws-token-cases';

/** One test per case (aws-token-cases.ts). */
const run = (cases: AwsTokenCase<string>[], stackOf?: () => Stack) => runAwsTokenCases(STRING_PARAMETER, cases, stackOf);

describe('DataLake: a string CloudFormation parameter', () => {
  const lake = (props: (t: string) => DataLakeProps) => (s: Stack, t: string) => new DataLake(s, 'Lake', props(t));
  run([
    ['prefix', lake((t) => ({ prefix: t }))],
    ['zones[0].name', lake((t) => ({ zones: [{ name: t }] }))],
    ['tables[0].zone', lake((t) => ({ tables: [{ zone: t, schema: orders }] }))],
  ]);
});

describe('StreamingIngest: a string CloudFormation parameter', () => {
  const ingest = (props: (t: string) => Partial<StreamingIngestProps>) => (s: Stack, t: string) => new StreamingIngest(s, 'Ingest', { lake: new DataLake(s, 'Lake'), schema: clicks, ...props(t) });
  run([
    ['zone', ingest((t) => ({ zone: t }))],
    ['streamName', ingest((t) => ({ streamName: t }))],
    ['deliveryStreamName', ingest((t) => ({ deliveryStreamName: t }))],
    ['partitionKeyField', ingest((t) => ({ partitionKeyField: t }))],
    ['errorOutputPrefix', ingest((t) => ({ errorOutputPrefix: t }))],
  ]);
});

describe('FeatureStore: a string CloudFormation parameter', () => {
  const store = (props: (t: string) => Partial<FeatureStoreProps>) => (s: Stack, t: string) => new FeatureStore(s, 'Features', {
    lake: new DataLake(s, 'Lake'), featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders }) }], ...props(t),
  });
  run([
    ['prefix', store((t) => ({ prefix: t }))],
    ['offlineZone', store((t) => ({ offlineZone: t }))],
    ['featureGroups[0].spec.name', store((t) => ({ featureGroups: [{ spec: new FeatureGroupSpec({ name: t, schema: orders }) }] }))],
    ['featureGroups[0].replacementFingerprint', store((t) => ({ featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders }), replacementFingerprint: t }] }))],
  ]);
});

describe('GpuTrainingCluster: a string CloudFormation parameter', () => {
  const cluster = (props: (t: string) => Partial<GpuTrainingClusterProps>) => (s: Stack, t: string) => {
    const lake = lakeOf(s);
    const training = new GpuTrainingCluster(s, 'Gpus', { lake, vpc: vpcOf(s, 'us-east-1'), accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false, ...props(t) } as GpuTrainingClusterProps);
    const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
    new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }) });
  };
  const hyperPod = (props: (t: string) => Partial<GpuTrainingClusterProps>) => (s: Stack, t: string) => new GpuTrainingCluster(s, 'Gpus', {
    lake: new DataLake(s, 'Lake'), vpc: vpcOf(s, 'us-east-1'), hyperPod: true, accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 }, ...props(t),
  } as GpuTrainingClusterProps);
  run([
    ['artifactsPrefix', cluster((t) => ({ artifactsPrefix: t }))],
    ['trainingInstanceType', cluster((t) => ({ trainingInstanceType: t }))],
    ['inputZones[0]', cluster((t) => ({ inputZones: [t] }))],
    ['clusterName', hyperPod((t) => ({ clusterName: t }))],
    ['controllerInstanceType', hyperPod((t) => ({ controllerInstanceType: t }))],
    ['workerGroups[0].name', hyperPod((t) => ({ workerGroups: [{ name: t, accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 } }] }))],
    ['workerGroups[0].instanceType', hyperPod((t) => ({ workerGroups: [{ name: 'workers', instanceType: t }] }))],
    ['fileSystem.lakeZone', hyperPod((t) => ({ fileSystem: { lakeZone: t } }))],
  ], () => newStack({}, 'us-east-1'));
});

describe('ModelEndpoint: a string CloudFormation parameter', () => {
  const endpoint = (props: (t: string, lake: DataLake) => Partial<ModelEndpointProps>) => (s: Stack, t: string) => {
    const lake = lakeOf(s);
    new ModelEndpoint(s, 'Endpoint', {
      model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repoOf(s), 'v1'), lake, key: 'models/model.tar.gz' }),
      ...props(t, lake),
    });
  };
  run([
    ['endpointName', endpoint((t) => ({ endpointName: t }))],
    ['variantName', endpoint((t) => ({ variantName: t }))],
    ['captureZone', endpoint((t, lake) => ({ captureLake: lake, captureZone: t }))],
    ['capturePrefix', endpoint((t, lake) => ({ captureLake: lake, capturePrefix: t }))],
    ['captureCsvContentTypes[0]', endpoint((t, lake) => ({ captureLake: lake, captureCsvContentTypes: [t] }))],
    ['capacity.instanceType', endpoint((t) => ({ capacity: ModelEndpointCapacity.instances({ instanceType: t }) }))],
    ['inference.zone', endpoint((t, lake) => ({ inference: ModelEndpointInference.asynchronous({ lake, zone: t } as never) }))],
    ['inference.prefix', endpoint((t, lake) => ({ inference: ModelEndpointInference.asynchronous({ lake, prefix: t } as never) }))],
    ['model.key', (s, t) => new ModelEndpoint(s, 'Endpoint', { model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repoOf(s), 'v1'), lake: lakeOf(s), key: t }) })],
    ['model.zone', (s, t) => new ModelEndpoint(s, 'Endpoint', { model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repoOf(s), 'v1'), lake: lakeOf(s), key: 'models/model.tar.gz', zone: t }) })],
    ['model.image', (s, t) => new ModelEndpoint(s, 'Endpoint', { model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repoOf(s), t), lake: lakeOf(s), key: 'models/model.tar.gz' }) })],
    ['model.groupName', (s, t) => new ModelEndpoint(s, 'Endpoint', { model: ModelEndpointModel.fromModelPackage({ groupName: t, version: 1, artifactsLake: lakeOf(s), imageRepository: repoOf(s) }) })],
  ]);
});

function pipeline(s: Stack, props: Partial<TrainingPipelineProps>, spec?: TrainingPipelineSpec): TrainingPipeline {
  const lake = lakeOf(s);
  const training = new GpuTrainingCluster(s, 'Gpus', { lake, vpc: vpcOf(s, 'us-east-1'), accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
  const registry = new ModelRegistry(s, 'Registry', { modelPackageGroupName: 'churn-models' });
  return new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: spec ?? new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }), ...props });
}

describe('TrainingPipeline: a string CloudFormation parameter', () => {
  run([
    ['sourceZone', (s, t) => pipeline(s, { sourceZone: t })],
    ['stateMachineName', (s, t) => pipeline(s, { stateMachineName: t })],
    ['schedule.cron', (s, t) => pipeline(s, { schedule: TrainingSchedule.cron(t) })],
    ['spec.name', (s, t) => pipeline(s, {}, new TrainingPipelineSpec({ name: t, schema: customers, label: 'churned' }))],
    ['spec.label', (s, t) => pipeline(s, {}, new TrainingPipelineSpec({ name: 'churn', schema: customers, label: t }))],
    ['spec.features[0]', (s, t) => pipeline(s, {}, new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', features: [t] }))],
    ['spec.hyperparameters.objective', (s, t) => pipeline(s, {}, new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', hyperparameters: { objective: t } }))],
  ], () => newStack({}, 'eu-west-1'));
});

describe('ModelRegistry: a string CloudFormation parameter', () => {
  const registry = (props: (t: string) => ModelRegistryProps) => (s: Stack, t: string) => new ModelRegistry(s, 'Registry', props(t));
  run([
    ['modelPackageGroupName', registry((t) => ({ modelPackageGroupName: t }))],
    ['description', registry((t) => ({ modelPackageGroupName: 'churn-models', description: t }))],
  ]);
});

describe('DeliveryPipeline: a string CloudFormation parameter', () => {
  const delivery = (props: (t: string) => Partial<DeliveryPipelineProps>) => (s: Stack, t: string) => {
    const app = s.node.root as App;
    const stage = (id: string, account: string) => {
      const st = new Stage(app, id, { env: { account, region: 'eu-west-1' } });
      new kms.Key(new Stack(st, 'Service'), 'Key', { enableKeyRotation: true });
      return st;
    };
    new DeliveryPipeline(s, 'Delivery', {
      repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging: stage('Staging', '222222222222'), production: stage('Production', '333333333333'), ...props(t),
    });
  };
  run([
    ['repository', delivery((t) => ({ repository: t }))],
    ['branch', delivery((t) => ({ branch: t }))],
    ['connectionArn', delivery((t) => ({ connectionArn: t }))],
    ['pipelineName', delivery((t) => ({ pipelineName: t }))],
    ['installCommands[0]', delivery((t) => ({ installCommands: [t] }))],
    ['productionApproval.reason', delivery((t) => ({ productionApproval: ProductionApproval.waived(t) }))],
    ['productionApproval.comment', delivery((t) => ({ productionApproval: ProductionApproval.manual({ comment: t }) }))],
  ]);
});

function monitor(s: Stack, props: (lake: DataLake) => Partial<DriftMonitorProps>): DriftMonitor {
  const lake = lakeOf(s);
  const endpoint = new ModelEndpoint(s, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repoOf(s), 'v1'), lake, key: 'models/model.tar.gz' }),
    endpointName: 'churn', captureLake: lake, captureSamplingPercentage: 50,
  });
  return new DriftMonitor(s, 'Drift', {
    spec: new DriftSpec({ schema: scoredCustomers, fields: ['orders_7d', 'spend_7d', 'segment'] }),
    lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'), ...props(lake),
  });
}

describe('DriftMonitor: a string CloudFormation parameter', () => {
  run([
    ['resultsZone', (s, t) => monitor(s, () => ({ resultsZone: t }))],
    ['stateMachineName', (s, t) => monitor(s, () => ({ stateMachineName: t }))],
    ['schedule.cron', (s, t) => monitor(s, () => ({ schedule: DriftSchedule.cron(t) }))],
    ['baseline.zone', (s, t) => monitor(s, () => ({ baseline: DriftBaseline.fromLakeTable(t, 'customer_daily') }))],
    ['baseline.tableName', (s, t) => monitor(s, () => ({ baseline: DriftBaseline.fromLakeTable('curated', t) }))],
    ['baseline.baselineId', (s, t) => monitor(s, () => ({ baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: t }) }))],
    ['spec.fields[0]', (s, t) => monitor(s, () => ({ spec: new DriftSpec({ schema: scoredCustomers, fields: [t] }) }))],
  ]);
});

describe('MlopsPlatform: a string CloudFormation parameter', () => {
  run([
    ['prefix', (s, t) => new MlopsPlatform(s, 'Platform', { level: 0, prefix: t, training: churnTraining })],
  ], () => new Stack(new App(), 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } }));
});

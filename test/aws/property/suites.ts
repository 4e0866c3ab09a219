/**
 * The property suites of the nine AWS constructs: a valid base configuration of each, and for
 * each prop values written for it, valid and invalid (test/property/harness.ts adds values of
 * every JavaScript type and aws-cdk-lib's strong types and tokens to any prop). Shared by the
 * property test (test/aws/constructs.property.test.ts) and the validator sample
 * (test/aws/property/property-checks.ts).
 */
import { App, CfnParameter, Duration, RemovalPolicy, Size, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  DriftBaseline, DriftSchedule, FeatureStoreOnlineStorageType, GpuTrainingCluster, ModelEndpoint, ModelEndpointCapacity,
  ModelEndpointDeployment, ModelEndpointImage, ModelEndpointInference, ModelEndpointModel, ModelEndpointTrafficSize, ModelRegistry,
  ProductionApproval, StreamingIngestJsonDeserializer, TrainingPipeline, TrainingSchedule,
  DataLake, DeliveryPipeline, DriftMonitor, FeatureStore, StreamingIngest,
} from 'mlops-constructs/aws';
import {
  CapturedRecords, DriftSpec, DriftTable, FeatureGroupSpec, GpuType, TableSchema, TrainingPipelineSpec, TrainingWindow,
} from 'mlops-constructs';
import { PropertySuite, later } from '../../property/harness';
import { badSchema, clicks } from '../../property/schemas';
import { customers } from '../training-pipeline/fixtures';
import { scoredCustomers } from '../drift-monitor/fixtures';
import { orders } from '../fixtures';

const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41';

/** Numeric and string parameters of the stack: tokens that resolve only at deploy. */
function parameters(stack: Stack) {
  const n = (stack.node.tryFindChild('NumberParam') as CfnParameter | undefined) ?? new CfnParameter(stack, 'NumberParam', { type: 'Number', default: 3 });
  const s = (stack.node.tryFindChild('StringParam') as CfnParameter | undefined) ?? new CfnParameter(stack, 'StringParam', { type: 'String', default: 'abc' });
  return { number: n.valueAsNumber, string: s.valueAsString };
}

function lakeDeps(stack: Stack) {
  const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'curated', schema: customers }] });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  const key = new kms.Key(stack, 'SharedKey', { enableKeyRotation: true });
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'acme/churn');
  return { stack, lake, vpc, key, repo, ...parameters(stack) };
}

type LakeDeps = ReturnType<typeof lakeDeps>;

let registries = 0;


/**
 * The props with a schema renamed for run `id`, so that the runs sharing one lake do not create
 * the same table twice (which the lake refuses, as it should).
 */
function renamedSchema(props: unknown, id: string): any {
  if (props === null || typeof props !== 'object' || !((props as any).schema instanceof TableSchema) || (props as any).schema.problems().length > 0) {
    return props;
  }
  const schema: TableSchema = (props as any).schema;
  const declared = { name: `${schema.name}_${id.toLowerCase()}`, fields: [...schema.fields], entityKeys: [...schema.entityKeys], eventTime: schema.eventTime, description: schema.description };
  return { ...props, schema: new TableSchema(declared) };
}


const dataLake: PropertySuite<LakeDeps> = {
  name: 'DataLake',
  deps: (stack) => lakeDeps(stack),
  base: () => ({ prefix: 'acme-lake', zones: [{ name: 'features' }], removalPolicy: RemovalPolicy.RETAIN }),
  alternatives: (d) => ({
    prefix: ['acme-other', 'a', 'Acme_Lake', 'x'.repeat(80), d.string],
    zones: [[], [{ name: 'raw' }], [{ name: 'features' }, { name: 'features' }], [{ name: 'Bad Zone' }], [{ name: 'scores', lifecycle: {} }], [null], 'features', [{}]],
    tables: [[{ zone: 'curated', schema: orders }], [{ zone: 'nowhere', schema: orders }], [{ zone: 'curated', schema: badSchema() }], [{ zone: 'curated' }], [null], [{ zone: 'curated', schema: { name: 'orders', fields: [] } }]],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY, RemovalPolicy.SNAPSHOT, 'retain'],
    athenaBytesScannedCutoffPerQuery: [Size.gibibytes(10), Size.mebibytes(1), Size.tebibytes(1)],
    accessLogsBucket: [d.lake.zoneBucket('raw')],
  }),
  build: (scope, id, props) => new DataLake(scope, id, props as any),
};

const streamingIngest: PropertySuite<LakeDeps> = {
  name: 'StreamingIngest',
  deps: (stack) => lakeDeps(stack),
  base: (d) => ({ lake: d.lake, schema: clicks }),
  alternatives: (d) => ({
    lake: [undefined, {}, 'lake'],
    schema: [customers, orders, badSchema(), { name: 'orders' }, later(() => TableSchema.fromJson({ name: 'orders', fields: [{ name: 'id', type: 'string' }] })),
      later(() => TableSchema.fromJson({ name: 'orders', fields: 'id' } as any)), later(() => TableSchema.fromJson(null as any))],
    zone: ['raw', 'curated', 'nowhere'],
    streamName: ['orders-stream', 'bad name!', 'x'.repeat(200), d.string],
    streamRetention: [Duration.hours(48), Duration.hours(1), Duration.days(400), Duration.hours(d.number)],
    deliveryStreamName: ['orders-delivery', 'bad name!'],
    partitionKeyField: ['customer_id', 'missing', 'click_id'],
    jsonDeserializer: [StreamingIngestJsonDeserializer.OPENX, StreamingIngestJsonDeserializer.HIVE, 'OpenXJsonSerDe'],
    bufferingInterval: [Duration.seconds(60), Duration.seconds(0), Duration.seconds(1000), Duration.millis(1500)],
    bufferingSize: [Size.mebibytes(64), Size.mebibytes(0), Size.mebibytes(200)],
    errorOutputPrefix: ['errors/', '/bad', ''],
    alarmActions: [[], [{}], [null]],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new StreamingIngest(scope, id, renamedSchema(props, id)),
};

const featureStore: PropertySuite<LakeDeps> = {
  name: 'FeatureStore',
  deps: (stack) => lakeDeps(stack),
  base: (d) => ({ lake: d.lake, featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders }) }] }),
  alternatives: (d) => ({
    lake: [undefined, {}, d.vpc],
    featureGroups: [[], [null], [{}], [{ spec: 'customer_orders' }],
      [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders }), onlineStorageType: FeatureStoreOnlineStorageType.IN_MEMORY }],
      [{ spec: new FeatureGroupSpec({ name: 'customer_orders', schema: orders, online: false }), replacementFingerprint: 'x' }],
      later(() => [{ spec: new FeatureGroupSpec({ name: 'Bad', schema: orders }) }]),
      later(() => [{ spec: new FeatureGroupSpec({ name: 'ok_name', schema: null as any }) }]),
      later(() => [{ spec: new FeatureGroupSpec(null as any) }]),
      later(() => [{ spec: new FeatureGroupSpec({ name: 'ok_name', schema: orders, features: 'x' as any }) }])],
    prefix: ['acme-features', 'Bad Prefix'],
    offlineZone: ['raw', 'nowhere'],
    onlineStoreEncryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new FeatureStore(scope, id, props as any),
};

const gpuTrainingCluster: PropertySuite<LakeDeps> = {
  name: 'GpuTrainingCluster',
  deps: (stack) => lakeDeps(stack),
  base: (d) => ({ lake: d.lake, vpc: d.vpc, accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false }),
  alternatives: (d) => ({
    lake: [undefined, {}],
    vpc: [undefined, {}, 'vpc-0123456789abcdef0'],
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, {}],
    accelerator: [{ gpu: GpuType.A10G, gpusPerNode: 1 }, { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 }, { gpu: GpuType.T4, gpusPerNode: 3 }, { gpu: 'T4', gpusPerNode: 1 },
      { gpu: GpuType.T4 }, { gpu: GpuType.T4, gpusPerNode: NaN }, { gpu: GpuType.T4, gpusPerNode: d.number }, { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: d.number }, {}],
    hyperPod: [true, 'true'],
    clusterName: ['acme-gpus', 'bad name!'],
    controllerInstanceType: ['ml.m5.xlarge', 'm5.xlarge'],
    workerGroups: [[], [{ name: 'workers', accelerator: { gpu: GpuType.T4, gpusPerNode: 1 } }], [null], [{ name: 'w' }], [{ name: 'w', instanceType: 'ml.g5.xlarge' }]],
    deepHealthChecks: [true],
    nodeVolumeSize: [Size.gibibytes(500), Size.gibibytes(1), Size.gibibytes(d.number)],
    fileSystem: [{}, { storageCapacity: Size.gibibytes(2400), throughputPerTiB: 500 }, { throughputPerTiB: 7 }, { lakeZone: 'nowhere' }, { storageCapacity: 1200 }],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
    inputZones: [['curated'], ['nowhere'], 'curated', [null]],
    artifactsPrefix: ['models/', '/bad', d.string],
    trainingInstanceType: ['ml.g4dn.xlarge', 'ml.nope.xlarge', 'g4dn.xlarge'],
    maxRuntime: [Duration.hours(12), Duration.seconds(1), Duration.days(40), Duration.hours(d.number)],
    useSpotInstances: [true],
    maxWait: [Duration.hours(13), Duration.hours(1)],
    trainingVolumeSize: [Size.gibibytes(100), Size.gibibytes(0), Size.mebibytes(1)],
    networkIsolation: [true, false],
    imageRepositories: [[d.repo], [null], [{}], 'acme/churn'],
  }),
  build: (scope, id, props) => new GpuTrainingCluster(scope, id, props as any),
};

const modelEndpoint: PropertySuite<LakeDeps> = {
  name: 'ModelEndpoint',
  deps: (stack) => lakeDeps(stack),
  base: (d) => ({ model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(d.repo, 'v3'), lake: d.lake, key: 'models/churn/v3/model.tar.gz' }) }),
  alternatives: (d) => ({
    model: [undefined, 'model', {},
      later(() => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(d.repo, ''), lake: d.lake, key: 'models/x.tar.gz' })),
      later(() => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(null as any, 'v1'), lake: d.lake, key: 'models/x.tar.gz' })),
      later(() => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(d.repo, 'v1'), lake: d.lake, key: 'models/x.zip' })),
      later(() => ModelEndpointModel.fromLake(null as any)),
      later(() => ModelEndpointModel.fromLake({ image: 'x', lake: d.lake, key: 'models/x.tar.gz' } as any)),
      later(() => ModelEndpointModel.fromModelPackage({ image: ModelEndpointImage.fromEcrRepository(d.repo, 'v1'), registry: new ModelRegistry(d.stack, `Registry${++registries}`), version: 3 } as any)),
      later(() => ModelEndpointModel.fromModelPackage({ version: 'latest' } as any))],
    capacity: [ModelEndpointCapacity.instances(), ModelEndpointCapacity.instances({ instanceType: 'ml.m5.large', instanceCount: 2, maxInstanceCount: 4 }),
      later(() => ModelEndpointCapacity.instances({ instanceCount: 0 })), later(() => ModelEndpointCapacity.instances({ instanceCount: d.number })),
      later(() => ModelEndpointCapacity.instances({ maxInstanceCount: NaN })), later(() => ModelEndpointCapacity.instances(null as any)),
      later(() => ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: 2 } })),
      later(() => ModelEndpointCapacity.instances({ accelerator: 'T4' as any })),
      later(() => ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(2), maxConcurrency: 5 })),
      later(() => ModelEndpointCapacity.serverless({ memorySize: 2048, maxConcurrency: 5 } as any)),
      later(() => ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(2), maxConcurrency: d.number })),
      later(() => ModelEndpointCapacity.serverless(undefined as any))],
    deployment: [ModelEndpointDeployment.canary(), ModelEndpointDeployment.allAtOnce(),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(10) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(150) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(NaN) })),
      later(() => ModelEndpointDeployment.canary({ size: 10 } as any)),
      later(() => ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(20) } as any)),
      later(() => ModelEndpointDeployment.linear(null as any)),
      later(() => ModelEndpointDeployment.canary({ bakeTime: 60 } as any))],
    inference: [ModelEndpointInference.realTime(), later(() => ModelEndpointInference.asynchronous({ outputZone: 'artifacts' } as any)), later(() => ModelEndpointInference.asynchronous(null as any))],
    endpointName: ['churn', 'bad name!', 'x'.repeat(100), d.string],
    variantName: ['primary', 'bad name!'],
    environment: [{ LOG_LEVEL: 'info' }, { 'bad name': 'x' }, { A: 1 }, { A: null }, ['A=1']],
    networkIsolation: [true, false],
    vpc: [d.vpc, {}],
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    securityGroups: [[], [null], [{}]],
    captureLake: [d.lake, {}],
    captureZone: ['raw', 'nowhere'],
    capturePrefix: ['capture/', '/bad'],
    captureSamplingPercentage: [50, 0, 100, 101, 12.5, d.number],
    captureRequests: [false],
    captureResponses: [false],
    captureCsvContentTypes: [['text/csv'], ['not a type'], 'text/csv'],
    captureJsonContentTypes: [['application/json'], [null]],
    encryptionKey: [d.key],
    logRetention: [logs.RetentionDays.ONE_MONTH, 13, logs.RetentionDays.INFINITE],
    removalPolicy: [RemovalPolicy.DESTROY],
    errorRateAlarmThreshold: [0.05, 0, 2, d.number],
    modelLatencyAlarmThreshold: [Duration.seconds(2), Duration.seconds(0)],
    rollbackAlarms: [[], [null], [{}]],
    alarmActions: [[], [{}]],
  }),
  build: (scope, id, props) => new ModelEndpoint(scope, id, props as any),
};

function pipelineDeps(stack: Stack) {
  const d = lakeDeps(stack);
  const training = new GpuTrainingCluster(stack, 'Gpus', { lake: d.lake, vpc: d.vpc, accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
  const registry = new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'churn-models' });
  return { ...d, training, registry };
}

type PipelineDeps = ReturnType<typeof pipelineDeps>;

const trainingPipeline: PropertySuite<PipelineDeps> = {
  name: 'TrainingPipeline',
  deps: (stack) => pipelineDeps(stack),
  base: (d) => ({ lake: d.lake, training: d.training, registry: d.registry, spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }) }),
  alternatives: (d) => ({
    lake: [undefined, {}],
    training: [undefined, {}, d.lake],
    registry: [undefined, {}, 'churn-models'],
    spec: ['churn', {},
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'missing' })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', validationPercentage: NaN })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', window: TrainingWindow.lastDays(d.number) })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', features: 'orders_7d' as any })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', hyperparameters: { rounds: null as any } })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', accelerator: { gpu: GpuType.T4 } as any })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', bar: Infinity })),
      later(() => new TrainingPipelineSpec(null as any)),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: 'customers', label: 'churned' } as any))],
    sourceZone: ['raw', 'nowhere'],
    schedule: [TrainingSchedule.daily(), TrainingSchedule.none(), later(() => TrainingSchedule.cron('0 3 * * ? *')), later(() => TrainingSchedule.cron('nope')),
      later(() => TrainingSchedule.rate(Duration.hours(6))), later(() => TrainingSchedule.rate(60 as any)), later(() => TrainingSchedule.rate(Duration.seconds(d.number)))],
    stateMachineName: ['churn-training', 'bad name!'],
    alarmActions: [[], [null]],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
    timeout: [Duration.hours(6), Duration.seconds(1), 3600],
  }),
  build: (scope, id, props) => new TrainingPipeline(scope, id, props as any),
};

const modelRegistry: PropertySuite<LakeDeps> = {
  name: 'ModelRegistry',
  deps: (stack) => lakeDeps(stack),
  base: () => ({ modelPackageGroupName: 'churn-models', description: 'Churn models.' }),
  alternatives: (d) => ({
    modelPackageGroupName: ['other-models', 'Bad Name!', 'x'.repeat(70), d.string],
    description: ['', 'x'.repeat(2000), d.string],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new ModelRegistry(scope, id, props as any),
};

function deliveryDeps(stack: Stack) {
  const app = stack.node.root as App;
  const n = app.node.children.length;
  const stage = (name: string, account: string) => {
    const s = new Stage(app, `${name}${n}`, { env: { account, region: 'eu-west-1' } });
    new kms.Key(new Stack(s, 'Service'), 'Key', { enableKeyRotation: true });
    return s;
  };
  return { stack, staging: stage('Staging', '222222222222'), production: stage('Production', '333333333333'), registry: new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'churn-models' }), key: new kms.Key(stack, 'SharedKey', { enableKeyRotation: true }), ...parameters(stack) };
}

type DeliveryDeps = ReturnType<typeof deliveryDeps>;

const deliveryPipeline: PropertySuite<DeliveryDeps> = {
  name: 'DeliveryPipeline',
  deps: (stack) => deliveryDeps(stack),
  base: (d) => ({ repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging: d.staging, production: d.production }),
  alternatives: (d) => ({
    repository: ['acme/other', 'no-slash', '', d.string],
    branch: ['main', 'release/1', ''],
    connectionArn: ['arn:aws:codestar-connections:eu-west-1:111111111111:connection/abc', 'not-an-arn', d.string],
    installCommands: [['npm ci'], [], 'npm ci', [null], [1]],
    testCommands: [['npm test'], []],
    synthCommands: [['npx cdk synth'], []],
    staging: [undefined, d.production, {}, 'Staging'],
    production: [undefined, d.staging, {}],
    productionApproval: [ProductionApproval.manual(), later(() => ProductionApproval.waived('')), later(() => ProductionApproval.waived('Staging is production-like; approved in change CHG-1.')),
      later(() => ProductionApproval.manual(null as any)), later(() => ProductionApproval.waived(null as any)), 'manual'],
    allowSharedEnvironment: [true, 'true'],
    modelRegistry: [d.registry, {}, 'churn-models'],
    pipelineName: ['ml-delivery', 'bad name!'],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new DeliveryPipeline(scope, id, props as any),
};

function monitorDeps(stack: Stack) {
  const d = pipelineDeps(stack);
  const endpoint = new ModelEndpoint(stack, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(d.repo, 'v3'), lake: d.lake, key: 'models/churn/v3/model.tar.gz' }),
    endpointName: 'churn', captureLake: d.lake, captureSamplingPercentage: 50,
  });
  const pipeline = new TrainingPipeline(stack, 'Churn', { lake: d.lake, training: d.training, registry: d.registry, spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }) });
  return { ...d, endpoint, pipeline };
}

type MonitorDeps = ReturnType<typeof monitorDeps>;

const driftSpec = () => new DriftSpec({ schema: scoredCustomers, fields: ['orders_7d', 'spend_7d', 'segment'] });

const driftMonitor: PropertySuite<MonitorDeps> = {
  name: 'DriftMonitor',
  freshDepsAfterValidRun: true,
  deps: (stack) => monitorDeps(stack),
  base: (d) => ({ spec: driftSpec(), lake: d.lake, endpoint: d.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') }),
  alternatives: (d) => ({
    spec: [{}, 'spec',
      later(() => new DriftSpec({ schema: scoredCustomers, fields: ['missing'] })),
      later(() => new DriftSpec({ schema: scoredCustomers, fields: 'orders_7d' as any })),
      later(() => new DriftSpec({ schema: scoredCustomers, bins: NaN })),
      later(() => new DriftSpec({ schema: scoredCustomers, bins: d.number })),
      later(() => new DriftSpec({ schema: scoredCustomers, thresholds: null as any })),
      later(() => new DriftSpec({ schema: scoredCustomers, fieldOptions: [null as any] })),
      later(() => new DriftSpec({ schema: null as any })),
      later(() => new DriftSpec(null as any))],
    lake: [undefined, {}],
    resultsZone: ['raw', 'nowhere'],
    endpoint: [undefined, {}, 'churn'],
    records: [later(() => CapturedRecords.sageMakerCapture({ table: DriftTable.named(['curated', 'captured']) })), later(() => CapturedRecords.sageMakerCapture(null as any)),
      later(() => CapturedRecords.table({ table: DriftTable.sql('') } as any)), later(() => CapturedRecords.table({ table: 'x' } as any))],
    baseline: [undefined, 'customer_daily', later(() => DriftBaseline.fromLakeTable('nowhere', 'customer_daily')), later(() => DriftBaseline.fromLakeTable(null as any, 'x')),
      later(() => DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: '' })), later(() => DriftBaseline.fromLakeTable('curated', 'customer_daily', null as any))],
    window: [Duration.hours(1), Duration.days(1), Duration.seconds(1), 3600],
    schedule: [later(() => DriftSchedule.rate(Duration.hours(1))), later(() => DriftSchedule.cron('0 * * * ? *')), later(() => DriftSchedule.cron('bad')), later(() => DriftSchedule.rate(null as any))],
    retrain: [d.pipeline, {}, 'pipeline'],
    alarmActions: [[], [null]],
    stateMachineName: ['churn-drift', 'bad name!'],
    encryptionKey: [d.key],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new DriftMonitor(scope, id, props as any),
};

/** Every AWS construct's suite, in the order of the construct list. */
export const AWS_PROPERTY_SUITES: ReadonlyArray<PropertySuite<any>> = [
  dataLake, streamingIngest, featureStore, gpuTrainingCluster, modelEndpoint, trainingPipeline, modelRegistry, deliveryPipeline, driftMonitor,
];

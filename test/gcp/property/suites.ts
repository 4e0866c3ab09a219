/**
 * The property suites of the ten Google Cloud constructs: a valid base configuration of each, and
 * for each prop values written for it, valid and invalid (test/property/harness.ts adds values of
 * every JavaScript type, cdktf tokens and the library's strong types to any prop). Used by
 * test/gcp/constructs.property.test.ts.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { DriftSpec, FeatureGroupSpec, GpuType, TableSchema, TrainingPipelineSpec, EvaluationMetric } from 'mlops-constructs';
import {
  DataLake, DeliveryPipeline, DriftBaseline, DriftMonitor, DriftSchedule, Duration, FeatureOnlineServing, FeatureStore, FeatureSyncSchedule,
  GpuTrainingCluster, MlopsPlatform, ModelEndpoint, ModelEndpointDeployment, ModelEndpointPlatform, ModelEndpointTrafficSize, ModelRegistry,
  ProductionApproval, RemovalPolicy, Size, StreamingIngest, TrainingPipeline, TrainingSchedule,
} from 'mlops-constructs/gcp';
import { PropertySuite, later } from '../../property/harness';
import { badSchema, clicks } from '../../property/schemas';
import { churnSpec, customerDaily, KEY } from '../training-pipeline/fixtures';
import { churnDrift } from '../drift-monitor/fixtures';
import { churnTraining, orders } from '../../../examples/schemas';

const IMAGE = 'europe-west4-docker.pkg.dev/acme-ml/serving/churn:1';

/** Numeric, string and list variables of the stack: tokens that resolve only at apply. */
function variables(stack: TerraformStack) {
  const find = (id: string, type: string, dflt: unknown) => (stack.node.tryFindChild(id) as TerraformVariable | undefined) ?? new TerraformVariable(stack, id, { type, default: dflt });
  return {
    number: find('NumberVar', 'number', 3).numberValue,
    string: find('StringVar', 'string', 'abc').stringValue,
    list: find('ListVar', 'list(string)', ['a']).listValue,
  };
}

/** A regional lake with a key and a curated `customer_daily` table, a training cluster, a registry, a pipeline and an endpoint. */
function platformDeps(stack: TerraformStack) {
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'europe-west4', encryptionKey: KEY, tables: [{ zone: 'curated', schema: customerDaily }] });
  const training = new GpuTrainingCluster(stack, 'Training', { lake, location: 'europe-west4', network: 'ml-vpc' });
  const registry = new ModelRegistry(stack, 'Registry', { lake, modelId: 'churn' });
  return { stack, lake, training, registry, ...variables(stack) };
}

type Deps = ReturnType<typeof platformDeps>;

let pipelines = 0;
let endpoints = 0;



/** The props with a schema renamed for run `id`, so that the runs sharing one lake do not create the same table twice. */
function renamedSchema(props: unknown, id: string): any {
  if (props === null || typeof props !== 'object' || !((props as any).schema instanceof TableSchema) || (props as any).schema.problems().length > 0) {
    return props;
  }
  const schema: TableSchema = (props as any).schema;
  const declared = { name: `${schema.name}_${id.toLowerCase()}`, fields: [...schema.fields], entityKeys: [...schema.entityKeys], eventTime: schema.eventTime, description: schema.description };
  return { ...props, schema: new TableSchema(declared) };
}

/** Values every construct's common props (project, region, prefix, key) are tried with. */
const projects = (d: Deps) => ['acme-ml', 'Bad Project', 'x', d.string, d.number];
const regions = (d: Deps) => ['europe-west4', 'us-central1', 'europe-west44', 'eu', 'US', 'uscentral1', '', d.string];
const keys = (d: Deps) => [KEY, { id: 'projects/acme/locations/us-central1/keyRings/ml/cryptoKeys/x' }, { id: '' }, { id: 7 }, 'key', { id: d.string }];

const dataLake: PropertySuite<Deps> = {
  name: 'DataLake',
  deps: platformDeps,
  base: () => ({ prefix: 'acme-other', location: 'europe-west4', zones: [{ name: 'features' }], removalPolicy: RemovalPolicy.RETAIN }),
  alternatives: (d) => ({
    prefix: ['acme-two', 'a', 'Acme_Lake', 'x'.repeat(80), d.string, ['acme']],
    project: projects(d),
    location: [...regions(d), 'EU', 'europe-west'],
    zones: [[], [{ name: 'raw' }], [{ name: 'features' }, { name: 'features' }], [{ name: 'Bad Zone' }], [{ name: 'scores', lifecycle: {} }], [null], 'features', [{}], [{ name: d.string }]],
    tables: [[{ zone: 'curated', schema: orders }], [{ zone: 'nowhere', schema: orders }], [{ zone: 'curated', schema: badSchema() }], [{ zone: 'curated' }], [null],
      [{ zone: 'curated', schema: { name: 'orders', fields: [] } }], later(() => [{ zone: 'curated', schema: TableSchema.fromJson({ name: 'x', fields: 'id' } as any) }])],
    encryptionKey: keys(d),
    removalPolicy: [RemovalPolicy.DESTROY, 'retain', 'destroy'],
  }),
  build: (scope, id, props) => new DataLake(scope, id, props as any),
};

const streamingIngest: PropertySuite<Deps> = {
  name: 'StreamingIngest',
  deps: platformDeps,
  base: (d) => ({ lake: d.lake, schema: clicks }),
  alternatives: (d) => ({
    lake: [undefined, {}, 'lake', d.training],
    schema: [customerDaily, orders, badSchema(), { name: 'orders' }, later(() => TableSchema.fromJson({ name: 'orders', fields: [{ name: 'id', type: 'string' }] })),
      later(() => TableSchema.fromJson({ name: 'orders', fields: 'id' } as any)), later(() => TableSchema.fromJson(null as any))],
    zone: ['raw', 'curated', 'nowhere', d.string],
    prefix: ['acme-clicks', 'Bad Prefix', 'x'.repeat(100), d.string],
    project: projects(d),
    encryptionKey: keys(d),
    messageRetention: [Duration.days(7), Duration.minutes(1), Duration.days(40), later(() => Duration.hours(d.number)), Duration.seconds(NaN)],
    deadLetterRetention: [Duration.days(14), Duration.seconds(1), Duration.days(400)],
    maxDeliveryAttempts: [5, 4, 100, 1.5, -1, d.number, '5'],
    encoding: ['JSON', 'json', 'BINARY', 'AVRO'],
    notificationChannels: [[], ['projects/acme/notificationChannels/7'], ['x'], 'projects/acme/notificationChannels/7', [null], d.list],
    oldestUnackedMessageAgeAlarmThreshold: [Duration.minutes(10), Duration.seconds(0), Duration.days(30)],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new StreamingIngest(scope, id, renamedSchema(props, id)),
};

const groupOf = (name: string) => new FeatureGroupSpec({ name, schema: customerDaily });

const featureStore: PropertySuite<Deps> = {
  name: 'FeatureStore',
  deps: platformDeps,
  base: (d) => ({ lake: d.lake, featureGroups: [{ spec: groupOf('customer_daily') }] }),
  alternatives: (d) => ({
    lake: [undefined, {}, d.registry],
    featureGroups: [[], [null], [{}], [{ spec: 'customer_daily' }], { spec: groupOf('customer_daily') },
      later(() => [{ spec: new FeatureGroupSpec({ name: 'Bad', schema: customerDaily }) }]),
      later(() => [{ spec: new FeatureGroupSpec({ name: 'ok_name', schema: null as any }) }]),
      later(() => [{ spec: new FeatureGroupSpec(null as any) }]),
      later(() => [{ spec: new FeatureGroupSpec({ name: 'ok_name', schema: customerDaily, features: 'x' as any }) }])],
    prefix: ['acme-features', 'Bad Prefix', d.string],
    project: projects(d),
    region: regions(d),
    offlineZone: ['raw', 'nowhere', 'curated'],
    onlineServing: [FeatureOnlineServing.optimized(), later(() => FeatureOnlineServing.optimized({ publicEndpoint: 'yes' } as any)),
      later(() => FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 3 })), later(() => FeatureOnlineServing.bigtable({ minNodeCount: 0, maxNodeCount: 2 })),
      later(() => FeatureOnlineServing.bigtable({ minNodeCount: 3, maxNodeCount: 2 })), later(() => FeatureOnlineServing.bigtable({ minNodeCount: d.number, maxNodeCount: 3 })),
      later(() => FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: NaN, cpuUtilizationTarget: 200 })), later(() => FeatureOnlineServing.bigtable(null as any)),
      'optimized'],
    syncSchedule: [FeatureSyncSchedule.HOURLY, later(() => FeatureSyncSchedule.cron('0 3 * * *', 'Europe/Amsterdam')), later(() => FeatureSyncSchedule.cron('bad')),
      later(() => FeatureSyncSchedule.cron('0 3 * * *', 'Mars/Olympus')), later(() => FeatureSyncSchedule.cron(d.string)), later(() => FeatureSyncSchedule.cron(null as any)), '0 * * * *'],
    removalPolicy: [RemovalPolicy.DESTROY],
  }),
  build: (scope, id, props) => new FeatureStore(scope, id, props as any),
};

const L4 = { gpu: GpuType.L4, gpusPerNode: 1 };

const gpuTrainingCluster: PropertySuite<Deps> = {
  name: 'GpuTrainingCluster',
  deps: platformDeps,
  base: (d) => ({ lake: d.lake, location: 'europe-west4', network: 'ml-vpc' }),
  alternatives: (d) => ({
    lake: [undefined, {}, 'lake'],
    inputZones: [['curated'], ['nowhere'], 'curated', [null], [], d.list],
    location: [...regions(d), 'europe-west4-a', 'europe-west4-z'],
    network: ['other-vpc', 'projects/acme/global/networks/ml-vpc', 'Bad Net', '', d.string],
    subnetwork: ['ml-subnet', 'Bad Subnet', d.string],
    prefix: ['acme-gpus', 'Bad Prefix'],
    clusterName: ['acme-gpus', 'bad name!', 'x'.repeat(60)],
    gkeCluster: [true, false, 'true'],
    project: projects(d),
    gpuPools: [[], [{ name: 'l4', accelerator: L4, spot: true }], [{ name: 'l4', accelerator: L4 }, { name: 'l4', accelerator: L4 }], [null], [{ name: 'l4' }],
      [{ name: 'Bad Pool', accelerator: L4 }], [{ name: 'h100', accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 } }],
      [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 3 } }], [{ name: 'l4', accelerator: { gpu: 'L4', gpusPerNode: 1 } }],
      [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: NaN } }], [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: d.number } }], { l4: L4 }],
    releaseChannel: ['REGULAR', 'STABLE', 'regular', 'NIGHTLY'],
    masterIpv4CidrBlock: ['172.16.0.0/28', '172.16.0.0/24', '10.0.0.0', 'x', d.string],
    masterAuthorizedNetworks: [[], [{ cidrBlock: '10.0.0.0/8', displayName: 'office' }], [{ cidrBlock: 'x' }], [null], '10.0.0.0/8'],
    privateEndpoint: [true, false],
    podsSecondaryRangeName: ['pods', 'Bad Range'],
    servicesSecondaryRangeName: ['services', ''],
    encryptionKey: keys(d),
    deletionProtection: [true, false, 'false'],
    systemMachineType: ['e2-standard-4', 'n1-standard-2', 'bad type', ''],
    trainingNamespace: ['training', 'Bad_NS', 'x'.repeat(70)],
    trainingKubernetesServiceAccount: ['trainer', 'Bad SA'],
  }),
  build: (scope, id, props) => new GpuTrainingCluster(scope, id, props as any),
};

const modelEndpoint: PropertySuite<Deps> = {
  name: 'ModelEndpoint',
  deps: platformDeps,
  base: () => ({ prefix: 'churn', region: 'europe-west4' }),
  alternatives: (d) => ({
    prefix: ['fraud', 'Bad Prefix', 'x'.repeat(70), '', d.string],
    project: projects(d),
    region: regions(d),
    platform: [ModelEndpointPlatform.VERTEX_AI, ModelEndpointPlatform.CLOUD_RUN, later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE })),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, cpu: 2, memory: Size.gibibytes(2), port: 8080, environment: { MODEL: 'churn' } })),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, memory: Size.mebibytes(1) } as any)),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, memory: 512 } as any)),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, cpu: NaN, port: 70000 })),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, environment: { PORT: '1' } })),
      later(() => ModelEndpointPlatform.cloudRun({ image: IMAGE, environment: 'x' } as any)),
      later(() => ModelEndpointPlatform.cloudRun({ image: '' })), later(() => ModelEndpointPlatform.cloudRun(null as any)),
      later(() => ModelEndpointPlatform.cloudRun({ image: d.string, cpu: d.number })),
      later(() => ModelEndpointPlatform.vertexAi({})), later(() => ModelEndpointPlatform.vertexAi(null as any)), later(() => ModelEndpointPlatform.vertexAi('x' as any)),
      'VERTEX_AI'],
    accelerator: [L4, { gpu: GpuType.T4, gpusPerNode: 1 }, { gpu: GpuType.L4, gpusPerNode: 3 }, { gpu: 'L4', gpusPerNode: 1 }, { gpu: GpuType.L4 }, {},
      { gpu: GpuType.L4, gpusPerNode: d.number }, { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 }],
    minReplicas: [1, 0, 2, 1.5, -1, NaN, d.number, '1'],
    maxReplicas: [3, 1, 0, 1000, d.number, Infinity],
    encryptionKey: keys(d),
    captureLake: [d.lake, {}, 'lake'],
    captureZone: ['raw', 'curated', 'nowhere', d.string],
    captureSamplingPercentage: [50, 0, 100, 101, -5, 12.5, NaN, d.number],
    deployment: [ModelEndpointDeployment.canary(),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(10) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(150) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(NaN) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(d.number) })),
      later(() => ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent('10' as any) })),
      later(() => ModelEndpointDeployment.canary({ size: 10 } as any)),
      later(() => ModelEndpointDeployment.canary({ bakeTime: Duration.minutes(10), terminationWait: Duration.minutes(5) })),
      later(() => ModelEndpointDeployment.canary({ bakeTime: 60 } as any)),
      later(() => ModelEndpointDeployment.canary({ bakeTime: Duration.days(30), terminationWait: Duration.seconds(-1) })),
      later(() => ModelEndpointDeployment.canary({ bakeTime: Duration.minutes(d.number) })),
      later(() => ModelEndpointDeployment.canary(null as any)), later(() => ModelEndpointDeployment.canary('canary' as any)), 'canary'],
    errorRateAlarmThreshold: [0.05, 0, 1, 1.5, -0.1, NaN, d.number],
    modelLatencyAlarmThreshold: [Duration.seconds(2), Duration.seconds(0), Duration.days(2), later(() => Duration.seconds(d.number))],
  }),
  build: (scope, id, props) => new ModelEndpoint(scope, id, props as any),
};

const modelRegistry: PropertySuite<Deps> = {
  name: 'ModelRegistry',
  deps: platformDeps,
  base: (d) => ({ lake: d.lake, modelId: 'fraud' }),
  alternatives: (d) => ({
    lake: [undefined, {}, 'lake'],
    modelId: ['churn-v2', 'Bad Model', 'x'.repeat(200), '', d.string, 7],
    region: regions(d),
    project: projects(d),
    prefix: ['acme-models', 'Bad Prefix', d.string],
    encryptionKey: keys(d),
    removalPolicy: [RemovalPolicy.DESTROY, 'destroy'],
  }),
  build: (scope, id, props) => new ModelRegistry(scope, id, props as any),
};

const trainingPipeline: PropertySuite<Deps> = {
  name: 'TrainingPipeline',
  deps: platformDeps,
  base: (d) => ({ lake: d.lake, training: d.training, registry: d.registry, spec: churnSpec() }),
  alternatives: (d) => ({
    lake: [undefined, {}, d.registry],
    spec: [churnTraining, 'churn', {}, later(() => churnSpec({ label: 'missing' })), later(() => churnSpec({ bar: NaN })), later(() => churnSpec({ bar: d.number })),
      later(() => churnSpec({ name: 'Bad Name' })), later(() => new TrainingPipelineSpec(null as any)),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customerDaily, label: 'churned', metric: 'AUC' as any, bar: 0.7 })),
      later(() => new TrainingPipelineSpec({ name: 'churn', schema: customerDaily, label: 'churned', metric: EvaluationMetric.AUC, bar: 0.7 }))],
    training: [undefined, {}, d.lake, 'cluster'],
    registry: [undefined, {}, d.lake],
    sourceZone: ['raw', 'curated', 'nowhere'],
    schedule: [TrainingSchedule.daily(), TrainingSchedule.none(), later(() => TrainingSchedule.cron('0 4 * * 1', 'Europe/Amsterdam')), later(() => TrainingSchedule.cron('nope')),
      later(() => TrainingSchedule.cron('0 4 * * *', 'Nowhere/Else')), later(() => TrainingSchedule.cron(null as any)), 'daily'],
    image: [IMAGE, '', 'not an image', d.string],
    machineType: ['n1-standard-8', 'g2-standard-8', 'bad', '', d.string],
    notificationChannels: [[], ['projects/acme/notificationChannels/7'], 'x', [null], ['bad'], d.list],
    project: projects(d),
    region: regions(d),
    workflowName: ['churn-training', 'Bad Name', 'x'.repeat(80)],
    prefix: ['acme-train', 'Bad Prefix'],
    encryptionKey: keys(d),
    jobTimeout: [Duration.hours(6), Duration.seconds(0), Duration.days(30), later(() => Duration.hours(d.number)), 3600],
  }),
  build: (scope, id, props) => new TrainingPipeline(scope, id, props as any),
};

/** A pipeline and an endpoint capturing into the lake, for the drift monitor. */
function driftDeps(stack: TerraformStack) {
  const d = platformDeps(stack);
  const pipeline = new TrainingPipeline(stack, `Pipeline${++pipelines}`, { lake: d.lake, training: d.training, registry: d.registry, spec: churnSpec() });
  const endpoint = new ModelEndpoint(stack, `Endpoint${++endpoints}`, { prefix: 'churn', region: 'europe-west4', captureLake: d.lake, captureSamplingPercentage: 50 });
  return { ...d, pipeline, endpoint };
}

type DriftDeps = ReturnType<typeof driftDeps>;

const driftMonitor: PropertySuite<DriftDeps> = {
  name: 'DriftMonitor',
  deps: driftDeps,
  freshDepsAfterValidRun: true,
  base: (d) => ({ spec: churnDrift(), lake: d.lake, endpoint: d.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'churn-v1' }), retrain: d.pipeline }),
  alternatives: (d) => ({
    spec: [undefined, {}, 'spec', later(() => churnDrift({ fields: ['missing'] })), later(() => churnDrift({ fields: 'orders_7d' } as any)), later(() => new DriftSpec(null as any)), later(() => churnDrift({ schema: badSchema() }))],
    lake: [undefined, {}, d.registry],
    resultsZone: ['curated', 'raw', 'nowhere', d.string],
    endpoint: [undefined, {}, 'endpoint', d.lake],
    baseline: [undefined, {}, 'baseline', later(() => DriftBaseline.fromLakeTable('nowhere', 'customer_daily')), later(() => DriftBaseline.fromLakeTable('curated', 'missing')),
      later(() => DriftBaseline.fromLakeTable(null as any, 'x')), later(() => DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'Bad Id!' })),
      later(() => DriftBaseline.fromLakeTable('curated', 'customer_daily', null as any))],
    window: [Duration.days(1), Duration.seconds(1), Duration.days(400), later(() => Duration.hours(d.number)), 86400],
    schedule: [later(() => DriftSchedule.rate(Duration.hours(6))), later(() => DriftSchedule.rate(Duration.seconds(1))), later(() => DriftSchedule.rate(Duration.hours(d.number))),
      later(() => DriftSchedule.rate(6 as any)), later(() => DriftSchedule.cron('0 * * * *')), later(() => DriftSchedule.cron('bad')),
      later(() => DriftSchedule.cron('0 * * * *', 'Mars/Olympus')), 'hourly'],
    retrain: [undefined, {}, d.training],
    notificationChannels: [[], ['projects/acme/notificationChannels/7'], 'x', [null], d.list],
    project: projects(d),
    region: regions(d),
    prefix: ['acme-drift', 'Bad Prefix'],
    workflowName: ['churn-drift', 'Bad Name'],
    encryptionKey: keys(d),
  }),
  build: (scope, id, props) => new DriftMonitor(scope, id, props as any),
};

const DELIVERY = {
  prefix: 'acme-ml', repository: 'acme/ml-platform', connection: 'github-acme', project: 'acme-ml-ci', region: 'europe-west4',
  stagingProject: 'acme-ml-staging', productionProject: 'acme-ml-prod', encryptionKey: { id: 'projects/acme-ml-ci/locations/europe-west4/keyRings/delivery/cryptoKeys/delivery' },
};

const deliveryPipeline: PropertySuite<Deps> = {
  name: 'DeliveryPipeline',
  deps: platformDeps,
  base: () => ({ ...DELIVERY }),
  alternatives: (d) => ({
    prefix: ['acme-two', 'Bad Prefix', 'x'.repeat(70), d.string],
    bucketPrefix: ['acme-ci', 'Bad_Bucket', d.string],
    repository: ['acme/other', 'acme', 'a/b/c', '', d.string],
    connection: ['github', 'Bad Conn', 'projects/acme/locations/europe-west4/connections/github', d.string],
    branch: ['main', 'release/1', '', d.string],
    branchFilter: ['^main$', '(', ''],
    installCommands: [['npm ci'], [], 'npm ci', [null], [''], d.list],
    testCommands: [['npm test'], 'npm test', [7]],
    synthCommands: [['npx cdktf synth'], 'x'],
    stagingProject: [...projects(d), 'acme-ml-prod', 'acme-ml-ci'],
    productionProject: [...projects(d), 'acme-ml-staging'],
    stagingStack: ['staging', 'Bad Stack', ''],
    productionStack: ['production', 'staging'],
    deployRoles: [['roles/editor'], ['roles/run.admin', 'roles/storage.admin'], ['editor'], 'roles/editor', [null]],
    productionApproval: [ProductionApproval.manual(), later(() => ProductionApproval.waived('a demo project')), later(() => ProductionApproval.waived('')),
      later(() => ProductionApproval.waived(null as any)), later(() => ProductionApproval.manual(null as any)), 'manual'],
    allowSharedEnvironment: [true, false, 'yes'],
    modelRegistry: [d.registry, {}, 'registry'],
    modelRollout: [{}, { endpoint: 'x' }, 'x', null],
    cloudRunDelivery: [{}, { service: 'x' }, 'x'],
    project: projects(d),
    region: regions(d),
    encryptionKey: keys(d),
    removalPolicy: [RemovalPolicy.DESTROY, 'destroy'],
    nodeImage: ['node:20', '', 'Bad Image!'],
    terraformImage: ['hashicorp/terraform:1.9', ''],
  }),
  build: (scope, id, props) => new DeliveryPipeline(scope, id, props as any),
};

const mlopsPlatform: PropertySuite<Deps> = {
  name: 'MlopsPlatform',
  deps: (stack) => ({ stack, ...variables(stack) }) as any,
  base: () => ({ level: 1, training: churnTraining, events: orders, region: 'europe-west4', network: 'ml-vpc' }),
  alternatives: (d) => ({
    level: [0, 1, 2, 3, 4, -1, 1.5, NaN, '1', d.number],
    prefix: ['acme', 'Bad Prefix', d.string],
    lakePrefix: ['acme-lake', 'Bad_Lake'],
    training: [churnSpec(), 'churn', {}, later(() => churnSpec({ bar: NaN }))],
    events: [clicks, customerDaily, badSchema(), 'orders', {}],
    featureGroups: [[], [new FeatureGroupSpec({ name: 'customer_orders', schema: orders })], [null], 'x', [{}]],
    project: projects(d),
    region: regions(d),
    encryptionKey: [KEY, { id: 'projects/acme/locations/us-central1/keyRings/ml/cryptoKeys/x' }, 'key', { id: 7 }],
    network: ['other-vpc', 'Bad Net', '', d.string],
    delivery: [{ repository: 'acme/ml-platform', connection: 'github', stagingProject: 'acme-ml-staging', productionProject: 'acme-ml-prod' },
      { repository: 'acme', connection: 'github', stagingProject: 'acme-ml-staging', productionProject: 'acme-ml-prod' }, {}, 'x'],
    drift: [{}, { spec: churnDrift() }, { spec: 'x' }, 'x'],
    schedule: [TrainingSchedule.daily(), TrainingSchedule.none(), 'daily'],
    notificationChannels: [[], ['projects/acme/notificationChannels/7'], 'x', [null]],
    removalPolicy: [RemovalPolicy.DESTROY, 'destroy'],
  }),
  build: (scope, id, props) => new MlopsPlatform(scope, id, props as any),
};

export const GCP_PROPERTY_SUITES: readonly PropertySuite<any>[] = [
  dataLake, streamingIngest, featureStore, gpuTrainingCluster, modelEndpoint, modelRegistry, trainingPipeline, driftMonitor, deliveryPipeline, mlopsPlatform,
];

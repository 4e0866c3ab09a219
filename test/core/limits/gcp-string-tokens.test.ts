/**
 * A string Terraform variable (`new TerraformVariable(...).stringValue`) passed to each string prop
 * of the Google Cloud constructs that is checked against a pattern, a length or a list (names,
 * prefixes, projects, regions, zones, images, schedules): synth either succeeds (the Terraform JSON
 * refers to the variable: the service checks it at apply) or fails with the library's error naming
 * the prop and saying a literal is needed — never with the token's text (`${TfToken[TOKEN.12]}`).
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { FeatureGroupSpec, GpuType } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, DeliveryPipeline, DeliveryPipelineProps, DriftBaseline, DriftMonitor, DriftMonitorProps, DriftSchedule, FeatureStore,
  FeatureStoreProps, FeatureSyncSchedule, GpuTrainingCluster, GpuTrainingClusterProps, MlopsPlatform, ModelEndpoint, ModelEndpointPlatform,
  ModelEndpointProps, ModelRegistry, ModelRegistryProps, ProductionApproval, StreamingIngest, StreamingIngestProps, TrainingPipeline,
  TrainingPipelineProps, TrainingSchedule,
} from 'mlops-constructs/gcp';
import { churnTraining, orders } from '../../../examples/schemas';
import { churnDrift } from '../../gcp/drift-monitor/fixtures';
import { PROPS as DELIVERY } from '../../gcp/delivery-pipeline/fixtures';
import { newStack } from '../../gcp/support';
import { churnSpec, customerDaily, KEY } from '../../gcp/training-pipeline/fixtures';
import { clicks } from '../../property/schemas';
import { expectPassedOnOrLiteralRequired } from './token-outcome';

const IMAGE = 'europe-west4-docker.pkg.dev/acme-ml/serving/churn:1';

/** A string Terraform variable of `stack`. */
const variable = (stack: TerraformStack) => new TerraformVariable(stack, 'text', { type: 'string' }).stringValue;
/** How the Terraform JSON refers to it. */
const REFERENCE = 'var.text';

/** Builds constructs in `stack` with the token `t` in one prop. */
type Case = [property: string, build: (stack: TerraformStack, t: string) => void];

function run(cases: Case[]): void {
  test.each(cases)('%s: passed on, or the library error says a literal is needed', (property, build) => {
    expectPassedOnOrLiteralRequired(property, () => {
      const stack = newStack();
      build(stack, variable(stack));
      return JSON.stringify(stack.toTerraform());
    }, REFERENCE);
  });
}

const lakeOf = (stack: TerraformStack) => new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'europe-west4', encryptionKey: KEY, tables: [{ zone: 'curated', schema: customerDaily }] });

describe('DataLake: a string Terraform variable', () => {
  const lake = (props: (t: string) => Partial<DataLakeProps>) => (s: TerraformStack, t: string) => new DataLake(s, 'Lake', { prefix: 'acme-ml', location: 'europe-west4', ...props(t) } as DataLakeProps);
  run([
    ['prefix', lake((t) => ({ prefix: t }))],
    ['project', lake((t) => ({ project: t }))],
    ['location', lake((t) => ({ location: t }))],
    ['zones[0].name', lake((t) => ({ zones: [{ name: t }] }))],
    ['tables[0].zone', lake((t) => ({ tables: [{ zone: t, schema: orders }] }))],
    ['encryptionKey.id', lake((t) => ({ encryptionKey: { id: t } }))],
  ]);
});

describe('StreamingIngest: a string Terraform variable', () => {
  const ingest = (props: (t: string) => Partial<StreamingIngestProps>) => (s: TerraformStack, t: string) => new StreamingIngest(s, 'Ingest', { lake: lakeOf(s), schema: clicks, ...props(t) });
  run([
    ['zone', ingest((t) => ({ zone: t }))],
    ['prefix', ingest((t) => ({ prefix: t }))],
    ['project', ingest((t) => ({ project: t }))],
  ]);
});

describe('FeatureStore: a string Terraform variable', () => {
  const store = (props: (t: string) => Partial<FeatureStoreProps>) => (s: TerraformStack, t: string) => new FeatureStore(s, 'Features', {
    lake: lakeOf(s), featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily }) }], ...props(t),
  });
  run([
    ['prefix', store((t) => ({ prefix: t }))],
    ['project', store((t) => ({ project: t }))],
    ['region', store((t) => ({ region: t }))],
    ['offlineZone', store((t) => ({ offlineZone: t }))],
    ['syncSchedule', store((t) => ({ syncSchedule: FeatureSyncSchedule.cron(t) }))],
    ['syncSchedule', store((t) => ({ syncSchedule: FeatureSyncSchedule.cron('0 3 * * *', t) }))],
  ]);
});

describe('GpuTrainingCluster: a string Terraform variable', () => {
  const cluster = (props: (t: string) => Partial<GpuTrainingClusterProps>) => (s: TerraformStack, t: string) => new GpuTrainingCluster(s, 'Training', {
    lake: lakeOf(s), location: 'europe-west4', network: 'ml-vpc', ...props(t),
  } as GpuTrainingClusterProps);
  run([
    ['location', cluster((t) => ({ location: t }))],
    ['network', cluster((t) => ({ network: t }))],
    ['subnetwork', cluster((t) => ({ subnetwork: t }))],
    ['project', cluster((t) => ({ project: t }))],
    ['clusterName', cluster((t) => ({ clusterName: t }))],
    ['masterIpv4CidrBlock', cluster((t) => ({ masterIpv4CidrBlock: t }))],
    ['trainingNamespace', cluster((t) => ({ trainingNamespace: t }))],
    ['systemMachineType', cluster((t) => ({ systemMachineType: t }))],
    ['gpuPools[0].name', cluster((t) => ({ gpuPools: [{ name: t, accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }] }))],
  ]);
});

describe('ModelEndpoint: a string Terraform variable', () => {
  const endpoint = (props: (t: string, lake: DataLake) => Partial<ModelEndpointProps>) => (s: TerraformStack, t: string) => {
    const lake = lakeOf(s);
    new ModelEndpoint(s, 'Endpoint', { prefix: 'churn', region: 'europe-west4', ...props(t, lake) } as ModelEndpointProps);
  };
  run([
    ['prefix', endpoint((t) => ({ prefix: t }))],
    ['project', endpoint((t) => ({ project: t }))],
    ['region', endpoint((t) => ({ region: t }))],
    ['captureZone', endpoint((t, lake) => ({ captureLake: lake, captureZone: t }))],
    ['platform.image', endpoint((t) => ({ platform: ModelEndpointPlatform.cloudRun({ image: t }) }))],
  ]);
});

describe('ModelRegistry: a string Terraform variable', () => {
  const registry = (props: (t: string) => Partial<ModelRegistryProps>) => (s: TerraformStack, t: string) => new ModelRegistry(s, 'Registry', { lake: lakeOf(s), modelId: 'churn', ...props(t) } as ModelRegistryProps);
  run([
    ['modelId', registry((t) => ({ modelId: t }))],
    // The registry declares no regional resource; its region reaches Terraform through a pipeline that registers models.
    ['region', (s, t) => {
      const lake = lakeOf(s);
      const registry = new ModelRegistry(s, 'Registry', { lake, modelId: 'churn', region: t });
      new TrainingPipeline(s, 'Pipeline', { lake, training: new GpuTrainingCluster(s, 'Training', { lake, location: 'europe-west4', network: 'ml-vpc' }), registry, spec: churnSpec() });
    }],
    ['project', registry((t) => ({ project: t }))],
    ['prefix', registry((t) => ({ prefix: t }))],
  ]);
});

function pipeline(s: TerraformStack, props: Partial<TrainingPipelineProps>): TrainingPipeline {
  const lake = lakeOf(s);
  const training = new GpuTrainingCluster(s, 'Training', { lake, location: 'europe-west4', network: 'ml-vpc' });
  const registry = new ModelRegistry(s, 'Registry', { lake, modelId: 'churn' });
  return new TrainingPipeline(s, 'Pipeline', { lake, training, registry, spec: churnSpec(), ...props });
}

describe('TrainingPipeline: a string Terraform variable', () => {
  run([
    ['sourceZone', (s, t) => pipeline(s, { sourceZone: t })],
    ['image', (s, t) => pipeline(s, { image: t })],
    ['machineType', (s, t) => pipeline(s, { machineType: t })],
    ['workflowName', (s, t) => pipeline(s, { workflowName: t })],
    ['region', (s, t) => pipeline(s, { region: t })],
    ['schedule', (s, t) => pipeline(s, { schedule: TrainingSchedule.cron(t) })],
    ['schedule', (s, t) => pipeline(s, { schedule: TrainingSchedule.cron('0 4 * * *', t) })],
    ['spec.name', (s, t) => pipeline(s, { spec: churnSpec({ name: t }) })],
  ]);
});

function monitor(s: TerraformStack, props: Partial<DriftMonitorProps>): DriftMonitor {
  const lake = lakeOf(s);
  const endpoint = new ModelEndpoint(s, 'Endpoint', { prefix: 'churn', region: 'europe-west4', captureLake: lake, captureSamplingPercentage: 50 });
  return new DriftMonitor(s, 'Drift', {
    spec: churnDrift(), lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'churn-v1' }), ...props,
  });
}

describe('DriftMonitor: a string Terraform variable', () => {
  run([
    ['resultsZone', (s, t) => monitor(s, { resultsZone: t })],
    ['workflowName', (s, t) => monitor(s, { workflowName: t })],
    ['schedule', (s, t) => monitor(s, { schedule: DriftSchedule.cron(t) })],
    ['baseline.zone', (s, t) => monitor(s, { baseline: DriftBaseline.fromLakeTable(t, 'customer_daily') })],
    ['baseline.tableName', (s, t) => monitor(s, { baseline: DriftBaseline.fromLakeTable('curated', t) })],
    ['baseline.baselineId', (s, t) => monitor(s, { baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: t }) })],
  ]);
});

describe('DeliveryPipeline: a string Terraform variable', () => {
  const delivery = (props: (t: string) => Partial<DeliveryPipelineProps>) => (s: TerraformStack, t: string) => new DeliveryPipeline(s, 'Delivery', { ...DELIVERY, ...props(t) });
  run([
    ['prefix', delivery((t) => ({ prefix: t }))],
    ['repository', delivery((t) => ({ repository: t }))],
    ['connection', delivery((t) => ({ connection: t }))],
    ['branch', delivery((t) => ({ branch: t }))],
    // The projects are used by the deploy roles' grants (none by default).
    ['stagingProject', delivery((t) => ({ stagingProject: t, deployRoles: ['roles/run.admin'] }))],
    ['productionProject', delivery((t) => ({ productionProject: t, deployRoles: ['roles/run.admin'] }))],
    ['productionApproval.reason', delivery((t) => ({ productionApproval: ProductionApproval.waived(t) }))],
    ['cloudRunDelivery.imageName', delivery((t) => ({ cloudRunDelivery: { imageName: t } }))],
  ]);
});

describe('MlopsPlatform: a string Terraform variable', () => {
  const platform = (props: (t: string) => Record<string, unknown>) => (s: TerraformStack, t: string) => new MlopsPlatform(s, 'Platform', {
    level: 1, training: churnTraining, events: orders, region: 'europe-west4', network: 'ml-vpc', ...props(t),
  } as never);
  run([
    ['prefix', platform((t) => ({ prefix: t }))],
    ['network', platform((t) => ({ network: t }))],
  ]);
});

test('the image a Cloud Run endpoint is built with keeps a literal untouched', () => {
  const stack = newStack();
  new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', region: 'europe-west4', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE }) });
  expect(JSON.stringify(stack.toTerraform())).toContain(IMAGE);
});

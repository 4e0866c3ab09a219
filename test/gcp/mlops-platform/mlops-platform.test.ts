/**
 * MlopsPlatform on Google Cloud: each level's construct tree holds exactly the constructs its
 * definition lists (lib/core/maturity), growing a level keeps every stateful resource of the
 * lower level as it is (address and configuration), the reference stacks take their project and
 * region from validated variables, and bad input fails at synth naming the prop.
 */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import * as gcp from 'mlops-constructs/gcp';
import { FeatureGroupSpec, maturityLevelCapabilities, maturityLevelConstructs, MlopsValidationError } from 'mlops-constructs';
import { MlopsPlatform, MlopsPlatformProps } from 'mlops-constructs/gcp';
import { createLevelStack, levelApis, LEVEL_PROJECT_PATTERN, LEVEL_REGION_PATTERN } from '../../../examples/gcp/levels';
import { churnRetraining, churnTraining, orders } from '../../../examples/schemas';
import { gcpStatefulIds, GCP_STATEFUL_TYPES } from '../../../tools/stateful';
import { newStack, Synth } from '../support';

const KEY = { id: 'projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform' };

const DELIVERY = { repository: 'acme/ml-platform', connection: 'github', stagingProject: 'acme-ml-staging', productionProject: 'acme-ml-prod' };

/** A platform at `props.level` (1 unless given) with what that level needs: delivery from 2, a promoting spec at 3. */
function platform(stack: Construct, props: Partial<MlopsPlatformProps> = {}): MlopsPlatform {
  const level = props.level ?? 1;
  return new MlopsPlatform(stack, 'Platform', {
    level,
    training: level === 3 ? churnRetraining : churnTraining,
    events: orders,
    region: 'europe-west4',
    encryptionKey: KEY,
    network: 'ml-vpc',
    delivery: typeof level === 'number' && level >= 2 ? DELIVERY : undefined,
    ...props,
  });
}

/** The classes the gcp entry point exports, by constructor. */
const LIBRARY_CLASSES = new Map<unknown, string>(Object.entries(gcp).filter(([, v]) => typeof v === 'function').map(([name, v]) => [v, name]));

/** The library's construct classes in the tree below `root` (the root itself left out). */
function libraryConstructsBelow(root: IConstruct): string[] {
  return [...new Set(root.node.findAll().filter((c) => c !== root).map((c) => LIBRARY_CLASSES.get(c.constructor)).filter((n): n is string => n !== undefined))].sort();
}

/** A reference stack's Terraform JSON. */
function levelDocument(level: number): any {
  const app = Testing.app();
  return JSON.parse(JSON.stringify(createLevelStack(app, level).toTerraform()));
}

/** The configuration of every stateful resource, without metadata and dependencies (adding a dependency replaces nothing). */
function statefulConfigs(doc: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const address of Object.keys(gcpStatefulIds(doc))) {
    const [type, name] = address.split('.');
    const { '//': _meta, depends_on: _deps, ...config } = doc.resource[type][name];
    out[address] = config;
  }
  return out;
}

describe('the construct tree of each level is what MATURITY_LEVELS says', () => {
  test.each([0, 1, 2, 3])('level %i', (level) => {
    const stack = newStack();
    const p = platform(stack, { level });
    expect(libraryConstructsBelow(p)).toEqual([...maturityLevelConstructs(level)].sort());
    expect(p.capabilities).toEqual(maturityLevelCapabilities(level));
    expect(p.level).toBe(level);
  });

  test('the children have fixed ids, whatever the level', () => {
    const ids = (level: number) => platform(newStack(), { level }).node.children.map((c) => c.node.id);
    expect(ids(0)).toEqual(['Lake', 'Registry', 'Endpoint']);
    expect(ids(1)).toEqual(['Lake', 'Registry', 'Endpoint', 'Ingest', 'Features', 'Training', 'Pipeline']);
    expect(ids(2)).toEqual(['Lake', 'Registry', 'Endpoint', 'Ingest', 'Features', 'Training', 'Pipeline', 'Delivery']);
    expect(ids(3)).toEqual(['Lake', 'Registry', 'Endpoint', 'Ingest', 'Features', 'Training', 'Pipeline', 'Delivery', 'Drift']);
  });

  test('level 0: the lake holds the spec\'s table in curated, the registry is named after the spec, the endpoint captures nothing', () => {
    const stack = newStack();
    const p = platform(stack, { level: 0 });
    const synth = new Synth(stack);
    expect(synth.at('google_bigquery_table', 'Platform/Lake/Zone-curated/Table-customer_churn')).toMatchObject({ table_id: 'customer_churn', encryption_configuration: { kms_key_name: KEY.id } });
    expect(p.registry.modelId).toBe('churn');
    expect(synth.at('google_vertex_ai_endpoint', 'Platform/Endpoint/Resource').predict_request_response_logging_config).toBeUndefined();
    expect(p.ingest).toBeUndefined();
    expect(p.pipeline).toBeUndefined();
    expect(synth.resources('google_workflows_workflow')).toHaveLength(0);
  });

  test('level 1: the endpoint logs into the lake\'s raw zone, the stream feeds the raw zone, training has no GKE cluster, the pipeline is scheduled', () => {
    const stack = newStack();
    const p = platform(stack, { level: 1 });
    const synth = new Synth(stack);
    expect(synth.at('google_vertex_ai_endpoint', 'Platform/Endpoint/Resource').predict_request_response_logging_config).toMatchObject({
      enabled: true,
      bigquery_destination: { output_uri: expect.stringContaining('platform_request_response_logging') },
    });
    expect(synth.at('google_vertex_ai_endpoint', 'Platform/Endpoint/Resource').predict_request_response_logging_config.bigquery_destination.output_uri)
      .toContain(synth.ref('google_bigquery_dataset', 'Platform/Lake/Zone-raw/Dataset', 'dataset_id'));
    expect(synth.at('google_bigquery_table', 'Platform/Lake/Zone-raw/Table-orders')).toMatchObject({ table_id: 'orders' });
    expect(synth.at('google_pubsub_topic', 'Platform/Ingest/Resource')).toMatchObject({ name: 'platform-orders' });
    expect(synth.resources('google_container_cluster')).toHaveLength(0);
    expect(synth.resources('google_container_node_pool')).toHaveLength(0);
    expect(p.trainingCluster!.cluster).toBeUndefined();
    expect(p.trainingCluster!.trainingJobProfile.region).toBe('europe-west4');
    expect(synth.at('google_workflows_workflow', 'Platform/Pipeline/Resource')).toMatchObject({ name: 'platform-churn', region: 'europe-west4' });
    expect(synth.at('google_cloud_scheduler_job', 'Platform/Pipeline/Schedule')).toMatchObject({ schedule: '0 3 * * *' });
    expect(synth.at('google_vertex_ai_feature_group', 'Platform/Features/Group-churn/Resource')).toMatchObject({ name: 'platform_churn' });
    expect(p.featureStore!.featureGroups.map((g) => g.spec.name)).toEqual([MlopsPlatform.defaultFeatureGroup(churnTraining).name]);
  });

  test('level 2: the delivery pipeline builds the repository through the connection, and each champion the registry announces re-runs it', () => {
    const stack = newStack();
    const p = platform(stack, { level: 2 });
    const synth = new Synth(stack);
    expect(synth.at('google_cloudbuildv2_repository', 'Platform/Delivery/Repository')).toMatchObject({ name: 'ml-platform', remote_uri: 'https://github.com/acme/ml-platform.git', location: 'europe-west4' });
    const model = synth.at('google_cloudbuild_trigger', 'Platform/Delivery/ModelTrigger');
    expect(model.pubsub_config.topic).toBe(synth.ref('google_pubsub_topic', 'Platform/Registry/Announcements', 'id'));
    expect(synth.at('google_cloudbuild_trigger', 'Platform/Delivery/ProductionTrigger').approval_config).toEqual({ approval_required: true });
    expect(synth.at('google_storage_bucket', 'Platform/Delivery/StateBucket')).toMatchObject({ name: 'platform-tfstate', encryption: { default_kms_key_name: KEY.id } });
    expect(p.deliveryPipeline!.stagingBackend).toEqual({ bucket: 'platform-tfstate', prefix: 'staging' });
    expect(p.driftMonitor).toBeUndefined();
  });

  test('level 3: the drift monitor reads the endpoint\'s request log against the training table and starts the pipeline on a breach', () => {
    const stack = newStack();
    const p = platform(stack, { level: 3 });
    const synth = new Synth(stack);
    const monitor = p.driftMonitor!;
    expect(monitor.spec.schema.name).toBe('churn_requests');
    expect(monitor.spec.schema.fields.map((f) => f.name)).not.toContain('churned_30d');
    expect(monitor.baselineId).toBe('churn-training');
    expect(monitor.windowQuery).toContain('mlops_request_response_logging'.replace('mlops', 'platform'));
    expect(monitor.baselineQuery).toContain('customer_churn');
    const drift = synth.at('google_workflows_workflow', 'Platform/Drift/Resource');
    expect(drift.name).toBe('platform-drift');
    // The retraining step starts the pipeline's workflow, `platform-churn`, by name.
    expect(JSON.stringify(drift.source_contents)).toContain('platform-churn');
    expect(synth.at('google_cloud_scheduler_job', 'Platform/Drift/Schedule').schedule).toBe('15 0 * * *');
    expect(synth.at('google_bigquery_table', 'Platform/Lake/Zone-curated/Table-drift_results')).toMatchObject({ table_id: 'drift_results' });
  });

  test('the default feature group is the spec\'s schema; given groups replace it', () => {
    const stack = newStack();
    const p = platform(stack, { featureGroups: [new FeatureGroupSpec({ name: 'orders_by_customer', schema: orders })] });
    expect(p.featureStore!.featureGroups.map((g) => g.spec.name)).toEqual(['orders_by_customer']);
  });
});

describe('growing a level replaces no stateful resource (reference stacks)', () => {
  const docs = [0, 1, 2, 3].map(levelDocument);

  test.each([[0, 1], [1, 2], [2, 3]])('every stateful resource of level %i is at level %i, with the same address and configuration', (from, to) => {
    const before = statefulConfigs(docs[from]);
    const after = statefulConfigs(docs[to]);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    for (const [address, config] of Object.entries(before)) {
      expect({ address, config: after[address] }).toEqual({ address, config });
    }
    expect(Object.keys(after).length).toBeGreaterThan(Object.keys(before).length);
  });

  test('the stateful types guarded include the lake, the key and the topics', () => {
    const types = new Set(Object.values(gcpStatefulIds(docs[1])));
    for (const type of ['google_storage_bucket', 'google_bigquery_dataset', 'google_bigquery_table', 'google_kms_key_ring', 'google_kms_crypto_key', 'google_pubsub_topic', 'google_vertex_ai_feature_online_store', 'google_vertex_ai_feature_group']) {
      expect(GCP_STATEFUL_TYPES.has(type) && types.has(type)).toBe(true);
    }
  });
});

describe('the reference stacks', () => {
  test.each([0, 1, 2, 3])('level %i: project and region (from level 2 also the repository and its connection) are validated variables; the provider and every child use them; no literal project, region or repository', (level) => {
    const doc = levelDocument(level);
    expect(Object.keys(doc.variable).sort()).toEqual(level >= 2 ? ['connection', 'project', 'region', 'repository'] : ['project', 'region']);
    expect(doc.variable.project.validation[0].condition).toContain(LEVEL_PROJECT_PATTERN);
    expect(doc.variable.region.validation[0].condition).toContain(LEVEL_REGION_PATTERN);
    expect(doc.provider.google[0]).toMatchObject({ project: '${var.project}', region: '${var.region}' });
    const text = JSON.stringify(doc.resource);
    for (const placeholder of ['acme', 'example', 'my-project', 'us-central1', 'europe-west4']) {
      expect(text).not.toContain(placeholder);
    }
    expect(doc.resource.google_storage_bucket).toBeDefined();
    for (const bucket of Object.values<any>(doc.resource.google_storage_bucket)) {
      expect(bucket.name).toMatch(/^\$\{var\.project\}-mlops-/);
      expect(bucket.location).toBe('${var.region}');
    }
  });

  test('the variables\' patterns accept real ids and regions and refuse others (the same regexes Terraform evaluates)', () => {
    const project = new RegExp(LEVEL_PROJECT_PATTERN);
    const region = new RegExp(LEVEL_REGION_PATTERN);
    expect(['acme-ml-prod', 'my-project-123456'].every((p) => project.test(p))).toBe(true);
    expect(['Acme', 'ab', 'example.com:proj', 'trailing-', '1abcdef'].some((p) => project.test(p))).toBe(false);
    expect(['us-central1', 'europe-west4', 'asia-northeast1', 'me-central2'].every((r) => region.test(r))).toBe(true);
    expect(['mars-north1', 'US', 'us-central1-a', '${var.x}'].some((r) => region.test(r))).toBe(false);
  });

  test.each([0, 1, 2, 3])('level %i: one google_project_service per API of the level, never disabled on destroy, and every platform resource waits for them', (level) => {
    const doc = levelDocument(level);
    const services = Object.values<any>(doc.resource.google_project_service);
    expect(services.map((s) => s.service).sort()).toEqual(levelApis(level).sort());
    for (const s of services) {
      expect(s).toMatchObject({ project: '${var.project}', disable_on_destroy: false });
    }
    const addresses = Object.keys(doc.resource.google_project_service).map((name) => `google_project_service.${name}`);
    for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource)) {
      for (const [name, config] of Object.entries(byName)) {
        if (String(config['//'].metadata.path).includes('/Platform/')) {
          expect({ at: `${type}.${name}`, waits: addresses.every((a) => (config.depends_on ?? []).includes(a)) }).toEqual({ at: `${type}.${name}`, waits: true });
        }
      }
    }
  });

  test.each([2, 3])('level %i builds the repository of the repository variable through the connection variable, in the one project of the stack', (level) => {
    const doc = levelDocument(level);
    expect(Object.values<any>(doc.resource.google_cloudbuildv2_repository)[0]).toMatchObject({
      name: '${element(split("/", var.repository), 1)}', remote_uri: 'https://github.com/${var.repository}.git', parent_connection: '${var.connection}', location: '${var.region}',
    });
    expect(doc.variable.repository.default).toBeUndefined();
    expect(doc.variable.connection.default).toBe('github');
    expect(Object.keys(levelDocument(1).resource)).not.toContain('google_cloudbuild_trigger');
  });

  test.each([0, 1, 2, 3])('level %i: every resource type\'s API is among those the stack enables', (level) => {
    /** The API of a resource type, by its prefix (the first that matches). */
    const API_OF: readonly (readonly [string, string])[] = [
      ['google_project_service', 'serviceusage.googleapis.com'], // enabled by default in every project
      ['google_project_iam_', 'cloudresourcemanager.googleapis.com'],
      ['google_service_account', 'iam.googleapis.com'],
      ['google_kms_', 'cloudkms.googleapis.com'],
      ['google_storage_', 'storage.googleapis.com'],
      ['google_bigquery_', 'bigquery.googleapis.com'],
      ['google_pubsub_', 'pubsub.googleapis.com'],
      ['google_vertex_ai_', 'aiplatform.googleapis.com'],
      ['google_compute_', 'compute.googleapis.com'],
      ['google_service_networking_', 'servicenetworking.googleapis.com'],
      ['google_workflows_', 'workflows.googleapis.com'],
      ['google_cloud_scheduler_', 'cloudscheduler.googleapis.com'],
      ['google_monitoring_', 'monitoring.googleapis.com'],
      ['google_cloudbuild', 'cloudbuild.googleapis.com'],
    ];
    const enabled = new Set([...levelApis(level), 'serviceusage.googleapis.com']);
    for (const type of Object.keys(levelDocument(level).resource)) {
      const api = API_OF.find(([prefix]) => type.startsWith(prefix))?.[1];
      expect({ type, api: api !== undefined && enabled.has(api) ? 'enabled' : api ?? 'unknown' }).toEqual({ type, api: 'enabled' });
    }
  });

  test('level 1 peers the jobs\' network through private services access, and the pipeline\'s default images follow the region variable', () => {
    const doc = levelDocument(1);
    expect(Object.values<any>(doc.resource.google_service_networking_connection)[0]).toMatchObject({ service: 'servicenetworking.googleapis.com' });
    const workflow = Object.values<any>(doc.resource.google_workflows_workflow)[0];
    const host = Object.values<string>(workflow.user_env_vars).find((v) => v.includes('docker.pkg.dev'));
    expect(host).toContain('"europe" = "europe-docker.pkg.dev"');
    expect(host).toContain('split("-", var.region)');
    expect(workflow.source_contents).toContain('/vertex-ai/training/xgboost-cpu.1-7:latest');
    expect(workflow.source_contents).toContain('/vertex-ai/prediction/xgboost-cpu.1-7:latest');
  });
});

describe('bad input fails at synth, naming the prop', () => {
  const fails = (props: Record<string, unknown>, property: string) => {
    let error: unknown;
    try {
      platform(newStack(), props as Partial<MlopsPlatformProps>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    expect((error as MlopsValidationError).property).toBe(property);
    expect((error as MlopsValidationError).constructPath).toBe('stack/Platform');
    return error as MlopsValidationError;
  };

  test('an unknown level (JavaScript too: a string, null)', () => {
    for (const level of [4, -1, 1.5, '1', null]) {
      expect(fails({ level }, 'level').allowed).toContain('0 (manual), 1 (continuous training), 2 (CI/CD), 3 (automated retraining)');
    }
  });

  test('levels 2 and 3 without delivery, or without its connection, name the prop; delivery below level 2 is refused', () => {
    expect(fails({ level: 2, delivery: undefined }, 'delivery.repository').allowed).toContain('"owner/name"');
    expect(fails({ level: 3, delivery: undefined }, 'delivery.repository').allowed).toContain('level 3');
    fails({ level: 2, delivery: null }, 'delivery.repository');
    expect(fails({ level: 2, delivery: { repository: 'acme/ml' } }, 'delivery.connection').allowed).toContain('2nd-gen');
    expect(fails({ level: 1, delivery: DELIVERY }, 'delivery').allowed).toContain('raise level to 2');
    expect(() => platform(newStack(), { level: 2, delivery: { ...DELIVERY, repository: 'not a repo' } })).toThrow(/Platform\/Delivery\] invalid repository/);
  });

  test('level 2 without a key; level 3 with a manual promotion; drift options below level 3 or of the wrong type', () => {
    expect(fails({ level: 2, encryptionKey: undefined }, 'encryptionKey').allowed).toContain('from level 2');
    expect(fails({ level: 3, training: churnTraining }, 'training.promotion').allowed).toContain('PromotionPolicy.whenBetter()');
    expect(fails({ level: 2, drift: {} }, 'drift').allowed).toContain('raise level to 3');
    fails({ level: 3, drift: 'daily' }, 'drift');
    fails({ level: 3, drift: { spec: { schema: orders } } }, 'drift.spec');
  });

  test('props that are not an object', () => {
    expect(() => new MlopsPlatform(newStack(), 'Platform', null as unknown as MlopsPlatformProps)).toThrow(MlopsValidationError);
  });

  test('a training that is not a TrainingPipelineSpec, events that are not a TableSchema, feature groups that are not FeatureGroupSpecs', () => {
    fails({ training: { name: 'churn' } }, 'training');
    fails({ events: 'orders' }, 'events');
    fails({ featureGroups: [] }, 'featureGroups');
    fails({ featureGroups: [{ name: 'x' }] }, 'featureGroups[0]');
  });

  test('a prefix too long, misspelled, not a string, or a token; a construct id that gives no prefix', () => {
    expect(fails({ prefix: 'a-very-long-platform-prefix' }, 'prefix').allowed).toContain('1 to 19 characters');
    fails({ prefix: 'Mlops' }, 'prefix');
    fails({ prefix: 42 }, 'prefix');
    const stack = newStack();
    const variable = new TerraformVariable(stack, 'p', { type: 'string' });
    expect(() => platform(stack, { prefix: variable.stringValue })).toThrow(/a literal value, not a token/);
    expect(() => new MlopsPlatform(newStack(), '42', { level: 0, training: churnTraining })).toThrow(/the construct id "42" gives none/);
  });

  test('level 1 without a network, or with one that is not a string', () => {
    expect(fails({ network: undefined }, 'network').allowed).toContain('private services access');
    fails({ network: 7 }, 'network');
    expect(() => platform(newStack(), { level: 0, network: undefined })).not.toThrow();
  });

  test('a bad project or region literal; iam roles (a platform has no resource of its own)', () => {
    fails({ project: 'Acme' }, 'project');
    fails({ region: 'mars' }, 'region');
    expect(() => platform(newStack(), { iam: { 'roles/viewer': ['user:a@example.com'] } })).toThrow(/grant on its children/);
  });
});

test('the default prefix is the construct id, lowercased', () => {
  const stack: TerraformStack = newStack();
  const p = new MlopsPlatform(stack, 'Churn_Platform', { level: 0, training: churnTraining, region: 'europe-west4', encryptionKey: KEY });
  expect(p.prefix).toBe('churn-platform');
  expect(p.endpoint.prefix).toBe('churn-platform');
});

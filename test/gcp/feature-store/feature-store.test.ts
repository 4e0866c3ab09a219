/**
 * FeatureStore on Google Cloud: what it synthesizes from a DataLake and neutral feature group specs.
 */
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Fn } from 'cdktf';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FeatureGroupSpec, FieldType, TableSchema } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, DEFAULT_FEATURE_SYNC_CRON, FeatureOnlineServing, FeatureOnlineStoreKind, FeatureStore, FeatureStoreProps,
  FeatureSyncSchedule, RemovalPolicy,
} from 'mlops-constructs/gcp';
import { importedLake, newStack, Synth } from '../support';

/** Daily customer aggregates: one string key, a timestamp event time, and a value field of most kinds. */
function customerDaily(): TableSchema {
  return new TableSchema({
    name: 'customer_daily',
    description: 'Daily customer aggregates.',
    fields: [
      { name: 'customer_id', type: FieldType.STRING },
      { name: 'day_end', type: FieldType.TIMESTAMP },
      { name: 'order_count', type: FieldType.INT32, description: 'Orders that day.' },
      { name: 'spend', type: FieldType.decimal(14, 2) },
      { name: 'first_order', type: FieldType.DATE },
      { name: 'last_seen', type: FieldType.TIMESTAMP },
      { name: 'vip', type: FieldType.BOOLEAN },
      { name: 'score', type: FieldType.FLOAT64 },
    ],
    entityKeys: ['customer_id'],
    eventTime: 'day_end',
  });
}

const customerSpec = (overrides: Partial<ConstructorParameters<typeof FeatureGroupSpec>[0]> = {}) =>
  new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily(), ...overrides });

function storeIn(props: Partial<FeatureStoreProps> = {}, lakeProps: Partial<DataLakeProps> = {}, context?: Record<string, unknown>) {
  const stack = newStack(context);
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', ...lakeProps });
  const store = new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: customerSpec() }], ...props });
  return { stack, lake, store, synth: () => new Synth(stack) };
}

const VIEW = 'Features/Group-customer_daily/SourceView';
const GROUP = 'Features/Group-customer_daily/Resource';

describe('FeatureStore defaults (a lake and one feature group spec)', () => {
  test('one retained Optimized online store behind Private Service Connect, named after the lake prefix, in the lake region', () => {
    // given a lake in us-central1 and a store with only a feature group
    const tf = storeIn().synth();
    // then the online store is Optimized, served through PSC from its own project, and retained
    const store = tf.at('google_vertex_ai_feature_online_store', 'Features/Resource');
    expect(store).toMatchObject({
      name: 'acme_ml_features',
      region: 'us-central1',
      optimized: {},
      dedicated_serving_endpoint: {
        private_service_connect_config: {
          enable_private_service_connect: true,
          project_allowlist: [tf.ref('google_project', 'Features/Project', 'number')],
        },
      },
      labels: { 'managed-by': 'mlops-constructs' },
      lifecycle: { prevent_destroy: true },
    });
    expect(store.bigtable).toBeUndefined();
    expect(store.force_destroy).toBeUndefined();
    expect(store.project).toBeUndefined();
  });

  test('the lake table is generated from the spec schema in the curated zone when the lake has none', () => {
    const { lake, store, synth } = storeIn();
    const tf = synth();
    const [group] = store.featureGroups;
    expect(group.lakeTable).toBe(lake.tables[0]);
    expect(lake.tables.map((t) => `${t.zone}/${t.tableId}`)).toEqual(['curated/customer_daily']);
    expect(tf.at('google_bigquery_table', 'Lake/Zone-curated/Table-customer_daily')).toMatchObject({
      time_partitioning: { type: 'DAY', field: 'day_end' }, require_partition_filter: true, clustering: ['customer_id'],
    });
  });

  test('a retained BigQuery view gives Vertex AI the keys, each feature in its Vertex type, and the event time as feature_timestamp', () => {
    const tf = storeIn().synth();
    const table = (attribute: string) => tf.ref('google_bigquery_table', 'Lake/Zone-curated/Table-customer_daily', attribute);
    const view = tf.at('google_bigquery_table', VIEW);
    expect(view).toMatchObject({
      project: table('project'),
      dataset_id: tf.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id'),
      table_id: 'acme_ml_customer_daily_vertex_source',
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      labels: { 'managed-by': 'mlops-constructs', 'feature-group': 'customer_daily' },
      view: { use_legacy_sql: false },
    });
    expect(view.view.query).toBe([
      'SELECT `customer_id`, `order_count`, CAST(`spend` AS FLOAT64) AS `spend`, CAST(`first_order` AS STRING) AS `first_order`, '
        + "FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `last_seen`, 'UTC') AS `last_seen`, `vip`, `score`, `day_end` AS feature_timestamp",
      `FROM \`${table('project')}.${tf.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id')}.customer_daily\``,
      "WHERE `day_end` >= TIMESTAMP '0001-01-01 00:00:00+00'",
    ].join('\n'));
    // a view holds no data: no CMEK of its own
    expect(view.encryption_configuration).toBeUndefined();
  });

  test('a retained feature group reads the view, keyed by the entity keys, after the service agent may read the dataset', () => {
    const tf = storeIn().synth();
    const view = (attribute: string) => tf.ref('google_bigquery_table', VIEW, attribute);
    expect(tf.at('google_vertex_ai_feature_group', GROUP)).toMatchObject({
      name: 'acme_ml_customer_daily',
      region: 'us-central1',
      description: 'Daily customer aggregates.',
      big_query: {
        big_query_source: { input_uri: `bq://${view('project')}.${view('dataset_id')}.${view('table_id')}` },
        entity_id_columns: ['customer_id'],
      },
      depends_on: [tf.address('google_bigquery_dataset_iam_member', 'Features/SourceReader')],
      lifecycle: { prevent_destroy: true },
    });
  });

  test('one feature per value field, reading the view column of its name', () => {
    const tf = storeIn().synth();
    const features = tf.resources('google_vertex_ai_feature_group_feature');
    expect(features.map((f) => [f.path, f.config.name, f.config.version_column_name])).toEqual(
      ['order_count', 'spend', 'first_order', 'last_seen', 'vip', 'score'].map((n) => [`Features/Group-customer_daily/Feature-${n}`, n, n]));
    for (const feature of features) {
      expect(feature.config).toMatchObject({ feature_group: tf.ref('google_vertex_ai_feature_group', GROUP, 'name'), region: 'us-central1' });
      expect(feature.config.lifecycle).toBeUndefined();
    }
    expect(tf.at('google_vertex_ai_feature_group_feature', 'Features/Group-customer_daily/Feature-order_count').description).toBe('Orders that day.');
  });

  test('a feature view serves every feature of the group from the online store, synced hourly', () => {
    const tf = storeIn().synth();
    expect(DEFAULT_FEATURE_SYNC_CRON).toBe('0 * * * *');
    const view = tf.at('google_vertex_ai_feature_online_store_featureview', 'Features/Group-customer_daily/View');
    expect(view).toMatchObject({
      name: 'customer_daily',
      region: 'us-central1',
      feature_online_store: tf.ref('google_vertex_ai_feature_online_store', 'Features/Resource', 'name'),
      sync_config: { cron: '0 * * * *' },
      depends_on: [tf.address('google_bigquery_dataset_iam_member', 'Features/SourceReader')],
    });
    expect(view.feature_registry_source.feature_groups).toEqual([{
      feature_group_id: tf.ref('google_vertex_ai_feature_group', GROUP, 'name'),
      feature_ids: ['order_count', 'spend', 'first_order', 'last_seen', 'vip', 'score']
        .map((n) => tf.ref('google_vertex_ai_feature_group_feature', `Features/Group-customer_daily/Feature-${n}`, 'name')),
    }]);
  });

  test('the Vertex AI service agent may read the source dataset, once the online store exists', () => {
    const tf = storeIn().synth();
    expect(tf.at('google_bigquery_dataset_iam_member', 'Features/SourceReader')).toMatchObject({
      dataset_id: tf.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id'),
      role: 'roles/bigquery.dataViewer',
      member: `serviceAccount:service-${tf.ref('google_project', 'Features/Project', 'number')}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
      depends_on: [tf.address('google_vertex_ai_feature_online_store', 'Features/Resource')],
    });
    // nothing else is granted by default
    expect(tf.resources('google_project_iam_member')).toEqual([]);
    expect(tf.resources('google_project_iam_custom_role')).toEqual([]);
  });

  test('stateful resources sit at stable construct paths', () => {
    const tf = storeIn().synth();
    const stateful = tf.blocks.filter((b) => b.mode === 'resource' && b.path.startsWith('Features')
      && ['google_vertex_ai_feature_online_store', 'google_vertex_ai_feature_group', 'google_bigquery_table'].includes(b.type))
      .map((b) => `${b.type} ${b.path}`).sort();
    expect(stateful).toEqual([
      `google_bigquery_table ${VIEW}`,
      `google_vertex_ai_feature_group ${GROUP}`,
      'google_vertex_ai_feature_online_store Features/Resource',
    ]);
  });
});

describe('FeatureStore feature groups', () => {
  test('a lake table made from the same schema is reused, not added again', () => {
    const stack = newStack();
    const schema = customerDaily();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', tables: [{ zone: 'curated', schema }] });
    const store = new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily() }) }] });
    expect(lake.tables).toHaveLength(1);
    expect(store.featureGroups[0].lakeTable).toBe(lake.tables[0]);
  });

  test('a lake table from the same columns with other descriptions is reused too', () => {
    const stack = newStack();
    const described = new TableSchema({
      name: 'customer_daily',
      description: 'Another description.',
      fields: customerDaily().fields.map((f) => ({ name: f.name, type: f.type, description: `About ${f.name}.` })),
      entityKeys: ['customer_id'],
      eventTime: 'day_end',
    });
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', tables: [{ zone: 'curated', schema: described }] });
    new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: customerSpec() }] });
    expect(lake.tables).toHaveLength(1);
  });

  test('two feature stores over one lake: their own views and groups, one service agent grant', () => {
    const { stack, lake, synth } = storeIn();
    const second = new FeatureStore(stack, 'Ranking', { lake, prefix: 'ranking', featureGroups: [{ spec: customerSpec() }] });
    const tf = synth();
    expect(tf.resources('google_bigquery_table').filter((t) => t.config.view).map((t) => t.config.table_id).sort())
      .toEqual(['acme_ml_customer_daily_vertex_source', 'ranking_customer_daily_vertex_source']);
    expect(tf.resources('google_bigquery_dataset_iam_member').map((m) => m.path)).toEqual(['Features/SourceReader']);
    expect(tf.at('google_vertex_ai_feature_group', 'Ranking/Group-customer_daily/Resource').depends_on)
      .toEqual([tf.address('google_bigquery_dataset_iam_member', 'Features/SourceReader')]);
    expect(second.featureGroups[0].lakeTable).toBe(lake.tables[0]);
  });

  test('declared features: a subset, renamed from their source field, with their own descriptions', () => {
    const spec = customerSpec({ features: [{ name: 'orders_1d', sourceField: 'order_count', description: 'Orders in the day.' }, { name: 'vip' }] });
    const tf = storeIn({ featureGroups: [{ spec: spec }] }).synth();
    expect(tf.at('google_bigquery_table', VIEW).view.query.split('\n')[0])
      .toBe('SELECT `customer_id`, `order_count` AS `orders_1d`, `vip`, `day_end` AS feature_timestamp');
    expect(tf.resources('google_vertex_ai_feature_group_feature').map((f) => [f.config.name, f.config.version_column_name, f.config.description]))
      .toEqual([['orders_1d', 'orders_1d', 'Orders in the day.'], ['vip', 'vip', undefined]]);
  });

  test('an event time already named feature_timestamp and integer keys are read as they are', () => {
    const schema = new TableSchema({
      name: 'device_state',
      fields: [
        { name: 'device_id', type: FieldType.INT64 }, { name: 'site', type: FieldType.INT32 },
        { name: 'feature_timestamp', type: FieldType.TIMESTAMP }, { name: 'temperature', type: FieldType.FLOAT32 },
      ],
      entityKeys: ['device_id', 'site'],
      eventTime: 'feature_timestamp',
    });
    const tf = storeIn({ featureGroups: [{ spec: new FeatureGroupSpec({ name: 'device_state', schema }) }] }).synth();
    expect(tf.at('google_bigquery_table', 'Features/Group-device_state/SourceView').view.query.split('\n')[0])
      .toBe('SELECT `device_id`, `site`, `temperature`, `feature_timestamp`');
    expect(tf.at('google_vertex_ai_feature_group', 'Features/Group-device_state/Resource').big_query.entity_id_columns).toEqual(['device_id', 'site']);
  });

  test('an offline-only group is registered without a feature view', () => {
    const tf = storeIn({ featureGroups: [{ spec: customerSpec({ online: false }) }] }).synth();
    expect(tf.resources('google_vertex_ai_feature_group').map((g) => g.path)).toEqual([GROUP]);
    expect(tf.resources('google_vertex_ai_feature_online_store_featureview')).toEqual([]);
  });

  test('addFeatureGroup adds a group after construction and lists it', () => {
    const { store, synth } = storeIn({ featureGroups: [] });
    const group = store.addFeatureGroup({ spec: customerSpec() });
    expect(store.featureGroups).toEqual([group]);
    expect(group.featureGroup.node.path).toBe(`stack/${GROUP}`);
    expect(group.featureView?.node.path).toBe('stack/Features/Group-customer_daily/View');
    expect(group.features).toHaveLength(6);
    expect(synth().resources('google_vertex_ai_feature_group')).toHaveLength(1);
  });

  test('the source zone can be another lake zone', () => {
    const { lake, synth } = storeIn({ offlineZone: 'features' }, { zones: [{ name: 'features' }] });
    const tf = synth();
    expect(lake.tables.map((t) => t.zone)).toEqual(['features']);
    expect(tf.at('google_bigquery_table', VIEW).dataset_id).toBe(tf.ref('google_bigquery_dataset', 'Lake/Zone-features/Dataset', 'dataset_id'));
    expect(tf.at('google_bigquery_dataset_iam_member', 'Features/SourceReader').dataset_id)
      .toBe(tf.ref('google_bigquery_dataset', 'Lake/Zone-features/Dataset', 'dataset_id'));
  });
});

describe('FeatureStore serving and sync options', () => {
  test('Bigtable serving with autoscaling; the CPU target defaults to 50 percent', () => {
    const { store, synth } = storeIn({ onlineServing: FeatureOnlineServing.bigtable({ minNodeCount: 2, maxNodeCount: 20 }) });
    const online = synth().at('google_vertex_ai_feature_online_store', 'Features/Resource');
    expect(store.onlineServing.kind).toBe(FeatureOnlineStoreKind.BIGTABLE);
    expect(online.bigtable).toEqual({ auto_scaling: { min_node_count: 2, max_node_count: 20, cpu_utilization_target: 50 } });
    expect(online.optimized).toBeUndefined();
    expect(online.dedicated_serving_endpoint).toBeUndefined();
  });

  test('Bigtable serving with an explicit CPU target', () => {
    const tf = storeIn({ onlineServing: FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 3, cpuUtilizationTarget: 70 }) }).synth();
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').bigtable.auto_scaling.cpu_utilization_target).toBe(70);
  });

  test('Optimized serving from the public endpoint, when asked', () => {
    const online = storeIn({ onlineServing: FeatureOnlineServing.optimized({ publicEndpoint: true }) }).synth().at('google_vertex_ai_feature_online_store', 'Features/Resource');
    expect(online.optimized).toEqual({});
    expect(online.dedicated_serving_endpoint).toBeUndefined();
  });

  test('Private Service Connect for other projects', () => {
    const online = storeIn({ onlineServing: FeatureOnlineServing.optimized({ allowedProjects: ['acme-serving', '123456789012'] }) })
      .synth().at('google_vertex_ai_feature_online_store', 'Features/Resource');
    expect(online.dedicated_serving_endpoint.private_service_connect_config.project_allowlist).toEqual(['acme-serving', '123456789012']);
  });

  test('a cron schedule in a time zone', () => {
    const { store, synth } = storeIn({ syncSchedule: FeatureSyncSchedule.cron('30 2 * * MON-FRI', 'Europe/Paris') });
    expect(store.syncSchedule.toCronTab()).toBe('CRON_TZ=Europe/Paris 30 2 * * MON-FRI');
    expect(synth().at('google_vertex_ai_feature_online_store_featureview', 'Features/Group-customer_daily/View').sync_config)
      .toEqual({ cron: 'CRON_TZ=Europe/Paris 30 2 * * MON-FRI' });
  });
});

describe('FeatureStore naming, project and region', () => {
  test('prefix, project and region props override the lake\'s', () => {
    const { store, synth } = storeIn({ prefix: 'ranking', project: 'acme-serving', region: 'europe-west4' }, { project: 'acme-data' });
    const tf = synth();
    expect(store.onlineStoreName).toBe('ranking_features');
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource')).toMatchObject({ name: 'ranking_features', project: 'acme-serving', region: 'europe-west4' });
    expect(tf.at('google_vertex_ai_feature_group', GROUP)).toMatchObject({ name: 'ranking_customer_daily', project: 'acme-serving', region: 'europe-west4' });
    expect(tf.at('google_vertex_ai_feature_online_store_featureview', 'Features/Group-customer_daily/View'))
      .toMatchObject({ project: 'acme-serving', region: 'europe-west4' });
    // the service agent is the serving project's; the dataset grant is in the lake's project
    expect(tf.dataSources('google_project')[0].config.project_id).toBe('acme-serving');
    expect(tf.at('google_bigquery_dataset_iam_member', 'Features/SourceReader').project).toBe('acme-data');
  });

  test('the lake\'s project is the default project', () => {
    const tf = storeIn({}, { project: 'acme-data' }).synth();
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').project).toBe('acme-data');
    expect(tf.dataSources('google_project')[0].config.project_id).toBe('acme-data');
  });

  test('a region is needed with a multi-region lake, and then used', () => {
    const tf = storeIn({ region: 'us-central1' }, { location: 'US' }).synth();
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').region).toBe('us-central1');
  });

  test('a prefix holding a token is snake-cased in Terraform', () => {
    const tf = storeIn({ prefix: Fn.lower('Acme-ML') }).synth();
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').name).toBe('${replace(lower("Acme-ML"), "-", "_")}_features');
    expect(tf.at('google_vertex_ai_feature_group', GROUP).name).toBe('${replace(lower("Acme-ML"), "-", "_")}_customer_daily');
  });
});

describe('FeatureStore IAM', () => {
  const ranker = 'serviceAccount:ranker@acme-ml.iam.gserviceaccount.com';

  test('grantReadOnline: a custom role holding only fetchFeatureValues, granted on the project', () => {
    const { store, synth } = storeIn();
    const grants = store.grantReadOnline(ranker);
    const tf = synth();
    expect(grants).toHaveLength(1);
    expect(tf.at('google_project_iam_custom_role', 'Features/Serving/Role')).toMatchObject({
      role_id: 'acme_ml_feature_server',
      title: 'Feature server (acme-ml)',
      permissions: ['aiplatform.featureViews.fetchFeatureValues'],
    });
    expect(tf.resources('google_project_iam_member').map((m) => m.config)).toEqual([expect.objectContaining({
      project: tf.ref('google_project', 'Features/Project', 'project_id'),
      role: tf.ref('google_project_iam_custom_role', 'Features/Serving/Role', 'name'),
      member: ranker,
    })]);
  });

  test('the same member twice is one grant; a second member shares the role', () => {
    const { store, synth } = storeIn();
    const first = store.grantReadOnline(ranker);
    expect(store.grantReadOnline(ranker)).toEqual(first);
    store.grantReadOnline('group:ranking@example.com');
    const tf = synth();
    expect(tf.resources('google_project_iam_custom_role')).toHaveLength(1);
    expect(tf.resources('google_project_iam_member').map((m) => m.config.member)).toEqual([ranker, 'group:ranking@example.com']);
  });

  test('members holding tokens are granted under deterministic construct ids', () => {
    const { stack, store, synth } = storeIn();
    const sa = new ServiceAccount(stack, 'Ranker', { accountId: 'ranker' });
    store.grantReadOnline(sa.member);
    store.grantReadOnline(`serviceAccount:${sa.email}`);
    expect(synth().resources('google_project_iam_member').map((m) => m.path)).toEqual(['Features/Serving/member-1', 'Features/Serving/member-2']);
  });

  test('the iam prop grants Vertex AI Feature Store roles on the project, additively', () => {
    const tf = storeIn({ iam: { 'roles/aiplatform.featurestoreResourceViewer': ['group:ml-platform@example.com'] } }).synth();
    expect(tf.resources('google_project_iam_member').map((m) => [m.path, m.config.role, m.config.member])).toEqual([
      ['Features/Iam/roles--aiplatform.featurestoreResourceViewer=group:ml-platform@example.com', 'roles/aiplatform.featurestoreResourceViewer', 'group:ml-platform@example.com'],
    ]);
    expect(tf.blocks.filter((b) => /_iam_(binding|policy)$/.test(b.type))).toEqual([]);
  });
});

describe('FeatureStore removal policy', () => {
  test('DESTROY (with the app opt-in) lets Terraform destroy the online store, feature groups and source views', () => {
    const tf = storeIn({ removalPolicy: RemovalPolicy.DESTROY }, {}, { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true }).synth();
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').lifecycle).toBeUndefined();
    expect(tf.at('google_vertex_ai_feature_group', GROUP).lifecycle).toBeUndefined();
    expect(tf.at('google_bigquery_table', VIEW)).toMatchObject({ deletion_protection: false });
    expect(tf.at('google_bigquery_table', VIEW).lifecycle).toBeUndefined();
    // force_destroy stays off: Terraform deletes the views and features it manages first
    expect(tf.at('google_vertex_ai_feature_online_store', 'Features/Resource').force_destroy).toBeUndefined();
    // the lake keeps its own policy
    expect(tf.at('google_bigquery_table', 'Lake/Zone-curated/Table-customer_daily').lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('FeatureStore on an imported lake (DataLake.fromDataLakeAttributes)', () => {
  test('the source table and view go to the existing curated dataset; the region is the lake\'s; the agent reads that dataset', () => {
    // given a lake made elsewhere, in us-central1
    const stack = newStack();
    const lake = importedLake(stack);
    // when a feature store registers a group over it
    const store = new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: customerSpec() }] });
    const tf = new Synth(stack);
    // then the lake table is added to the existing dataset, and the store reads it through the view
    expect(tf.at('google_bigquery_table', 'Lake/Zone-curated/Table-customer_daily')).toMatchObject({ project: 'acme-data', dataset_id: 'acme_ml_curated' });
    expect(tf.at('google_bigquery_table', VIEW)).toMatchObject({ dataset_id: 'acme_ml_curated', table_id: 'acme_ml_customer_daily_vertex_source' });
    expect(tf.at('google_bigquery_dataset_iam_member', 'Features/SourceReader')).toMatchObject({ project: 'acme-data', dataset_id: 'acme_ml_curated', role: 'roles/bigquery.dataViewer' });
    expect([store.region, store.project, store.onlineStoreName]).toEqual(['us-central1', 'acme-data', 'acme_ml_features']);
    expect(store.featureGroups[0].lakeTable).toBe(lake.tables[0]);
  });
});

describe('FeatureStore.fromFeatureStoreAttributes: a store made elsewhere', () => {
  const ranker = 'serviceAccount:ranker@acme-ml.iam.gserviceaccount.com';

  test('grantReadOnline with the store\'s own serving role', () => {
    const stack = newStack();
    const store = FeatureStore.fromFeatureStoreAttributes(stack, 'Features', {
      onlineStoreName: 'acme_ml_features', region: 'us-central1', project: 'acme-ml', servingRole: 'projects/acme-ml/roles/acme_ml_feature_server',
    });
    store.grantReadOnline(ranker);
    const tf = new Synth(stack);
    expect([store.onlineStoreName, store.region]).toEqual(['acme_ml_features', 'us-central1']);
    expect(tf.resources('google_project_iam_custom_role')).toEqual([]);
    expect(tf.resources('google_project_iam_member').map((m) => [m.path, m.config.role, m.config.member])).toEqual([
      ['Features/Serving/serviceAccount:ranker@acme-ml.iam.gserviceaccount.com', 'projects/acme-ml/roles/acme_ml_feature_server', ranker],
    ]);
  });

  test('without a serving role, the import makes its own one-permission role', () => {
    const stack = newStack();
    const store = FeatureStore.fromFeatureStoreAttributes(stack, 'Features', { onlineStoreName: 'acme_ml_features', region: 'us-central1' });
    store.grantReadOnline(ranker);
    store.grantReadOnline(ranker);
    const tf = new Synth(stack);
    expect(tf.at('google_project_iam_custom_role', 'Features/Serving/Role')).toMatchObject({
      role_id: 'acme_ml_features_reader', permissions: ['aiplatform.featureViews.fetchFeatureValues'],
    });
    expect(tf.resources('google_project_iam_member').map((m) => m.config)).toEqual([expect.objectContaining({
      project: tf.ref('google_project', 'Features/Project', 'project_id'), role: tf.ref('google_project_iam_custom_role', 'Features/Serving/Role', 'name'), member: ranker,
    })]);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a store id Vertex AI refuses', { onlineStoreName: 'acme-ml-features', region: 'us-central1' }, /\[stack\/Features\] invalid onlineStoreName: "acme-ml-features"/],
    ['a multi-region', { onlineStoreName: 'acme_ml_features', region: 'US' }, /invalid region: "US"\. Allowed: a Vertex AI region/],
    ['a role that is no role name', { onlineStoreName: 'acme_ml_features', region: 'us-central1', servingRole: '' }, /invalid servingRole: ""/],
    ['a store id too long for the derived role id', { onlineStoreName: `a${'b'.repeat(58)}`, region: 'us-central1' }, /invalid onlineStoreName: .*Allowed: 3 to 64 letters/],
  ])('%s is refused', (_, attrs, message) => {
    expect(() => FeatureStore.fromFeatureStoreAttributes(newStack(), 'Features', attrs as never)).toThrow(message);
  });

  test('a public member is refused', () => {
    const store = FeatureStore.fromFeatureStoreAttributes(newStack(), 'Features', { onlineStoreName: 'acme_ml_features', region: 'us-central1' });
    expect(() => store.grantReadOnline('allUsers')).toThrow(/invalid member: "allUsers"\. Allowed: a non-public member/);
  });
});

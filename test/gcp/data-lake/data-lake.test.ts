import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Fn, TerraformOutput, Testing } from 'cdktf';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, DataLakeProps, RemovalPolicy } from 'mlops-constructs/gcp';
import { importedLake, IMPORTED_LAKE, newStack, ordersSchema, Synth } from '../support';
// cdktf's jest matchers (toHaveResourceWithProperties) are registered at runtime by setupJest and
// typed by the adapter's global declaration, which cdktf's index does not pull in.
import type {} from 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

const ZONES = ['raw', 'curated', 'artifacts'];

function lakeIn(props: Partial<DataLakeProps> = {}, context?: Record<string, unknown>) {
  const stack = newStack(context);
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', ...props });
  return { stack, lake, synth: () => new Synth(stack) };
}

function kmsKey(stack: ReturnType<typeof newStack>): KmsCryptoKey {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
  return new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
}

describe('DataLake defaults (prefix only)', () => {
  test('one hardened, retained bucket per zone, logging to the access-log bucket', () => {
    // given a lake with only a prefix
    const { synth } = lakeIn();
    // when synthesized
    const tf = synth();
    // then each zone bucket is hardened and retained
    const logBucketName = tf.ref('google_storage_bucket', 'Lake/AccessLogs/Bucket', 'name');
    for (const zone of ZONES) {
      expect(tf.at('google_storage_bucket', `Lake/Zone-${zone}/Bucket`)).toMatchObject({
        name: `acme-ml-${zone}`,
        location: 'US',
        storage_class: 'STANDARD',
        uniform_bucket_level_access: true,
        public_access_prevention: 'enforced',
        versioning: { enabled: true },
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
        logging: { log_bucket: logBucketName, log_object_prefix: zone },
        labels: { 'managed-by': 'mlops-constructs', 'lake-zone': zone },
      });
    }
    expect(tf.resources('google_storage_bucket').map((b) => b.path).sort())
      .toEqual(['Lake/AccessLogs/Bucket', 'Lake/Zone-artifacts/Bucket', 'Lake/Zone-curated/Bucket', 'Lake/Zone-raw/Bucket']);
  });

  test('the cdktf jest matcher sees the same hardened bucket', () => {
    // given a lake
    const stack = newStack();
    new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
    // then Testing.synth output matches with the provider's matcher (it works with jest 30)
    expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-ml-raw', uniform_bucket_level_access: true, public_access_prevention: 'enforced', versioning: { enabled: true },
    });
    expect(Testing.synth(stack)).not.toHaveResourceWithProperties(StorageBucket, { public_access_prevention: 'inherited' });
  });

  test('lifecycle rules follow each zone\'s default LakeLifecycle', () => {
    const tf = lakeIn().synth();
    // raw: NEARLINE at 30, COLDLINE at 180, noncurrent after 30 days keeping 3 (num_newer_versions counts the live one), abort at 7
    expect(tf.at('google_storage_bucket', 'Lake/Zone-raw/Bucket').lifecycle_rule).toEqual([
      { action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 30, matches_storage_class: ['STANDARD'] } },
      { action: { type: 'SetStorageClass', storage_class: 'COLDLINE' }, condition: { age: 180, matches_storage_class: ['STANDARD', 'NEARLINE'] } },
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, num_newer_versions: 4, with_state: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ]);
    // artifacts keeps 5 noncurrent versions for 90 days and has no archive tier
    expect(tf.at('google_storage_bucket', 'Lake/Zone-artifacts/Bucket').lifecycle_rule).toEqual([
      { action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 90, matches_storage_class: ['STANDARD'] } },
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 90, num_newer_versions: 6, with_state: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ]);
  });

  test('a user lifecycle replaces a zone\'s default whole; expiry deletes live versions only', () => {
    const tf = lakeIn({ zones: [{ name: 'raw', lifecycle: { expireAfterDays: 400 } }] }).synth();
    expect(tf.at('google_storage_bucket', 'Lake/Zone-raw/Bucket').lifecycle_rule).toEqual([
      { action: { type: 'Delete' }, condition: { age: 400, with_state: 'LIVE' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ]);
  });

  test('the access-log bucket is hardened and retained, expires logs, and lets Cloud Storage write usage logs', () => {
    const tf = lakeIn().synth();
    const logBucket = tf.at('google_storage_bucket', 'Lake/AccessLogs/Bucket');
    expect(logBucket).toMatchObject({
      name: 'acme-ml-access-logs',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(logBucket.logging).toBeUndefined();
    expect(logBucket.lifecycle_rule).toContainEqual({ action: { type: 'Delete' }, condition: { age: 365, with_state: 'LIVE' } });
    expect(tf.at('google_storage_bucket_iam_member', 'Lake/AccessLogs/AnalyticsWriter')).toMatchObject({
      bucket: tf.ref('google_storage_bucket', 'Lake/AccessLogs/Bucket', 'name'),
      role: 'roles/storage.objectCreator',
      member: 'group:cloud-storage-analytics@google.com',
    });
  });

  test('one retained dataset per zone, named <prefix_snake>_<zone_snake>, without legacy access entries or CMEK', () => {
    const tf = lakeIn({ zones: [{ name: 'feature-store' }] }).synth();
    for (const zone of [...ZONES, 'feature-store']) {
      const dataset = tf.at('google_bigquery_dataset', `Lake/Zone-${zone}/Dataset`);
      expect(dataset).toMatchObject({
        dataset_id: `acme_ml_${zone.replace('-', '_')}`,
        location: 'US',
        delete_contents_on_destroy: false,
        lifecycle: { prevent_destroy: true },
        labels: { 'managed-by': 'mlops-constructs', 'lake-zone': zone },
      });
      expect(dataset.access).toBeUndefined();
      expect(dataset.default_encryption_configuration).toBeUndefined();
    }
    expect(tf.at('google_storage_bucket', 'Lake/Zone-feature-store/Bucket').name).toBe('acme-ml-feature-store');
  });

  test('without a key there is no CMEK anywhere and no service-agent lookup', () => {
    const tf = lakeIn().synth();
    expect(tf.resources('google_storage_bucket').map((b) => b.config.encryption)).toEqual([undefined, undefined, undefined, undefined]);
    expect(tf.resources('google_kms_crypto_key_iam_member')).toEqual([]);
    expect(tf.blocks.filter((b) => b.mode === 'data')).toEqual([]);
  });

  test('project and location apply to buckets and datasets alike', () => {
    const tf = lakeIn({ project: 'acme-data-prod', location: 'europe-west4' }).synth();
    for (const zone of ZONES) {
      expect(tf.at('google_storage_bucket', `Lake/Zone-${zone}/Bucket`)).toMatchObject({ project: 'acme-data-prod', location: 'europe-west4' });
      expect(tf.at('google_bigquery_dataset', `Lake/Zone-${zone}/Dataset`)).toMatchObject({ project: 'acme-data-prod', location: 'europe-west4' });
    }
  });

  test('a prefix holding a token is not validated at synth; dataset ids snake-case it in Terraform', () => {
    const tf = lakeIn({ prefix: Fn.lower('Acme-ML') }).synth();
    expect(tf.at('google_storage_bucket', 'Lake/Zone-raw/Bucket').name).toBe('${lower("Acme-ML")}-raw');
    expect(tf.at('google_bigquery_dataset', 'Lake/Zone-raw/Dataset').dataset_id).toBe('${replace(lower("Acme-ML"), "-", "_")}_raw');
  });

  test('stateful resources sit at stable construct paths', () => {
    const { lake, synth } = lakeIn({ tables: [{ zone: 'raw', schema: ordersSchema() }] });
    const tf = synth();
    const stateful = tf.blocks.filter((b) => ['google_storage_bucket', 'google_bigquery_dataset', 'google_bigquery_table'].includes(b.type))
      .map((b) => b.path).sort();
    expect(stateful).toEqual([
      'Lake/AccessLogs/Bucket',
      'Lake/Zone-artifacts/Bucket', 'Lake/Zone-artifacts/Dataset',
      'Lake/Zone-curated/Bucket', 'Lake/Zone-curated/Dataset',
      'Lake/Zone-raw/Bucket', 'Lake/Zone-raw/Dataset', 'Lake/Zone-raw/Table-orders',
    ]);
    expect(lake.zoneNames).toEqual(ZONES);
    expect(lake.zoneBucket('curated').node.path).toBe('stack/Lake/Zone-curated/Bucket');
    expect(lake.dataset('curated').node.path).toBe('stack/Lake/Zone-curated/Dataset');
  });
});

describe('DataLake CMEK', () => {
  test('a KmsCryptoKey encrypts buckets, datasets and tables; the service agents get the key first', () => {
    // given a lake with a customer-managed key and a table
    const stack = newStack();
    const key = kmsKey(stack);
    new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key, tables: [{ zone: 'raw', schema: ordersSchema() }] });
    // when synthesized
    const tf = new Synth(stack);
    const keyId = tf.ref('google_kms_crypto_key', 'Key', 'id');
    // then the GCS service agent (data source) may use the key, and every bucket waits for that grant
    expect(tf.dataSources('google_storage_project_service_account').map((d) => d.path)).toEqual(['Lake/Encryption/StorageServiceAgent']);
    expect(tf.at('google_kms_crypto_key_iam_member', 'Lake/Encryption/StorageServiceAgentKeyAccess')).toMatchObject({
      crypto_key_id: keyId,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: tf.ref('google_storage_project_service_account', 'Lake/Encryption/StorageServiceAgent', 'member'),
    });
    const storageGrant = tf.address('google_kms_crypto_key_iam_member', 'Lake/Encryption/StorageServiceAgentKeyAccess');
    for (const bucket of tf.resources('google_storage_bucket')) {
      expect(bucket.config).toMatchObject({ encryption: { default_kms_key_name: keyId }, depends_on: [storageGrant] });
    }
    // and the BigQuery service agent likewise, before every dataset
    expect(tf.at('google_kms_crypto_key_iam_member', 'Lake/Encryption/BigQueryServiceAgentKeyAccess')).toMatchObject({
      crypto_key_id: keyId,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: tf.ref('google_bigquery_default_service_account', 'Lake/Encryption/BigQueryServiceAgent', 'member'),
    });
    const bigQueryGrant = tf.address('google_kms_crypto_key_iam_member', 'Lake/Encryption/BigQueryServiceAgentKeyAccess');
    for (const dataset of tf.resources('google_bigquery_dataset')) {
      expect(dataset.config).toMatchObject({ default_encryption_configuration: { kms_key_name: keyId }, depends_on: [bigQueryGrant] });
    }
    expect(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').encryption_configuration).toEqual({ kms_key_name: keyId });
  });

  test('a key managed elsewhere is passed by id; the service agents are looked up in the lake project', () => {
    const id = 'projects/kms-prj/locations/us/keyRings/lake/cryptoKeys/data';
    const tf = lakeIn({ project: 'acme-data-prod', encryptionKey: { id } }).synth();
    expect(tf.at('google_storage_bucket', 'Lake/Zone-raw/Bucket').encryption).toEqual({ default_kms_key_name: id });
    expect(tf.dataSources('google_storage_project_service_account')[0].config.project).toBe('acme-data-prod');
    expect(tf.dataSources('google_bigquery_default_service_account')[0].config.project).toBe('acme-data-prod');
  });
});

describe('DataLake tables', () => {
  test('a table from the schema: columns and modes, decimals, daily partitions with a required filter, clustering on entity keys', () => {
    // given a lake with the orders schema in raw
    const tf = lakeIn({ tables: [{ zone: 'raw', schema: ordersSchema() }] }).synth();
    // then the table is generated from it
    const table = tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders');
    expect(table).toMatchObject({
      table_id: 'orders',
      dataset_id: tf.ref('google_bigquery_dataset', 'Lake/Zone-raw/Dataset', 'dataset_id'),
      description: 'One row per order.',
      time_partitioning: { type: 'DAY', field: 'ordered_at' },
      require_partition_filter: true,
      clustering: ['customer_id', 'order_id'],
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      labels: { 'managed-by': 'mlops-constructs', 'lake-zone': 'raw' },
    });
    expect(table.encryption_configuration).toBeUndefined();
    expect(JSON.parse(table.schema)).toEqual([
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED', description: 'Order number.' },
      { name: 'customer_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE', precision: '12', scale: '2' },
      { name: 'exchange_rate', type: 'BIGNUMERIC', mode: 'NULLABLE', precision: '38', scale: '12' },
      { name: 'item_count', type: 'INT64', mode: 'NULLABLE' },
      { name: 'ordered_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
    ]);
  });

  test('a schema without event time or keys gives an unpartitioned, unclustered table', () => {
    const plain = new TableSchema({ name: 'notes', fields: [{ name: 'text', type: FieldType.STRING }] });
    const table = lakeIn({ tables: [{ zone: 'curated', schema: plain }] }).synth().at('google_bigquery_table', 'Lake/Zone-curated/Table-notes');
    expect(table.time_partitioning).toBeUndefined();
    expect(table.require_partition_filter).toBeUndefined();
    expect(table.clustering).toBeUndefined();
  });

  test('addTable returns the table resource with its dataset and table ids', () => {
    const { stack, lake, synth } = lakeIn();
    const added = lake.addTable('curated', ordersSchema());
    new TerraformOutput(stack, 'dataset', { value: added.datasetId });
    const tf = synth();
    expect(added.zone).toBe('curated');
    expect(added.tableId).toBe('orders');
    expect(added.table.node.path).toBe('stack/Lake/Zone-curated/Table-orders');
    expect(tf.json.output.dataset.value).toBe(tf.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id'));
    expect(lake.tables).toEqual([added]);
    expect(tf.at('google_bigquery_table', 'Lake/Zone-curated/Table-orders').table_id).toBe('orders');
  });
});

describe('DataLake IAM', () => {
  const analysts = 'group:analysts@example.com';
  const trainer = 'serviceAccount:trainer@acme-ml.iam.gserviceaccount.com';

  test('the iam prop grants storage roles on every zone bucket and BigQuery roles on every zone dataset, additively', () => {
    // given storage and BigQuery roles in the iam prop
    const tf = lakeIn({ iam: { 'roles/bigquery.dataViewer': [analysts], 'roles/storage.objectViewer': [analysts, trainer] } }).synth();
    // then one iam_member per (zone, role, member)
    for (const zone of ZONES) {
      const bucket = tf.ref('google_storage_bucket', `Lake/Zone-${zone}/Bucket`, 'name');
      const dataset = tf.ref('google_bigquery_dataset', `Lake/Zone-${zone}/Dataset`, 'dataset_id');
      expect(tf.resources('google_storage_bucket_iam_member').filter((m) => m.config.bucket === bucket).map((m) => [m.config.role, m.config.member]))
        .toEqual([['roles/storage.objectViewer', analysts], ['roles/storage.objectViewer', trainer]]);
      expect(tf.resources('google_bigquery_dataset_iam_member').filter((m) => m.config.dataset_id === dataset).map((m) => [m.config.role, m.config.member]))
        .toEqual([['roles/bigquery.dataViewer', analysts]]);
    }
    // and nothing authoritative that would remove grants made elsewhere
    expect(tf.blocks.filter((b) => /_iam_(binding|policy)$/.test(b.type))).toEqual([]);
  });

  test('grantRead: objectViewer on the zone bucket and dataViewer on the zone dataset, nothing else', () => {
    const { lake, synth } = lakeIn();
    const grants = lake.grantRead('raw', trainer);
    const tf = synth();
    expect(grants).toHaveLength(2);
    expect(tf.resources('google_storage_bucket_iam_member').filter((m) => m.config.member === trainer).map((m) => m.config))
      .toEqual([expect.objectContaining({ bucket: tf.ref('google_storage_bucket', 'Lake/Zone-raw/Bucket', 'name'), role: 'roles/storage.objectViewer' })]);
    expect(tf.resources('google_bigquery_dataset_iam_member').map((m) => m.config))
      .toEqual([expect.objectContaining({ dataset_id: tf.ref('google_bigquery_dataset', 'Lake/Zone-raw/Dataset', 'dataset_id'), role: 'roles/bigquery.dataViewer', member: trainer })]);
  });

  test('grantWrite: objectUser on the zone bucket and dataEditor on the zone dataset', () => {
    const { lake, synth } = lakeIn({ project: 'acme-data-prod' });
    lake.grantWrite('artifacts', trainer);
    const tf = synth();
    expect(tf.resources('google_storage_bucket_iam_member').filter((m) => m.config.member === trainer).map((m) => m.config))
      .toEqual([expect.objectContaining({ bucket: tf.ref('google_storage_bucket', 'Lake/Zone-artifacts/Bucket', 'name'), role: 'roles/storage.objectUser' })]);
    expect(tf.resources('google_bigquery_dataset_iam_member').map((m) => m.config))
      .toEqual([expect.objectContaining({ project: 'acme-data-prod', role: 'roles/bigquery.dataEditor', member: trainer })]);
  });

  test('grantQuery: jobUser on the provider project and dataViewer on every dataset', () => {
    const { lake, synth } = lakeIn();
    expect(lake.grantQuery(analysts)).toHaveLength(4);
    const tf = synth();
    expect(tf.resources('google_project_iam_member').map((m) => m.config)).toEqual([expect.objectContaining({
      project: tf.ref('google_client_config', 'Lake/ClientConfig', 'project'), role: 'roles/bigquery.jobUser', member: analysts,
    })]);
    expect(tf.resources('google_bigquery_dataset_iam_member').map((m) => [m.path.split('/')[1], m.config.role]))
      .toEqual(ZONES.map((zone) => [`Zone-${zone}`, 'roles/bigquery.dataViewer']));
  });

  test('grantQuery uses the project prop when given', () => {
    const { lake, synth } = lakeIn({ project: 'acme-data-prod' });
    lake.grantQuery(analysts);
    const tf = synth();
    expect(tf.resources('google_project_iam_member')[0].config.project).toBe('acme-data-prod');
    expect(tf.dataSources('google_client_config')).toEqual([]);
  });

  test('the same grant twice, or from the iam prop and a grant, is one resource', () => {
    const { lake, synth } = lakeIn({ iam: { 'roles/storage.objectViewer': [trainer] } });
    const first = lake.grantRead('raw', trainer);
    expect(lake.grantRead('raw', trainer)).toEqual(first);
    expect(synth().resources('google_storage_bucket_iam_member').filter((m) => m.config.member === trainer)).toHaveLength(3);
  });

  test('members holding tokens are granted under deterministic construct ids', () => {
    const { stack, lake, synth } = lakeIn();
    const sa = new ServiceAccount(stack, 'Trainer', { accountId: 'trainer' });
    lake.grantRead('raw', sa.member);
    lake.grantRead('raw', `serviceAccount:${sa.email}`);
    const tf = synth();
    expect(tf.resources('google_storage_bucket_iam_member').filter((m) => m.path.startsWith('Lake/Zone-raw/')).map((m) => [m.path, m.config.member])).toEqual([
      ['Lake/Zone-raw/Iam/roles--storage.objectViewer=member-1', tf.ref('google_service_account', 'Trainer', 'member')],
      ['Lake/Zone-raw/Iam/roles--storage.objectViewer=member-2', `serviceAccount:${tf.ref('google_service_account', 'Trainer', 'email')}`],
    ]);
  });
});

describe('DataLake removal policy', () => {
  test('DESTROY without the app context is refused', () => {
    expect(() => lakeIn({ removalPolicy: RemovalPolicy.DESTROY }))
      .toThrow(/\[stack\/Lake\] invalid removalPolicy: "destroy"\. Allowed: a policy that destroys data only when the app also sets the context "mlops-constructs:allowDataDestruction": true/);
  });

  test('DESTROY with the app context lets Terraform destroy buckets, datasets and tables with their data', () => {
    // given both opt-ins
    const tf = lakeIn({ removalPolicy: RemovalPolicy.DESTROY, tables: [{ zone: 'raw', schema: ordersSchema() }] },
      { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true }).synth();
    // then nothing is retained
    for (const bucket of tf.resources('google_storage_bucket')) {
      expect(bucket.config.force_destroy).toBe(true);
      expect(bucket.config.lifecycle).toBeUndefined();
    }
    for (const dataset of tf.resources('google_bigquery_dataset')) {
      expect(dataset.config.delete_contents_on_destroy).toBe(true);
      expect(dataset.config.lifecycle).toBeUndefined();
    }
    const table = tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders');
    expect(table.deletion_protection).toBe(false);
    expect(table.lifecycle).toBeUndefined();
  });

  test('the context alone changes nothing', () => {
    const tf = lakeIn({}, { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true }).synth();
    expect(tf.at('google_storage_bucket', 'Lake/Zone-raw/Bucket')).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });
});

describe('DataLake bad input fails at synth time with path, property, value and what is allowed', () => {
  const varchar = () => new TableSchema({ name: 'orders', fields: [{ name: 'id', type: FieldType.STRING }, { name: 'note', type: FieldType.of('varchar') }] });
  const duplicate = () => new TableSchema({ name: 'orders', fields: [{ name: 'id', type: FieldType.STRING }, { name: 'id', type: FieldType.INT64 }] });
  const dateEventTime = () => new TableSchema({ name: 'orders', fields: [{ name: 'day', type: FieldType.DATE }], eventTime: 'day' });
  const unknownKey = () => new TableSchema({ name: 'orders', fields: [{ name: 'id', type: FieldType.STRING }], entityKeys: ['customer'] });
  const fiveKeys = () => new TableSchema({
    name: 'orders',
    fields: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, type: FieldType.STRING })),
    entityKeys: ['a', 'b', 'c', 'd', 'e'],
  });

  test.each<[string, Partial<DataLakeProps>, RegExp]>([
    ['bad prefix', { prefix: 'Acme_ML' },
      /\[stack\/Lake\] invalid prefix: "Acme_ML"\. Allowed: 1 to 30 characters of lowercase letters, digits and hyphens/],
    ['prefix containing "google"', { prefix: 'my-google-lake' }, /invalid prefix: "my-google-lake"\. Allowed: .*not starting with "goog" nor containing "google"/],
    ['bad zone name', { zones: [{ name: 'Gold!' }] },
      /\[stack\/Lake\] invalid zones\[0\]\.name: "Gold!"\. Allowed: 1 to 20 characters of lowercase letters, digits and hyphens/],
    ['zone named like the log bucket', { zones: [{ name: 'access-logs' }] },
      /\[stack\/Lake\] invalid zones\[0\]\.name: "access-logs"\. Allowed: a zone name other than "access-logs"/],
    ['lifecycle days out of range', { zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 10 } }] },
      /\[stack\/Lake\] invalid zones\[0\]\.lifecycle\.infrequentAccessAfterDays: 10\. Allowed: a whole number from 30 to 36500/],
    ['lifecycle tiers in the wrong order', { zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 60, archiveAfterDays: 70 } }] },
      /\[stack\/Lake\] invalid zones\[0\]\.lifecycle\.archiveAfterDays: 70\. Allowed: at least 30 days after infrequentAccessAfterDays \(60\), so at least 90/],
    ['expiry before the last transition', { zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 30, expireAfterDays: 20 } }] },
      /invalid zones\[0\]\.lifecycle\.expireAfterDays: 20\. Allowed: more than the last transition \(30 days\)/],
    ['unknown schema type', { tables: [{ zone: 'raw', schema: varchar() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.schema\.fields\[1\]\.type: "varchar"\. Allowed: one of string, boolean, int32, int64, float32, float64, decimal, date, timestamp, bytes or decimal\(precision,scale\)/],
    ['duplicate field names', { tables: [{ zone: 'raw', schema: duplicate() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.schema\.fields\[1\]\.name: "id"\. Allowed: a name not already used \(fields\[0\] has it\); field names must be unique/],
    ['event time not a timestamp', { tables: [{ zone: 'raw', schema: dateEventTime() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.schema\.eventTime: "day"\. Allowed: a field of type timestamp; "day" is date/],
    ['entity key not a field', { tables: [{ zone: 'raw', schema: unknownKey() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.schema\.entityKeys\[0\]: "customer"\. Allowed: the name of a field of this schema \(id\)/],
    ['more than 4 entity keys', { tables: [{ zone: 'raw', schema: fiveKeys() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.schema\.entityKeys: \["a","b","c","d","e"\]\. Allowed: at most 4 entity keys: BigQuery clusters a table on at most 4 columns/],
    ['table on an unknown zone', { tables: [{ zone: 'gold', schema: ordersSchema() }] },
      /\[stack\/Lake\] invalid tables\[0\]\.zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/],
    ['the same table twice in a zone', { tables: [{ zone: 'raw', schema: ordersSchema() }, { zone: 'raw', schema: ordersSchema() }] },
      /\[stack\/Lake\] invalid tables\[1\]\.schema\.name: "orders"\. Allowed: a table name not yet used in zone "raw"/],
    ['a public member in iam', { iam: { 'roles/storage.objectViewer': ['allUsers'] } },
      /\[stack\/Lake\] invalid iam\["roles\/storage\.objectViewer"\]\[0\]: "allUsers"\. Allowed: a non-public member: allUsers and allAuthenticatedUsers would make the data public/],
    ['a member without a type', { iam: { 'roles/bigquery.dataViewer': ['alice@example.com'] } },
      /invalid iam\["roles\/bigquery\.dataViewer"\]\[0\]: "alice@example\.com"\. Allowed: a member of type user:, serviceAccount:, group:, domain:, principal:, principalSet:/],
    ['a malformed member', { iam: { 'roles/bigquery.dataViewer': ['user:alice'] } },
      /invalid iam\["roles\/bigquery\.dataViewer"\]\[0\]: "user:alice"\. Allowed: .*a user: member looks like "user:alice@example\.com"/],
    ['a role the lake cannot scope', { iam: { 'roles/owner': ['group:admins@example.com'] } },
      /\[stack\/Lake\] invalid iam\["roles\/owner"\]: "roles\/owner"\. Allowed: a roles\/storage\.\* role \(granted on every zone bucket\) or a roles\/bigquery\.\* role/],
    ['a project-level BigQuery role', { iam: { 'roles/bigquery.jobUser': ['group:admins@example.com'] } },
      /invalid iam\["roles\/bigquery\.jobUser"\]: "roles\/bigquery\.jobUser"\. Allowed: .*use grantQuery\(member\)/],
    ['a location BigQuery does not have', { location: 'NAM4' }, /\[stack\/Lake\] invalid location: "NAM4"\. Allowed: "US", "EU" or a region such as "europe-west4"/],
    ['a bad project id', { project: 'My_Project' }, /\[stack\/Lake\] invalid project: "My_Project"\. Allowed: a project id: 6 to 30 characters/],
    ['a key id that is not a crypto key', { encryptionKey: { id: 'projects/p/locations/us/keyRings/r' } },
      /\[stack\/Lake\] invalid encryptionKey\.id: "projects\/p\/locations\/us\/keyRings\/r"\. Allowed: a Cloud KMS crypto key resource id/],
    ['an unknown removal policy', { removalPolicy: 'snapshot' as RemovalPolicy }, /invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN or RemovalPolicy\.DESTROY/],
  ])('%s', (_name, props, message) => {
    expect(() => lakeIn(props)).toThrow(message);
    expect(() => lakeIn(props)).toThrow(MlopsValidationError);
  });

  test.each<[string, (lake: DataLake) => unknown, RegExp]>([
    ['grantRead to the public', (lake) => lake.grantRead('raw', 'allAuthenticatedUsers'),
      /\[stack\/Lake\] invalid member: "allAuthenticatedUsers"\. Allowed: a non-public member/],
    ['grantWrite on an unknown zone', (lake) => lake.grantWrite('gold', 'group:etl@example.com'),
      /\[stack\/Lake\] invalid zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/],
    ['grantQuery to a domain-less member', (lake) => lake.grantQuery('domain:'), /invalid member: "domain:"\. Allowed: a member of type/],
    ['zoneBucket of an unknown zone', (lake) => lake.zoneBucket('gold'), /invalid zone: "gold"\. Allowed: one of the lake's zones/],
    ['addTable with an invalid schema', (lake) => lake.addTable('raw', varchar()),
      /\[stack\/Lake\] invalid addTable\.schema\.fields\[1\]\.type: "varchar"/],
  ])('%s', (_name, act, message) => {
    const { lake } = lakeIn();
    expect(() => act(lake)).toThrow(message);
  });
});

describe('DataLake.fromDataLakeAttributes: a lake made elsewhere', () => {
  test('creates nothing by itself, and reads like a created lake: zones, buckets, datasets, key', () => {
    // given an imported lake with an extra zone
    const stack = newStack();
    const lake = importedLake(stack, {
      zoneBuckets: { ...IMPORTED_LAKE.zoneBuckets, features: 'acme-ml-features' },
      zoneDatasets: { ...IMPORTED_LAKE.zoneDatasets, features: 'acme_ml_features' },
    });
    // then it is a lake of the library, with the standard zones first
    expect(DataLake.isDataLake(lake)).toBe(true);
    expect(DataLake.isDataLake(new DataLake(newStack(), 'Lake', { prefix: 'acme-ml' }))).toBe(true);
    expect(DataLake.isDataLake({ zoneNames: ZONES })).toBe(false);
    expect(lake.zoneNames).toEqual([...ZONES, 'features']);
    expect([lake.prefix, lake.project, lake.location, lake.encryptionKey]).toEqual(['acme-ml', 'acme-data', 'us-central1', IMPORTED_LAKE.encryptionKey]);
    expect(lake.zoneBucket('curated').name).toBe('acme-ml-curated');
    expect(lake.dataset('features')).toEqual({ datasetId: 'acme_ml_features', project: 'acme-data' });
    expect(lake.tables).toEqual([]);
    // and the stack holds no resource or data source for it
    expect(new Synth(stack).blocks).toEqual([]);
  });

  test('without a project, the provider\'s project is looked up only when a dataset\'s project is needed', () => {
    const stack = newStack();
    const lake = importedLake(stack, { project: undefined });
    expect(new Synth(stack).blocks).toEqual([]);
    const project = lake.dataset('raw').project;
    const tf = new Synth(stack);
    expect(tf.dataSources('google_client_config').map((b) => b.path)).toEqual(['Lake/ClientConfig']);
    expect(project).toMatch(/TfToken/);
  });

  test('addTable creates the table in the existing dataset: CMEK from the attributes, retained', () => {
    const stack = newStack();
    const lake = importedLake(stack);
    const table = lake.addTable('raw', ordersSchema());
    const tf = new Synth(stack);
    expect(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders')).toMatchObject({
      project: 'acme-data',
      dataset_id: 'acme_ml_raw',
      table_id: 'orders',
      encryption_configuration: { kms_key_name: IMPORTED_LAKE.encryptionKey!.id },
      labels: { 'managed-by': 'mlops-constructs', 'lake-zone': 'raw' },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(table).toMatchObject({ zone: 'raw', datasetId: 'acme_ml_raw', tableId: 'orders' });
    expect(lake.tryFindTable('raw', 'orders')).toBe(table);
    expect(lake.tryFindTable('curated', 'orders')).toBeUndefined();
  });

  test('grants are additive IAM members on the existing buckets, datasets and project', () => {
    const stack = newStack();
    const lake = importedLake(stack);
    lake.grantRead('curated', 'group:analysts@example.com');
    lake.grantWrite('raw', 'serviceAccount:etl@acme-ml.iam.gserviceaccount.com');
    lake.grantQuery('group:analysts@example.com');
    const tf = new Synth(stack);
    expect(tf.at('google_storage_bucket_iam_member', 'Lake/Zone-curated/Iam/roles--storage.objectViewer=group:analysts@example.com'))
      .toMatchObject({ bucket: 'acme-ml-curated', role: 'roles/storage.objectViewer', member: 'group:analysts@example.com' });
    expect(tf.at('google_bigquery_dataset_iam_member', 'Lake/Zone-raw/Iam/roles--bigquery.dataEditor=serviceAccount:etl@acme-ml.iam.gserviceaccount.com'))
      .toMatchObject({ project: 'acme-data', dataset_id: 'acme_ml_raw', role: 'roles/bigquery.dataEditor' });
    expect(tf.at('google_project_iam_member', 'Lake/Iam/roles--bigquery.jobUser=group:analysts@example.com')).toMatchObject({ project: 'acme-data', role: 'roles/bigquery.jobUser' });
    expect(tf.resources('google_bigquery_dataset_iam_member').filter((b) => b.config.member === 'group:analysts@example.com').map((b) => b.config.dataset_id).sort())
      .toEqual(['acme_ml_artifacts', 'acme_ml_curated', 'acme_ml_raw']); // grantRead's curated viewer is grantQuery's too: one member
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a bad prefix', { prefix: 'Acme' }, /\[stack\/Lake\] invalid prefix: "Acme"\. Allowed: 1 to 30 characters/],
    ['a bad project', { project: 'Acme_Data' }, /invalid project: "Acme_Data"\. Allowed: a project id/],
    ['a location both services do not have', { location: 'NAM4' }, /invalid location: "NAM4"/],
    ['a missing standard zone', { zoneBuckets: { raw: 'acme-ml-raw', curated: 'acme-ml-curated' } },
      /invalid zoneBuckets: \["raw","curated"\]\. Allowed: the zones raw, curated and artifacts at least \(missing: artifacts\)/],
    ['a zone with a bucket and no dataset', { zoneBuckets: { ...IMPORTED_LAKE.zoneBuckets, gold: 'acme-ml-gold' } },
      /invalid zoneDatasets: .*Allowed: the zones of zoneBuckets \(raw, curated, artifacts, gold\): each zone has one bucket and one dataset; gold has only one/],
    ['a bucket name GCS refuses', { zoneBuckets: { ...IMPORTED_LAKE.zoneBuckets, raw: 'Acme_Raw!' } }, /invalid zoneBuckets\["raw"\]: "Acme_Raw!"\. Allowed: 3 to 63 characters/],
    ['a dataset id BigQuery refuses', { zoneDatasets: { ...IMPORTED_LAKE.zoneDatasets, raw: 'acme-ml-raw' } }, /invalid zoneDatasets\["raw"\]: "acme-ml-raw"\. Allowed: 1 to 1024 characters of letters, digits and underscores/],
    ['a zone name that is not one', { zoneBuckets: { ...IMPORTED_LAKE.zoneBuckets, Gold: 'acme-ml-gold' } }, /invalid zoneBuckets\["Gold"\]: "Gold"\. Allowed: 1 to 20 characters/],
    ['a key id that is not a crypto key', { encryptionKey: { id: 'lake' } }, /invalid encryptionKey\.id: "lake"\. Allowed: a Cloud KMS crypto key resource id/],
  ])('%s is refused', (_, overrides, message) => {
    expect(() => importedLake(newStack(), overrides as Partial<typeof IMPORTED_LAKE>)).toThrow(message);
    expect(() => importedLake(newStack(), overrides as Partial<typeof IMPORTED_LAKE>)).toThrow(MlopsValidationError);
  });

  test('an unknown zone and a public member are refused as on a created lake', () => {
    const lake = importedLake(newStack());
    expect(() => lake.dataset('gold')).toThrow(/invalid zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
    expect(() => lake.grantRead('raw', 'allUsers')).toThrow(/invalid member: "allUsers"\. Allowed: a non-public member/);
  });
});

import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformStack } from 'cdktf';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, avroSchema, bigQueryColumns } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, Duration, RemovalPolicy, StreamingIngest, StreamingIngestEncoding, StreamingIngestProps,
} from 'mlops-constructs/gcp';
import { IMPORTED_LAKE, importedLake, newStack, ordersSchema, Synth } from '../support';

const AGENT = 'serviceAccount:service-${data.google_project.Orders_ServiceAgent_Project_8D8A1AE8.number}@gcp-sa-pubsub.iam.gserviceaccount.com';

function kmsKey(stack: TerraformStack, name = 'lake'): KmsCryptoKey {
  const ring = new KmsKeyRing(stack, `Ring-${name}`, { name, location: 'us' });
  return new KmsCryptoKey(stack, `Key-${name}`, { name, keyRing: ring.id, rotationPeriod: '7776000s' });
}

/** A lake (with a KMS key unless `withKey` is false) and an orders ingest into it. */
function ingestIn(props: Partial<StreamingIngestProps> = {}, options: { withKey?: boolean; lake?: Partial<DataLakeProps>; context?: Record<string, unknown> } = {}) {
  const stack = newStack(options.context);
  const key = options.withKey === false ? undefined : kmsKey(stack);
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key, ...options.lake });
  const ingest = new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema(), ...props });
  return { stack, lake, ingest, key, synth: () => new Synth(stack) };
}

describe('StreamingIngest defaults (lake with a KMS key)', () => {
  test('an Avro schema generated from the neutral schema validates the topic; the topic is encrypted with the lake key and retained', () => {
    // given an ingest with only a lake and a schema
    const tf = ingestIn().synth();
    // then the schema resource is the schema's Avro record
    const schema = tf.at('google_pubsub_schema', 'Orders/Schema');
    expect(schema).toMatchObject({ name: 'acme-ml-orders', type: 'AVRO', lifecycle: { prevent_destroy: true } });
    expect(JSON.parse(schema.definition)).toEqual(avroSchema(ordersSchema()));
    // and the topic uses it, with the lake's key, after the service agent may use the key
    expect(tf.at('google_pubsub_topic', 'Orders/Resource')).toEqual(expect.objectContaining({
      name: 'acme-ml-orders',
      kms_key_name: tf.ref('google_kms_crypto_key', 'Key-lake', 'id'),
      schema_settings: { schema: tf.ref('google_pubsub_schema', 'Orders/Schema', 'id'), encoding: 'JSON' },
      message_retention_duration: '604800s',
      labels: { 'managed-by': 'mlops-constructs', 'lake-zone': 'raw' },
      depends_on: [tf.address('google_kms_crypto_key_iam_member', 'Orders/ServiceAgent/KeyAccess')],
      lifecycle: { prevent_destroy: true },
    }));
  });

  test('the BigQuery subscription writes the topic schema and metadata into the lake table, dead-letters refused messages, never expires', () => {
    const tf = ingestIn().synth();
    const table = (attribute: string) => tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', attribute);
    expect(tf.at('google_pubsub_subscription', 'Orders/Subscription')).toEqual(expect.objectContaining({
      name: 'acme-ml-orders-bigquery',
      topic: tf.ref('google_pubsub_topic', 'Orders/Resource', 'id'),
      bigquery_config: { table: `${table('project')}.${table('dataset_id')}.${table('table_id')}`, use_topic_schema: true, write_metadata: true, drop_unknown_fields: false },
      dead_letter_policy: { dead_letter_topic: tf.ref('google_pubsub_topic', 'Orders/DeadLetter/Topic', 'id'), max_delivery_attempts: 5 },
      message_retention_duration: '604800s',
      expiration_policy: { ttl: '' },
      lifecycle: { prevent_destroy: true },
    }));
  });

  test('the subscription depends on the table and dead-letter grants of the Pub/Sub service agent (terraform-google-pubsub#132)', () => {
    const tf = ingestIn().synth();
    expect(tf.at('google_pubsub_subscription', 'Orders/Subscription').depends_on).toEqual([
      tf.address('google_bigquery_table_iam_member', 'Orders/ServiceAgent/TableWriter'),
      tf.address('google_pubsub_topic_iam_member', 'Orders/ServiceAgent/DeadLetterPublisher'),
    ]);
  });

  test('a dead-letter topic and a pull subscription keep refused messages 31 days, encrypted, never expiring', () => {
    const tf = ingestIn().synth();
    expect(tf.at('google_pubsub_topic', 'Orders/DeadLetter/Topic')).toEqual(expect.objectContaining({
      name: 'acme-ml-orders-dead-letter', kms_key_name: tf.ref('google_kms_crypto_key', 'Key-lake', 'id'), message_retention_duration: '2678400s',
      lifecycle: { prevent_destroy: true },
    }));
    expect(tf.at('google_pubsub_topic', 'Orders/DeadLetter/Topic').schema_settings).toBeUndefined();
    const subscription = tf.at('google_pubsub_subscription', 'Orders/DeadLetter/Subscription');
    expect(subscription).toEqual(expect.objectContaining({
      name: 'acme-ml-orders-dead-letter', topic: tf.ref('google_pubsub_topic', 'Orders/DeadLetter/Topic', 'id'),
      message_retention_duration: '2678400s', expiration_policy: { ttl: '' }, lifecycle: { prevent_destroy: true },
    }));
    expect(subscription.bigquery_config).toBeUndefined();
  });

  test('the lake table is generated from the same schema, with NULLABLE metadata columns after the schema columns', () => {
    const { ingest, synth } = ingestIn();
    const tf = synth();
    const table = tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders');
    expect(JSON.parse(table.schema)).toEqual([
      ...bigQueryColumns(ordersSchema()),
      expect.objectContaining({ name: 'subscription_name', type: 'STRING', mode: 'NULLABLE' }),
      expect.objectContaining({ name: 'message_id', type: 'STRING', mode: 'NULLABLE' }),
      expect.objectContaining({ name: 'publish_time', type: 'TIMESTAMP', mode: 'NULLABLE' }),
      expect.objectContaining({ name: 'attributes', type: 'JSON', mode: 'NULLABLE' }),
    ]);
    expect(table.encryption_configuration).toEqual({ kms_key_name: tf.ref('google_kms_crypto_key', 'Key-lake', 'id') });
    expect(ingest.table.table.node.path).toBe('stack/Lake/Zone-raw/Table-orders');
    expect(tf.resources('google_bigquery_table')).toHaveLength(1);
  });

  test('the Pub/Sub service agent (from the project number) gets each role on one resource only, never on the dataset or project', () => {
    const { ingest, synth } = ingestIn();
    const tf = synth();
    expect(ingest.serviceAgentMember).toMatch(/^serviceAccount:service-\$\{TfToken\[TOKEN\.\d+\]\}@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/);
    expect(tf.dataSources('google_project').map((d) => d.path)).toEqual(['Orders/ServiceAgent/Project']);
    expect(tf.at('google_bigquery_table_iam_member', 'Orders/ServiceAgent/TableWriter')).toMatchObject({
      project: tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'project'),
      dataset_id: tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'dataset_id'),
      table_id: tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'table_id'),
      role: 'roles/bigquery.dataEditor', member: AGENT,
    });
    expect(tf.at('google_pubsub_topic_iam_member', 'Orders/ServiceAgent/DeadLetterPublisher')).toMatchObject({
      topic: tf.ref('google_pubsub_topic', 'Orders/DeadLetter/Topic', 'name'), role: 'roles/pubsub.publisher', member: AGENT,
    });
    expect(tf.at('google_pubsub_subscription_iam_member', 'Orders/ServiceAgent/DeadLetterSubscriber')).toMatchObject({
      subscription: tf.ref('google_pubsub_subscription', 'Orders/Subscription', 'name'), role: 'roles/pubsub.subscriber', member: AGENT,
    });
    expect(tf.at('google_kms_crypto_key_iam_member', 'Orders/ServiceAgent/KeyAccess')).toMatchObject({
      crypto_key_id: tf.ref('google_kms_crypto_key', 'Key-lake', 'id'), role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: AGENT,
    });
    const agentGrants = tf.blocks.filter((b) => b.mode === 'resource' && b.config.member === AGENT).map((b) => b.type).sort();
    expect(agentGrants).toEqual([
      'google_bigquery_table_iam_member', 'google_kms_crypto_key_iam_member', 'google_pubsub_subscription_iam_member', 'google_pubsub_topic_iam_member',
    ]);
  });

  test('two alert policies: oldest unacked message age above 30 minutes for 5 minutes, and any dead-lettered message', () => {
    const tf = ingestIn().synth();
    const subscriptionFilter = `resource.type = "pubsub_subscription" AND resource.labels.project_id = "${tf.ref('google_project', 'Orders/ServiceAgent/Project', 'project_id')}" `
      + `AND resource.labels.subscription_id = "${tf.ref('google_pubsub_subscription', 'Orders/Subscription', 'name')}"`;
    const age = tf.at('google_monitoring_alert_policy', 'Orders/Alerts/OldestUnackedMessageAge');
    expect(age).toMatchObject({ combiner: 'OR', severity: 'ERROR' });
    expect(age.notification_channels).toBeUndefined();
    expect(age.conditions[0].condition_threshold).toEqual({
      filter: `${subscriptionFilter} AND metric.type = "pubsub.googleapis.com/subscription/oldest_unacked_message_age"`,
      comparison: 'COMPARISON_GT', threshold_value: 1800, duration: '300s',
      aggregations: [{ alignment_period: '60s', per_series_aligner: 'ALIGN_MAX' }], trigger: { count: 1 },
    });
    expect(age.documentation.content).toMatch(/not being written to the BigQuery table .*Pub\/Sub drops messages older than 7 days/);
    const deadLetters = tf.at('google_monitoring_alert_policy', 'Orders/Alerts/DeadLetteredMessages');
    expect(deadLetters.conditions[0].condition_threshold).toEqual({
      filter: `${subscriptionFilter} AND metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count"`,
      comparison: 'COMPARISON_GT', threshold_value: 0, duration: '0s',
      aggregations: [{ alignment_period: '300s', per_series_aligner: 'ALIGN_SUM' }], trigger: { count: 1 },
    });
    expect(deadLetters.documentation.content).toMatch(/acme-ml-orders-dead-letter.*CloudPubSubDeadLetterSourceDeliveryErrorMessage/);
  });

  test('stateful resources sit at stable construct paths', () => {
    const tf = ingestIn().synth();
    const pubsub = tf.blocks.filter((b) => ['google_pubsub_topic', 'google_pubsub_subscription', 'google_pubsub_schema'].includes(b.type)).map((b) => `${b.type} ${b.path}`).sort();
    expect(pubsub).toEqual([
      'google_pubsub_schema Orders/Schema',
      'google_pubsub_subscription Orders/DeadLetter/Subscription',
      'google_pubsub_subscription Orders/Subscription',
      'google_pubsub_topic Orders/DeadLetter/Topic',
      'google_pubsub_topic Orders/Resource',
    ]);
  });
});

describe('StreamingIngest options', () => {
  test('without any key the topics use Google-managed encryption and nothing waits for a key grant', () => {
    const tf = ingestIn({}, { withKey: false }).synth();
    for (const path of ['Orders/Resource', 'Orders/DeadLetter/Topic']) {
      expect(tf.at('google_pubsub_topic', path).kms_key_name).toBeUndefined();
      expect(tf.at('google_pubsub_topic', path).depends_on).toBeUndefined();
    }
    expect(tf.resources('google_kms_crypto_key_iam_member')).toEqual([]);
  });

  test('an encryptionKey of its own replaces the lake key on the topics', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: kmsKey(stack) });
    new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema(), encryptionKey: kmsKey(stack, 'pubsub') });
    const tf = new Synth(stack);
    expect(tf.at('google_pubsub_topic', 'Orders/Resource').kms_key_name).toBe(tf.ref('google_kms_crypto_key', 'Key-pubsub', 'id'));
    expect(tf.at('google_kms_crypto_key_iam_member', 'Orders/ServiceAgent/KeyAccess').crypto_key_id).toBe(tf.ref('google_kms_crypto_key', 'Key-pubsub', 'id'));
  });

  test('prefix, zone, retentions, delivery attempts, encoding, alert threshold and channels', () => {
    const channel = 'projects/acme-ops/notificationChannels/123';
    const { lake, synth } = ingestIn({
      prefix: 'orders.v1',
      zone: 'curated',
      messageRetention: Duration.hours(12),
      deadLetterRetention: Duration.days(14),
      maxDeliveryAttempts: 20,
      encoding: StreamingIngestEncoding.BINARY,
      oldestUnackedMessageAgeAlarmThreshold: Duration.minutes(10),
      notificationChannels: [channel],
    }, { lake: { project: 'acme-data-prod' } });
    const tf = synth();
    expect(tf.at('google_pubsub_topic', 'Orders/Resource')).toMatchObject({
      project: 'acme-data-prod', name: 'orders.v1', message_retention_duration: '43200s', schema_settings: { encoding: 'BINARY' },
    });
    expect(tf.at('google_pubsub_schema', 'Orders/Schema')).toMatchObject({ project: 'acme-data-prod', name: 'orders.v1' });
    expect(tf.at('google_pubsub_subscription', 'Orders/Subscription')).toMatchObject({
      name: 'orders.v1-bigquery', message_retention_duration: '43200s', dead_letter_policy: { max_delivery_attempts: 20 },
    });
    expect(tf.at('google_pubsub_topic', 'Orders/DeadLetter/Topic')).toMatchObject({ name: 'orders.v1-dead-letter', message_retention_duration: '1209600s' });
    expect(tf.at('google_pubsub_subscription', 'Orders/DeadLetter/Subscription')).toMatchObject({ name: 'orders.v1-dead-letter', message_retention_duration: '1209600s' });
    expect(tf.dataSources('google_project')[0].config.project_id).toBe('acme-data-prod');
    for (const path of ['Orders/Alerts/OldestUnackedMessageAge', 'Orders/Alerts/DeadLetteredMessages']) {
      expect(tf.at('google_monitoring_alert_policy', path)).toMatchObject({ project: 'acme-data-prod', notification_channels: [channel] });
    }
    expect(tf.at('google_monitoring_alert_policy', 'Orders/Alerts/OldestUnackedMessageAge').conditions[0].condition_threshold.threshold_value).toBe(600);
    expect(lake.tables.map((t) => `${t.zone}.${t.tableId}`)).toEqual(['curated.orders']);
  });
});

describe('StreamingIngest and tables the lake already has', () => {
  test('a table the lake generated from the same schema gains the metadata columns in place, at the same address', () => {
    // given the lake declares the orders table itself
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', tables: [{ zone: 'raw', schema: ordersSchema() }] });
    // when an ingest for an equal schema (another object) targets it
    const ingest = new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema() });
    // then there is one table, the lake's, with the metadata columns appended
    const tf = new Synth(stack);
    expect(tf.resources('google_bigquery_table').map((t) => t.path)).toEqual(['Lake/Zone-raw/Table-orders']);
    expect(JSON.parse(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').schema).map((c: { name: string }) => c.name)).toEqual([
      'order_id', 'customer_id', 'amount', 'exchange_rate', 'item_count', 'ordered_at', 'subscription_name', 'message_id', 'publish_time', 'attributes',
    ]);
    expect(ingest.table).toBe(lake.tables[0]);
  });

  test('two ingests of the same table add the metadata columns once', () => {
    const { stack, lake } = ingestIn();
    new StreamingIngest(stack, 'OrdersReplay', { lake, schema: lake.tables[0].schema, prefix: 'acme-ml-orders-replay' });
    const columns = JSON.parse(new Synth(stack).at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').schema) as Array<{ name: string }>;
    expect(columns.filter((c) => c.name === 'message_id')).toHaveLength(1);
    expect(columns).toHaveLength(10);
  });
});

describe('StreamingIngest IAM', () => {
  const producer = 'serviceAccount:checkout@acme-ml.iam.gserviceaccount.com';
  const ops = 'group:data-ops@example.com';

  test('the iam prop grants publisher and viewer on the topic, subscriber on the dead-letter subscription, additively', () => {
    const tf = ingestIn({ iam: { 'roles/pubsub.publisher': [producer], 'roles/pubsub.viewer': [ops], 'roles/pubsub.subscriber': [ops] } }).synth();
    const topic = tf.ref('google_pubsub_topic', 'Orders/Resource', 'name');
    expect(tf.resources('google_pubsub_topic_iam_member').filter((m) => m.config.topic === topic).map((m) => [m.config.role, m.config.member]))
      .toEqual([['roles/pubsub.publisher', producer], ['roles/pubsub.viewer', ops]]);
    expect(tf.resources('google_pubsub_subscription_iam_member').filter((m) => m.path.startsWith('Orders/DeadLetterIam/')).map((m) => m.config)).toEqual([
      expect.objectContaining({ subscription: tf.ref('google_pubsub_subscription', 'Orders/DeadLetter/Subscription', 'name'), role: 'roles/pubsub.subscriber', member: ops }),
    ]);
    expect(tf.blocks.filter((b) => /_iam_(binding|policy)$/.test(b.type))).toEqual([]);
  });

  test('grantWrite and grantReadDeadLetters grant one role on one resource, once', () => {
    const { ingest, synth } = ingestIn({ iam: { 'roles/pubsub.publisher': [producer] } });
    const publish = ingest.grantWrite(producer);
    expect(ingest.grantWrite(producer)).toEqual(publish);
    expect(ingest.grantReadDeadLetters(ops)).toHaveLength(1);
    const tf = synth();
    expect(tf.resources('google_pubsub_topic_iam_member').filter((m) => m.config.member === producer)).toHaveLength(1);
    expect(tf.at('google_pubsub_subscription_iam_member', `Orders/DeadLetterIam/roles--pubsub.subscriber=${ops}`)).toMatchObject({
      subscription: tf.ref('google_pubsub_subscription', 'Orders/DeadLetter/Subscription', 'name'), role: 'roles/pubsub.subscriber',
    });
  });

  test('members holding tokens are granted under deterministic construct ids', () => {
    const { stack, ingest, synth } = ingestIn();
    const sa = new ServiceAccount(stack, 'Checkout', { accountId: 'checkout' });
    ingest.grantWrite(sa.member);
    ingest.grantWrite(`serviceAccount:${sa.email}`);
    expect(synth().resources('google_pubsub_topic_iam_member').filter((m) => m.path.startsWith('Orders/Iam/')).map((m) => m.path)).toEqual([
      'Orders/Iam/roles--pubsub.publisher=member-1', 'Orders/Iam/roles--pubsub.publisher=member-2',
    ]);
  });

  test('an ingest defined elsewhere is imported by names, for grants in its project', () => {
    const stack = newStack();
    const imported = StreamingIngest.fromStreamingIngestAttributes(stack, 'Imported', {
      topicName: 'acme-ml-orders', deadLetterSubscriptionName: 'acme-ml-orders-dead-letter', project: 'acme-data-prod',
    });
    imported.grantWrite(producer);
    imported.grantReadDeadLetters(ops);
    const tf = new Synth(stack);
    expect(tf.resources('google_pubsub_topic_iam_member').map((m) => m.config)).toEqual([
      expect.objectContaining({ project: 'acme-data-prod', topic: 'acme-ml-orders', role: 'roles/pubsub.publisher', member: producer }),
    ]);
    expect(tf.resources('google_pubsub_subscription_iam_member').map((m) => m.config)).toEqual([
      expect.objectContaining({ project: 'acme-data-prod', subscription: 'acme-ml-orders-dead-letter', role: 'roles/pubsub.subscriber', member: ops }),
    ]);
    expect(imported.topicName).toBe('acme-ml-orders');
  });
});

describe('StreamingIngest removal policy', () => {
  test('DESTROY with the app context lets Terraform destroy the topics, subscriptions and schema', () => {
    const tf = ingestIn({ removalPolicy: RemovalPolicy.DESTROY }, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }).synth();
    for (const type of ['google_pubsub_topic', 'google_pubsub_subscription', 'google_pubsub_schema']) {
      const resources = tf.resources(type);
      expect(resources.length).toBeGreaterThan(0);
      resources.forEach((r) => expect(r.config.lifecycle).toBeUndefined());
    }
    // the table follows the lake, which still retains it
    expect(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('StreamingIngest on an imported lake (DataLake.fromDataLakeAttributes)', () => {
  test('the table goes to the existing raw dataset with the lake\'s key; topics default to the lake\'s project', () => {
    // given a lake made elsewhere
    const stack = newStack();
    const lake = importedLake(stack);
    // when an ingest writes into it
    const ingest = new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema() });
    const tf = new Synth(stack);
    // then the table is in the lake's dataset, encrypted like the lake, and the ingest writes into it
    expect(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders')).toMatchObject({
      project: 'acme-data', dataset_id: 'acme_ml_raw', table_id: 'orders', encryption_configuration: { kms_key_name: IMPORTED_LAKE.encryptionKey!.id },
    });
    expect(ingest.table).toBe(lake.tables[0]);
    expect(tf.at('google_pubsub_topic', 'Orders/Resource')).toMatchObject({ project: 'acme-data', name: 'acme-ml-orders', kms_key_name: IMPORTED_LAKE.encryptionKey!.id });
    expect(tf.at('google_bigquery_table_iam_member', 'Orders/ServiceAgent/TableWriter')).toMatchObject({ role: 'roles/bigquery.dataEditor' });
    expect(tf.at('google_pubsub_subscription', 'Orders/Subscription').bigquery_config.table)
      .toBe(`${tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'project')}.${tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'dataset_id')}.${tf.ref('google_bigquery_table', 'Lake/Zone-raw/Table-orders', 'table_id')}`);
  });

  test('project puts the topics, subscriptions and alerts in another project than the lake\'s table', () => {
    const stack = newStack();
    const ingest = new StreamingIngest(stack, 'Orders', { lake: importedLake(stack), schema: ordersSchema(), project: 'acme-orders' });
    const tf = new Synth(stack);
    expect(ingest.project).toBe('acme-orders');
    for (const [type, path] of [['google_pubsub_topic', 'Orders/Resource'], ['google_pubsub_subscription', 'Orders/Subscription'],
      ['google_pubsub_schema', 'Orders/Schema'], ['google_monitoring_alert_policy', 'Orders/Alerts/DeadLetteredMessages']]) {
      expect(tf.at(type, path).project).toBe('acme-orders');
    }
    expect(tf.at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').project).toBe('acme-data');
    expect(tf.dataSources('google_project')[0].config.project_id).toBe('acme-orders');
    expect(ingest.alertPolicies).toEqual([ingest.oldestUnackedMessageAgeAlert, ingest.deadLetteredMessagesAlert]);
    expect(() => new StreamingIngest(newStack(), 'Orders', { lake: importedLake(newStack()), schema: ordersSchema(), project: 'Acme' }))
      .toThrow(/\[stack\/Orders\] invalid project: "Acme"\. Allowed: a project id/);
  });
});

/**
 * Bad input to StreamingIngest fails at synth time, naming the construct path, the property, the
 * value and what is allowed (the Avro → BigQuery compatibility check behind the schema errors is in
 * private/bigquery.test.ts).
 */
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, Duration, RemovalPolicy, StreamingIngest, StreamingIngestEncoding, StreamingIngestProps } from 'mlops-constructs/gcp';
import { newStack, ordersSchema } from '../support';

function ingestIn(props: Partial<StreamingIngestProps> = {}, context?: Record<string, unknown>) {
  const stack = newStack(context);
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
  return new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema(), ...props });
}

const withField = (name: string, type: FieldType = FieldType.STRING) => new TableSchema({
  name: 'orders', fields: [{ name: 'order_id', type: FieldType.STRING }, { name, type }], entityKeys: ['order_id'],
});

describe('StreamingIngest bad input', () => {
  test.each<[string, Partial<StreamingIngestProps>, RegExp]>([
    ['a lake that is not a DataLake', { lake: { prefix: 'acme' } as unknown as DataLake },
      /\[stack\/Orders\] invalid lake: \{"prefix":"acme"\}\. Allowed: a DataLake of mlops-constructs\/gcp, or one imported with DataLake\.fromDataLakeAttributes/],
    ['a schema that is not a TableSchema', { schema: { name: 'orders' } as unknown as TableSchema }, /\[stack\/Orders\] invalid schema: \{"name":"orders"\}\. Allowed: a TableSchema/],
    ['an invalid schema', { schema: new TableSchema({ name: 'orders', fields: [{ name: 'id', type: FieldType.of('varchar') }] }) },
      /\[stack\/Orders\] invalid schema\.fields\[0\]\.type: "varchar"\. Allowed: one of string, boolean/],
    ['a field named like the metadata column "data"', { schema: withField('data') },
      /\[stack\/Orders\] invalid schema\.fields\[1\]\.name: "data"\. Allowed: a name other than subscription_name, message_id, publish_time, data, attributes: the BigQuery subscription writes message metadata under those names/],
    ['a field named publish_time', { schema: withField('publish_time', FieldType.TIMESTAMP) }, /invalid schema\.fields\[1\]\.name: "publish_time"\. Allowed: a name other than/],
    ['a field named attributes', { schema: withField('attributes') }, /invalid schema\.fields\[1\]\.name: "attributes"/],
    ['a zone the lake does not have', { zone: 'gold' }, /\[stack\/Orders\] invalid zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/],
    ['a prefix starting with "goog"', { prefix: 'google-orders' },
      /\[stack\/Orders\] invalid prefix: "google-orders"\. Allowed: a base name from which every Pub\/Sub id .* is 3 to 255 characters of letters, digits, dashes, underscores, periods, tildes, plus and percent signs, starting with a letter and not with "goog"; "google-orders" is not/],
    ['a prefix starting with a digit', { prefix: '9orders' }, /invalid prefix: "9orders"\. Allowed: .*starting with a letter/],
    ['a prefix with a slash', { prefix: 'orders/raw' }, /invalid prefix: "orders\/raw"\. Allowed: .*"orders\/raw" is not/],
    ['a prefix too short for the topic', { prefix: 'ab' }, /invalid prefix: "ab"\. Allowed: .*3 to 255 characters.*; "ab" is not/],
    ['a prefix whose dead-letter id exceeds 255 characters', { prefix: `o${'x'.repeat(244)}` }, /invalid prefix: "ox+"\. Allowed: .*; "ox+-dead-letter" is not/],
    ['a message retention under 10 minutes', { messageRetention: Duration.minutes(5) },
      /\[stack\/Orders\] invalid messageRetention: "5 minutes"\. Allowed: from 10 minutes to 31 days in whole seconds \(Pub\/Sub's message retention limits/],
    ['a message retention over 31 days', { messageRetention: Duration.days(32) }, /invalid messageRetention: "32 days"\. Allowed: from 10 minutes to 31 days/],
    ['a dead-letter retention over 31 days', { deadLetterRetention: Duration.hours(745) }, /invalid deadLetterRetention: "745 hours"\. Allowed: from 10 minutes to 31 days/],
    ['a retention that is a number', { messageRetention: 3600 as unknown as Duration },
      /invalid messageRetention: 3600\. Allowed: a Duration, such as Duration\.days\(7\)/],
    ['4 delivery attempts', { maxDeliveryAttempts: 4 }, /\[stack\/Orders\] invalid maxDeliveryAttempts: 4\. Allowed: a whole number from 5 to 100 \(Pub\/Sub's dead-letter policy limits\)/],
    ['101 delivery attempts', { maxDeliveryAttempts: 101 }, /invalid maxDeliveryAttempts: 101\. Allowed: a whole number from 5 to 100/],
    ['fractional delivery attempts', { maxDeliveryAttempts: 7.5 }, /invalid maxDeliveryAttempts: 7\.5\. Allowed: a whole number from 5 to 100/],
    ['an unknown encoding', { encoding: 'AVRO_JSON' as StreamingIngestEncoding }, /invalid encoding: "AVRO_JSON"\. Allowed: StreamingIngestEncoding\.JSON or StreamingIngestEncoding\.BINARY/],
    ['a notification channel that is not a channel name', { notificationChannels: ['ops@example.com'] },
      /\[stack\/Orders\] invalid notificationChannels\[0\]: "ops@example\.com"\. Allowed: a notification channel name "projects\/<project>\/notificationChannels\/<channel id>"/],
    ['an alert threshold as long as the retention', { messageRetention: Duration.hours(1), oldestUnackedMessageAgeAlarmThreshold: Duration.minutes(60) },
      /\[stack\/Orders\] invalid oldestUnackedMessageAgeAlarmThreshold: "60 minutes"\. Allowed: whole minutes, at least 1 minute and less than messageRetention \(1 hour\): older messages are dropped/],
    ['an alert threshold in fractions of a minute', { oldestUnackedMessageAgeAlarmThreshold: Duration.minutes(2.5) }, /invalid oldestUnackedMessageAgeAlarmThreshold: "2\.5 minutes"\. Allowed: whole minutes/],
    ['a key id that is not a crypto key', { encryptionKey: { id: 'projects/p/locations/us/keyRings/r' } },
      /\[stack\/Orders\] invalid encryptionKey\.id: "projects\/p\/locations\/us\/keyRings\/r"\. Allowed: a Cloud KMS crypto key resource id/],
    ['a role the ingest does not scope', { iam: { 'roles/pubsub.editor': ['group:ops@example.com'] } },
      /\[stack\/Orders\] invalid iam\["roles\/pubsub\.editor"\]: "roles\/pubsub\.editor"\. Allowed: roles\/pubsub\.publisher or roles\/pubsub\.viewer \(granted on the topic\) or roles\/pubsub\.subscriber \(granted on the dead-letter subscription\)/],
    ['a public publisher', { iam: { 'roles/pubsub.publisher': ['allUsers'] } }, /invalid iam\["roles\/pubsub\.publisher"\]\[0\]: "allUsers"\. Allowed: a non-public member/],
    ['DESTROY without the app context', { removalPolicy: RemovalPolicy.DESTROY },
      /\[stack\/Orders\] invalid removalPolicy: "destroy"\. Allowed: a policy that destroys data only when the app also sets the context "mlops-constructs:allowDataDestruction": true/],
  ])('%s', (_name, props, message) => {
    expect(() => ingestIn(props)).toThrow(message);
    expect(() => ingestIn(props)).toThrow(MlopsValidationError);
  });

  test('props that are not an object', () => {
    expect(() => new StreamingIngest(newStack(), 'Orders', undefined as unknown as StreamingIngestProps))
      .toThrow(/\[stack\/Orders\] invalid props: undefined\. Allowed: an object with at least a lake and a schema/);
  });

  test('a table the lake generated from another schema of the same name is refused', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', tables: [{ zone: 'raw', schema: ordersSchema() }] });
    expect(() => new StreamingIngest(stack, 'Orders', { lake, schema: withField('note') }))
      .toThrow(/\[stack\/Orders\] invalid schema: "orders"\. Allowed: the schema the lake's table "raw\.orders" was generated from \(same columns, entity keys and event time\)/);
  });

  test('a valid lake table name with DESTROY and the context is accepted (the check above is about the opt-in only)', () => {
    expect(() => ingestIn({ removalPolicy: RemovalPolicy.DESTROY }, { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true })).not.toThrow();
  });

  test.each<[string, (ingest: StreamingIngest) => unknown, RegExp]>([
    ['grantWrite to the public', (ingest) => ingest.grantWrite('allAuthenticatedUsers'), /\[stack\/Orders\] invalid member: "allAuthenticatedUsers"\. Allowed: a non-public member/],
    ['grantReadDeadLetters to a member without a type', (ingest) => ingest.grantReadDeadLetters('ops@example.com'), /invalid member: "ops@example\.com"\. Allowed: a member of type user:/],
  ])('%s', (_name, act, message) => {
    expect(() => act(ingestIn())).toThrow(message);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a topic name starting with "goog"', { topicName: 'goog-orders', deadLetterSubscriptionName: 'orders-dead-letter' }, /\[stack\/Imported\] invalid topicName: "goog-orders"\. Allowed: 3 to 255 characters/],
    ['a subscription name with a space', { topicName: 'orders', deadLetterSubscriptionName: 'orders dead' }, /invalid deadLetterSubscriptionName: "orders dead"/],
    ['a bad project id', { topicName: 'orders', deadLetterSubscriptionName: 'orders-dead-letter', project: 'Acme' }, /invalid project: "Acme"\. Allowed: a project id/],
  ])('import with %s', (_name, attrs, message) => {
    expect(() => StreamingIngest.fromStreamingIngestAttributes(newStack(), 'Imported', attrs as never)).toThrow(message);
  });
});

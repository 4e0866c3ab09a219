/**
 * The spine of the library: one TableSchema object drives every stage on both clouds. Adding a
 * field to the schema — and nothing else — must make it appear in the Glue table that Firehose
 * converts against, the BigQuery table, the Pub/Sub Avro schema, the SageMaker feature group and
 * the Vertex AI feature registry. Each stage is read in full before and after the change.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FeatureGroupSpec, FieldSpec, FieldType, TableSchema } from 'mlops-constructs';
import * as aws from 'mlops-constructs/aws';
import * as gcp from 'mlops-constructs/gcp';
import { newStack, Synth } from './gcp/support';

const baseFields: FieldSpec[] = [
  { name: 'customer_id', type: FieldType.STRING },
  { name: 'orders_7d', type: FieldType.INT64 },
  { name: 'spend_7d', type: FieldType.decimal(14, 2) },
  { name: 'computed_at', type: FieldType.TIMESTAMP },
];
const ADDED = 'returns_30d';

function schemaWith(fields: FieldSpec[]): TableSchema {
  return new TableSchema({ name: 'customer_daily', fields, entityKeys: ['customer_id'], eventTime: 'computed_at' });
}

/** Everything AWS generates from one schema, and where the field names show up in it. */
function awsNames(schema: TableSchema) {
  const spec = new FeatureGroupSpec({ name: 'customer_daily', schema });
  const build = (fingerprint?: string) => {
    const stack = new Stack(new App(), 'Spine', { env: { account: '111111111111', region: 'eu-west-1' } });
    const lake = new aws.DataLake(stack, 'Lake', { prefix: 'spine', tables: [{ zone: 'curated', schema }] });
    const ingest = new aws.StreamingIngest(stack, 'Ingest', { lake, schema });
    new aws.FeatureStore(stack, 'Features', { lake }).addFeatureGroup({ spec, replacementFingerprint: fingerprint });
    return { stack, ingest };
  };
  // The feature store asks for its replacement fingerprint on first synth, as it does for users.
  let fingerprint: string | undefined;
  try {
    Template.fromStack(build().stack);
  } catch (e) {
    fingerprint = /replacementFingerprint: '(v1[0-9a-f.]+)'/.exec(String(e))?.[1];
  }
  const { stack, ingest } = build(fingerprint);
  const template = Template.fromStack(stack).toJSON();
  const resources = Object.values<any>(template.Resources);
  const glueTables = resources.filter((r) => r.Type === 'AWS::Glue::Table');
  const rawTable = glueTables.find((t) => t.Properties.TableInput.Name === 'customer_daily' && JSON.stringify(t.Properties.DatabaseName).includes('raw'));
  if (rawTable === undefined) {
    throw new Error(`no raw Glue table among ${JSON.stringify(glueTables.map((t) => t.Properties.DatabaseName))}`);
  }
  const firehose = resources.find((r) => r.Type === 'AWS::KinesisFirehose::DeliveryStream');
  const schemaConfig = firehose.Properties.ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration.SchemaConfiguration;
  const featureGroup = resources.find((r) => r.Type === 'AWS::SageMaker::FeatureGroup');
  return {
    firehoseTable: schemaConfig.TableName as string,
    glueRawColumns: rawTable.Properties.TableInput.StorageDescriptor.Columns.map((c: any) => c.Name) as string[],
    ingestTable: ingest.glueTableName,
    sageMakerFeatures: featureGroup.Properties.FeatureDefinitions.map((d: any) => d.FeatureName) as string[],
  };
}

/** Everything Google Cloud generates from one schema, and where the field names show up in it. */
function gcpNames(schema: TableSchema) {
  const stack = newStack();
  const lake = new gcp.DataLake(stack, 'Lake', { prefix: 'spine', location: 'europe-west4', tables: [{ zone: 'curated', schema }] });
  new gcp.StreamingIngest(stack, 'Ingest', { lake, schema });
  new gcp.FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: new FeatureGroupSpec({ name: 'customer_daily', schema }) }] });
  const synth = new Synth(stack);
  const rawTable = synth.resources('google_bigquery_table').find((b) => b.path === 'Lake/Zone-raw/Table-customer_daily')!;
  const topicSchema = synth.resources('google_pubsub_schema')[0];
  return {
    bigQueryRawColumns: JSON.parse(rawTable.config.schema).map((c: any) => c.name) as string[],
    pubSubAvroFields: JSON.parse(topicSchema.config.definition).fields.map((f: any) => f.name) as string[],
    vertexFeatures: synth.resources('google_vertex_ai_feature_group_feature').map((b) => b.config.name) as string[],
    subscriptionUsesTopicSchema: synth.resources('google_pubsub_subscription').some((b) => b.config.bigquery_config?.use_topic_schema === true),
  };
}

describe('one schema drives every stage on both clouds', () => {
  const before = schemaWith(baseFields);
  const after = schemaWith([...baseFields.slice(0, 3), { name: ADDED, type: FieldType.INT32 }, baseFields[3]]);

  test('AWS: a field added to the schema appears in the Glue table Firehose converts against and in the SageMaker feature group', () => {
    const [a, b] = [awsNames(before), awsNames(after)];
    expect(a.firehoseTable).toBe('customer_daily');
    expect(b.firehoseTable).toBe(b.ingestTable);
    expect(a.glueRawColumns).toEqual(['customer_id', 'orders_7d', 'spend_7d', 'computed_at']);
    expect(b.glueRawColumns).toEqual(['customer_id', 'orders_7d', 'spend_7d', ADDED, 'computed_at']);
    expect(a.sageMakerFeatures.sort()).toEqual(['computed_at', 'customer_id', 'orders_7d', 'spend_7d']);
    expect(b.sageMakerFeatures.sort()).toEqual(['computed_at', 'customer_id', 'orders_7d', ADDED, 'spend_7d']);
  });

  test('Google Cloud: a field added to the schema appears in the BigQuery table, the Pub/Sub Avro schema and the Vertex AI feature registry', () => {
    const [a, b] = [gcpNames(before), gcpNames(after)];
    expect(b.subscriptionUsesTopicSchema).toBe(true);
    expect(a.bigQueryRawColumns.slice(0, 4)).toEqual(['customer_id', 'orders_7d', 'spend_7d', 'computed_at']);
    expect(b.bigQueryRawColumns.slice(0, 5)).toEqual(['customer_id', 'orders_7d', 'spend_7d', ADDED, 'computed_at']);
    expect(a.pubSubAvroFields).toEqual(['customer_id', 'orders_7d', 'spend_7d', 'computed_at']);
    expect(b.pubSubAvroFields).toEqual(['customer_id', 'orders_7d', 'spend_7d', ADDED, 'computed_at']);
    expect(a.vertexFeatures.sort()).toEqual(['orders_7d', 'spend_7d']);
    expect(b.vertexFeatures.sort()).toEqual(['orders_7d', ADDED, 'spend_7d'].sort());
  });
});

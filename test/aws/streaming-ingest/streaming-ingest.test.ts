/**
 * What a StreamingIngest synthesizes: the stream, the Firehose stream into the lake table, the
 * delivery role, the logs, the alarms, and the grants and metrics of producers and consumers.
 */
import { spawnSync } from 'child_process';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnResource, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FieldType, TableSchema } from 'mlops-constructs';
import {
  DataLake, IDataLake, StreamingIngest, StreamingIngestJsonDeserializer, StreamingIngestProps, STREAMING_INGEST_WARNINGS,
} from 'mlops-constructs/aws';
import { orders } from '../../../examples/schemas';
import { newDestroyableStack, newStack } from '../fixtures';

/** A click event: every kind the OpenX JSON SerDe reads (no decimal, no date), an event time, and key fields. */
const clicks = new TableSchema({
  name: 'clicks',
  fields: [
    { name: 'user_id', type: FieldType.STRING },
    { name: 'country', type: FieldType.STRING },
    { name: 'dwell_ms', type: FieldType.INT64 },
    { name: 'score', type: FieldType.FLOAT64 },
    { name: 'first_visit', type: FieldType.BOOLEAN },
    { name: 'clicked_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['user_id'],
  eventTime: 'clicked_at',
});

/** A visit: a date field (and no decimal), which only the Hive JSON SerDe reads. */
const visits = new TableSchema({
  name: 'visits',
  fields: [
    { name: 'user_id', type: FieldType.STRING },
    { name: 'visit_day', type: FieldType.DATE },
    { name: 'visited_at', type: FieldType.TIMESTAMP },
  ],
  eventTime: 'visited_at',
});

const FIREHOSE = 'AWS::KinesisFirehose::DeliveryStream';

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

function arnOf(stack: Stack, construct: { node: { defaultChild?: unknown } }) {
  return { 'Fn::GetAtt': [logicalId(stack, construct), 'Arn'] };
}

/** An ingest of `clicks` into `lake`. */
function ingestInto(stack: Stack, lake: IDataLake, props: Partial<StreamingIngestProps> = {}): StreamingIngest {
  return new StreamingIngest(stack, 'Ingest', { lake, schema: clicks, ...props });
}

/** A new lake and an ingest of `clicks` into it. */
function ingestIn(stack: Stack, props: Partial<StreamingIngestProps> = {}) {
  const lake = new DataLake(stack, 'Lake');
  return { lake, ingest: ingestInto(stack, lake, props) };
}

function deliveryConfig(stack: Stack) {
  const streams = Template.fromStack(stack).findResources(FIREHOSE);
  expect(Object.keys(streams)).toHaveLength(1);
  return Object.values(streams)[0].Properties;
}

/** The statements of the ingest's managed policy attached to `role` (there is no inline policy). */
function grantStatements(stack: Stack, role: iam.Role): unknown[] {
  const template = Template.fromStack(stack);
  const roleRef = { Ref: logicalId(stack, role) };
  expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [roleRef] } })).toEqual({});
  const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [roleRef] } });
  expect(Object.keys(policies)).toHaveLength(1);
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('StreamingIngest stream and key', () => {
  test('a new stream is on-demand, encrypted with the ingest key (rotated), keeps records 7 days and is retained', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Kinesis::Stream', {
      Properties: {
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        StreamEncryption: { EncryptionType: 'KMS', KeyId: arnOf(stack, ingest.encryptionKey) },
        RetentionPeriodHours: 168,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: Match.stringLikeRegexp('^Streaming ingest TestStack/Ingest') },
      DeletionPolicy: 'Retain',
    });
    expect(ingest.stream.encryptionKey).toBe(ingest.encryptionKey);
  });

  test('the stream key is not the lake key', () => {
    const stack = newStack();
    const { lake, ingest } = ingestIn(stack);
    expect(ingest.encryptionKey).not.toBe(lake.encryptionKey);
    expect(logicalId(stack, ingest.encryptionKey)).not.toEqual(logicalId(stack, lake.encryptionKey!));
  });

  test('streamName and streamRetention configure the new stream', () => {
    const stack = newStack();
    ingestIn(stack, { streamName: 'clicks-in', streamRetention: Duration.days(30) });
    Template.fromStack(stack).hasResourceProperties('AWS::Kinesis::Stream', { Name: 'clicks-in', RetentionPeriodHours: 720 });
  });

  test('removalPolicy DESTROY (with the app opt-in) deletes the stream, the key and the log group', () => {
    const stack = newDestroyableStack();
    ingestIn(stack, { removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    for (const type of ['AWS::Kinesis::Stream', 'AWS::Logs::LogGroup']) {
      template.hasResource(type, { DeletionPolicy: 'Delete' });
    }
    template.hasResource('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('^Streaming ingest') }, DeletionPolicy: 'Delete' });
  });

  test('an existing stream is read instead of creating one, and its key is granted to Firehose for that stream only', () => {
    const stack = newStack();
    const streamKey = new kms.Key(stack, 'StreamKey', { enableKeyRotation: true });
    const existing = new kinesis.Stream(stack, 'Existing', { encryptionKey: streamKey, retentionPeriod: Duration.hours(48) });
    const { ingest } = ingestIn(stack, { stream: existing });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Kinesis::Stream', 1);
    expect(ingest.stream).toBe(existing);
    expect(deliveryConfig(stack).KinesisStreamSourceConfiguration.KinesisStreamARN).toEqual(arnOf(stack, existing));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: arnOf(stack, streamKey),
          Condition: { StringEquals: { 'kms:ViaService': 'kinesis.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:kinesis:arn': arnOf(stack, existing) } },
        }]),
      },
    });
  });

  test('the iterator-age alarm uses the retention of the stream: new, existing of the app, or imported (24 h assumed)', () => {
    const threshold = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'GetRecords.IteratorAgeMilliseconds' },
    }))[0].Properties.Threshold;
    const created = newStack();
    ingestIn(created, { streamRetention: Duration.days(2) });
    expect(threshold(created)).toBe(24 * 3_600_000);
    const appStream = newStack();
    ingestIn(appStream, { stream: new kinesis.Stream(appStream, 'S', { retentionPeriod: Duration.hours(96) }) });
    expect(threshold(appStream)).toBe(48 * 3_600_000);
    const imported = newStack();
    ingestIn(imported, { stream: kinesis.Stream.fromStreamArn(imported, 'S', 'arn:aws:kinesis:eu-west-1:111111111111:stream/legacy') });
    expect(threshold(imported)).toBe(12 * 3_600_000);
  });

  test('an existing stream of the app without encryption gets a warning with a stable id', () => {
    const stack = newStack();
    const plain = new kinesis.Stream(stack, 'Plain', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
    const { ingest } = ingestIn(stack, { stream: plain });
    Annotations.fromStack(stack).hasWarning(`/${ingest.node.path}`,
      Match.stringLikeRegexp(`stream TestStack/Plain has no server-side encryption.*${STREAMING_INGEST_WARNINGS.streamUnencrypted}`));
  });

  test('an encrypted existing stream gets no warning', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack, { stream: new kinesis.Stream(stack, 'S', { encryption: kinesis.StreamEncryption.KMS }) });
    expect(ingest.stream.encryptionKey).toBeDefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('streamUnencrypted'))).toEqual([]);
  });
});

describe('StreamingIngest delivery', () => {
  test('the lake gets the schema\'s table, and Firehose waits for it', () => {
    const stack = newStack();
    const { lake } = ingestIn(stack);
    const table = lake.tryFindTable('raw', 'clicks');
    expect(table).toBeDefined();
    const deliveryId = Object.keys(Template.fromStack(stack).findResources(FIREHOSE))[0];
    expect(Template.fromStack(stack).toJSON().Resources[deliveryId].DependsOn).toContain(stack.getLogicalId(table!.table));
  });

  test('a table the lake already has is reused, not created twice', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'raw', schema: clicks }] });
    ingestInto(stack, lake);
    Template.fromStack(stack).resourceCountIs('AWS::Glue::Table', 1);
  });

  test('objects land at the table location under event_date=, the path the lake table projects', () => {
    const stack = newStack();
    const { lake, ingest } = ingestIn(stack);
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.BucketARN).toEqual(arnOf(stack, lake.zoneBucket('raw')));
    expect(config.Prefix).toBe('clicks/event_date=!{partitionKeyFromQuery:event_date}/');
    expect(ingest.dataPrefix).toBe(config.Prefix);
    const tableInput = Template.fromStack(stack).findResources('AWS::Glue::Table')[stack.getLogicalId(lake.tryFindTable('raw', 'clicks')!.table)]
      .Properties.TableInput;
    const template = JSON.stringify(tableInput.Parameters['storage.location.template']);
    expect(template).toContain('/clicks/event_date=${event_date}/');
    expect(tableInput.Parameters['projection.event_date.format']).toBe('yyyy-MM-dd');
  });

  test('partitionKeyField adds <field>=<value>/ below the date and a second key to the query', () => {
    const stack = newStack();
    ingestIn(stack, { partitionKeyField: 'country' });
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.Prefix).toBe('clicks/event_date=!{partitionKeyFromQuery:event_date}/country=!{partitionKeyFromQuery:country}/');
    const query = config.ProcessingConfiguration.Processors[0].Parameters[0].ParameterValue as string;
    expect(query).toMatch(/^\{"event_date": \(\.clicked_at \| .*\), "country": \(\.country \| .*\)\}$/);
  });

  test('dynamic partitioning runs a JQ 1.6 metadata-extraction query on the event time', () => {
    const stack = newStack();
    ingestIn(stack);
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.DynamicPartitioningConfiguration).toEqual({ Enabled: true });
    expect(config.ProcessingConfiguration.Enabled).toBe(true);
    expect(config.ProcessingConfiguration.Processors).toEqual([{
      Type: 'MetadataExtraction',
      Parameters: [
        { ParameterName: 'MetadataExtractionQuery', ParameterValue: expect.stringMatching(/^\{"event_date": \(\.clicked_at \| /) },
        { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
      ],
    }]);
  });

  test('records are converted from JSON (OpenX for a schema without decimal or date) to Snappy Parquet against the lake\'s Glue table, S3 compression off', () => {
    const stack = newStack();
    const { lake, ingest } = ingestIn(stack);
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.CompressionFormat).toBe('UNCOMPRESSED');
    expect(config.DataFormatConversionConfiguration).toEqual({
      Enabled: true,
      InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
      OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
      SchemaConfiguration: {
        CatalogId: '111111111111',
        Region: 'eu-west-1',
        DatabaseName: lake.glueDatabaseName('raw'),
        TableName: 'clicks',
        RoleARN: arnOf(stack, ingest.deliveryRole),
        VersionId: 'LATEST',
      },
    });
    expect(ingest.glueDatabaseName).toBe(lake.glueDatabaseName('raw'));
    expect(ingest.glueTableName).toBe('clicks');
    expect(ingest.jsonDeserializer).toBe(StreamingIngestJsonDeserializer.OPENX);
  });

  test('objects are written with the lake key; the source is the stream', () => {
    const stack = newStack();
    const { lake, ingest } = ingestIn(stack);
    const props = deliveryConfig(stack);
    expect(props.DeliveryStreamType).toBe('KinesisStreamAsSource');
    expect(props.KinesisStreamSourceConfiguration).toEqual({ KinesisStreamARN: arnOf(stack, ingest.stream), RoleARN: arnOf(stack, ingest.deliveryRole) });
    expect(props.ExtendedS3DestinationConfiguration.EncryptionConfiguration).toEqual({ KMSEncryptionConfig: { AWSKMSKeyARN: arnOf(stack, lake.encryptionKey!) } });
  });

  test('buffering defaults to 128 MiB and 300 s, and takes the given values', () => {
    const defaults = newStack();
    ingestIn(defaults);
    expect(deliveryConfig(defaults).ExtendedS3DestinationConfiguration.BufferingHints).toEqual({ SizeInMBs: 128, IntervalInSeconds: 300 });
    const tuned = newStack();
    ingestIn(tuned, { bufferingSize: Size.mebibytes(64), bufferingInterval: Duration.minutes(15) });
    expect(deliveryConfig(tuned).ExtendedS3DestinationConfiguration.BufferingHints).toEqual({ SizeInMBs: 64, IntervalInSeconds: 900 });
  });

  test('failed records go to an error prefix outside the table location, per error type', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const prefix = deliveryConfig(stack).ExtendedS3DestinationConfiguration.ErrorOutputPrefix;
    expect(prefix).toBe('_errors/clicks/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/');
    expect(prefix.startsWith('clicks/')).toBe(false);
    expect(ingest.errorOutputPrefix).toBe(prefix);
    const custom = newStack();
    ingestIn(custom, { errorOutputPrefix: 'quarantine/!{firehose:error-output-type}/' });
    expect(deliveryConfig(custom).ExtendedS3DestinationConfiguration.ErrorOutputPrefix).toBe('quarantine/!{firehose:error-output-type}/');
  });

  test('delivery errors are logged to a log stream of an encrypted log group kept one year, created before Firehose', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack, { deliveryStreamName: 'clicks-delivery' });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/kinesisfirehose/clicks-delivery', KmsKeyId: arnOf(stack, ingest.encryptionKey), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Logs::LogStream', { LogStreamName: 'DestinationDelivery' });
    const config = deliveryConfig(stack);
    expect(config.DeliveryStreamName).toBe('clicks-delivery');
    expect(config.ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions).toEqual({
      Enabled: true, LogGroupName: '/aws/kinesisfirehose/clicks-delivery', LogStreamName: 'DestinationDelivery',
    });
    const deliveryId = Object.keys(template.findResources(FIREHOSE))[0];
    const dependsOn = template.toJSON().Resources[deliveryId].DependsOn as string[];
    expect(dependsOn).toEqual(expect.arrayContaining([
      logicalId(stack, ingest.deliveryLogGroup),
      Object.keys(template.findResources('AWS::Logs::LogStream'))[0],
      Object.keys(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: logicalId(stack, ingest.deliveryRole) }] } }))[0],
    ]));
  });

  test('the key lets CloudWatch Logs use it for the delivery log group only', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack, { deliveryStreamName: 'clicks-delivery' });
    const policy = Template.fromStack(stack).toJSON().Resources[logicalId(stack, ingest.encryptionKey)].Properties.KeyPolicy;
    const logsStatement = policy.Statement.find((s: { Sid?: string }) => s.Sid === 'DeliveryLogGroupEncryption');
    expect(logsStatement.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(JSON.stringify(logsStatement.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']))
      .toContain(':logs:eu-west-1:111111111111:log-group:/aws/kinesisfirehose/clicks-delivery"');
  });
});

describe('StreamingIngest JSON deserializer', () => {
  const HIVE_SERDE = { HiveJsonSerDe: { TimestampFormats: ["yyyy-MM-dd'T'HH:mm:ssZZ", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSZZ", 'millis'] } };
  const deserializerOf = (stack: Stack) => deliveryConfig(stack).ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration.InputFormatConfiguration.Deserializer;

  test('the shared example schema orders (amount decimal(12,2)) is ingested through the Hive JSON SerDe with ISO-8601 and millis formats', () => {
    expect(orders.field('amount')!.type.toString()).toBe('decimal(12,2)');
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const ingest = new StreamingIngest(stack, 'Ingest', { lake, schema: orders });
    expect(ingest.jsonDeserializer).toBe(StreamingIngestJsonDeserializer.HIVE);
    expect(deserializerOf(stack)).toEqual(HIVE_SERDE);
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.DataFormatConversionConfiguration.SchemaConfiguration).toMatchObject({ DatabaseName: lake.glueDatabaseName('raw'), TableName: 'orders' });
    const columns = Template.fromStack(stack).findResources('AWS::Glue::Table')[stack.getLogicalId(lake.tryFindTable('raw', 'orders')!.table)]
      .Properties.TableInput.StorageDescriptor.Columns;
    expect(columns).toContainEqual(expect.objectContaining({ Name: 'amount', Type: 'decimal(12,2)' }));
  });

  test('a date field alone also leads to the Hive JSON SerDe', () => {
    const stack = newStack();
    const ingest = new StreamingIngest(stack, 'Ingest', { lake: new DataLake(stack, 'Lake'), schema: visits });
    expect(ingest.jsonDeserializer).toBe(StreamingIngestJsonDeserializer.HIVE);
    expect(deserializerOf(stack)).toEqual(HIVE_SERDE);
  });

  test('a schema without decimal or date keeps the OpenX JSON SerDe', () => {
    const stack = newStack();
    ingestIn(stack);
    expect(deserializerOf(stack)).toEqual({ OpenXJsonSerDe: {} });
  });

  test('jsonDeserializer HIVE forces the Hive JSON SerDe on a schema the OpenX one could read', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack, { jsonDeserializer: StreamingIngestJsonDeserializer.HIVE });
    expect(ingest.jsonDeserializer).toBe(StreamingIngestJsonDeserializer.HIVE);
    expect(deserializerOf(stack)).toEqual(HIVE_SERDE);
  });

  test('jsonDeserializer OPENX on a schema it reads is kept', () => {
    const stack = newStack();
    ingestIn(stack, { jsonDeserializer: StreamingIngestJsonDeserializer.OPENX });
    expect(deserializerOf(stack)).toEqual({ OpenXJsonSerDe: {} });
  });

  test('the deserializers name themselves as the Firehose API does', () => {
    expect(`${StreamingIngestJsonDeserializer.OPENX}`).toBe('OpenXJsonSerDe');
    expect(StreamingIngestJsonDeserializer.HIVE.name).toBe('HiveJsonSerDe');
  });
});

describe('StreamingIngest delivery role', () => {
  test('Firehose assumes it only for this account, and its managed policy names every resource', () => {
    const stack = newStack();
    const { lake, ingest } = ingestIn(stack, { deliveryStreamName: 'clicks-delivery' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'firehose.amazonaws.com' },
          Condition: { StringEquals: { 'sts:ExternalId': '111111111111' } },
        }],
      },
    });
    const roleRef = { Ref: logicalId(stack, ingest.deliveryRole) };
    expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [roleRef] } })).toEqual({});
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [roleRef] } }));
    expect(policies).toHaveLength(1);
    const bucket = arnOf(stack, lake.zoneBucket('raw'));
    const glue = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:glue:eu-west-1:111111111111:${suffix}`]] });
    const db = lake.glueDatabaseName('raw');
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'], Resource: arnOf(stack, ingest.stream) },
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucket },
      {
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        Resource: [{ 'Fn::Join': ['', [bucket, '/clicks/*']] }, { 'Fn::Join': ['', [bucket, '/_errors/clicks/*']] }],
      },
      { Effect: 'Allow', Action: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'], Resource: [glue('catalog'), glue(`database/${db}`), glue(`table/${db}/clicks`)] },
      {
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:/aws/kinesisfirehose/clicks-delivery:log-stream:DestinationDelivery']] },
      },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: arnOf(stack, ingest.encryptionKey),
        Condition: { StringEquals: { 'kms:ViaService': 'kinesis.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:kinesis:arn': arnOf(stack, ingest.stream) } },
      },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: arnOf(stack, lake.encryptionKey!),
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  test('a custom error prefix scopes the object grant to its static part', () => {
    const stack = newStack();
    const { lake } = ingestIn(stack, { errorOutputPrefix: 'quarantine/!{timestamp:yyyy}/!{firehose:error-output-type}/' });
    const bucket = arnOf(stack, lake.zoneBucket('raw'));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          Resource: [{ 'Fn::Join': ['', [bucket, '/clicks/*']] }, { 'Fn::Join': ['', [bucket, '/quarantine/*']] }],
        })]),
      },
    });
  });
});

describe('StreamingIngest with an imported lake', () => {
  function importedLake(stack: Stack, withKey: boolean): IDataLake {
    return DataLake.fromDataLakeAttributes(stack, 'Lake', {
      zoneBuckets: {
        raw: s3.Bucket.fromBucketName(stack, 'Raw', 'acme-raw'),
        curated: s3.Bucket.fromBucketName(stack, 'Curated', 'acme-curated'),
        artifacts: s3.Bucket.fromBucketName(stack, 'Artifacts', 'acme-artifacts'),
      },
      encryptionKey: withKey ? kms.Key.fromKeyArn(stack, 'LakeKey', 'arn:aws:kms:eu-west-1:111111111111:key/0f6e1c6e-1111-2222-3333-444455556666') : undefined,
      glueDatabaseNames: { raw: 'acme_raw', curated: 'acme_curated', artifacts: 'acme_artifacts' },
    });
  }

  test('converts against the table of the imported database and creates no table', () => {
    const stack = newStack();
    const ingest = ingestInto(stack, importedLake(stack, true));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Glue::Table', 0);
    const config = deliveryConfig(stack).ExtendedS3DestinationConfiguration;
    expect(config.DataFormatConversionConfiguration.SchemaConfiguration).toMatchObject({ DatabaseName: 'acme_raw', TableName: 'clicks' });
    expect(JSON.stringify(config.BucketARN)).toContain(':s3:::acme-raw');
    expect(config.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN).toBe('arn:aws:kms:eu-west-1:111111111111:key/0f6e1c6e-1111-2222-3333-444455556666');
    expect(ingest.glueDatabaseName).toBe('acme_raw');
  });

  test('without a lake key, objects take the bucket default encryption and the role gets no lake-key statement', () => {
    const stack = newStack();
    ingestInto(stack, importedLake(stack, false));
    expect(deliveryConfig(stack).ExtendedS3DestinationConfiguration.EncryptionConfiguration).toBeUndefined();
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))).not.toContain('s3.eu-west-1.amazonaws.com');
  });
});

describe('StreamingIngest alarms', () => {
  test('seven alarms with named levels notify a new topic encrypted with the ingest key and TLS-only', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const template = Template.fromStack(stack);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(ingest.alarms).toHaveLength(7);
    const byMetric = Object.fromEntries(alarms.map((a) => [a.MetricName, a]));
    expect(Object.keys(byMetric).sort()).toEqual([
      'DeliveryToS3.DataFreshness', 'DeliveryToS3.Success', 'FailedConversion.Records', 'GetRecords.IteratorAgeMilliseconds',
      'PartitionCountExceeded', 'ReadProvisionedThroughputExceeded', 'WriteProvisionedThroughputExceeded',
    ]);
    expect(byMetric['GetRecords.IteratorAgeMilliseconds']).toMatchObject({ Namespace: 'AWS/Kinesis', Statistic: 'Maximum', Threshold: 84 * 3_600_000 });
    expect(byMetric.WriteProvisionedThroughputExceeded).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 3 });
    expect(byMetric.ReadProvisionedThroughputExceeded).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 3 });
    expect(byMetric['DeliveryToS3.DataFreshness']).toMatchObject({ Namespace: 'AWS/Firehose', Statistic: 'Maximum', Threshold: 900, ComparisonOperator: 'GreaterThanThreshold' });
    expect(byMetric['DeliveryToS3.Success']).toMatchObject({ Statistic: 'Average', Threshold: 1, ComparisonOperator: 'LessThanThreshold' });
    expect(byMetric['FailedConversion.Records']).toMatchObject({ Statistic: 'Sum', Threshold: 1 });
    expect(byMetric.PartitionCountExceeded).toMatchObject({ Statistic: 'Maximum', Threshold: 1 });
    const topicRef = { Ref: logicalId(stack, ingest.alarmTopic!) };
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topicRef]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.AlarmDescription.length).toBeGreaterThan(40);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: arnOf(stack, ingest.encryptionKey) });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111111111111' } }) }),
        ]),
      },
    });
    const keyPolicy = template.toJSON().Resources[logicalId(stack, ingest.encryptionKey)].Properties.KeyPolicy;
    expect(keyPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: 'AlarmTopicEncryption', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }));
  });

  test('the freshness level follows the buffering interval', () => {
    const stack = newStack();
    ingestIn(stack, { bufferingInterval: Duration.seconds(120) });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'DeliveryToS3.DataFreshness', Threshold: 360 });
  });

  test('alarmActions replace the topic, and the key gets no CloudWatch statement', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Ops');
    const { ingest } = ingestIn(stack, { alarmActions: [new cloudwatchActions.SnsAction(topic)] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(ingest.alarmTopic).toBeUndefined();
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(stack, topic) }]);
    }
    expect(JSON.stringify(template.toJSON().Resources[logicalId(stack, ingest.encryptionKey)].Properties.KeyPolicy)).not.toContain('cloudwatch.amazonaws.com');
  });

  test('each default alarm is also a named attribute, in the order of alarms', () => {
    const { ingest } = ingestIn(newStack());
    expect(ingest.alarms).toEqual([
      ingest.iteratorAgeAlarm, ingest.writeThrottledAlarm, ingest.readThrottledAlarm, ingest.dataFreshnessAlarm,
      ingest.deliverySuccessAlarm, ingest.failedConversionAlarm, ingest.partitionCountExceededAlarm,
    ]);
    expect(ingest.alarms.map((a) => a.node.id)).toEqual([
      'IteratorAge', 'WriteThrottled', 'ReadThrottled', 'DataFreshness', 'DeliverySuccess', 'FailedConversion', 'PartitionCountExceeded',
    ]);
  });
});

/**
 * The partition query runs on jq 1.6, the version Firehose documents for dynamic partitioning
 * (Debian 12's `jq` package). `.ci/run` installs it when it is missing, and under CI a missing or
 * different jq fails these tests instead of skipping them; elsewhere they are skipped without it.
 */
describe('StreamingIngest partition query (jq 1.6)', () => {
  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  const hasJq = jq.status === 0 && jq.stdout.startsWith('jq-1.6');
  if (!hasJq && process.env.CI) {
    test('jq 1.6 is installed (CI runs the partition-query tests)', () => {
      expect({ status: jq.status, version: jq.stdout?.trim() }).toEqual({ status: 0, version: 'jq-1.6' });
    });
  }
  const jqTest = hasJq ? test : test.skip;
  /** Runs the query on each record; jq goes on after a failing input, so one run serves many records. */
  const runAll = (query: string, records: unknown[]) => {
    const result = spawnSync('jq', ['-c', query], { input: records.map((r) => JSON.stringify(r)).join('\n'), encoding: 'utf8' });
    return { outputs: result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)), errors: result.stderr.split('\n').filter((l) => l !== '') };
  };
  const run = (query: string, record: unknown) => spawnSync('jq', ['-c', query], { input: JSON.stringify(record), encoding: 'utf8' });
  const queryOf = (props: Partial<StreamingIngestProps> = {}) => {
    const stack = newStack();
    new StreamingIngest(stack, 'Ingest', { lake: new DataLake(stack, 'Lake'), schema: clicks, ...props });
    return deliveryConfig(stack).ExtendedS3DestinationConfiguration.ProcessingConfiguration.Processors[0].Parameters[0].ParameterValue as string;
  };
  const openXQuery = () => queryOf();
  const hiveQuery = () => queryOf({ jsonDeserializer: StreamingIngestJsonDeserializer.HIVE });
  const expectRefused = (query: string, field: string, values: unknown[]) => {
    for (const value of values) {
      const result = run(query, { [field]: value });
      expect({ value, status: result.status }).toEqual({ value, status: 5 });
      expect(result.stderr).toContain(`${field}: not `);
    }
  };

  jqTest('OpenX: event_date is the UTC date of ISO Z strings, space-separated strings, epoch seconds and epoch milliseconds', () => {
    const query = openXQuery();
    const values = ['2024-03-05T23:59:59.123Z', '2024-03-05T23:59:59Z', '2024-03-05T23:59:59.123456789Z', '2024-03-05 23:59:59',
      1709683199, 1709683199.5, 1709683199999];
    expect(runAll(query, values.map((v) => ({ clicked_at: v })))).toEqual({ outputs: values.map(() => ({ event_date: '2024-03-05' })), errors: [] });
    expect(JSON.parse(run(query, { clicked_at: 1704067200 }).stdout)).toEqual({ event_date: '2024-01-01' });
  });

  jqTest('OpenX: what the SerDe fails or reads differently fails the record instead of inventing a partition', () => {
    const query = openXQuery();
    for (const record of [{}, { clicked_at: null }]) {
      expect(run(query, record).stderr).toContain('clicked_at: not yyyy-MM-ddTHH:mm:ss[.fffffffff]Z, yyyy-MM-dd HH:mm:ss');
    }
    expectRefused(query, 'clicked_at', [
      '2024-3-5T10:00:00Z', '1709683199', true, '2024-03-05', '2024-03-05T23:59:59',
      // Offsets: the OpenX SerDe documents Z only.
      '2024-03-05T23:59:59+01:00',
      // A fraction from 10^12: the SerDe reads numbers with a point as seconds.
      1709683199999.5,
      -1, '2024-03-05T23:59:59.1234567890Z',
    ]);
  });

  jqTest('Hive: event_date is the UTC date of ISO strings with Z or an offset, space-separated strings and epoch milliseconds', () => {
    const query = hiveQuery();
    const cases: Array<[unknown, string]> = [
      ['2024-03-05T23:59:59.123Z', '2024-03-05'],
      ['2024-03-05T23:59:59Z', '2024-03-05'],
      ['2024-03-05 23:59:59.5', '2024-03-05'],
      [1709683199999, '2024-03-05'],
      [1709683199999.5, '2024-03-05'],
      ['2024-03-05T00:30:00+01:00', '2024-03-04'],
      ['2024-03-05T00:30:00.123456+0100', '2024-03-04'],
      ['2024-03-05T23:30:00-01', '2024-03-06'],
      ['2024-03-05T12:00:00+05:30', '2024-03-05'],
      ['2024-02-29T23:30:00-05:30', '2024-03-01'],
      ['2023-03-01T00:10:00+00:30', '2023-02-28'],
      ['2024-12-31T23:30:00-01:00', '2025-01-01'],
      ['2025-01-01T00:00:00+13:00', '2024-12-31'],
    ];
    expect(runAll(query, cases.map(([v]) => ({ clicked_at: v })))).toEqual({ outputs: cases.map(([, date]) => ({ event_date: date })), errors: [] });
  });

  jqTest('Hive: the date of an offset string is the UTC date JavaScript computes, over 400 random instants and offsets', () => {
    const query = hiveQuery();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const cases = Array.from({ length: 400 }, () => {
      const instant = Date.UTC(1990, 0, 1) + Math.floor(random() * 60 * 365.25 * 86_400_000);
      const offsetMinutes = Math.round((random() * 27 - 12) * 4) * 15;
      const local = new Date(instant + offsetMinutes * 60_000);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
      const text = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T`
        + `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${offset}`;
      return { text, date: new Date(instant).toISOString().slice(0, 10) };
    });
    expect(runAll(query, cases.map((c) => ({ clicked_at: c.text })))).toEqual({ outputs: cases.map((c) => ({ event_date: c.date })), errors: [] });
  });

  jqTest('Hive: epoch seconds (read as milliseconds by the SerDe), strings without a zone and malformed offsets fail the record', () => {
    const query = hiveQuery();
    expect(run(query, {}).stderr).toContain('clicked_at: not yyyy-MM-ddTHH:mm:ss[.fffffffff] ending in Z or an offset');
    expectRefused(query, 'clicked_at', [
      1709683199, 1709683199.5, '2024-03-05T23:59:59', '2024-03-05T23:59:59+24:00', '2024-03-05T23:59:59+01:',
      '2024-03-05T23:59:59+01:60', '2024-03-05T23:59:59 +01:00', '2024-03-05', null, true,
    ]);
  });

  jqTest('a string key becomes one S3 key segment, or fails the record', () => {
    const query = queryOf({ partitionKeyField: 'country' });
    expect(JSON.parse(run(query, { clicked_at: 1709683199, country: 'FR' }).stdout)).toEqual({ event_date: '2024-03-05', country: 'FR' });
    expect(JSON.parse(run(query, { clicked_at: 1709683199, country: 44 }).stdout)).toEqual({ event_date: '2024-03-05', country: '44' });
    for (const country of [undefined, '', 'a/b', { code: 'FR' }]) {
      const result = run(query, { clicked_at: 1709683199, country });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('country: missing, empty');
    }
  });

  jqTest('integer, boolean and date keys take only values the SerDe stores as the same text', () => {
    const integer = queryOf({ partitionKeyField: 'dwell_ms' });
    expect(JSON.parse(run(integer, { clicked_at: 1709683199, dwell_ms: 1200 }).stdout)).toEqual({ event_date: '2024-03-05', dwell_ms: '1200' });
    for (const dwell of ['1200', 12.5, 2 ** 53, true, null]) {
      expect(run(integer, { clicked_at: 1709683199, dwell_ms: dwell }).stderr).toContain('dwell_ms: missing, or not an integer number');
    }
    const flag = queryOf({ partitionKeyField: 'first_visit' });
    expect(JSON.parse(run(flag, { clicked_at: 1709683199, first_visit: false }).stdout)).toEqual({ event_date: '2024-03-05', first_visit: 'false' });
    for (const value of ['yes', 'true', 1]) {
      expect(run(flag, { clicked_at: 1709683199, first_visit: value }).stderr).toContain('first_visit: missing, or not true or false');
    }
    const stack = newStack();
    new StreamingIngest(stack, 'Ingest', { lake: new DataLake(stack, 'Lake'), schema: visits, partitionKeyField: 'visit_day' });
    const day = deliveryConfig(stack).ExtendedS3DestinationConfiguration.ProcessingConfiguration.Processors[0].Parameters[0].ParameterValue as string;
    expect(JSON.parse(run(day, { visited_at: 1709683199999, visit_day: '2024-03-05' }).stdout)).toEqual({ event_date: '2024-03-05', visit_day: '2024-03-05' });
    for (const value of ['2024-3-5', '05/03/2024', 20240305]) {
      expect(run(day, { visited_at: 1709683199999, visit_day: value }).stderr).toContain('visit_day: missing, or not a yyyy-MM-dd string');
    }
  });
});

describe('StreamingIngest grants and metrics', () => {
  test('grantWrite: puts on the stream and data keys for this stream only, in a managed policy of the ingest', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    expect(ingest.grantWrite(producer).success).toBe(true);
    expect(grantStatements(stack, producer)).toEqual([
      { Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:ListShards', 'kinesis:DescribeStreamSummary'], Resource: arnOf(stack, ingest.stream) },
      {
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: arnOf(stack, ingest.encryptionKey),
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:kinesis:arn': arnOf(stack, ingest.stream) } },
      },
    ]);
  });

  test('grantRead: shared-throughput reads and decrypt for this stream only; both grants share one policy', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    ingest.grantRead(worker);
    ingest.grantWrite(worker);
    const statements = grantStatements(stack, worker);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
      Resource: arnOf(stack, ingest.stream),
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: arnOf(stack, ingest.encryptionKey),
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:kinesis:arn': arnOf(stack, ingest.stream) } },
    });
  });

  test('an imported ingest grants on its stream, with the key when given, and names its Firehose stream', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/0f6e1c6e-1111-2222-3333-444455556666');
    const stream = kinesis.Stream.fromStreamAttributes(stack, 'S', { streamArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/clicks', encryptionKey: key });
    const imported = StreamingIngest.fromStreamingIngestAttributes(stack, 'Imported', { stream, deliveryStreamName: 'clicks-delivery' });
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    imported.grantWrite(producer);
    expect(grantStatements(stack, producer)).toEqual([
      expect.objectContaining({ Resource: 'arn:aws:kinesis:eu-west-1:111111111111:stream/clicks' }),
      expect.objectContaining({ Action: 'kms:GenerateDataKey', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/0f6e1c6e-1111-2222-3333-444455556666' }),
    ]);
    expect(stack.resolve(imported.deliveryStreamArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':firehose:eu-west-1:111111111111:deliverystream/clicks-delivery']],
    });
    expect(stack.resolve(imported.metricDeliveryToS3DataFreshness().dimensions)).toEqual({ DeliveryStreamName: 'clicks-delivery' });
  });

  test('grants to a principal outside the app go through aws-cdk\'s usual path, without a policy of ours', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    ingest.grantRead(new iam.ServicePrincipal('lambda.amazonaws.com'));
    expect(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('^Grants of streaming ingest') } })).toEqual({});
  });

  test('metrics name the stream and the Firehose stream, and take overrides', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    const stream = { Ref: logicalId(stack, ingest.stream) };
    const delivery = { Ref: stack.getLogicalId(ingest.node.defaultChild as CfnResource) };
    const cases: Array<[cloudwatch.Metric, string, string, unknown]> = [
      [ingest.metricGetRecordsIteratorAgeMilliseconds(), 'AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', { StreamName: stream }],
      [ingest.metricWriteProvisionedThroughputExceeded(), 'AWS/Kinesis', 'WriteProvisionedThroughputExceeded', { StreamName: stream }],
      [ingest.metricReadProvisionedThroughputExceeded(), 'AWS/Kinesis', 'ReadProvisionedThroughputExceeded', { StreamName: stream }],
      [ingest.metricDeliveryToS3DataFreshness(), 'AWS/Firehose', 'DeliveryToS3.DataFreshness', { DeliveryStreamName: delivery }],
      [ingest.metricDeliveryToS3Success(), 'AWS/Firehose', 'DeliveryToS3.Success', { DeliveryStreamName: delivery }],
      [ingest.metricFailedConversionRecords(), 'AWS/Firehose', 'FailedConversion.Records', { DeliveryStreamName: delivery }],
      [ingest.metricPartitionCountExceeded(), 'AWS/Firehose', 'PartitionCountExceeded', { DeliveryStreamName: delivery }],
    ];
    for (const [metric, namespace, name, dimensions] of cases) {
      expect({ namespace: metric.namespace, name: metric.metricName, dimensions: stack.resolve(metric.dimensions), period: metric.period.toSeconds() })
        .toEqual({ namespace, name, dimensions, period: 300 });
    }
    expect(ingest.metricFailedConversionRecords({ period: Duration.minutes(1) }).period.toSeconds()).toBe(60);
  });

  test('the Firehose stream is the ingest\'s default child, named Resource', () => {
    const stack = newStack();
    const { ingest } = ingestIn(stack);
    expect((ingest.node.defaultChild as CfnResource).cfnResourceType).toBe(FIREHOSE);
    expect(ingest.node.tryFindChild('Resource')).toBe(ingest.node.defaultChild);
  });
});

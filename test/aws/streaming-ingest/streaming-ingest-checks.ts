/**
 * The checks every AWS construct passes, for StreamingIngest: zero findings from the CloudFormation
 * validator (errors and warnings) and from cdk-nag AwsSolutions and NIST 800-53 rev 5, with every
 * acknowledgment made on the one resource it concerns and carrying a reason.
 *
 * One checked synth for the whole file. It holds:
 * - DefaultIngest: a lake and `new StreamingIngest(stack, 'Ingest', { lake, schema })`;
 * - FullIngest: a lake that already has the table, an ingest with every option (names, retention,
 *   partition key, buffering, error prefix, alarm action, DESTROY with the app opt-in), a second
 *   ingest reading an existing stream of the app with the shared example schema `orders` (a decimal
 *   amount, so the Hive JSON SerDe with its timestamp formats), a producer and a consumer role
 *   granted access;
 * - ImportedLakeIngest: an ingest into a lake imported by attributes, whose producer is a role of
 *   another stack (cross-stack references);
 * - Canary: a plain unencrypted bucket with invalid properties, proving in this very synth that the
 *   validator and both packs ran and can fail (aws-cdk-lib leaves a clean plugin out of the report).
 */
import { Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FieldType, TableSchema } from 'mlops-constructs';
import { DataLake, StreamingIngest } from 'mlops-constructs/aws';
import { orders } from '../../../examples/schemas';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';

const clicks = new TableSchema({
  name: 'clicks',
  fields: [
    { name: 'user_id', type: FieldType.STRING },
    { name: 'country', type: FieldType.STRING },
    { name: 'page', type: FieldType.STRING },
    { name: 'dwell_ms', type: FieldType.INT64 },
    { name: 'clicked_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['user_id'],
  eventTime: 'clicked_at',
});

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {

    const defaultStack = new Stack(app, 'DefaultIngest');
    new StreamingIngest(defaultStack, 'Ingest', { lake: new DataLake(defaultStack, 'Lake'), schema: clicks });

    const full = new Stack(app, 'FullIngest');
    const lake = new DataLake(full, 'Lake', { tables: [{ zone: 'raw', schema: clicks }] });
    const opsKey = new kms.Key(full, 'OpsKey', { enableKeyRotation: true });
    const opsTopic = new sns.Topic(full, 'OpsTopic', { masterKey: opsKey, enforceSSL: true });
    const ingest = new StreamingIngest(full, 'Ingest', {
      lake,
      schema: clicks,
      streamName: 'clicks-stream',
      deliveryStreamName: 'clicks-delivery',
      streamRetention: Duration.days(3),
      partitionKeyField: 'country',
      bufferingInterval: Duration.seconds(120),
      bufferingSize: Size.mebibytes(64),
      errorOutputPrefix: 'quarantine/clicks/!{firehose:error-output-type}/',
      alarmActions: [new cloudwatchActions.SnsAction(opsTopic)],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const producer = new iam.Role(full, 'Producer', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const consumer = new iam.Role(full, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    ingest.grantWrite(producer);
    ingest.grantRead(consumer);
    const existing = new kinesis.Stream(full, 'Existing', {
      streamMode: kinesis.StreamMode.ON_DEMAND,
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: opsKey,
    });
    Validations.of(existing).acknowledge({ id: 'AwsSolutions-KDS3', reason: 'The test app chose its own key for this stream, as a user may; the ingest reads it as it is.' });
    new StreamingIngest(full, 'FromExisting', { lake, schema: orders, zone: 'curated', stream: existing });

    const importing = new Stack(app, 'ImportedLakeIngest');
    const importedLake = DataLake.fromDataLakeAttributes(importing, 'Lake', {
      zoneBuckets: {
        raw: s3.Bucket.fromBucketName(importing, 'Raw', 'acme-lake-raw'),
        curated: s3.Bucket.fromBucketName(importing, 'Curated', 'acme-lake-curated'),
        artifacts: s3.Bucket.fromBucketName(importing, 'Artifacts', 'acme-lake-artifacts'),
      },
      encryptionKey: kms.Key.fromKeyArn(importing, 'LakeKey', 'arn:aws:kms:eu-west-1:111111111111:key/0f6e1c6e-1111-2222-3333-444455556666'),
      glueDatabaseNames: { raw: 'acme_raw', curated: 'acme_curated', artifacts: 'acme_artifacts' },
    });
    const importedIngest = new StreamingIngest(importing, 'Ingest', { lake: importedLake, schema: clicks });
    const worker = new iam.Role(new Stack(app, 'Producers'), 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    importedIngest.grantWrite(worker);

  }, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }));
});

function ingestAcknowledgments(): AwsAcknowledgment[] {
  return acknowledgments.filter((a) => /^[A-Za-z]+\/(Ingest|FromExisting)\//.test(a.at));
}

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'error')).toBe(true);
});

test('every finding of the synth is the canary\'s', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test('an ingest with default props has zero findings, errors and warnings', () => {
  expect(assembly.getStackByName('DefaultIngest').template.Resources).toBeDefined();
  expect(formatFindings(findingsUnder(findings, 'DefaultIngest'))).toBe('');
});

test('an ingest with every option, an ingest of an existing stream through the Hive JSON SerDe and granted roles have zero findings', () => {
  const resources = Object.values(assembly.getStackByName('FullIngest').template.Resources as Record<string, { Type: string; Properties: any }>);
  const deserializers = resources.filter((r) => r.Type === 'AWS::KinesisFirehose::DeliveryStream')
    .map((r) => Object.keys(r.Properties.ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration.InputFormatConfiguration.Deserializer)[0]);
  expect(deserializers.sort()).toEqual(['HiveJsonSerDe', 'OpenXJsonSerDe']);
  expect(formatFindings(findingsUnder(findings, 'FullIngest'))).toBe('');
});

test('an ingest into an imported lake, with a producer in another stack, has zero findings', () => {
  expect(JSON.stringify(assembly.getStackByName('Producers').template)).toContain('Fn::ImportValue');
  expect(formatFindings(findingsUnder(findings, 'ImportedLakeIngest'))).toBe('');
  expect(formatFindings(findingsUnder(findings, 'Producers'))).toBe('');
});

test('the ingest acknowledges exactly KDF1 on each delivery stream, KDS3 on each stream it creates and IAM5 on each delivery policy\'s object prefixes, with reasons', () => {
  const acks = ingestAcknowledgments();
  for (const ack of acks) {
    expect(ack.reason.trim().length).toBeGreaterThan(60);
  }
  const summary = acks.map((a) => `${a.at} ${a.rule.replace(/^Annotation::/, '')}`).sort();
  expect(summary).toEqual([
    'DefaultIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonerawBucketD7F34696.Arn>/_errors/clicks/*]',
    'DefaultIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonerawBucketD7F34696.Arn>/clicks/*]',
    'DefaultIngest/Ingest/Resource AwsSolutions-KDF1',
    'DefaultIngest/Ingest/Stream AwsSolutions-KDS3',
    'FullIngest/FromExisting/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/_errors/orders/*]',
    'FullIngest/FromExisting/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/orders/*]',
    'FullIngest/FromExisting/Resource AwsSolutions-KDF1',
    'FullIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonerawBucketD7F34696.Arn>/clicks/*]',
    'FullIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::<LakeZonerawBucketD7F34696.Arn>/quarantine/clicks/*]',
    'FullIngest/Ingest/Resource AwsSolutions-KDF1',
    'FullIngest/Ingest/Stream AwsSolutions-KDS3',
    'ImportedLakeIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-lake-raw/_errors/clicks/*]',
    'ImportedLakeIngest/Ingest/DeliveryPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-lake-raw/clicks/*]',
    'ImportedLakeIngest/Ingest/Resource AwsSolutions-KDF1',
    'ImportedLakeIngest/Ingest/Stream AwsSolutions-KDS3',
  ]);
});

test('the grant policies of producers and consumers need no acknowledgment', () => {
  expect(acknowledgments.filter((a) => a.at.includes('StreamingIngestGrants-'))).toEqual([]);
});

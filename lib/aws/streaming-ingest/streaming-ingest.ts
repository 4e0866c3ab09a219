import { Annotations, ArnFormat, Duration, Names, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Token, Validations } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import {
  MlopsValidationError,
  StandardZone,
  TableSchema,
  throwIfProblems,
} from '../../core';
import { DataLake, IDataLake, LakeTable } from '../data-lake';
import { sameEnvironment } from '../private/environment';
import { parquetTableInput } from '../private/glue-table';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { keyProps, logGroupKeyStatement } from '../private/kms';
import { acknowledgeWildcardResources } from '../private/nag';
import { resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { createAlarmTopic } from '../private/sns';
import { ALARM_PERIOD, createIngestAlarms } from './alarms';
import { StreamingIngestJsonDeserializer } from './json-deserializer';
import {
  dataPrefix,
  defaultErrorOutputPrefix,
  metadataExtractionQuery,
  parquetConversion,
  PartitionKey,
  partitioningProcessing,
  tableLocationPrefix,
} from './private/delivery';
import {
  BUFFERING_INTERVAL_SECONDS,
  BUFFERING_SIZE_MIB,
  conversionProblem,
  DELIVERY_STREAM_NAME_RULE,
  errorOutputPrefixProblem,
  jsonDeserializerProblem,
  KINESIS_STREAM_NAME_RULE,
  partitionKeyTypeProblem,
  staticPrefix,
  STREAM_RETENTION_HOURS,
  wholeNumberInRangeProblem,
} from './private/limits';
import { defaultJsonSerDe, HIVE_JSON_SERDE } from './private/serde-profiles';
import { GLUE_SCHEMA_TEXT, schemaTextProblems } from '../../core/limits';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { STREAMING_INGEST_PROPS_GUARD } from './private/props-guard';

/** Producer and consumer grants land in one managed policy per ingest and identity; they name the stream and its key only, so nothing on it is acknowledged. */
const STREAMING_INGEST_GRANTS: GrantPolicyOptions = { idPrefix: 'StreamingIngestGrants', kind: 'streaming ingest' };

/**
 * Kinesis actions of a producer: single and batch puts, and the shard listing the Kinesis
 * Producer Library does.
 * @see https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html
 */
const STREAM_WRITE_ACTIONS = ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:ListShards', 'kinesis:DescribeStreamSummary'];
/** Kinesis actions of a shared-throughput consumer (SDK or Kinesis Client Library). */
const STREAM_READ_ACTIONS = ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'];
/**
 * Key action of a producer of an encrypted stream, and of a consumer.
 * @see https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
 */
const KEY_WRITE_ACTIONS = ['kms:GenerateDataKey'];
const KEY_READ_ACTIONS = ['kms:Decrypt'];
/** Encryption context Kinesis passes to KMS in every call for a stream: the stream ARN. */
const KINESIS_ENCRYPTION_CONTEXT = 'kms:EncryptionContext:aws:kinesis:arn';

/*
 * What the Firehose role may do, as documented for a Kinesis source, an S3 destination and record
 * format conversion.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html
 */
const DELIVERY_SOURCE_ACTIONS = ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'];
const DELIVERY_BUCKET_ACTIONS = ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'];
const DELIVERY_OBJECT_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'];
const DELIVERY_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
const DELIVERY_GLUE_ACTIONS = ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'];
const DELIVERY_LOG_ACTIONS = ['logs:PutLogEvents'];

/** Name of the log stream Firehose writes S3 delivery errors to, as the Firehose console names it. */
const DELIVERY_LOG_STREAM_NAME = 'DestinationDelivery';
/** How long delivery error logs are kept. */
const DELIVERY_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * Stream retention by default: long enough to outlast an S3 delivery failure over a long weekend,
 * since Firehose retries a failing delivery only until the source stream's retention ends.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/troubleshooting.html
 */
const DEFAULT_STREAM_RETENTION = Duration.days(7);
/** Kinesis's own default retention: assumed for an existing stream whose retention cannot be read (the shortest, so alarms fire early, never late). */
const KINESIS_DEFAULT_RETENTION = Duration.hours(24);
/**
 * Default buffering: the largest size (fewer, bigger Parquet files, which Athena reads best) and
 * Firehose's own default interval, which bounds latency to about 5 to 7.5 minutes (dynamic
 * partitioning can take 1.5 × the interval).
 * @see https://aws.amazon.com/blogs/big-data/top-10-performance-tuning-tips-for-amazon-athena/ (optimize file sizes)
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html (IntervalInSeconds default 300)
 * @see https://docs.aws.amazon.com/firehose/latest/dev/buffering.html
 */
const DEFAULT_BUFFERING_SIZE = Size.mebibytes(128);
const DEFAULT_BUFFERING_INTERVAL = Duration.minutes(5);

/**
 * With a Kinesis stream as source, Firehose has no server-side encryption setting of its own.
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html
 */
const KDF1_REASON = 'Firehose server-side encryption (DeliveryStreamEncryptionConfigurationInput) applies only to DirectPut sources; '
  + 'this delivery stream reads a Kinesis stream encrypted with a KMS key, delivers over TLS, and writes SSE-KMS objects with the lake key.';
/**
 * Why the new stream uses the ingest's key, not the AWS managed `aws/kinesis` key (AwsSolutions-KDS3
 * warns about the cost of customer managed keys).
 * @see https://docs.aws.amazon.com/streams/latest/dev/costs-performance.html
 */
const KDS3_REASON = 'A customer managed key lets IAM limit the key to this stream\'s producers, consumers and Firehose role (encryption-context '
  + 'conditions), keeps its use auditable per ingest and its rotation under the account\'s control; the aws/kinesis key cannot be restricted. '
  + 'Kinesis reuses data keys, which bounds the KMS request cost.';
/** Why the object ARNs of the delivery role end in `*`. */
const DELIVERY_WILDCARD_REASON = 'Firehose writes objects whose keys it generates (partition values, timestamps, random suffixes), so object '
  + 'actions are granted on the table prefix and the error prefix of one bucket ("<prefix>*"); actions, bucket, key, stream, Glue table and log stream are named exactly.';

/** Stable ids of the warnings a StreamingIngest adds. */
export const STREAMING_INGEST_WARNINGS = {
  /** The existing stream passed in is a stream of this app without server-side encryption. */
  streamUnencrypted: 'mlops-constructs:StreamingIngest.streamUnencrypted',
} as const;

/**
 * A Kinesis data stream whose records a Firehose stream delivers into a lake table. Either created
 * by {@link StreamingIngest} or imported with {@link StreamingIngest.fromStreamingIngestAttributes}.
 */
export interface IStreamingIngest extends IConstruct {
  /** The Kinesis data stream producers write to. */
  readonly stream: kinesis.IStream;

  /** Name of the Firehose stream that delivers the records to the lake. */
  readonly deliveryStreamName: string;

  /** ARN of the Firehose stream that delivers the records to the lake. */
  readonly deliveryStreamArn: string;

  /**
   * Lets `grantee` put records into the stream (and generate data keys with the stream key, for
   * this stream only). For a role, user or group of the app in the ingest's account and region,
   * the statements go to a customer managed policy of this ingest attached to it.
   * @param grantee the principal to grant to
   */
  grantWrite(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` read the stream as a shared-throughput consumer (and decrypt with the stream
   * key, for this stream only). Statements land as for {@link grantWrite}.
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Age of the oldest record not yet read by the slowest consumer, maximum over 5 minutes
   * (`AWS/Kinesis GetRecords.IteratorAgeMilliseconds`).
   * @param props metric options to override
   */
  metricGetRecordsIteratorAgeMilliseconds(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Records rejected because producers exceeded the stream's write capacity, summed over 5 minutes
   * (`AWS/Kinesis WriteProvisionedThroughputExceeded`).
   * @param props metric options to override
   */
  metricWriteProvisionedThroughputExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * GetRecords calls throttled because consumers exceeded the stream's read capacity, summed over
   * 5 minutes (`AWS/Kinesis ReadProvisionedThroughputExceeded`).
   * @param props metric options to override
   */
  metricReadProvisionedThroughputExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Age in seconds of the oldest record in Firehose not yet delivered to S3, maximum over 5 minutes
   * (`AWS/Firehose DeliveryToS3.DataFreshness`).
   * @param props metric options to override
   */
  metricDeliveryToS3DataFreshness(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Successful S3 puts over all S3 puts, average over 5 minutes (`AWS/Firehose DeliveryToS3.Success`).
   * @param props metric options to override
   */
  metricDeliveryToS3Success(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Records that failed record format conversion and went to the error prefix, summed over 5
   * minutes (`AWS/Firehose FailedConversion.Records`).
   * @param props metric options to override
   */
  metricFailedConversionRecords(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * 1 when the active partition limit was exceeded (records went to the error prefix), maximum
   * over 5 minutes (`AWS/Firehose PartitionCountExceeded`).
   * @param props metric options to override
   */
  metricPartitionCountExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** What {@link StreamingIngest.fromStreamingIngestAttributes} needs to use an existing ingest. */
export interface StreamingIngestAttributes {
  /** The Kinesis data stream, with its `encryptionKey` when it is encrypted with a customer managed key. */
  readonly stream: kinesis.IStream;

  /** Name of the Firehose stream that reads it. */
  readonly deliveryStreamName: string;
}

/**
 * Grants and metrics of an ingest, written only against the attributes an import also has.
 */
abstract class StreamingIngestBase extends Construct implements IStreamingIngest {
  public abstract readonly stream: kinesis.IStream;
  public abstract readonly deliveryStreamName: string;
  public abstract readonly deliveryStreamArn: string;

  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, STREAMING_INGEST_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions: STREAM_WRITE_ACTIONS, resourceArns: [this.stream.streamArn] });
    return this.withStreamKey(grant, to, KEY_WRITE_ACTIONS);
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, STREAMING_INGEST_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions: STREAM_READ_ACTIONS, resourceArns: [this.stream.streamArn] });
    return this.withStreamKey(grant, to, KEY_READ_ACTIONS);
  }

  public metricGetRecordsIteratorAgeMilliseconds(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stream.metricGetRecordsIteratorAgeMilliseconds({ statistic: cloudwatch.Stats.MAXIMUM, period: ALARM_PERIOD, ...props });
  }

  public metricWriteProvisionedThroughputExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stream.metricWriteProvisionedThroughputExceeded({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD, ...props });
  }

  public metricReadProvisionedThroughputExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stream.metricReadProvisionedThroughputExceeded({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD, ...props });
  }

  public metricDeliveryToS3DataFreshness(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.firehoseMetric('DeliveryToS3.DataFreshness', cloudwatch.Stats.MAXIMUM, props);
  }

  public metricDeliveryToS3Success(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.firehoseMetric('DeliveryToS3.Success', cloudwatch.Stats.AVERAGE, props);
  }

  public metricFailedConversionRecords(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.firehoseMetric('FailedConversion.Records', cloudwatch.Stats.SUM, props);
  }

  public metricPartitionCountExceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.firehoseMetric('PartitionCountExceeded', cloudwatch.Stats.MAXIMUM, props);
  }

  /** @see https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html */
  private firehoseMetric(metricName: string, statistic: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Firehose',
      metricName,
      dimensionsMap: { DeliveryStreamName: this.deliveryStreamName },
      statistic,
      period: ALARM_PERIOD,
      ...props,
    });
  }

  /** Adds the key statement, limited to this stream by the encryption context Kinesis passes. */
  private withStreamKey(grant: iam.Grant, grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const key = this.stream.encryptionKey;
    if (key === undefined) {
      return grant;
    }
    return grant.combine(iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [key.keyArn],
      conditions: { StringEquals: { [KINESIS_ENCRYPTION_CONTEXT]: this.stream.streamArn } },
    }));
  }
}

/** Properties of a {@link StreamingIngest}. */
export interface StreamingIngestProps {
  /**
   * The lake the records are delivered to. A {@link DataLake} of this app gets the schema's table
   * in `zone` if it does not have it yet. An imported lake must have been imported with
   * `glueDatabaseNames`, and its table `<schema name>` must exist in the zone's database as the
   * lake creates tables: Parquet at `s3://<zone bucket>/<schema name>/`, partitioned by
   * `event_date` (`yyyy-MM-dd`).
   */
  readonly lake: IDataLake;

  /**
   * The records' schema: its name is the table's, it must have an event time (records are
   * partitioned by its UTC date), and no `bytes` field (neither JSON deserializer reads binary).
   * Producers send one JSON object per record, keyed by the field names. Which timestamp forms are
   * accepted depends on the deserializer the schema leads to (see
   * {@link StreamingIngestJsonDeserializer}); `2024-03-05T23:59:59.123Z` and epoch milliseconds work
   * with both.
   */
  readonly schema: TableSchema;

  /**
   * The lake zone the records land in.
   * @default 'raw'
   */
  readonly zone?: string;

  /**
   * An existing stream to deliver from instead of a new one. Pass it with its `encryptionKey` when
   * it is encrypted with a customer managed key, so that the grants and the Firehose role cover it.
   * @default - a new on-demand stream, encrypted with the ingest's key
   */
  readonly stream?: kinesis.IStream;

  /**
   * Name of the new stream (not with `stream`).
   * @default - generated by CloudFormation
   */
  readonly streamName?: string;

  /**
   * How long the new stream keeps records (not with `stream`): 24 hours to 365 days, whole hours.
   * Firehose retries a failing delivery until the retention ends, so this is also how long an S3
   * outage can last without losing records.
   * @default Duration.days(7)
   */
  readonly streamRetention?: Duration;

  /**
   * Name of the Firehose stream.
   * @default - generated by CloudFormation
   */
  readonly deliveryStreamName?: string;

  /**
   * A field whose value partitions the delivered objects below the date, as
   * `<table>/event_date=<date>/<field>=<value>/`. A string, integer, boolean or date field other than
   * the event time. Records whose value would not be stored as the same text go to the error
   * prefix: a string must be non-empty and free of `/`, an integer a JSON integer within ±2^53,
   * a boolean JSON `true`/`false`, a date a `yyyy-MM-dd` string. Each (date, value) pair is an
   * active partition while it buffers; Firehose allows 500 per stream by default, records beyond go
   * to the error prefix.
   * @see https://docs.aws.amazon.com/firehose/latest/dev/limits.html
   * @default - objects are partitioned by event date only
   */
  readonly partitionKeyField?: string;

  /**
   * The JSON deserializer of record format conversion. `OPENX` is refused for a schema with a
   * decimal or date field, which it cannot read.
   * @default - `StreamingIngestJsonDeserializer.HIVE` when the schema has a decimal or date field, `OPENX` otherwise (see {@link StreamingIngestJsonDeserializer})
   */
  readonly jsonDeserializer?: StreamingIngestJsonDeserializer;

  /**
   * How long Firehose buffers a partition before writing it: 60 to 900 seconds, whole seconds.
   * @default Duration.minutes(5)
   */
  readonly bufferingInterval?: Duration;

  /**
   * How much Firehose buffers for a partition before writing it: 64 to 128 MiB, whole MiB (record
   * format conversion and dynamic partitioning need at least 64 MiB).
   * @default Size.mebibytes(128)
   */
  readonly bufferingSize?: Size;

  /**
   * Where in the zone bucket Firehose writes the records it could not convert or partition. Must
   * contain `!{firehose:error-output-type}`, may use `!{timestamp:...}`, and must lie outside the
   * table's location.
   * @default `_errors/<table>/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/`
   */
  readonly errorOutputPrefix?: string;

  /**
   * Where the default alarms notify: at least one action.
   * @default - a new SNS topic, encrypted with the ingest's key, that only accepts TLS requests
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * What happens to the new stream, the ingest's key and the delivery log group when they leave
   * the stack. `DESTROY` needs the app context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Streaming ingest into a data lake table: a Kinesis data stream and a Firehose stream that
 * delivers its records into the lake zone as Parquet, partitioned by event date.
 *
 * - The stream is on-demand and encrypted with a key of the ingest (rotated yearly). It is not the
 *   lake's key: producers and consumers get rights on the stream key, and those must not reach
 *   the lake's objects.
 * - Firehose reads the stream, computes `event_date` (the UTC date of the event time) and
 *   optionally a key with a JQ query, converts JSON to Snappy Parquet against the lake's Glue table
 *   (generated from the same schema) with the JSON deserializer the schema needs (OpenX, or the
 *   Hive JSON SerDe for decimal and date fields: see {@link StreamingIngestJsonDeserializer}), and
 *   writes `<table>/event_date=<date>/` objects with the lake key, which the lake table's partition
 *   projection reads without crawlers. The JQ query accepts exactly the event-time forms the
 *   deserializer reads into the same instant, so a record never lands in a partition other than
 *   its stored event time's date. Records it cannot convert or partition go to the error prefix;
 *   delivery errors go to an encrypted log group.
 * - Its role is scoped to the stream, the table's and error prefixes of one bucket, the two keys,
 *   the Glue table and the log stream, in a managed policy.
 * - Alarms on iterator age (against the retention), producer and consumer throttling, delivery
 *   freshness (against the buffering interval), delivery success, failed conversions and exceeded
 *   partitions notify an encrypted SNS topic or the given action.
 *
 * | stream           | streamName, streamRetention | stream encryption         | retention the iterator-age alarm uses       |
 * |------------------|-----------------------------|---------------------------|---------------------------------------------|
 * | not given        | apply to the new stream     | the ingest's key          | streamRetention (default 7 days)            |
 * | a stream of app  | rejected                    | its own (warning if none) | its retentionPeriod                         |
 * | imported         | rejected                    | its own `encryptionKey`   | 24 hours, Kinesis's default (fires early)   |
 *
 * What is verified here, and how:
 * - by tests at synth: the template, the deserializer chosen per schema, zero CloudFormation
 *   validator and cdk-nag findings;
 * - by running the JQ query with jq 1.6 in the tests: the partition date of every accepted
 *   event-time form (offsets checked against JavaScript over random instants) and the refusal of
 *   the rest;
 * - by reading the SerDes' source (cited on {@link StreamingIngestJsonDeserializer}): which field
 *   kinds each reads and which timestamp texts each parses, hence the decision table and the forms
 *   the JQ query accepts.
 *
 * What only a deploy shows: that Firehose accepts the configuration; that its jq engine runs the
 * query as jq 1.6 does (`test`, `capture`, `strftime`); that its SerDes are the versions read
 * (Amazon names neither) and run in UTC (the space-separated form and `millis` go through the JVM's
 * time zone); how the Parquet writer treats a decimal with more digits than the column allows, and
 * that an unparseable decimal is stored as NULL rather than failed (as Hive's `HiveDecimal.create`
 * reads); and that CloudWatch publishes to the encrypted, TLS-only topic.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 * @see https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
 *
 * @example
 * const ingest = new StreamingIngest(stack, 'Clicks', { lake, schema: clicks, partitionKeyField: 'country' });
 * ingest.grantWrite(producerRole);
 */
export class StreamingIngest extends StreamingIngestBase {
  /**
   * Uses an existing ingest: its grants and metrics work as on an ingest created here.
   * @param scope parent construct
   * @param id construct id
   * @param attrs the stream and the Firehose stream's name
   */
  public static fromStreamingIngestAttributes(scope: Construct, id: string, attrs: StreamingIngestAttributes): IStreamingIngest {
    class Import extends StreamingIngestBase {
      public readonly stream = attrs.stream;
      public readonly deliveryStreamName = attrs.deliveryStreamName;
      public readonly deliveryStreamArn: string;

      constructor() {
        super(scope, id);
        resolveName(this, 'deliveryStreamName', attrs.deliveryStreamName, DELIVERY_STREAM_NAME_RULE);
        this.deliveryStreamArn = Stack.of(this).formatArn({ service: 'firehose', resource: 'deliverystream', resourceName: attrs.deliveryStreamName });
      }
    }
    return new Import();
  }

  /** The Kinesis data stream producers write to (created, or the one given). */
  public readonly stream: kinesis.IStream;
  /** The ingest's key: the new stream's, the delivery log group's and the alarm topic's. */
  public readonly encryptionKey: kms.IKey;
  /** Name of the Firehose stream. */
  public readonly deliveryStreamName: string;
  /** ARN of the Firehose stream. */
  public readonly deliveryStreamArn: string;
  /** The role Firehose assumes. */
  public readonly deliveryRole: iam.IRole;
  /** The log group receiving Firehose's delivery errors. */
  public readonly deliveryLogGroup: logs.ILogGroup;
  /** The topic the default alarms notify, when no `alarmActions` were given. */
  public readonly alarmTopic?: sns.ITopic;
  /** The default alarms, in the order of the named ones below. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** The oldest unread record is half the stream's retention old (`GetRecords.IteratorAgeMilliseconds`). */
  public readonly iteratorAgeAlarm: cloudwatch.Alarm;
  /** Producers throttled in three consecutive periods (`WriteProvisionedThroughputExceeded`). */
  public readonly writeThrottledAlarm: cloudwatch.Alarm;
  /** Consumers throttled in three consecutive periods (`ReadProvisionedThroughputExceeded`). */
  public readonly readThrottledAlarm: cloudwatch.Alarm;
  /** Records wait more than 3 × the buffering interval before reaching S3 (`DeliveryToS3.DataFreshness`). */
  public readonly dataFreshnessAlarm: cloudwatch.Alarm;
  /** Some S3 puts fail in three consecutive periods (`DeliveryToS3.Success`). */
  public readonly deliverySuccessAlarm: cloudwatch.Alarm;
  /** Records failed format conversion and went to the error prefix (`FailedConversion.Records`). */
  public readonly failedConversionAlarm: cloudwatch.Alarm;
  /** The active partition limit was exceeded (`PartitionCountExceeded`). */
  public readonly partitionCountExceededAlarm: cloudwatch.Alarm;
  /** Glue database of the table the records are converted against. */
  public readonly glueDatabaseName: string;
  /** Glue table the records are converted against and delivered to (the schema's name). */
  public readonly glueTableName: string;
  /** S3 prefix of the delivered objects, with Firehose's `!{partitionKeyFromQuery:...}` expressions. */
  public readonly dataPrefix: string;
  /** S3 prefix of the records Firehose could not convert or partition. */
  public readonly errorOutputPrefix: string;
  /** The JSON deserializer of record format conversion (given, or chosen from the schema). */
  public readonly jsonDeserializer: StreamingIngestJsonDeserializer;

  constructor(scope: Construct, id: string, props: StreamingIngestProps) {
    super(scope, id);
    STREAMING_INGEST_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const lake = this.resolveLake(props);
    const zone = this.resolveZone(lake, props.zone ?? StandardZone.RAW);
    const schema = this.resolveSchema(props.schema);
    const partitionKey = this.resolvePartitionKey(schema, props.partitionKeyField);
    this.jsonDeserializer = this.resolveJsonDeserializer(props.jsonDeserializer, schema);
    const serde = this.jsonDeserializer._profile();
    const newStream = this.resolveNewStreamSettings(props);
    if (props.deliveryStreamName !== undefined) {
      resolveName(this, 'deliveryStreamName', props.deliveryStreamName, DELIVERY_STREAM_NAME_RULE);
    }
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'Kinesis streams');
    const bufferingInterval = this.resolveBufferingInterval(props.bufferingInterval ?? DEFAULT_BUFFERING_INTERVAL);
    const bufferingSizeMiB = this.resolveBufferingSize(props.bufferingSize ?? DEFAULT_BUFFERING_SIZE);
    const alarmActions = this.resolveAlarmActions(props.alarmActions);
    this.glueTableName = schema.name;
    this.dataPrefix = dataPrefix(schema.name, props.partitionKeyField);
    this.errorOutputPrefix = this.resolveErrorOutputPrefix(props.errorOutputPrefix ?? defaultErrorOutputPrefix(schema.name), schema.name);
    const existingTable = this.findExistingTable(lake, zone, schema);
    // Everything is validated: from here on, resources are created (and the lake may get a table).
    const table = lake instanceof DataLake ? existingTable ?? lake.addTable(zone, schema) : undefined;
    this.glueDatabaseName = table?.databaseName ?? lake.glueDatabaseName(zone);

    const stack = Stack.of(this);
    const keyUses = props.stream ? 'delivery logs and alarm topic' : 'stream, delivery logs and alarm topic';
    this.encryptionKey = new kms.Key(this, 'Key', keyProps(`Streaming ingest ${this.node.path}: ${keyUses}`, removalPolicy));
    this.stream = props.stream ?? new kinesis.Stream(this, 'Stream', {
      streamName: newStream.streamName,
      streamMode: kinesis.StreamMode.ON_DEMAND,
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: this.encryptionKey,
      retentionPeriod: newStream.retention,
      removalPolicy,
    });
    if (props.stream) {
      flagUnencryptedStream(this, props.stream);
    } else {
      Validations.of(this.stream).acknowledge({ id: 'AwsSolutions-KDS3', reason: KDS3_REASON });
    }

    const logGroupName = `/aws/kinesisfirehose/${props.deliveryStreamName ?? Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`;
    this.deliveryLogGroup = this.createDeliveryLogGroup(logGroupName, removalPolicy);

    // The external-id condition is the trust policy the Firehose guide gives ("Allow Firehose to assume an IAM role").
    const role = new iam.Role(this, 'DeliveryRole', {
      description: `Firehose delivery of streaming ingest ${this.node.path}`,
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com').withConditions({ StringEquals: { 'sts:ExternalId': stack.account } }),
    });
    this.deliveryRole = role;
    const bucket = lake.zoneBucket(zone);
    const policy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: `Firehose delivery of streaming ingest ${this.node.path}`,
      roles: [role],
      statements: this.deliveryStatements({
        bucketArn: bucket.bucketArn,
        objectArns: [bucket.arnForObjects(`${tableLocationPrefix(schema.name)}*`), bucket.arnForObjects(`${staticPrefix(this.errorOutputPrefix)}*`)],
        lakeKey: lake.encryptionKey,
        logStreamArn: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: `${logGroupName}:log-stream:${DELIVERY_LOG_STREAM_NAME}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      }),
    });
    acknowledgeWildcardResources(policy, () => DELIVERY_WILDCARD_REASON);

    const resource = new firehose.CfnDeliveryStream(this, 'Resource', {
      deliveryStreamName: props.deliveryStreamName,
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: this.stream.streamArn, roleArn: role.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: bucket.bucketArn,
        roleArn: role.roleArn,
        prefix: this.dataPrefix,
        errorOutputPrefix: this.errorOutputPrefix,
        bufferingHints: { intervalInSeconds: bufferingInterval.toSeconds(), sizeInMBs: bufferingSizeMiB },
        // Record format conversion compresses the Parquet itself and needs S3 compression off.
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: lake.encryptionKey ? { kmsEncryptionConfig: { awskmsKeyArn: lake.encryptionKey.keyArn } } : undefined,
        cloudWatchLoggingOptions: { enabled: true, logGroupName, logStreamName: DELIVERY_LOG_STREAM_NAME },
        dataFormatConversionConfiguration: parquetConversion({
          catalogId: stack.account,
          region: stack.region,
          databaseName: this.glueDatabaseName,
          tableName: this.glueTableName,
        }, role.roleArn, serde.deserializer),
        dynamicPartitioningConfiguration: { enabled: true },
        processingConfiguration: partitioningProcessing(metadataExtractionQuery(schema.eventTime!, serde.eventTime, partitionKey)),
        s3BackupMode: 'Disabled',
      },
    });
    // Firehose checks its role when the stream is created, and reads the table and the log stream.
    resource.node.addDependency(policy, this.deliveryLogGroup);
    if (table) {
      resource.node.addDependency(table.table);
    }
    Validations.of(resource).acknowledge({ id: 'AwsSolutions-KDF1', reason: KDF1_REASON });
    this.deliveryStreamName = resource.ref;
    this.deliveryStreamArn = resource.attrArn;

    const alarmsScope = new Construct(this, 'Alarms');
    if (alarmActions === undefined) {
      this.alarmTopic = createAlarmTopic(alarmsScope, this.encryptionKey, `Alarms of streaming ingest ${this.node.path}`);
    }
    const alarms = createIngestAlarms(alarmsScope, {
      iteratorAge: this.metricGetRecordsIteratorAgeMilliseconds(),
      writeThrottled: this.metricWriteProvisionedThroughputExceeded(),
      readThrottled: this.metricReadProvisionedThroughputExceeded(),
      dataFreshness: this.metricDeliveryToS3DataFreshness(),
      deliverySuccess: this.metricDeliveryToS3Success(),
      failedConversion: this.metricFailedConversionRecords(),
      partitionCountExceeded: this.metricPartitionCountExceeded(),
    }, {
      streamRetention: props.stream ? readableRetention(props.stream) : newStream.retention,
      bufferingInterval,
      actions: alarmActions ?? [new cloudwatchActions.SnsAction(this.alarmTopic!)],
    });
    this.iteratorAgeAlarm = alarms.iteratorAge;
    this.writeThrottledAlarm = alarms.writeThrottled;
    this.readThrottledAlarm = alarms.readThrottled;
    this.dataFreshnessAlarm = alarms.dataFreshness;
    this.deliverySuccessAlarm = alarms.deliverySuccess;
    this.failedConversionAlarm = alarms.failedConversion;
    this.partitionCountExceededAlarm = alarms.partitionCountExceeded;
    this.alarms = [
      this.iteratorAgeAlarm, this.writeThrottledAlarm, this.readThrottledAlarm, this.dataFreshnessAlarm,
      this.deliverySuccessAlarm, this.failedConversionAlarm, this.partitionCountExceededAlarm,
    ];
  }

  private resolveLake(props: StreamingIngestProps): IDataLake {
    const lake = props?.lake;
    if (lake === undefined || lake === null || typeof (lake as IDataLake).zoneBucket !== 'function') {
      throw new MlopsValidationError(this, 'lake', lake, 'an IDataLake (new DataLake(...) or DataLake.fromDataLakeAttributes(...))');
    }
    if (!sameEnvironment(this, lake, { strict: false })) {
      const a = Stack.of(this);
      const b = Stack.of(lake);
      throw new MlopsValidationError(this, 'lake', lake.node.path, `a lake in the ingest's account and region (${a.account}/${a.region}); it is in ${b.account}/${b.region}`);
    }
    return lake;
  }

  private resolveZone(lake: IDataLake, zone: string): string {
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'zone', zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    return zone;
  }

  private resolveSchema(schema: TableSchema): TableSchema {
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, 'schema', schema, 'a TableSchema (new TableSchema({...}) or TableSchema.fromJson(json))');
    }
    throwIfProblems(this, 'schema', schema.problems());
    throwIfProblems(this, 'schema', schemaTextProblems(schema, GLUE_SCHEMA_TEXT, Token.isUnresolved));
    if (schema.eventTime === undefined) {
      throw new MlopsValidationError(this, 'schema.eventTime', undefined,
        'the name of a timestamp field: records are partitioned by the UTC date of their event time, as the lake table projects event_date');
    }
    schema.fields.forEach((field, i) => {
      const problem = conversionProblem(field);
      if (problem) {
        throw new MlopsValidationError(this, `schema.fields[${i}].type`, field.type.toString(), problem);
      }
    });
    return schema;
  }

  /** The partition key field and its kind, when one is given: a field of the schema other than the event time, of a kind that makes a key segment. */
  private resolvePartitionKey(schema: TableSchema, name: string | undefined): PartitionKey | undefined {
    if (name === undefined) {
      return undefined;
    }
    const field = schema.field(name);
    if (field === undefined) {
      throw new MlopsValidationError(this, 'partitionKeyField', name, `the name of a field of the schema (${schema.fields.map((f) => f.name).join(', ')})`);
    }
    if (name === schema.eventTime) {
      throw new MlopsValidationError(this, 'partitionKeyField', name, 'a field other than the event time, which already partitions by date');
    }
    const problem = partitionKeyTypeProblem(name, field.type);
    if (problem) {
      throw new MlopsValidationError(this, 'partitionKeyField', name, problem);
    }
    return { name, kind: field.type.kind! };
  }

  /** The deserializer given, if it reads every field of the schema, or the schema's default. */
  private resolveJsonDeserializer(given: StreamingIngestJsonDeserializer | undefined, schema: TableSchema): StreamingIngestJsonDeserializer {
    if (given === undefined) {
      return defaultJsonSerDe(schema) === HIVE_JSON_SERDE ? StreamingIngestJsonDeserializer.HIVE : StreamingIngestJsonDeserializer.OPENX;
    }
    if (!(given instanceof StreamingIngestJsonDeserializer)) {
      throw new MlopsValidationError(this, 'jsonDeserializer', given, 'StreamingIngestJsonDeserializer.OPENX or StreamingIngestJsonDeserializer.HIVE');
    }
    const problem = jsonDeserializerProblem(given._profile(), schema);
    if (problem) {
      throw new MlopsValidationError(this, 'jsonDeserializer', given.name, problem);
    }
    return given;
  }

  /** The name and retention of the new stream; with an existing stream, checks that neither is given (it keeps its own). */
  private resolveNewStreamSettings(props: StreamingIngestProps): { streamName?: string; retention: Duration } {
    if (props.stream !== undefined) {
      for (const [property, value] of [['streamName', props.streamName], ['streamRetention', props.streamRetention]] as const) {
        if (value !== undefined) {
          throw new MlopsValidationError(this, property, value instanceof Duration ? value.toHumanString() : value,
            `no ${property} together with stream: it configures the new stream, and an existing stream keeps its own`);
        }
      }
      return { retention: DEFAULT_STREAM_RETENTION };
    }
    if (props.streamName !== undefined) {
      resolveName(this, 'streamName', props.streamName, KINESIS_STREAM_NAME_RULE);
    }
    if (props.streamRetention !== undefined) {
      const hours = props.streamRetention.toHours({ integral: false });
      if (!Token.isUnresolved(hours)) {
        const problem = wholeNumberInRangeProblem(hours, STREAM_RETENTION_HOURS, 'hours', 'Kinesis retention: 24 hours to 365 days');
        if (problem) {
          throw new MlopsValidationError(this, 'streamRetention', props.streamRetention.toHumanString(), problem);
        }
      }
    }
    return { streamName: props.streamName, retention: props.streamRetention ?? DEFAULT_STREAM_RETENTION };
  }

  private resolveBufferingInterval(interval: Duration): Duration {
    const seconds = interval.toSeconds({ integral: false });
    if (!Token.isUnresolved(seconds)) {
      const problem = wholeNumberInRangeProblem(seconds, BUFFERING_INTERVAL_SECONDS, 'seconds',
        'Firehose allows up to 900 s, and dynamic partitioning needs at least 60 s');
      if (problem) {
        throw new MlopsValidationError(this, 'bufferingInterval', interval.toHumanString(), problem);
      }
    }
    return interval;
  }

  private resolveBufferingSize(size: Size): number {
    const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Token.isUnresolved(mebibytes)) {
      const problem = wholeNumberInRangeProblem(mebibytes, BUFFERING_SIZE_MIB, 'MiB',
        'Firehose allows up to 128 MiB, and record format conversion and dynamic partitioning need at least 64 MiB');
      if (problem) {
        throw new MlopsValidationError(this, 'bufferingSize', `${mebibytes} MiB`, problem);
      }
    }
    return mebibytes;
  }

  /** The actions given, at least one; `undefined` for the ingest's own topic. */
  private resolveAlarmActions(actions: cloudwatch.IAlarmAction[] | undefined): cloudwatch.IAlarmAction[] | undefined {
    if (actions !== undefined && (!Array.isArray(actions) || actions.length === 0)) {
      throw new MlopsValidationError(this, 'alarmActions', actions, 'at least one alarm action, or no alarmActions for the ingest\'s own encrypted topic');
    }
    return actions === undefined ? undefined : [...actions];
  }

  private resolveErrorOutputPrefix(prefix: string, tableName: string): string {
    if (!Token.isUnresolved(prefix)) {
      const problem = errorOutputPrefixProblem(prefix, tableLocationPrefix(tableName));
      if (problem) {
        throw new MlopsValidationError(this, 'errorOutputPrefix', prefix, problem);
      }
    }
    return prefix;
  }

  /**
   * The lake's table for the schema when the lake is a DataLake of this app that already has it
   * (it must have been generated from the same columns); for an imported lake, checks that its
   * Glue database is known.
   */
  private findExistingTable(lake: IDataLake, zone: string, schema: TableSchema): LakeTable | undefined {
    if (!(lake instanceof DataLake)) {
      try {
        lake.glueDatabaseName(zone);
      } catch (e) {
        if (e instanceof MlopsValidationError) {
          throw new MlopsValidationError(this, 'lake', lake.node.path,
            `a DataLake, or a lake imported with glueDatabaseNames whose zone "${zone}" database holds the table "${schema.name}"`);
        }
        throw e;
      }
      return undefined;
    }
    const table = lake.tryFindTable(zone, schema.name);
    if (table !== undefined && !sameColumns(table.table, schema, table.location)) {
      throw new MlopsValidationError(this, 'schema', schema.name,
        `the schema of the table "${schema.name}" the lake already has in zone "${zone}" (same columns, types and partitioning), or a schema with another name`);
    }
    return table;
  }

  private createDeliveryLogGroup(logGroupName: string, removalPolicy: RemovalPolicy): logs.LogGroup {
    this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName, { sid: 'DeliveryLogGroupEncryption' }));
    const logGroup = new logs.LogGroup(this, 'DeliveryLogs', {
      logGroupName,
      encryptionKey: this.encryptionKey,
      retention: DELIVERY_LOG_RETENTION,
      removalPolicy,
    });
    new logs.LogStream(logGroup, 'DestinationDelivery', { logGroup, logStreamName: DELIVERY_LOG_STREAM_NAME, removalPolicy });
    return logGroup;
  }

  private deliveryStatements(inputs: { bucketArn: string; objectArns: string[]; lakeKey?: kms.IKey; logStreamArn: string }): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const glueArn = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, resourceName });
    const statements = [
      new iam.PolicyStatement({ actions: DELIVERY_SOURCE_ACTIONS, resources: [this.stream.streamArn] }),
      new iam.PolicyStatement({ actions: DELIVERY_BUCKET_ACTIONS, resources: [inputs.bucketArn] }),
      new iam.PolicyStatement({ actions: DELIVERY_OBJECT_ACTIONS, resources: inputs.objectArns }),
      new iam.PolicyStatement({
        actions: DELIVERY_GLUE_ACTIONS,
        resources: [glueArn('catalog'), glueArn('database', this.glueDatabaseName), glueArn('table', `${this.glueDatabaseName}/${this.glueTableName}`)],
      }),
      new iam.PolicyStatement({ actions: DELIVERY_LOG_ACTIONS, resources: [inputs.logStreamArn] }),
    ];
    if (this.stream.encryptionKey) {
      statements.push(new iam.PolicyStatement({
        actions: KEY_READ_ACTIONS,
        resources: [this.stream.encryptionKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `kinesis.${stack.region}.amazonaws.com`, [KINESIS_ENCRYPTION_CONTEXT]: this.stream.streamArn },
        },
      }));
    }
    if (inputs.lakeKey) {
      // Only through S3: the guide's extra condition on the object ARN in the encryption context
      // does not hold for buckets with S3 Bucket Keys (the lake's), whose context is the bucket ARN.
      // See https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
      statements.push(new iam.PolicyStatement({
        actions: DELIVERY_KEY_ACTIONS,
        resources: [inputs.lakeKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }));
    }
    return statements;
  }
}

/** Whether the Glue table input has the columns and partitioning `schema` generates. */
function sameColumns(resource: glue.CfnTable, schema: TableSchema, location: string): boolean {
  const shape = (input: glue.CfnTable.TableInputProperty) => JSON.stringify({
    columns: ((input.storageDescriptor as glue.CfnTable.StorageDescriptorProperty | undefined)?.columns as glue.CfnTable.ColumnProperty[] | undefined ?? [])
      .map((c) => [c.name, c.type]),
    partitionKeys: ((input.partitionKeys as glue.CfnTable.ColumnProperty[] | undefined) ?? []).map((c) => [c.name, c.type]),
  });
  return shape(resource.tableInput as glue.CfnTable.TableInputProperty) === shape(parquetTableInput(schema, location));
}

/** The retention of an existing stream when it is a stream of this app; Kinesis's default otherwise. */
function readableRetention(stream: kinesis.IStream): Duration {
  const cfn = stream.node.defaultChild;
  if (cfn instanceof kinesis.CfnStream) {
    const hours = cfn.retentionPeriodHours;
    if (typeof hours === 'number' && !Token.isUnresolved(hours)) {
      return Duration.hours(hours);
    }
  }
  return KINESIS_DEFAULT_RETENTION;
}

/** Warns when the existing stream is a stream of this app without server-side encryption. */
function flagUnencryptedStream(scope: IConstruct, stream: kinesis.IStream): void {
  const cfn = stream.node.defaultChild;
  if (cfn instanceof kinesis.CfnStream && Stack.of(cfn).resolve(cfn.streamEncryption) === undefined) {
    Annotations.of(scope).addWarningV2(STREAMING_INGEST_WARNINGS.streamUnencrypted,
      `stream ${stream.node.path} has no server-side encryption; the ingest's own stream is encrypted with a KMS key. Pass a stream with encryption: StreamEncryption.KMS.`);
  }
}

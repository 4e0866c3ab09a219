/**
 * Every bad input of a StreamingIngest is an MlopsValidationError at synth time that names the
 * construct path, the property, the value and what is allowed.
 */
import { App, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FieldSpec, FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, IDataLake, StreamingIngest, StreamingIngestJsonDeserializer, StreamingIngestProps } from 'mlops-constructs/aws';
import { newStack, orders } from '../fixtures';

const FIELDS: FieldSpec[] = [
  { name: 'user_id', type: FieldType.STRING },
  { name: 'country', type: FieldType.STRING },
  { name: 'score', type: FieldType.FLOAT64 },
  { name: 'clicked_at', type: FieldType.TIMESTAMP },
];

function schema(props: Partial<ConstructorParameters<typeof TableSchema>[0]> = {}): TableSchema {
  return new TableSchema({ name: 'clicks', fields: FIELDS, eventTime: 'clicked_at', ...props });
}

/** Creates an ingest in a fresh stack (with a fresh lake unless given) with `props` over valid defaults. */
function ingest(props: Partial<StreamingIngestProps>, lakeOf: (stack: Stack) => IDataLake = (stack) => new DataLake(stack, 'Lake')) {
  return () => {
    const stack = newStack();
    return new StreamingIngest(stack, 'Ingest', { lake: lakeOf(stack), schema: schema(), ...props });
  };
}

describe('StreamingIngest bad buffering', () => {
  test('an interval above Firehose\'s 900 s', () => {
    expect(ingest({ bufferingInterval: Duration.seconds(901) })).toThrow(
      /^\[TestStack\/Ingest\] invalid bufferingInterval: "15 minutes 1 second"\. Allowed: a whole number of seconds from 60 to 900 \(Firehose allows up to 900 s, and dynamic partitioning needs at least 60 s\)\.$/);
  });

  test('an interval below the 60 s dynamic partitioning needs, zero buffering included', () => {
    expect(ingest({ bufferingInterval: Duration.seconds(59) })).toThrow(/invalid bufferingInterval: "59 seconds"\. Allowed: a whole number of seconds from 60 to 900/);
    expect(ingest({ bufferingInterval: Duration.seconds(0) })).toThrow(/invalid bufferingInterval: "0 seconds"/);
  });

  test('an interval that is not whole seconds', () => {
    expect(ingest({ bufferingInterval: Duration.millis(90_500) })).toThrow(/invalid bufferingInterval: .*Allowed: a whole number of seconds/);
  });

  test('a size above Firehose\'s 128 MiB', () => {
    expect(ingest({ bufferingSize: Size.mebibytes(129) })).toThrow(
      /^\[TestStack\/Ingest\] invalid bufferingSize: "129 MiB"\. Allowed: a whole number of MiB from 64 to 128 \(Firehose allows up to 128 MiB, and record format conversion and dynamic partitioning need at least 64 MiB\)\.$/);
  });

  test('a size below the 64 MiB that conversion and dynamic partitioning need', () => {
    expect(ingest({ bufferingSize: Size.mebibytes(63) })).toThrow(/invalid bufferingSize: "63 MiB"\. Allowed: a whole number of MiB from 64 to 128/);
    expect(ingest({ bufferingSize: Size.mebibytes(5) })).toThrow(/invalid bufferingSize: "5 MiB"/);
  });

  test('a size that is not whole MiB', () => {
    expect(ingest({ bufferingSize: Size.kibibytes(64 * 1024 + 512) })).toThrow(/invalid bufferingSize: "64.5 MiB"\. Allowed: a whole number of MiB/);
  });
});

describe('StreamingIngest bad names', () => {
  test('a stream name with characters Kinesis refuses', () => {
    expect(ingest({ streamName: 'clicks stream!' })).toThrow(
      /^\[TestStack\/Ingest\] invalid streamName: "clicks stream!"\. Allowed: 1 to 128 characters of letters, digits, underscores, dots and hyphens\.$/);
  });

  test('a stream name longer than 128 characters', () => {
    expect(ingest({ streamName: 'a'.repeat(129) })).toThrow(/invalid streamName: "a{129}"\. Allowed: 1 to 128 characters/);
  });

  test('an empty stream name', () => {
    expect(ingest({ streamName: '' })).toThrow(/invalid streamName: ""\. Allowed: 1 to 128 characters/);
  });

  test('a Firehose stream name with characters Firehose refuses', () => {
    expect(ingest({ deliveryStreamName: 'clicks/delivery' })).toThrow(
      /^\[TestStack\/Ingest\] invalid deliveryStreamName: "clicks\/delivery"\. Allowed: 1 to 64 characters of letters, digits, underscores, dots and hyphens\.$/);
  });

  test('a Firehose stream name longer than 64 characters', () => {
    expect(ingest({ deliveryStreamName: 'd'.repeat(65) })).toThrow(/invalid deliveryStreamName: "d{65}"\. Allowed: 1 to 64 characters/);
  });

  test('an imported ingest with a bad Firehose stream name', () => {
    expect(() => {
      const stack = newStack();
      const stream = kinesis.Stream.fromStreamArn(stack, 'S', 'arn:aws:kinesis:eu-west-1:111111111111:stream/clicks');
      StreamingIngest.fromStreamingIngestAttributes(stack, 'Imported', { stream, deliveryStreamName: 'bad name' });
    }).toThrow(/^\[TestStack\/Imported\] invalid deliveryStreamName: "bad name"\. Allowed: 1 to 64 characters/);
  });
});

describe('StreamingIngest bad schemas', () => {
  test('a bytes field: JSON carries no bytes and neither JSON SerDe reads binary', () => {
    const withBytes = schema({ fields: [...FIELDS, { name: 'payload', type: FieldType.BYTES }] });
    expect(ingest({ schema: withBytes })).toThrow(
      /^\[TestStack\/Ingest\] invalid schema\.fields\[4\]\.type: "bytes"\. Allowed: a type that Firehose record format conversion carries from JSON to Parquet \(string, boolean, int32, int64, float32, float64, decimal, date, timestamp\); "payload" is bytes: declare it as string holding base64 and decode downstream\.$/);
  });

  test('a bytes field is refused whichever deserializer is asked for', () => {
    const withBytes = schema({ fields: [...FIELDS, { name: 'payload', type: FieldType.BYTES }] });
    expect(ingest({ schema: withBytes, jsonDeserializer: StreamingIngestJsonDeserializer.HIVE })).toThrow(/invalid schema\.fields\[4\]\.type: "bytes"/);
  });

  test('the lake fixture schema (decimal, date and bytes) is refused at its bytes field, not at the decimal or the date', () => {
    expect(ingest({ schema: orders })).toThrow(/^\[TestStack\/Ingest\] invalid schema\.fields\[9\]\.type: "bytes"\./);
  });

  test('decimal and date fields are accepted (through the Hive JSON SerDe)', () => {
    const withDecimalAndDate = schema({ fields: [FIELDS[0], { name: 'amount', type: FieldType.decimal(12, 2) }, { name: 'day', type: FieldType.DATE }, FIELDS[3]] });
    expect(ingest({ schema: withDecimalAndDate })().jsonDeserializer).toBe(StreamingIngestJsonDeserializer.HIVE);
  });

  test('a schema without event time cannot be partitioned by event date', () => {
    expect(ingest({ schema: schema({ eventTime: undefined }) })).toThrow(
      /^\[TestStack\/Ingest\] invalid schema\.eventTime: undefined\. Allowed: the name of a timestamp field: records are partitioned by the UTC date of their event time, as the lake table projects event_date\.$/);
  });

  test('a schema that breaks the schema rules is reported under schema.', () => {
    expect(ingest({ schema: schema({ fields: [...FIELDS, { name: 'Bad-Name', type: FieldType.STRING }] }) })).toThrow(
      /invalid schema\.fields\[4\]\.name: "Bad-Name"\. Allowed: 1 to 128 characters of lowercase letters/);
  });

  test('a schema that is not a TableSchema', () => {
    expect(ingest({ schema: { name: 'clicks', fields: [] } as unknown as TableSchema })).toThrow(
      /invalid schema: \{"name":"clicks","fields":\[\]\}\. Allowed: a TableSchema/);
  });
});

describe('StreamingIngest bad JSON deserializer', () => {
  test('OPENX for a schema with a decimal field: the OpenX JSON SerDe has no decimal reader', () => {
    const withDecimal = schema({ fields: [FIELDS[0], { name: 'amount', type: FieldType.decimal(12, 2) }, FIELDS[3]] });
    expect(ingest({ schema: withDecimal, jsonDeserializer: StreamingIngestJsonDeserializer.OPENX })).toThrow(
      /^\[TestStack\/Ingest\] invalid jsonDeserializer: "OpenXJsonSerDe"\. Allowed: a deserializer that reads every field: the OpenXJsonSerDe has no decimal reader \("amount" is decimal\(12,2\)\); leave jsonDeserializer out or use StreamingIngestJsonDeserializer\.HIVE\.$/);
  });

  test('OPENX for a schema with date and decimal fields names both', () => {
    const withBoth = schema({ fields: [FIELDS[0], { name: 'day', type: FieldType.DATE }, { name: 'amount', type: FieldType.decimal(5, 0) }, FIELDS[3]] });
    expect(ingest({ schema: withBoth, jsonDeserializer: StreamingIngestJsonDeserializer.OPENX })).toThrow(
      /Allowed: a deserializer that reads every field: the OpenXJsonSerDe has no date and decimal reader \("day" is date, "amount" is decimal\(5,0\)\)/);
  });

  test('something that is not a StreamingIngestJsonDeserializer', () => {
    expect(ingest({ jsonDeserializer: { name: 'HiveJsonSerDe' } as unknown as StreamingIngestJsonDeserializer })).toThrow(
      /^\[TestStack\/Ingest\] invalid jsonDeserializer: \{"name":"HiveJsonSerDe"\}\. Allowed: StreamingIngestJsonDeserializer\.OPENX or StreamingIngestJsonDeserializer\.HIVE\.$/);
  });
});

describe('StreamingIngest bad partition key', () => {
  test('a partition key field missing from the schema lists the fields', () => {
    expect(ingest({ partitionKeyField: 'region' })).toThrow(
      /^\[TestStack\/Ingest\] invalid partitionKeyField: "region"\. Allowed: the name of a field of the schema \(user_id, country, score, clicked_at\)\.$/);
  });

  test('a float partition key field', () => {
    expect(ingest({ partitionKeyField: 'score' })).toThrow(
      /invalid partitionKeyField: "score"\. Allowed: a field of type string, int32, int64, boolean, date \(its value becomes an S3 key segment\); "score" is float64\./);
  });

  test('the event time as partition key field', () => {
    expect(ingest({ partitionKeyField: 'clicked_at' })).toThrow(/invalid partitionKeyField: "clicked_at"\. Allowed: a field other than the event time/);
  });
});

describe('StreamingIngest bad stream options', () => {
  test('a retention below 24 hours', () => {
    expect(ingest({ streamRetention: Duration.hours(23) })).toThrow(
      /^\[TestStack\/Ingest\] invalid streamRetention: "23 hours"\. Allowed: a whole number of hours from 24 to 8760 \(Kinesis retention: 24 hours to 365 days\)\.$/);
  });

  test('a retention above 365 days', () => {
    expect(ingest({ streamRetention: Duration.days(366) })).toThrow(/invalid streamRetention: "366 days"\. Allowed: a whole number of hours from 24 to 8760/);
  });

  test('a retention that is not whole hours', () => {
    expect(ingest({ streamRetention: Duration.minutes(24 * 60 + 30) })).toThrow(/invalid streamRetention: "1 day 30 minutes"\. Allowed: a whole number of hours/);
  });

  test('streamName or streamRetention together with an existing stream', () => {
    const withStream = (props: Partial<StreamingIngestProps>) => () => {
      const stack = newStack();
      const stream = new kinesis.Stream(stack, 'Existing', { encryption: kinesis.StreamEncryption.KMS });
      return new StreamingIngest(stack, 'Ingest', { lake: new DataLake(stack, 'Lake'), schema: schema(), stream, ...props });
    };
    expect(withStream({ streamName: 'clicks' })).toThrow(
      /invalid streamName: "clicks"\. Allowed: no streamName together with stream: it configures the new stream, and an existing stream keeps its own\./);
    expect(withStream({ streamRetention: Duration.days(3) })).toThrow(/invalid streamRetention: "3 days"\. Allowed: no streamRetention together with stream/);
  });

  test('a removal policy Kinesis cannot apply', () => {
    expect(ingest({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(
      /invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY \(Kinesis streams have no snapshots\)\./);
  });

  test('DESTROY without the app-level opt-in', () => {
    expect(ingest({ removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      /invalid removalPolicy: "DESTROY"\. Allowed: a policy that destroys data only when the app also sets the context "mlops-constructs:allowDataDestruction": true/);
  });
});

describe('StreamingIngest bad error prefixes', () => {
  const allowed = /Allowed: a prefix of at most 1024 characters, not starting with "\/", containing !\{firehose:error-output-type\}, using only the !\{firehose:\.\.\.\} and !\{timestamp:\.\.\.\} namespaces, and outside the table location "clicks\/"\./;

  test('without !{firehose:error-output-type}', () => {
    expect(ingest({ errorOutputPrefix: 'errors/' })).toThrow(/^\[TestStack\/Ingest\] invalid errorOutputPrefix: "errors\/"\. /);
    expect(ingest({ errorOutputPrefix: 'errors/' })).toThrow(allowed);
  });

  test('with a partition key expression, which error prefixes cannot use', () => {
    expect(ingest({ errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{partitionKeyFromQuery:country}/' })).toThrow(allowed);
  });

  test('with an unknown namespace or a malformed expression', () => {
    expect(ingest({ errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{date:yyyy}/' })).toThrow(allowed);
    expect(ingest({ errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy' })).toThrow(allowed);
  });

  test('under the table location, where Athena would read the error documents as data', () => {
    expect(ingest({ errorOutputPrefix: 'clicks/errors/!{firehose:error-output-type}/' })).toThrow(allowed);
  });

  test('longer than 1024 characters, or starting with "/"', () => {
    expect(ingest({ errorOutputPrefix: `${'e'.repeat(1000)}/!{firehose:error-output-type}/` })).toThrow(allowed);
    expect(ingest({ errorOutputPrefix: '/errors/!{firehose:error-output-type}/' })).toThrow(allowed);
  });
});

describe('StreamingIngest bad alarm actions', () => {
  test('an empty list, which would leave the alarms without a target', () => {
    expect(ingest({ alarmActions: [] })).toThrow(
      /^\[TestStack\/Ingest\] invalid alarmActions: \[\]\. Allowed: at least one alarm action, or no alarmActions for the ingest's own encrypted topic\.$/);
  });
});

describe('StreamingIngest bad lakes and zones', () => {
  test('a zone the lake does not have lists the zones', () => {
    expect(ingest({ zone: 'gold' })).toThrow(/^\[TestStack\/Ingest\] invalid zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts\.$/);
  });

  test('something that is not a lake', () => {
    expect(ingest({ lake: undefined as unknown as IDataLake })).toThrow(/invalid lake: undefined\. Allowed: an IDataLake/);
  });

  test('a lake in another region', () => {
    expect(() => {
      const app = new App();
      const lake = new DataLake(new Stack(app, 'LakeStack', { env: { account: '111111111111', region: 'us-east-1' } }), 'Lake');
      new StreamingIngest(new Stack(app, 'IngestStack', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Ingest', { lake, schema: schema() });
    }).toThrow(/^\[IngestStack\/Ingest\] invalid lake: "LakeStack\/Lake"\. Allowed: a lake in the ingest's account and region \(111111111111\/eu-west-1\); it is in 111111111111\/us-east-1\.$/);
  });

  test('an imported lake without Glue database names', () => {
    const imported = (stack: Stack) => DataLake.fromDataLakeAttributes(stack, 'Lake', {
      zoneBuckets: {
        raw: s3.Bucket.fromBucketName(stack, 'Raw', 'acme-raw'),
        curated: s3.Bucket.fromBucketName(stack, 'Curated', 'acme-curated'),
        artifacts: s3.Bucket.fromBucketName(stack, 'Artifacts', 'acme-artifacts'),
      },
    });
    expect(ingest({}, imported)).toThrow(
      /invalid lake: "TestStack\/Lake"\. Allowed: a DataLake, or a lake imported with glueDatabaseNames whose zone "raw" database holds the table "clicks"\./);
  });

  test('a lake that already has a table of that name with other columns', () => {
    const withOtherClicks = (stack: Stack) => new DataLake(stack, 'Lake', {
      tables: [{ zone: 'raw', schema: schema({ fields: [...FIELDS, { name: 'referrer', type: FieldType.STRING }] }) }],
    });
    expect(ingest({}, withOtherClicks)).toThrow(
      /invalid schema: "clicks"\. Allowed: the schema of the table "clicks" the lake already has in zone "raw" \(same columns, types and partitioning\), or a schema with another name\./);
  });
});

test('errors are MlopsValidationErrors carrying path, property, value and allowed', () => {
  let error: unknown;
  try {
    ingest({ bufferingSize: Size.mebibytes(32) })();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlopsValidationError);
  expect(error).toMatchObject({ constructPath: 'TestStack/Ingest', property: 'bufferingSize', value: '32 MiB' });
});

test('a bad input leaves the lake without the table', () => {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake');
  expect(() => new StreamingIngest(stack, 'Ingest', { lake, schema: schema(), bufferingSize: Size.mebibytes(1) })).toThrow(/bufferingSize/);
  expect(lake.tryFindTable('raw', 'clicks')).toBeUndefined();
});

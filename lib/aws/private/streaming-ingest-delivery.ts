/**
 * What the Firehose stream of a StreamingIngest is configured with, derived from the schema:
 * the JQ query that computes the partition keys, the S3 prefixes that match the lake table's
 * layout, and the record format conversion against the Glue table.
 */
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import { LAKE_PARTITION_COLUMN } from '../../core';

/** Firehose's inline-parsing engine: jq 1.6 is the only version it supports. */
export const JQ_ENGINE = 'JQ-1.6';

/**
 * Epoch values with 13 digits or more are milliseconds, shorter ones seconds: the rule the OpenX
 * JSON SerDe applies when it parses a numeric timestamp, so the partition date and the stored
 * timestamp agree.
 * @see https://github.com/rcongiu/Hive-JSON-Serde/blob/develop/json-serde/src/main/java/org/openx/data/jsonserde/objectinspector/primitive/ParsePrimitiveUtils.java (parseTimestamp)
 */
export const EPOCH_MILLIS_THRESHOLD = 1_000_000_000_000;

/** Where a table's objects live in its zone bucket: the lake's convention `<table>/`. */
export function tableLocationPrefix(tableName: string): string {
  return `${tableName}/`;
}

/** The default error-output prefix: outside every table location (table names start with a letter). */
export function defaultErrorOutputPrefix(tableName: string): string {
  return `_errors/${tableName}/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/`;
}

/**
 * The S3 prefix of delivered objects: the table location, then `event_date=<UTC date>/` exactly as
 * the lake table's partition projection template expects (`storage.location.template` in
 * `glue-table.ts`), then `<key>=<value>/` when a partition key field is given. Athena reads every
 * object under a location, sub-folders included (as its unpartitioned CloudTrail table reads the
 * nested region/year/month/day folders), so objects in the key sub-prefix stay visible through the
 * date-partitioned table; the key is filtered as an ordinary column.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-s3bucketprefix.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/tables-location-format.html ("Athena reads all data stored in the Amazon S3 folder that you specify")
 * @see https://docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html
 */
export function dataPrefix(tableName: string, partitionKeyField?: string): string {
  const date = `${LAKE_PARTITION_COLUMN}=!{partitionKeyFromQuery:${LAKE_PARTITION_COLUMN}}/`;
  const key = partitionKeyField ? `${partitionKeyField}=!{partitionKeyFromQuery:${partitionKeyField}}/` : '';
  return `${tableLocationPrefix(tableName)}${date}${key}`;
}

/**
 * jq 1.6 that turns the event-time value into its UTC date `yyyy-MM-dd`, or fails the record.
 *
 * - an ISO-8601 string (`2024-03-05T23:59:59.123Z`, `2024-03-05 23:59:59`): its first ten
 *   characters, once the dashes are where a zero-padded date has them;
 * - a number: epoch seconds, or milliseconds from 13 digits on ({@link EPOCH_MILLIS_THRESHOLD}),
 *   formatted with `strftime`, which works on UTC (`gmtime`).
 *
 * Anything else raises a jq error, so Firehose writes the record under the error prefix instead of
 * inventing a partition. `fromdateiso8601`/`mktime` are avoided on purpose: in jq 1.6 they depend
 * on the host time zone.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html
 * @see https://jqlang.github.io/jq/manual/v1.6/#dates
 */
export function eventDateJq(eventTimeField: string): string {
  return `(.${eventTimeField} | if type == "string" and .[4:5] == "-" and .[7:8] == "-" then .[0:10] `
    + `elif type == "number" then (if . >= ${EPOCH_MILLIS_THRESHOLD} then . / 1000 else . end | floor | strftime("%Y-%m-%d")) `
    + `else error("${eventTimeField}: not an ISO-8601 date-time string nor epoch seconds or milliseconds") end)`;
}

/**
 * jq 1.6 that turns a partition key value into one S3 key segment, or fails the record: a
 * non-empty string without `/`, a number or a boolean.
 */
export function partitionKeyJq(field: string): string {
  return `(.${field} | if (type == "string" and . != "" and (contains("/") | not)) or type == "number" or type == "boolean" then tostring `
    + `else error("${field}: missing, empty, or not a string, number or boolean without \\"/\\"") end)`;
}

/** The whole metadata-extraction query: an object of partition key → jq expression. */
export function metadataExtractionQuery(eventTimeField: string, partitionKeyField?: string): string {
  const keys = [`"${LAKE_PARTITION_COLUMN}": ${eventDateJq(eventTimeField)}`];
  if (partitionKeyField) {
    keys.push(`"${partitionKeyField}": ${partitionKeyJq(partitionKeyField)}`);
  }
  return `{${keys.join(', ')}}`;
}

/** The processing configuration that runs the metadata-extraction query on every record. */
export function partitioningProcessing(query: string): firehose.CfnDeliveryStream.ProcessingConfigurationProperty {
  return {
    enabled: true,
    processors: [{
      type: 'MetadataExtraction',
      parameters: [
        { parameterName: 'MetadataExtractionQuery', parameterValue: query },
        { parameterName: 'JsonParsingEngine', parameterValue: JQ_ENGINE },
      ],
    }],
  };
}

/** Where the Glue table that conversion reads its schema from is. */
export interface GlueTableReference {
  readonly catalogId: string;
  readonly region: string;
  readonly databaseName: string;
  readonly tableName: string;
}

/**
 * JSON in (OpenX JSON SerDe, case-insensitive keys), Snappy-compressed Parquet out (what the lake
 * table declares in `parquet.compression`), schema from the latest version of the Glue table.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_SchemaConfiguration.html
 */
export function parquetConversion(table: GlueTableReference, roleArn: string): firehose.CfnDeliveryStream.DataFormatConversionConfigurationProperty {
  return {
    enabled: true,
    inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
    outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
    schemaConfiguration: {
      catalogId: table.catalogId,
      region: table.region,
      databaseName: table.databaseName,
      tableName: table.tableName,
      roleArn,
      versionId: 'LATEST',
    },
  };
}

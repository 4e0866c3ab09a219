/**
 * What the Firehose stream of a StreamingIngest is configured with, derived from the schema:
 * the JQ query that computes the partition keys, the S3 prefixes that match the lake table's
 * layout, and the record format conversion against the Glue table.
 */
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import { FieldTypeKind, LAKE_PARTITION_COLUMN } from '../../../core';
import { EventTimeForms } from './serde-profiles';

/** Firehose's inline-parsing engine: jq 1.6 is the only version it supports. */
export const JQ_ENGINE = 'JQ-1.6';

/**
 * Epoch values from 10^12 on (13 digits or more) are milliseconds, smaller ones seconds: the rule
 * the OpenX JSON SerDe applies to integers, so the partition date and the stored timestamp agree.
 * The Hive JSON SerDe reads every number as milliseconds, so there the query refuses smaller ones.
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
 * `lib/aws/private/glue-table.ts`), then `<key>=<value>/` when a partition key field is given. Athena reads every
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

/** Largest integer a jq 1.6 number (an IEEE double) holds exactly: larger keys would print rounded. */
const JQ_MAX_EXACT_INTEGER = 2 ** 53 - 1;

/*
 * Regular expressions (Oniguruma, as jq's `test` and `capture` take them) of the event-time strings
 * both SerDes parse the same way. `[.]` and `[0-9]` keep them free of backslashes, which would need
 * escaping twice (TypeScript, then the jq string literal).
 */
const DATE_PART = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const TIME_PART = '[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?';
/** `yyyy-MM-dd HH:mm:ss[.f]`: `java.sql.Timestamp.valueOf` in both SerDes; its first ten characters are the date. */
const SPACE_FORM = `^${DATE_PART} ${TIME_PART}$`;
/** `yyyy-MM-ddTHH:mm:ss[.f]Z`: UTC, its first ten characters are the date. */
const ISO_UTC_FORM = `^${DATE_PART}T${TIME_PART}Z$`;
/** `yyyy-MM-ddTHH:mm:ss[.f]` and an offset `+hh`, `+hhmm` or `+hh:mm` (or `-`), as Joda's `ZZ` reads it (hours to 23, minutes to 59). */
const ISO_OFFSET_FORM = `^${DATE_PART}T${TIME_PART}[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?$`;
/** The parts of an {@link ISO_OFFSET_FORM} string the UTC date depends on. */
const ISO_OFFSET_PARTS = '^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):[0-9]{2}([.][0-9]+)?(?<sign>[+-])(?<oh>[0-9]{2}):?(?<om>[0-9]{2})?$';

/**
 * jq 1.6 that turns an {@link ISO_OFFSET_FORM} string into its UTC date: days since 1970-01-01 of
 * the local date (the days-from-civil count, proleptic Gregorian, with March as the first month so
 * the leap day comes last), plus the local minutes of the day, minus the offset; then `strftime`.
 * Seconds cannot move an instant whose offset is whole minutes across midnight, so they are left out.
 * @see https://howardhinnant.github.io/date_algorithms.html#days_from_civil
 */
function utcDateOfOffsetJq(): string {
  const num = (part: string) => `(.${part} | tonumber)`;
  return `(capture("${ISO_OFFSET_PARTS}")`
    + ` | ((${num('oh')} * 60 + ((.om // "0") | tonumber)) * (if .sign == "-" then -1 else 1 end)) as $offset`
    + ` | ${num('y')} as $y | ${num('mo')} as $mo | ${num('d')} as $d | ${num('h')} as $h | ${num('mi')} as $mi`
    + ' | (if $mo <= 2 then $y - 1 else $y end) as $ya'
    + ' | (365 * $ya + ($ya / 4 | floor) - ($ya / 100 | floor) + ($ya / 400 | floor) + ((153 * (($mo + 9) % 12) + 2) / 5 | floor) + $d - 719469) as $days'
    + ' | $days * 86400 + ($h * 60 + $mi - $offset) * 60 | strftime("%Y-%m-%d"))';
}

/**
 * jq 1.6 that turns the event-time value into its UTC date `yyyy-MM-dd`, or fails the record,
 * accepting what the chosen SerDe parses into the same instant and nothing else:
 *
 * | value                                  | OpenX JSON SerDe            | Hive JSON SerDe              |
 * |----------------------------------------|-----------------------------|------------------------------|
 * | `yyyy-MM-ddTHH:mm:ss[.f]Z`             | first ten characters        | first ten characters         |
 * | `yyyy-MM-ddTHH:mm:ss[.f]+hh:mm` (etc.) | refused (SerDe fails it)    | UTC date, offset applied     |
 * | `yyyy-MM-dd HH:mm:ss[.f]`              | first ten characters        | first ten characters         |
 * | integer from 10^12                     | epoch milliseconds          | epoch milliseconds           |
 * | fraction from 10^12                    | refused (SerDe: seconds)    | epoch milliseconds           |
 * | number from 0 to below 10^12           | epoch seconds               | refused (SerDe: milliseconds)|
 * | anything else, missing, null           | refused                     | refused                      |
 *
 * A refused record goes to the error prefix (`processing-failed`) instead of a partition. The
 * query is stricter than the SerDes (zero-padded fields, upper-case `T` and `Z`, no negative
 * epochs); a value it takes but the SerDe still fails (a 13th month, `60` seconds) goes to the error
 * prefix as `format-conversion-failed`, so it never lands in a partition either. What the query
 * cannot see: a number written with an exponent or as `1709683199999.0`: jq reads both as the same
 * double, the SerDes read the text.
 *
 * `fromdateiso8601`/`mktime` are avoided on purpose: in jq 1.6 they depend on the host time zone;
 * `strftime` formats in UTC (`gmtime`).
 * @see https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html
 * @see https://jqlang.github.io/jq/manual/v1.6/#dates
 * @see https://jqlang.github.io/jq/manual/v1.6/#RegularexpressionsPCRE
 */
export function eventDateJq(eventTimeField: string, forms: EventTimeForms): string {
  const offsets = forms.isoOffsets ? `elif test("${ISO_OFFSET_FORM}") then ${utcDateOfOffsetJq()} ` : '';
  // A SerDe that reads fractions as seconds would put a fractional value from 10^12 tens of
  // thousands of years ahead: only integers are milliseconds there.
  const millis = forms.epochSeconds ? `. >= ${EPOCH_MILLIS_THRESHOLD} and . == floor` : `. >= ${EPOCH_MILLIS_THRESHOLD}`;
  const seconds = forms.epochSeconds
    ? `elif type == "number" and . >= 0 and . < ${EPOCH_MILLIS_THRESHOLD} then (floor | strftime("%Y-%m-%d")) `
    : '';
  return `(.${eventTimeField} | if type == "string" then `
    + `(if test("${ISO_UTC_FORM}") or test("${SPACE_FORM}") then .[0:10] ${offsets}`
    + `else error("${eventTimeField}: not ${forms.description}") end) `
    + `elif type == "number" and ${millis} then (. / 1000 | floor | strftime("%Y-%m-%d")) `
    + seconds
    + `else error("${eventTimeField}: not ${forms.description}") end)`;
}

/** What a partition key value may be, per kind: the jq test and the words of its error. */
const PARTITION_KEY_VALUES: Partial<Record<FieldTypeKind, { test: string; expected: string }>> = {
  // A string column also takes a number or boolean token as its text; jq prints integers (within
  // 2^53) and booleans as written, other numbers canonically (1.50 as 1.5), so send keys as strings.
  [FieldTypeKind.STRING]: {
    test: '(type == "string" and . != "" and (contains("/") | not)) or type == "number" or type == "boolean"',
    expected: 'missing, empty, or not a string, number or boolean without \\"/\\"',
  },
  // JSON numbers only: the Hive SerDe reads integers with the JSON parser's getIntValue/getLongValue,
  // which are for number tokens.
  [FieldTypeKind.INT32]: {
    test: `type == "number" and . == floor and . >= -${JQ_MAX_EXACT_INTEGER} and . <= ${JQ_MAX_EXACT_INTEGER}`,
    expected: `missing, or not an integer number from -${JQ_MAX_EXACT_INTEGER} to ${JQ_MAX_EXACT_INTEGER}`,
  },
  [FieldTypeKind.INT64]: {
    test: `type == "number" and . == floor and . >= -${JQ_MAX_EXACT_INTEGER} and . <= ${JQ_MAX_EXACT_INTEGER}`,
    expected: `missing, or not an integer number from -${JQ_MAX_EXACT_INTEGER} to ${JQ_MAX_EXACT_INTEGER}`,
  },
  // The Hive SerDe reads any text but "true" as false: only JSON booleans keep key and column equal.
  [FieldTypeKind.BOOLEAN]: { test: 'type == "boolean"', expected: 'missing, or not true or false' },
  // Zero-padded, so that one date has one key; java.sql.Date.valueOf reads it.
  [FieldTypeKind.DATE]: { test: `type == "string" and test("^${DATE_PART}$")`, expected: 'missing, or not a yyyy-MM-dd string' },
};

/**
 * jq 1.6 that turns a partition key value into one S3 key segment, or fails the record: a value of
 * the field's kind that the SerDe stores as the same text (see {@link PARTITION_KEY_VALUES}).
 */
export function partitionKeyJq(field: string, kind: FieldTypeKind): string {
  const rule = PARTITION_KEY_VALUES[kind];
  if (rule === undefined) {
    throw new Error(`no partition key rule for ${kind}: validate the partition key field first`);
  }
  return `(.${field} | if ${rule.test} then tostring else error("${field}: ${rule.expected}") end)`;
}

/** The partition key field, when one is given. */
export interface PartitionKey {
  readonly name: string;
  readonly kind: FieldTypeKind;
}

/** The whole metadata-extraction query: an object of partition key → jq expression. */
export function metadataExtractionQuery(eventTimeField: string, forms: EventTimeForms, partitionKey?: PartitionKey): string {
  const keys = [`"${LAKE_PARTITION_COLUMN}": ${eventDateJq(eventTimeField, forms)}`];
  if (partitionKey) {
    keys.push(`"${partitionKey.name}": ${partitionKeyJq(partitionKey.name, partitionKey.kind)}`);
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
 * JSON in (through the deserializer chosen for the schema, see `serde-profiles.ts`),
 * Snappy-compressed Parquet out (what the lake table declares in `parquet.compression`), schema from
 * the latest version of the Glue table.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_SchemaConfiguration.html
 */
export function parquetConversion(
  table: GlueTableReference,
  roleArn: string,
  deserializer: firehose.CfnDeliveryStream.DeserializerProperty,
): firehose.CfnDeliveryStream.DataFormatConversionConfigurationProperty {
  return {
    enabled: true,
    inputFormatConfiguration: { deserializer },
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

/**
 * The two JSON deserializers Firehose record format conversion offers, as named data: the field
 * kinds each reads from JSON text, the event-time forms each parses (which the JQ partitioning
 * query in `delivery.ts` mirrors), and how Firehose's API takes each. A
 * StreamingIngest picks one from its schema (`defaultJsonSerDe`).
 *
 * Amazon documents neither SerDe's type support nor the version it runs. What is below comes from
 * the Firehose guide and API reference, and from reading the SerDes' public source; it holds as far
 * as Firehose runs that code, which only a deploy shows.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html ("Choose the JSON deserializer")
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_HiveJsonSerDe.html ("The native Hive / HCatalog JsonSerDe", JodaTime patterns, `millis`)
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesisfirehose-deliverystream-hivejsonserde.html
 */
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import { FieldTypeKind, ResolvedField, TableSchema } from '../../../core';

/** The Firehose API names of the deserializers. */
export type JsonSerDeName = 'OpenXJsonSerDe' | 'HiveJsonSerDe';

/** The event-time forms a SerDe parses, beyond the two both parse (see {@link JsonSerDeProfile}). */
export interface EventTimeForms {
  /** ISO-8601 strings with `T` may end in a numeric offset (`+hh:mm`, `+hhmm`, `+hh`, or `-`), not only in `Z`. */
  readonly isoOffsets: boolean;
  /** Numbers below 10^12 are epoch seconds; without this they are refused (the SerDe would read them as milliseconds). */
  readonly epochSeconds: boolean;
  /** What producers may send as the event time, in words (no quotes or backslashes: it goes into a jq string). */
  readonly description: string;
}

/** What one deserializer reads. */
export interface JsonSerDeProfile {
  /** Its name in the Firehose API. */
  readonly name: JsonSerDeName;
  /** The field kinds it reads from JSON text. */
  readonly kinds: ReadonlySet<FieldTypeKind>;
  /**
   * The event-time forms it parses. Both parse `yyyy-MM-ddTHH:mm:ss[.f]Z` (1 to 9 fraction digits),
   * `yyyy-MM-dd HH:mm:ss[.f]` (read with `java.sql.Timestamp.valueOf`, in the service's JVM time
   * zone, assumed UTC) and epoch milliseconds (numbers from 10^12, i.e. 13 digits).
   */
  readonly eventTime: EventTimeForms;
  /** The deserializer as `DataFormatConversionConfiguration.InputFormatConfiguration.Deserializer` takes it. */
  readonly deserializer: firehose.CfnDeliveryStream.DeserializerProperty;
}

/** Kinds both deserializers read. */
const COMMON_KINDS = [
  FieldTypeKind.STRING, FieldTypeKind.BOOLEAN, FieldTypeKind.INT32, FieldTypeKind.INT64,
  FieldTypeKind.FLOAT32, FieldTypeKind.FLOAT64, FieldTypeKind.TIMESTAMP,
];

/**
 * The OpenX JSON SerDe (rcongiu/Hive-JSON-Serde), with Firehose's defaults (case-insensitive keys).
 *
 * Its object-inspector factory has readers for JSON text of byte, short, int, long, float, double,
 * timestamp and string columns only; any other primitive (decimal, date, binary) falls back to
 * Hive's Java inspectors, which expect HiveDecimal, Date and byte[] objects, not JSON text. Its
 * timestamp parsing takes integers of 13 digits or more as milliseconds, shorter ones as seconds,
 * and numbers with a `.` as fractional seconds; the string forms are the ones the Firehose guide
 * lists (ISO-8601 with `Z` only, no numeric offset).
 *
 * @see https://github.com/rcongiu/Hive-JSON-Serde/blob/develop/json-serde/src/main/java/org/openx/data/jsonserde/objectinspector/JsonObjectInspectorFactory.java (primitiveOICache)
 * @see https://github.com/rcongiu/Hive-JSON-Serde/blob/develop/json-serde/src/main/java/org/openx/data/jsonserde/objectinspector/primitive/ParsePrimitiveUtils.java (parseTimestamp)
 * @see https://github.com/trinodb/trino/blob/master/lib/trino-hive-formats/src/main/java/io/trino/hive/formats/line/openxjson/README.md ("Rcongiu SerDe does not support DECIMAL type")
 */
export const OPENX_JSON_SERDE: JsonSerDeProfile = {
  name: 'OpenXJsonSerDe',
  kinds: new Set(COMMON_KINDS),
  eventTime: {
    isoOffsets: false,
    epochSeconds: true,
    description: 'yyyy-MM-ddTHH:mm:ss[.fffffffff]Z, yyyy-MM-dd HH:mm:ss[.fffffffff] (UTC), '
      + 'epoch seconds (integer or fractional) or epoch milliseconds (an integer of 13 digits or more)',
  },
  deserializer: { openXJsonSerDe: {} },
};

/**
 * Joda-Time patterns for the Hive JSON SerDe's `TimestampFormats`: ISO-8601 with `T`, without and
 * with a fraction, then `Z` or a numeric offset; and epoch milliseconds.
 *
 * - `ZZ` parses `Z` as offset zero, else a sign and `hh`, `hhmm` or `hh:mm` (hours up to 23, minutes
 *   up to 59): DateTimeFormat maps it to `appendTimeZoneOffset(null, "Z", true, 2, 2)`, whose
 *   parser takes the zero-offset text and then reads separators as it finds them.
 * - `SSSSSSSSS` parses 1 to 9 fraction digits (`appendFractionOfSecond(9, 9)`; the parser reads up
 *   to the maximum), kept to the millisecond: Joda and this parser have millisecond precision, so
 *   micro- and nanoseconds are dropped.
 * - Hive's TimestampParser joins the patterns into one Joda parser, which keeps the pattern that
 *   reads the whole text, and accepts it only then; `millis` takes the integer part of
 *   `-?digits[.digits]` as milliseconds. Any other text goes to `java.sql.Timestamp.valueOf`
 *   (`yyyy-[m]m-[d]d hh:mm:ss[.f...]`, in the JVM's time zone), which throws for the rest, so the
 *   record fails conversion. Epoch seconds are read as milliseconds: the JQ query refuses them.
 * - Without an offset (`yyyy-MM-ddTHH:mm:ss`), a pattern would read the JVM's time zone, which
 *   Amazon does not document, so none is given and such strings fail conversion.
 *
 * @see https://github.com/apache/hive/blob/70842969439a495a14b2534ba4f301660233569f/common/src/java/org/apache/hive/common/util/TimestampParser.java (the Joda-Time TimestampParser: parseTimestamp, MillisDateFormatParser)
 * @see https://github.com/JodaOrg/joda-time/blob/main/src/main/java/org/joda/time/format/DateTimeFormat.java (parsePatternTo: 'Z', 'S')
 * @see https://github.com/JodaOrg/joda-time/blob/main/src/main/java/org/joda/time/format/DateTimeFormatterBuilder.java (Fraction, TimeZoneOffset, MatchingParser)
 */
export const HIVE_TIMESTAMP_FORMATS: readonly string[] = [
  "yyyy-MM-dd'T'HH:mm:ssZZ",
  "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSZZ",
  'millis',
];

/**
 * The Apache Hive (HCatalog) JSON SerDe, `org.apache.hive.hcatalog.data.JsonSerDe`, with
 * {@link HIVE_TIMESTAMP_FORMATS}.
 *
 * It reads every primitive from the JSON token's text: DECIMAL with `HiveDecimal.create(text)`
 * (a JSON number or a numeric string; text it cannot parse becomes NULL, it does not fail the
 * record), DATE with `java.sql.Date.valueOf(text)` (`yyyy-[m]m-[d]d`, anything else fails the
 * record), TIMESTAMP with the TimestampParser given the formats, BOOLEAN with `Boolean.valueOf`
 * (any text but `true`, in any case, is false), and throws "JsonSerDe does not support BINARY type" for binary.
 * Hive 4's rewritten reader decodes base64 binary, but it parses timestamps with java.time, not
 * the Joda-Time patterns Firehose documents, so it is not the code Firehose describes.
 *
 * @see https://github.com/apache/hive/blob/0815d00e1e4b144a4ae960b2ce1d0dfde9299987/hcatalog/core/src/main/java/org/apache/hive/hcatalog/data/JsonSerDe.java (extractCurrentField)
 * @see https://github.com/apache/hive/blob/139094364f656a58fb1a6f52df769e980a1eca37/serde/src/java/org/apache/hadoop/hive/serde2/json/HiveJsonReader.java (Hive 4: BINARY as base64, java.time TimestampParser)
 * @see https://github.com/apache/hive/blob/master/storage-api/src/java/org/apache/hadoop/hive/common/type/HiveDecimal.java (create(String): null when the text does not parse)
 */
export const HIVE_JSON_SERDE: JsonSerDeProfile = {
  name: 'HiveJsonSerDe',
  kinds: new Set([...COMMON_KINDS, FieldTypeKind.DECIMAL, FieldTypeKind.DATE]),
  eventTime: {
    isoOffsets: true,
    epochSeconds: false,
    description: 'yyyy-MM-ddTHH:mm:ss[.fffffffff] ending in Z or an offset +hh:mm, +hhmm or +hh (or -), '
      + 'yyyy-MM-dd HH:mm:ss[.fffffffff] (UTC), or epoch milliseconds (a number of 13 digits or more)',
  },
  deserializer: { hiveJsonSerDe: { timestampFormats: [...HIVE_TIMESTAMP_FORMATS] } },
};

/** Both deserializers by API name. */
export const JSON_SERDES: Readonly<Record<JsonSerDeName, JsonSerDeProfile>> = {
  OpenXJsonSerDe: OPENX_JSON_SERDE,
  HiveJsonSerDe: HIVE_JSON_SERDE,
};

/** Kinds that at least one deserializer reads, in the order of {@link FieldTypeKind}. */
export const CONVERTIBLE_KINDS: ReadonlySet<FieldTypeKind> = new Set(
  Object.values(FieldTypeKind).filter((kind) => OPENX_JSON_SERDE.kinds.has(kind) || HIVE_JSON_SERDE.kinds.has(kind)),
);

/** The fields of `schema` that `profile` cannot read (but another deserializer may). */
export function unreadableFields(schema: TableSchema, profile: JsonSerDeProfile): ResolvedField[] {
  return schema.fields.filter((f) => f.type.kind !== undefined && CONVERTIBLE_KINDS.has(f.type.kind) && !profile.kinds.has(f.type.kind));
}

/**
 * The deserializer a schema gets by default: OpenX, which parses the most timestamp forms (epoch
 * seconds and fractional seconds included), unless the schema has a field only the Hive JSON SerDe
 * reads (decimal, date).
 */
export function defaultJsonSerDe(schema: TableSchema): JsonSerDeProfile {
  return unreadableFields(schema, OPENX_JSON_SERDE).length > 0 ? HIVE_JSON_SERDE : OPENX_JSON_SERDE;
}

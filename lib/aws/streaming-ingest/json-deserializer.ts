import { JSON_SERDES, JsonSerDeName, JsonSerDeProfile } from './private/serde-profiles';

/**
 * The JSON deserializer Firehose reads the records with before writing them as Parquet. A
 * StreamingIngest picks one from its schema; `jsonDeserializer` forces one.
 *
 * | schema has                    | default | event-time forms the deserializer (and the partition query) accept              |
 * |-------------------------------|---------|----------------------------------------------------------------------------------|
 * | no decimal and no date field  | OPENX   | `2024-03-05T23:59:59[.123456789]Z`, `2024-03-05 23:59:59[.123]` (UTC), epoch     |
 * |                               |         | seconds (integer or fractional), epoch milliseconds (integer of 13+ digits)      |
 * | a decimal or a date field     | HIVE    | `2024-03-05T23:59:59[.123456789]` + `Z` or `+01:00`/`+0100`/`+01` (or `-`),      |
 * |                               |         | `2024-03-05 23:59:59[.123]` (UTC), epoch milliseconds (13+ digits, no seconds)   |
 * | a bytes field                 | —       | rejected at synth: neither reads binary; declare a base64 string                 |
 *
 * The same forms hold for every timestamp field, not only the event time. Forcing OPENX on a
 * schema with a decimal or date field is rejected at synth. With HIVE, decimals may be JSON numbers
 * or numeric strings (send strings to keep every digit through JavaScript and other double-based
 * encoders), dates are `yyyy-MM-dd` strings, and timestamps are parsed to the millisecond (Joda-Time's
 * precision).
 *
 * Where this comes from: the Firehose guide (OpenX timestamp forms; Hive takes Joda-Time patterns
 * and `millis`) and the SerDes' public source, read for this table: rcongiu/Hive-JSON-Serde
 * `JsonObjectInspectorFactory` (no decimal, date or binary reader from JSON text),
 * apache/hive `hcatalog/.../data/JsonSerDe.java` (DECIMAL via `HiveDecimal.create`, DATE via
 * `java.sql.Date.valueOf`, TIMESTAMP via `TimestampParser`, BINARY throws),
 * `common/.../util/TimestampParser.java` (Joda patterns, `millis`), and Joda-Time's
 * `DateTimeFormat`/`DateTimeFormatterBuilder` for what the patterns parse. Amazon does not say which
 * version of each SerDe Firehose runs: that it behaves as read only a deploy shows.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesisfirehose-deliverystream-hivejsonserde.html
 * @see https://github.com/rcongiu/Hive-JSON-Serde/blob/develop/json-serde/src/main/java/org/openx/data/jsonserde/objectinspector/JsonObjectInspectorFactory.java
 * @see https://github.com/apache/hive/blob/0815d00e1e4b144a4ae960b2ce1d0dfde9299987/hcatalog/core/src/main/java/org/apache/hive/hcatalog/data/JsonSerDe.java
 * @see https://github.com/apache/hive/blob/70842969439a495a14b2534ba4f301660233569f/common/src/java/org/apache/hive/common/util/TimestampParser.java
 */
export class StreamingIngestJsonDeserializer {
  /**
   * The OpenX JSON SerDe (case-insensitive keys): the most lenient with timestamps (epoch seconds,
   * fractional seconds); reads no decimal and no date.
   */
  public static readonly OPENX = new StreamingIngestJsonDeserializer('OpenXJsonSerDe');

  /**
   * The Apache Hive (HCatalog) JSON SerDe with `TimestampFormats` for ISO-8601 with `Z` or an
   * offset (1 to 9 fraction digits, kept to the millisecond) and `millis`: reads decimals and dates.
   */
  public static readonly HIVE = new StreamingIngestJsonDeserializer('HiveJsonSerDe');

  private constructor(private readonly serde: JsonSerDeName) {}

  /** Name of the deserializer in the Firehose API: `OpenXJsonSerDe` or `HiveJsonSerDe`. */
  public get name(): string {
    return this.serde;
  }

  /** The name in the Firehose API. */
  public toString(): string {
    return this.name;
  }

  /**
   * What the deserializer reads (field kinds, event-time forms) and how Firehose's API takes it.
   * @internal
   */
  public _profile(): JsonSerDeProfile {
    return JSON_SERDES[this.serde];
  }
}

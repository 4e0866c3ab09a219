import { FieldType, FieldTypeKind } from './field-type';
import { ResolvedField, TableSchema } from './schema';

/**
 * How each neutral field kind is written on each service, in one table so that the clouds and the
 * stages cannot disagree: the lake tables (Glue, BigQuery), the stream schema (Avro, for Pub/Sub)
 * and the feature stores (SageMaker Feature Store, Vertex AI).
 *
 * - SageMaker Feature Store has three feature types. Dates and timestamps are `String` (ISO-8601,
 *   which is also what the event-time feature accepts); bytes are base64 `String`s.
 * - Vertex AI value types: dates and timestamps are `STRING` for the same reason.
 * - Avro: dates and timestamps use the logical types that Pub/Sub's BigQuery subscriptions map to
 *   DATE and TIMESTAMP; decimals are `bytes` with the `decimal` logical type (see {@link avroFieldType}).
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/data-types.html (Glue / Hive types for Parquet)
 * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html#feature-store-data-types
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featurestores.entityTypes.features#ValueType
 * @see https://avro.apache.org/docs/1.11.1/specification/#logical-types
 * @see https://cloud.google.com/pubsub/docs/bigquery#avro-to-zetasql
 */
const TYPE_TABLE: Record<FieldTypeKind, { glue: string; bigQuery: string; sageMaker: string; vertex: string; avro: unknown }> = {
  [FieldTypeKind.STRING]: { glue: 'string', bigQuery: 'STRING', sageMaker: 'String', vertex: 'STRING', avro: 'string' },
  [FieldTypeKind.BOOLEAN]: { glue: 'boolean', bigQuery: 'BOOL', sageMaker: 'Integral', vertex: 'BOOL', avro: 'boolean' },
  [FieldTypeKind.INT32]: { glue: 'int', bigQuery: 'INT64', sageMaker: 'Integral', vertex: 'INT64', avro: 'int' },
  [FieldTypeKind.INT64]: { glue: 'bigint', bigQuery: 'INT64', sageMaker: 'Integral', vertex: 'INT64', avro: 'long' },
  [FieldTypeKind.FLOAT32]: { glue: 'float', bigQuery: 'FLOAT64', sageMaker: 'Fractional', vertex: 'DOUBLE', avro: 'float' },
  [FieldTypeKind.FLOAT64]: { glue: 'double', bigQuery: 'FLOAT64', sageMaker: 'Fractional', vertex: 'DOUBLE', avro: 'double' },
  [FieldTypeKind.DECIMAL]: { glue: 'decimal', bigQuery: 'NUMERIC', sageMaker: 'Fractional', vertex: 'DOUBLE', avro: 'bytes' },
  [FieldTypeKind.DATE]: { glue: 'date', bigQuery: 'DATE', sageMaker: 'String', vertex: 'STRING', avro: { type: 'int', logicalType: 'date' } },
  [FieldTypeKind.TIMESTAMP]: { glue: 'timestamp', bigQuery: 'TIMESTAMP', sageMaker: 'String', vertex: 'STRING', avro: { type: 'long', logicalType: 'timestamp-micros' } },
  [FieldTypeKind.BYTES]: { glue: 'binary', bigQuery: 'BYTES', sageMaker: 'String', vertex: 'BYTES', avro: 'bytes' },
};

function kindOf(type: FieldType): FieldTypeKind {
  const kind = type.kind;
  if (kind === undefined) {
    // Schemas are validated before mapping; reaching this is a bug of ours, not bad input.
    throw new Error(`unvalidated field type "${type.name}" reached the type mapping`);
  }
  return kind;
}

/** The Glue Data Catalog (Hive) column type, which Parquet conversion and Athena read. */
export function glueType(type: FieldType): string {
  const kind = kindOf(type);
  return kind === FieldTypeKind.DECIMAL ? `decimal(${type.precision},${type.scale})` : TYPE_TABLE[kind].glue;
}

/** A BigQuery column in the JSON form of `google_bigquery_table.schema`. */
export interface BigQueryColumn {
  /** Column name. */
  readonly name: string;
  /** BigQuery type name. */
  readonly type: string;
  /** `REQUIRED` or `NULLABLE`. */
  readonly mode: string;
  /** Column description, if any. */
  readonly description?: string;
  /** Decimal precision (NUMERIC / BIGNUMERIC). */
  readonly precision?: string;
  /** Decimal scale (NUMERIC / BIGNUMERIC). */
  readonly scale?: string;
}

/**
 * BigQuery column for a field. Decimals become NUMERIC(P,S) when BigQuery's NUMERIC can hold them
 * (S ≤ 9 and P ≤ S + 29), otherwise BIGNUMERIC(P,S).
 */
export function bigQueryColumn(field: ResolvedField): BigQueryColumn {
  const kind = kindOf(field.type);
  const base = { name: field.name, mode: field.nullable ? 'NULLABLE' : 'REQUIRED', ...(field.description ? { description: field.description } : {}) };
  if (kind === FieldTypeKind.DECIMAL) {
    const p = field.type.precision!;
    const s = field.type.scale!;
    const fitsNumeric = s <= 9 && p <= s + 29;
    return { ...base, type: fitsNumeric ? 'NUMERIC' : 'BIGNUMERIC', precision: String(p), scale: String(s) };
  }
  return { ...base, type: TYPE_TABLE[kind].bigQuery };
}

/** All BigQuery columns of a schema, in order. */
export function bigQueryColumns(schema: TableSchema): BigQueryColumn[] {
  return schema.fields.map(bigQueryColumn);
}

/** The partition column lake tables get when the schema has an event time: the event's UTC date. */
export const LAKE_PARTITION_COLUMN = 'event_date';

/** The SageMaker Feature Store feature type of a field: `Integral`, `Fractional` or `String`. */
export function sageMakerFeatureType(type: FieldType): string {
  return TYPE_TABLE[kindOf(type)].sageMaker;
}

/** The Vertex AI feature value type of a field: `BOOL`, `INT64`, `DOUBLE`, `STRING` or `BYTES`. */
export function vertexValueType(type: FieldType): string {
  return TYPE_TABLE[kindOf(type)].vertex;
}

/** One field of an {@link AvroRecordSchema}. */
export interface AvroField {
  /** Field name. */
  readonly name: string;
  /** Avro type JSON: a primitive name, a logical-type object, or a `["null", T]` union. */
  readonly type: unknown;
  /** Description, if any. */
  readonly doc?: string;
  /** `null` for nullable fields, so that producers may omit them. */
  readonly default?: null;
}

/** An Avro record schema, as JSON. `JSON.stringify` it for a Pub/Sub schema definition. */
export interface AvroRecordSchema {
  /** Always `record`. */
  readonly type: 'record';
  /** Record name: the table name. */
  readonly name: string;
  /** Namespace, if given. */
  readonly namespace?: string;
  /** Description, if any. */
  readonly doc?: string;
  /** The fields, in schema order. */
  readonly fields: AvroField[];
}

/**
 * The Avro type of a field. Decimals are `bytes` with the `decimal` logical type (precision and
 * scale carried over); nullable fields are the union `["null", T]`, which Avro requires to list
 * `null` first when the default is null.
 */
export function avroFieldType(field: ResolvedField): unknown {
  const kind = kindOf(field.type);
  const type = kind === FieldTypeKind.DECIMAL
    ? { type: 'bytes', logicalType: 'decimal', precision: field.type.precision!, scale: field.type.scale! }
    : TYPE_TABLE[kind].avro;
  return field.nullable ? ['null', type] : type;
}

/** The Avro record schema of a (validated) table schema: one field per column, in order. */
export function avroSchema(schema: TableSchema, namespace?: string): AvroRecordSchema {
  return {
    type: 'record',
    name: schema.name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(schema.description ? { doc: schema.description } : {}),
    fields: schema.fields.map((f) => ({
      name: f.name,
      type: avroFieldType(f),
      ...(f.description ? { doc: f.description } : {}),
      ...(f.nullable ? { default: null } : {}),
    })),
  };
}

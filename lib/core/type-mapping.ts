import { FieldType, FieldTypeKind } from './field-type';
import { ResolvedField, TableSchema } from './schema';

/**
 * How each neutral field kind is written on each service, in one table so that the clouds
 * cannot disagree. Later services (Avro, feature stores) get a column here, not a new switch.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/data-types.html (Glue / Hive types for Parquet)
 * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types
 */
const TYPE_TABLE: Record<FieldTypeKind, { glue: string; bigQuery: string }> = {
  [FieldTypeKind.STRING]: { glue: 'string', bigQuery: 'STRING' },
  [FieldTypeKind.BOOLEAN]: { glue: 'boolean', bigQuery: 'BOOL' },
  [FieldTypeKind.INT32]: { glue: 'int', bigQuery: 'INT64' },
  [FieldTypeKind.INT64]: { glue: 'bigint', bigQuery: 'INT64' },
  [FieldTypeKind.FLOAT32]: { glue: 'float', bigQuery: 'FLOAT64' },
  [FieldTypeKind.FLOAT64]: { glue: 'double', bigQuery: 'FLOAT64' },
  [FieldTypeKind.DECIMAL]: { glue: 'decimal', bigQuery: 'NUMERIC' },
  [FieldTypeKind.DATE]: { glue: 'date', bigQuery: 'DATE' },
  [FieldTypeKind.TIMESTAMP]: { glue: 'timestamp', bigQuery: 'TIMESTAMP' },
  [FieldTypeKind.BYTES]: { glue: 'binary', bigQuery: 'BYTES' },
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

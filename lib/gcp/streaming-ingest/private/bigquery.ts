/**
 * What a Pub/Sub BigQuery subscription with "use topic schema" and "write metadata" needs from
 * the topic's Avro schema and the table: the metadata columns, the names they reserve, and the
 * Avro → BigQuery type compatibility table.
 */
import { avroFieldType, BigQueryColumn, bigQueryColumn, TableSchema, ValidationProblem } from '../../../core';

/**
 * The columns `write_metadata = true` fills, as the ingest appends them to the lake table.
 * `subscription_name`, `message_id` and `publish_time` get their own columns; `attributes` holds a
 * JSON object of the message attributes and the ordering key (`STRING` or `JSON` are accepted;
 * `JSON` keeps it queryable). NULLABLE, because "if there are BigQuery fields that are not present
 * in the topic schema, these BigQuery fields must be in mode NULLABLE". The `data` column is only
 * needed without "use topic schema", so the ingest does not add it.
 *
 * @see https://cloud.google.com/pubsub/docs/create-bigquery-subscription (Write metadata, Use topic schema)
 */
export const PUBSUB_METADATA_COLUMNS: readonly BigQueryColumn[] = [
  { name: 'subscription_name', type: 'STRING', mode: 'NULLABLE', description: 'Pub/Sub subscription that wrote the row.' },
  { name: 'message_id', type: 'STRING', mode: 'NULLABLE', description: 'Pub/Sub message id (deduplicate on it: delivery is at least once).' },
  { name: 'publish_time', type: 'TIMESTAMP', mode: 'NULLABLE', description: 'When the message was published.' },
  { name: 'attributes', type: 'JSON', mode: 'NULLABLE', description: 'Message attributes and ordering key, as a JSON object.' },
];

/**
 * Names a topic schema must not use when the subscription writes metadata: "the schema of the
 * topic must not contain any fields with names that match those of the metadata parameters.
 * This limitation includes camelcase versions of these snake case parameters." Schema field names
 * are lowercase (IDENTIFIER_RULE), so the camel-case forms cannot occur.
 * @see https://cloud.google.com/pubsub/docs/create-bigquery-subscription
 */
export const PUBSUB_METADATA_FIELD_NAMES: readonly string[] = ['subscription_name', 'message_id', 'publish_time', 'data', 'attributes'];

/**
 * BigQuery types each Avro type may be written to, from the "Avro types" table of the BigQuery
 * subscription's schema compatibility section (`null` and two-member unions are handled apart).
 * @see https://cloud.google.com/pubsub/docs/bigquery
 */
const AVRO_TYPES: Readonly<Record<string, readonly string[]>> = {
  boolean: ['BOOL'],
  int: ['INT64', 'NUMERIC', 'BIGNUMERIC'],
  long: ['INT64', 'NUMERIC', 'BIGNUMERIC'],
  float: ['FLOAT64', 'NUMERIC', 'BIGNUMERIC'],
  double: ['FLOAT64', 'NUMERIC', 'BIGNUMERIC'],
  bytes: ['BYTES', 'NUMERIC', 'BIGNUMERIC'],
  fixed: ['BYTES', 'NUMERIC', 'BIGNUMERIC'],
  string: ['STRING', 'JSON', 'TIMESTAMP', 'DATETIME', 'DATE', 'TIME', 'NUMERIC', 'BIGNUMERIC'],
  enum: ['INT64'],
};

/**
 * The "Avro logical types" table. "Any logical types not listed only match the equivalent Avro
 * type that they annotate" — `local-timestamp-micros` on a `long`, for instance, only fits an
 * integer column.
 * @see https://cloud.google.com/pubsub/docs/bigquery
 */
const AVRO_LOGICAL_TYPES: Readonly<Record<string, readonly string[]>> = {
  'timestamp-micros': ['TIMESTAMP'],
  'timestamp-millis': ['TIMESTAMP'],
  'date': ['DATE'],
  'time-micros': ['TIME'],
  'time-millis': ['TIME'],
  'duration': ['INTERVAL'],
  'decimal': ['NUMERIC', 'BIGNUMERIC'],
};

/**
 * BigQuery's type aliases, to their canonical names: "INT, SMALLINT, INTEGER, BIGINT, TINYINT, and
 * BYTEINT are aliases for INTEGER; DECIMAL is an alias for NUMERIC; and BIGDECIMAL is an alias for
 * BIGNUMERIC" (plus BOOLEAN/BOOL and FLOAT/FLOAT64 of the legacy names).
 * @see https://cloud.google.com/pubsub/docs/bigquery
 */
const BIGQUERY_ALIASES: Readonly<Record<string, string>> = {
  BOOLEAN: 'BOOL', INTEGER: 'INT64', INT: 'INT64', SMALLINT: 'INT64', BIGINT: 'INT64', TINYINT: 'INT64', BYTEINT: 'INT64',
  FLOAT: 'FLOAT64', DECIMAL: 'NUMERIC', BIGDECIMAL: 'BIGNUMERIC',
};

function canonicalBigQueryType(type: string): string {
  const upper = type.toUpperCase();
  return BIGQUERY_ALIASES[upper] ?? upper;
}

/** The BigQuery types an Avro type (without the null union) may be written to; `undefined` when unmappable. */
function compatibleBigQueryTypes(avro: unknown): readonly string[] | undefined {
  if (typeof avro === 'string') {
    return AVRO_TYPES[avro];
  }
  if (avro !== null && typeof avro === 'object' && !Array.isArray(avro)) {
    const { type, logicalType } = avro as { type?: unknown; logicalType?: unknown };
    if (typeof logicalType === 'string' && AVRO_LOGICAL_TYPES[logicalType] !== undefined) {
      return AVRO_LOGICAL_TYPES[logicalType];
    }
    return compatibleBigQueryTypes(type);
  }
  return undefined;
}

/**
 * Why Pub/Sub cannot write a field of Avro type `avro` to `column`, or `undefined` when it can.
 * Nullable fields are the union `["null", T]`; "any optional field in the topic schema must also
 * be optional in the BigQuery schema", and other unions are unmappable.
 *
 * @see https://cloud.google.com/pubsub/docs/bigquery
 * @see https://cloud.google.com/pubsub/docs/create-bigquery-subscription
 */
export function avroToBigQueryProblem(avro: unknown, column: BigQueryColumn): string | undefined {
  let type = avro;
  if (Array.isArray(avro)) {
    const others = avro.filter((member) => member !== 'null');
    if (avro.length !== 2 || others.length !== 1) {
      return `an Avro union of null and one type; ${JSON.stringify(avro)} cannot be written to BigQuery`;
    }
    if (column.mode === 'REQUIRED') {
      return `a BigQuery column that is NULLABLE, since the Avro field is optional; "${column.name}" is REQUIRED`;
    }
    type = others[0];
  }
  const allowed = compatibleBigQueryTypes(type);
  if (allowed === undefined) {
    return `an Avro type a BigQuery subscription can map; ${JSON.stringify(type)} has no BigQuery equivalent`;
  }
  const target = canonicalBigQueryType(column.type);
  return allowed.includes(target)
    ? undefined
    : `a field whose Avro type ${JSON.stringify(type)} Pub/Sub can write to its BigQuery column type ${column.type} (that Avro type maps to ${allowed.join(', ')})`;
}

/**
 * What keeps a (valid) schema from being ingested through a BigQuery subscription that uses the
 * topic schema and writes metadata: fields named like a metadata column, and fields whose Avro
 * type (`avroFieldType`) cannot be written to their lake column (`bigQueryColumn`). Paths are
 * relative to the schema (`fields[2].name`).
 */
export function streamingIngestSchemaProblems(schema: TableSchema): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  schema.fields.forEach((field, i) => {
    if (PUBSUB_METADATA_FIELD_NAMES.includes(field.name)) {
      problems.push({
        property: `fields[${i}].name`,
        value: field.name,
        allowed: `a name other than ${PUBSUB_METADATA_FIELD_NAMES.join(', ')}: the BigQuery subscription writes message metadata under those names and refuses a topic schema that uses them`,
      });
    }
    const problem = avroToBigQueryProblem(avroFieldType(field), bigQueryColumn(field));
    if (problem !== undefined) {
      problems.push({ property: `fields[${i}].type`, value: field.type.toString(), allowed: problem });
    }
  });
  return problems;
}

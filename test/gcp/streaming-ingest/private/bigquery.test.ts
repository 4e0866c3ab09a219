/**
 * The Avro → BigQuery compatibility check behind the StreamingIngest schema errors: what a Pub/Sub
 * BigQuery subscription that uses the topic schema can write to each lake column.
 */
import { avroFieldType, BigQueryColumn, bigQueryColumn, FieldType, FieldTypeKind, TableSchema } from 'mlops-constructs';
import { avroToBigQueryProblem, streamingIngestSchemaProblems } from '../../../../lib/gcp/streaming-ingest/private/bigquery';

describe('Avro → BigQuery compatibility of the BigQuery subscription', () => {
  const column = (type: string, mode = 'NULLABLE'): BigQueryColumn => ({ name: 'c', type, mode });

  test('every neutral field kind, nullable or not, maps to an Avro type Pub/Sub writes to its lake column', () => {
    const kinds = Object.values(FieldTypeKind).map((kind) => (kind === FieldTypeKind.DECIMAL ? FieldType.decimal(38, 12) : FieldType.of(kind)));
    const schema = new TableSchema({
      name: 'all_kinds',
      fields: [
        ...kinds.map((type, i) => ({ name: `f${i}`, type })),
        ...kinds.map((type, i) => ({ name: `r${i}`, type, nullable: false })),
      ],
    });
    expect(schema.problems()).toEqual([]);
    expect(schema.fields.map((f) => [f.name, avroToBigQueryProblem(avroFieldType(f), bigQueryColumn(f))]).filter(([, p]) => p !== undefined)).toEqual([]);
    expect(streamingIngestSchemaProblems(schema)).toEqual([]);
  });

  test.each<[string, unknown, BigQueryColumn]>([
    ['timestamp-micros to TIMESTAMP', { type: 'long', logicalType: 'timestamp-micros' }, column('TIMESTAMP')],
    ['timestamp-millis to TIMESTAMP', { type: 'long', logicalType: 'timestamp-millis' }, column('TIMESTAMP')],
    ['date to DATE', { type: 'int', logicalType: 'date' }, column('DATE')],
    ['decimal to BIGNUMERIC', { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 12 }, column('BIGNUMERIC')],
    ['a string to DATE (formatted values)', 'string', column('DATE')],
    ['long to an INTEGER alias', 'long', column('INTEGER')],
    ['a nullable union to a NULLABLE column', ['null', 'double'], column('FLOAT64')],
  ])('compatible: %s', (_name, avro, bigQuery) => {
    expect(avroToBigQueryProblem(avro, bigQuery)).toBeUndefined();
  });

  test.each<[string, unknown, BigQueryColumn, RegExp]>([
    ['a plain long to TIMESTAMP', 'long', column('TIMESTAMP'), /Avro type "long" .* TIMESTAMP \(that Avro type maps to INT64, NUMERIC, BIGNUMERIC\)/],
    ['an unlisted logical type matches only its base type', { type: 'long', logicalType: 'local-timestamp-micros' }, column('TIMESTAMP'), /maps to INT64, NUMERIC, BIGNUMERIC/],
    ['a date to TIMESTAMP', { type: 'int', logicalType: 'date' }, column('TIMESTAMP'), /maps to DATE/],
    ['bytes to STRING', 'bytes', column('STRING'), /maps to BYTES, NUMERIC, BIGNUMERIC/],
    ['an optional field to a REQUIRED column', ['null', 'string'], column('STRING', 'REQUIRED'), /a BigQuery column that is NULLABLE, since the Avro field is optional/],
    ['a union of two non-null types', ['string', 'long'], column('STRING'), /an Avro union of null and one type/],
    ['an Avro type without BigQuery equivalent', { type: 'record', name: 'x', fields: [] }, column('STRING'), /has no BigQuery equivalent/],
  ])('incompatible: %s', (_name, avro, bigQuery, message) => {
    expect(avroToBigQueryProblem(avro, bigQuery)).toMatch(message);
  });
});

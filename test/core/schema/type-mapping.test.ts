import * as avsc from 'avsc';
import { avroFieldType, avroSchema, bigQueryColumn, bigQueryColumns, FieldType, FieldTypeKind, glueType, sageMakerFeatureType, TableSchema, vertexValueType } from 'mlops-constructs';

describe('type mapping', () => {
  test.each([
    [FieldType.STRING, 'string', 'STRING'],
    [FieldType.BOOLEAN, 'boolean', 'BOOL'],
    [FieldType.INT32, 'int', 'INT64'],
    [FieldType.INT64, 'bigint', 'INT64'],
    [FieldType.FLOAT32, 'float', 'FLOAT64'],
    [FieldType.FLOAT64, 'double', 'FLOAT64'],
    [FieldType.DATE, 'date', 'DATE'],
    [FieldType.TIMESTAMP, 'timestamp', 'TIMESTAMP'],
    [FieldType.BYTES, 'binary', 'BYTES'],
  ])('%s maps to Glue %s and BigQuery %s', (type, glue, bq) => {
    expect(glueType(type)).toBe(glue);
    expect(bigQueryColumn({ name: 'c', type, nullable: true }).type).toBe(bq);
  });

  test('every known kind is mapped on both clouds', () => {
    for (const kind of Object.values(FieldTypeKind)) {
      const type = kind === FieldTypeKind.DECIMAL ? FieldType.decimal(10, 2) : FieldType.of(kind);
      expect(glueType(type)).toMatch(/^[a-z]+/);
      expect(bigQueryColumn({ name: 'c', type, nullable: false }).type).toMatch(/^[A-Z0-9]+$/);
    }
  });

  test('decimals keep precision and scale; BigQuery uses NUMERIC where it fits and BIGNUMERIC otherwise', () => {
    expect(glueType(FieldType.decimal(12, 2))).toBe('decimal(12,2)');
    expect(bigQueryColumn({ name: 'a', type: FieldType.decimal(12, 2), nullable: true })).toEqual({ name: 'a', type: 'NUMERIC', mode: 'NULLABLE', precision: '12', scale: '2' });
    // NUMERIC allows at most 9 digits of scale and 29 before the point.
    expect(bigQueryColumn({ name: 'a', type: FieldType.decimal(38, 10), nullable: true }).type).toBe('BIGNUMERIC');
    expect(bigQueryColumn({ name: 'a', type: FieldType.decimal(38, 9), nullable: true }).type).toBe('NUMERIC');
    expect(bigQueryColumn({ name: 'a', type: FieldType.decimal(38, 8), nullable: true }).type).toBe('BIGNUMERIC');
  });

  test('nullability becomes the BigQuery mode and descriptions are carried', () => {
    const schema = new TableSchema({
      name: 't',
      fields: [{ name: 'id', type: FieldType.STRING, description: 'the id' }, { name: 'v', type: FieldType.INT64 }],
      entityKeys: ['id'],
    });
    expect(bigQueryColumns(schema)).toEqual([
      { name: 'id', type: 'STRING', mode: 'REQUIRED', description: 'the id' },
      { name: 'v', type: 'INT64', mode: 'NULLABLE' },
    ]);
  });

  test('an unvalidated type is a bug, reported loudly', () => {
    expect(() => glueType(FieldType.of('varchar'))).toThrow(/unvalidated field type "varchar"/);
  });
});

describe('feature-store and Avro columns of the type table', () => {
  test.each([
    [FieldType.STRING, 'String', 'STRING', 'string'],
    [FieldType.BOOLEAN, 'Integral', 'BOOL', 'boolean'],
    [FieldType.INT32, 'Integral', 'INT64', 'int'],
    [FieldType.INT64, 'Integral', 'INT64', 'long'],
    [FieldType.FLOAT32, 'Fractional', 'DOUBLE', 'float'],
    [FieldType.FLOAT64, 'Fractional', 'DOUBLE', 'double'],
    [FieldType.decimal(12, 2), 'Fractional', 'DOUBLE', { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 }],
    [FieldType.DATE, 'String', 'STRING', { type: 'int', logicalType: 'date' }],
    [FieldType.TIMESTAMP, 'String', 'STRING', { type: 'long', logicalType: 'timestamp-micros' }],
    [FieldType.BYTES, 'String', 'BYTES', 'bytes'],
  ])('%s maps to SageMaker %s, Vertex %s and Avro %j', (type, sageMaker, vertex, avro) => {
    expect(sageMakerFeatureType(type)).toBe(sageMaker);
    expect(vertexValueType(type)).toBe(vertex);
    expect(avroFieldType({ name: 'c', type, nullable: false })).toEqual(avro);
    expect(avroFieldType({ name: 'c', type, nullable: true })).toEqual(['null', avro]);
  });

  test('the Avro schema of a table is one field per column, nullable ones defaulting to null, and parses as Avro', () => {
    const schema = new TableSchema({
      name: 'orders',
      description: 'One row per order.',
      fields: [
        { name: 'order_id', type: FieldType.STRING, description: 'Order number.' },
        { name: 'amount', type: FieldType.decimal(12, 2) },
        { name: 'ordered_at', type: FieldType.TIMESTAMP },
      ],
      entityKeys: ['order_id'],
      eventTime: 'ordered_at',
    });
    const avro = avroSchema(schema, 'com.acme');
    expect(avro).toEqual({
      type: 'record', name: 'orders', namespace: 'com.acme', doc: 'One row per order.',
      fields: [
        { name: 'order_id', type: 'string', doc: 'Order number.' },
        { name: 'amount', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 }], default: null },
        { name: 'ordered_at', type: { type: 'long', logicalType: 'timestamp-micros' } },
      ],
    });
    // An independent Avro implementation accepts it (logical types included) and round-trips a record.
    const type = avsc.Type.forSchema(JSON.parse(JSON.stringify(avro)) as avsc.Schema);
    expect(type.name).toBe('com.acme.orders');
    const record = { order_id: 'o-1', amount: null, ordered_at: 1_700_000_000_000_000 };
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
  });

  test('the Avro schema of every kind, nullable and not, parses as Avro', () => {
    const fields = Object.values(FieldTypeKind).flatMap((kind) => {
      const type = kind === FieldTypeKind.DECIMAL ? FieldType.decimal(38, 9) : FieldType.of(kind);
      return [{ name: `${kind}_required`, type, nullable: false }, { name: `${kind}_optional`, type }];
    });
    const avro = avroSchema(new TableSchema({ name: 'all_kinds', fields }));
    expect(() => avsc.Type.forSchema(JSON.parse(JSON.stringify(avro)) as avsc.Schema)).not.toThrow();
    expect(avro.fields).toHaveLength(fields.length);
  });
});

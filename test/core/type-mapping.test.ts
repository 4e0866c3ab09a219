import { bigQueryColumn, bigQueryColumns, FieldType, FieldTypeKind, glueType, TableSchema } from '../../lib/core';

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

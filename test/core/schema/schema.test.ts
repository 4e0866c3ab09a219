import { FieldType, MlopsValidationError, TableSchema, throwIfProblems } from 'mlops-constructs';

const valid = () => ({
  name: 'orders',
  fields: [
    { name: 'order_id', type: FieldType.STRING },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'amount', type: FieldType.decimal(12, 2) },
    { name: 'ordered_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'ordered_at',
});

describe('TableSchema', () => {
  test('a valid schema has no problems and resolves key and event-time fields to non-nullable', () => {
    const schema = new TableSchema(valid());
    expect(schema.problems()).toEqual([]);
    expect(schema.field('customer_id')?.nullable).toBe(false);
    expect(schema.field('ordered_at')?.nullable).toBe(false);
    expect(schema.field('amount')?.nullable).toBe(true);
    expect(schema.valueFields.map((f) => f.name)).toEqual(['order_id', 'amount']);
  });

  test.each([
    ['unknown type', { fields: [{ name: 'a', type: FieldType.of('varchar') }] }, 'fields[0].type', /one of string, boolean/],
    ['decimal out of range', { fields: [{ name: 'a', type: FieldType.decimal(39, 2) }] }, 'fields[0].type', /precision an integer from 1 to 38/],
    ['decimal scale above precision', { fields: [{ name: 'a', type: FieldType.decimal(4, 5) }] }, 'fields[0].type', /scale an integer from 0 to the precision/],
    ['duplicate field', { fields: [{ name: 'a', type: FieldType.STRING }, { name: 'a', type: FieldType.INT64 }] }, 'fields[1].name', /field names must be unique/],
    ['bad field name', { fields: [{ name: 'Order-Id', type: FieldType.STRING }] }, 'fields[0].name', /lowercase letters, digits and underscores/],
    ['reserved field name', { fields: [{ name: 'event_date', type: FieldType.DATE }] }, 'fields[0].name', /reserved for the lake's partition column/],
    ['no fields', { fields: [] }, 'fields', /at least one field/],
    ['bad table name', { name: '1orders', fields: [{ name: 'a', type: FieldType.STRING }] }, 'name', /starting with a letter/],
    ['event time not a timestamp', { fields: [{ name: 'day', type: FieldType.DATE }], eventTime: 'day' }, 'eventTime', /a field of type timestamp; "day" is date/],
    ['event time missing', { fields: [{ name: 'a', type: FieldType.STRING }], eventTime: 'ts' }, 'eventTime', /the name of a timestamp field of this schema \(a\)/],
    ['entity key not a field', { fields: [{ name: 'a', type: FieldType.STRING }], entityKeys: ['customer'] }, 'entityKeys[0]', /the name of a field of this schema/],
    ['float entity key', { fields: [{ name: 'score', type: FieldType.FLOAT64 }], entityKeys: ['score'] }, 'entityKeys[0]', /"score" is float64/],
    ['nullable entity key', { fields: [{ name: 'id', type: FieldType.STRING, nullable: true }], entityKeys: ['id'] }, 'fields[0].nullable', /false for an entity key field/],
    ['repeated entity key', { fields: [{ name: 'id', type: FieldType.STRING }], entityKeys: ['id', 'id'] }, 'entityKeys[1]', /each key field once/],
  ])('reports %s', (_name, override, property, allowed) => {
    const schema = new TableSchema({ ...valid(), entityKeys: undefined, eventTime: undefined, ...override } as any);
    const problems = schema.problems();
    expect(problems.map((p) => p.property)).toContain(property);
    expect(problems.find((p) => p.property === property)?.allowed).toMatch(allowed);
  });

  test('fromJson parses type names, and an unknown name becomes a problem, not an exception', () => {
    const schema = TableSchema.fromJson({
      name: 'events',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'price', type: 'decimal(10, 3)' },
        { name: 'blob', type: 'varchar' },
      ],
    });
    expect(schema.field('price')?.type.toString()).toBe('decimal(10,3)');
    expect(schema.problems()).toEqual([{ property: 'fields[2].type', value: 'varchar', allowed: expect.stringMatching(/one of string/) }]);
  });

  test('throwIfProblems names construct path, full property path, value and what is allowed', () => {
    const schema = new TableSchema({ name: 'x', fields: [{ name: 'a', type: FieldType.of('varchar') }] });
    expect(() => throwIfProblems('Stack/Lake', 'tables[0].schema', schema.problems()))
      .toThrow(/^\[Stack\/Lake\] invalid tables\[0\]\.schema\.fields\[0\]\.type: "varchar"\. Allowed: one of string/);
    try {
      throwIfProblems({ node: { path: 'Stack/Lake' } }, 'tables[0].schema', schema.problems());
    } catch (e) {
      expect(e).toBeInstanceOf(MlopsValidationError);
      expect((e as MlopsValidationError).constructPath).toBe('Stack/Lake');
      expect((e as MlopsValidationError).property).toBe('tables[0].schema.fields[0].type');
    }
    expect(() => throwIfProblems('Stack/Lake', 'x', [])).not.toThrow();
  });
});

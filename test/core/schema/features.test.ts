import { FeatureGroupSpec, FeatureTtl, FeatureTtlUnit, FieldType, TableSchema } from 'mlops-constructs';

const customerDaily = new TableSchema({
  name: 'customer_daily',
  description: 'Daily features per customer.',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64, description: 'Orders in the last 7 days.' },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

function problemsOf(spec: FeatureGroupSpec): string[] {
  return spec.problems().map((p) => `${p.property}=${JSON.stringify(p.value)}: ${p.allowed}`);
}

describe('FeatureGroupSpec', () => {
  test('given only a name and a schema, every value field is a feature, keyed by the entity keys and versioned by the event time', () => {
    const spec = new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily });
    expect(spec.problems()).toEqual([]);
    expect(spec.recordIdentifiers).toEqual(['customer_id']);
    expect(spec.eventTime).toBe('computed_at');
    expect(spec.features.map((f) => [f.name, f.sourceField, f.type.toString(), f.nullable])).toEqual([
      ['orders_7d', 'orders_7d', 'int64', true],
      ['spend_7d', 'spend_7d', 'decimal(14,2)', true],
    ]);
    expect(spec.features[0].description).toBe('Orders in the last 7 days.');
    expect(spec).toMatchObject({ online: true, offline: true, onlineTtl: undefined, description: 'Daily features per customer.' });
  });

  test('declared features are renamed from their source field and keep its type', () => {
    const spec = new FeatureGroupSpec({
      name: 'spend',
      schema: customerDaily,
      features: [{ name: 'spend_week', sourceField: 'spend_7d', type: FieldType.decimal(14, 2), description: 'Spend.' }],
      online: false,
    });
    expect(spec.problems()).toEqual([]);
    expect(spec.features).toEqual([{ name: 'spend_week', sourceField: 'spend_7d', type: FieldType.decimal(14, 2), nullable: true, description: 'Spend.' }]);
    expect(spec.online).toBe(false);
  });

  test('a feature whose declared type differs from its source field is reported with both types', () => {
    const spec = new FeatureGroupSpec({ name: 'g', schema: customerDaily, features: [{ name: 'orders_7d', type: FieldType.INT32 }] });
    expect(problemsOf(spec)).toEqual([expect.stringMatching(/^features\[0\]\.type="int32": int64, the type of its source field "orders_7d"/)]);
  });

  test('a feature whose source field is not in the schema lists the fields', () => {
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, features: [{ name: 'x', sourceField: 'nope' }] })))
      .toEqual([expect.stringMatching(/^features\[0\]\.sourceField="nope": the name of a field of schema "customer_daily" \(customer_id, orders_7d, spend_7d, computed_at\)/)]);
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, features: [{ name: 'nope' }] })))
      .toEqual([expect.stringMatching(/^features\[0\]\.name="nope"/)]);
  });

  test('a schema without entity keys or event time cannot make a feature group', () => {
    const noKeys = new TableSchema({ name: 't', fields: [{ name: 'v', type: FieldType.INT64 }, { name: 'at', type: FieldType.TIMESTAMP }], eventTime: 'at' });
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: noKeys }))).toEqual([expect.stringMatching(/^schema\.entityKeys=\[\]: at least one entity key/)]);
    const noTime = new TableSchema({ name: 't', fields: [{ name: 'k', type: FieldType.STRING }, { name: 'v', type: FieldType.INT64 }], entityKeys: ['k'] });
    const spec = new FeatureGroupSpec({ name: 'g', schema: noTime });
    expect(spec.eventTime).toBe('');
    expect(problemsOf(spec)).toEqual([expect.stringMatching(/^schema\.eventTime=undefined: a timestamp field/)]);
  });

  test('schema problems are reported under schema.', () => {
    const broken = new TableSchema({ name: 't', fields: [{ name: 'k', type: FieldType.STRING }], entityKeys: ['missing'] });
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: broken }))[0]).toMatch(/^schema\.entityKeys\[0\]="missing"/);
  });

  test.each([
    ['Customer', 'upper case'],
    ['1st', 'leading digit'],
    ['customer-daily', 'hyphen'],
    ['a'.repeat(65), 'too long'],
  ])('group name %s (%s) is reported with the rule', (name) => {
    expect(problemsOf(new FeatureGroupSpec({ name, schema: customerDaily }))).toEqual([
      expect.stringMatching(/^name=.*: lowercase letters, digits and underscores, starting with a letter, at most 64 characters/),
    ]);
  });

  test('feature names must be valid, unique and not a key or the event time', () => {
    const spec = new FeatureGroupSpec({
      name: 'g',
      schema: customerDaily,
      features: [{ name: 'Orders', sourceField: 'orders_7d' }, { name: 'customer_id' }, { name: 'orders_7d' }, { name: 'orders_7d' }],
    });
    expect(spec.problems().map((p) => p.property)).toEqual(['features[0].name', 'features[1].name', 'features[3].name']);
    expect(problemsOf(spec)[1]).toMatch(/record identifier and event time \(customer_id, computed_at\)/);
  });

  test('an empty feature list and a schema with nothing but keys are reported', () => {
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, features: [] }))).toEqual([expect.stringMatching(/^features=\[\]: at least one feature/)]);
    const keysOnly = new TableSchema({ name: 't', fields: [{ name: 'k', type: FieldType.STRING }, { name: 'at', type: FieldType.TIMESTAMP }], entityKeys: ['k'], eventTime: 'at' });
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: keysOnly }))).toEqual([expect.stringMatching(/^schema\.fields=.*at least one field besides/)]);
  });

  test('a group stored neither online nor offline, and a TTL without an online store, are reported', () => {
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, online: false, offline: false }))).toEqual([expect.stringMatching(/^online=false/)]);
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, online: false, onlineTtl: FeatureTtl.days(1) }))).toEqual([expect.stringMatching(/^onlineTtl="1 Days": no TTL when online is false/)]);
  });

  test.each([0, -1, 1.5, Number.NaN])('a TTL of %s days is reported', (value) => {
    expect(problemsOf(new FeatureGroupSpec({ name: 'g', schema: customerDaily, onlineTtl: FeatureTtl.days(value) }))).toEqual([expect.stringMatching(/^onlineTtl=.*whole number of at least 1/)]);
  });

  test('TTL units are SageMaker\'s and convert to seconds', () => {
    expect([FeatureTtl.minutes(5), FeatureTtl.hours(2), FeatureTtl.days(7), FeatureTtl.weeks(1)].map((t) => [t.unit, t.toSeconds()])).toEqual([
      [FeatureTtlUnit.MINUTES, 300], [FeatureTtlUnit.HOURS, 7200], [FeatureTtlUnit.DAYS, 604800], [FeatureTtlUnit.WEEKS, 604800],
    ]);
    expect(FeatureTtl.days(7).toString()).toBe('7 Days');
  });
});

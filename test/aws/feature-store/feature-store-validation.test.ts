import { App, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FeatureDefinition, FeatureGroupSpec, FeatureGroupSpecProps, FeatureTtl, FieldSpec, FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, FeatureStore, FeatureStoreGroupOptions, FeatureStoreOnlineStorageType, FeatureStoreProps } from 'mlops-constructs/aws';

const env = { account: '111111111111', region: 'eu-west-1' };

function newStack(): Stack {
  return new Stack(new App(), 'TestStack', { env });
}

/** A schema `events`: key `user_id`, event time `occurred_at`, value fields `clicks` (int64) and `amount` (float64), plus `extra`. */
function events(extra: { fields?: FieldSpec[]; entityKeys?: string[]; eventTime?: string | null } = {}): TableSchema {
  return new TableSchema({
    name: 'events',
    fields: [
      { name: 'user_id', type: FieldType.STRING },
      { name: 'clicks', type: FieldType.INT64 },
      { name: 'amount', type: FieldType.FLOAT64 },
      ...(extra.fields ?? []),
      { name: 'occurred_at', type: FieldType.TIMESTAMP },
    ],
    entityKeys: extra.entityKeys ?? ['user_id'],
    eventTime: extra.eventTime === null ? undefined : extra.eventTime ?? 'occurred_at',
  });
}

function spec(props: Partial<FeatureGroupSpecProps> = {}): FeatureGroupSpec {
  return new FeatureGroupSpec({ name: 'user_activity', schema: events(), ...props });
}

/** Adds `groupSpec` with `options` to a new store with `props` in a fresh stack. */
function addGroup(groupSpec: FeatureGroupSpec, options: FeatureStoreGroupOptions = {}, props: Partial<FeatureStoreProps> = {}) {
  return () => {
    const stack = newStack();
    new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake'), ...props }).addFeatureGroup({ spec: groupSpec, ...options });
  };
}

describe('FeatureStore bad input: the spec', () => {
  test('a feature whose type does not match its source field', () => {
    const features: FeatureDefinition[] = [{ name: 'clicks', type: FieldType.INT32 }];
    expect(addGroup(spec({ features }))).toThrow(
      /^\[TestStack\/Features\] invalid addFeatureGroup\.spec\.features\[0\]\.type: "int32"\. Allowed: int64, the type of its source field "clicks"/);
  });

  test('a schema without an entity key: no record identifier', () => {
    expect(addGroup(spec({ schema: events({ entityKeys: [] }) }))).toThrow(
      /invalid addFeatureGroup\.spec\.schema\.entityKeys: \[\]\. Allowed: at least one entity key: the feature group's record identifier/);
  });

  test('a schema without an event time', () => {
    expect(addGroup(spec({ schema: events({ eventTime: null }) }))).toThrow(/invalid addFeatureGroup\.spec\.schema\.eventTime: undefined\. Allowed: a timestamp field of the schema/);
  });

  test('a schema with several entity keys: SageMaker has a single record identifier', () => {
    const schema = events({ fields: [{ name: 'device_id', type: FieldType.STRING }], entityKeys: ['user_id', 'device_id'] });
    expect(addGroup(spec({ schema }))).toThrow(
      /invalid addFeatureGroup\.spec\.schema\.entityKeys: \["user_id","device_id"\]\. Allowed: exactly one entity key on AWS: a SageMaker feature group has a single record identifier/);
  });

  test('a group name that breaks the naming rules', () => {
    expect(addGroup(spec({ name: 'User-Activity' }))).toThrow(/invalid addFeatureGroup\.spec\.name: "User-Activity"\. Allowed: lowercase letters, digits and underscores/);
  });

  test('a group name that, with the store prefix, is longer than SageMaker allows', () => {
    const name = `a${'b'.repeat(59)}`;
    expect(addGroup(spec({ name }), {}, { prefix: 'production' })).toThrow(
      new RegExp(`invalid addFeatureGroup\\.spec\\.name: "${name}"\\. Allowed: a name that, after the store's prefix "production-", makes a SageMaker feature group name of 1 to 64 characters`));
    expect(addGroup(spec({ name }))).not.toThrow();
  });

  test('a record identifier field name longer than SageMaker allows', () => {
    const key = `k${'x'.repeat(64)}`;
    const schema = new TableSchema({
      name: 'events',
      fields: [{ name: key, type: FieldType.STRING }, { name: 'clicks', type: FieldType.INT64 }, { name: 'occurred_at', type: FieldType.TIMESTAMP }],
      entityKeys: [key],
      eventTime: 'occurred_at',
    });
    expect(addGroup(spec({ schema }))).toThrow(
      new RegExp(`invalid addFeatureGroup\\.spec\\.schema\\.entityKeys\\[0\\]: "${key}"\\. Allowed: a SageMaker feature name \\(record identifier\\): 1 to 64 characters`));
  });

  test('a feature named like a column SageMaker adds to offline records', () => {
    const schema = events({ fields: [{ name: 'write_time', type: FieldType.TIMESTAMP }] });
    expect(addGroup(spec({ schema }))).toThrow(
      /invalid addFeatureGroup\.spec\.features\[2\]\.name: "write_time"\. Allowed: a feature read from field "write_time" name other than is_deleted, write_time, api_invocation_time/);
  });

  test('a TTL out of range: zero, or not a whole number of units', () => {
    expect(addGroup(spec({ onlineTtl: FeatureTtl.days(0) }))).toThrow(/invalid addFeatureGroup\.spec\.onlineTtl: "0 Days"\. Allowed: a FeatureTtl of a whole number of at least 1/);
    expect(addGroup(spec({ onlineTtl: FeatureTtl.hours(1.5) }))).toThrow(/invalid addFeatureGroup\.spec\.onlineTtl: "1\.5 Hours"/);
    expect(addGroup(spec({ onlineTtl: FeatureTtl.minutes(1) }))).not.toThrow();
  });

  test('more features than SageMaker\'s 2,500 feature definitions per group (record identifier and event time included)', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: FieldType.FLOAT64 }));
    expect(addGroup(spec({ schema: events({ fields: fields(2497) }) }))).toThrow(
      /invalid addFeatureGroup\.spec\.features: "2499 features"\. Allowed: at most 2498 features: a SageMaker feature group holds at most 2500 feature definitions/);
    expect(addGroup(spec({ schema: events({ fields: fields(2496) }) }))).not.toThrow();
  });

  test('a description longer than SageMaker allows', () => {
    expect(addGroup(spec({ description: 'd'.repeat(129) }))).toThrow(/invalid addFeatureGroup\.spec\.description: "d{129}"\. Allowed: at most 128 characters/);
    expect(addGroup(spec({ description: 'd'.repeat(128) }))).not.toThrow();
  });

  test('not a FeatureGroupSpec', () => {
    expect(addGroup({ name: 'x' } as unknown as FeatureGroupSpec)).toThrow(/invalid addFeatureGroup\.spec: \{"name":"x"\}\. Allowed: a FeatureGroupSpec/);
  });

  test('a group added twice', () => {
    expect(() => {
      const stack = newStack();
      const store = new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake') });
      store.addFeatureGroup({ spec: spec() });
      store.addFeatureGroup({ spec: spec() });
    }).toThrow(/invalid addFeatureGroup\.spec\.name: "user_activity"\. Allowed: a feature group name not yet used in this store/);
  });

  test('errors in props name the group entry', () => {
    expect(() => {
      const stack = newStack();
      new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake'), featureGroups: [{ spec: spec() }, { spec: spec({ onlineTtl: FeatureTtl.days(0) }) }] });
    }).toThrow(/invalid featureGroups\[1\]\.spec\.onlineTtl/);
  });
});

describe('FeatureStore bad input: group options', () => {
  test('InMemory for a group with an offline store', () => {
    expect(addGroup(spec(), { onlineStorageType: FeatureStoreOnlineStorageType.IN_MEMORY })).toThrow(
      /invalid addFeatureGroup\.onlineStorageType: "InMemory"\. Allowed: STANDARD when the group has an offline store/);
    expect(addGroup(spec({ offline: false }), { onlineStorageType: FeatureStoreOnlineStorageType.IN_MEMORY })).not.toThrow();
  });

  test('a storage type for a group without an online store', () => {
    expect(addGroup(spec({ online: false }), { onlineStorageType: FeatureStoreOnlineStorageType.STANDARD })).toThrow(
      /invalid addFeatureGroup\.onlineStorageType: "Standard"\. Allowed: no storage type for a group without an online store/);
  });

  test('an unknown storage type', () => {
    expect(addGroup(spec(), { onlineStorageType: 'Standard_V2' as FeatureStoreOnlineStorageType })).toThrow(
      /invalid addFeatureGroup\.onlineStorageType: "Standard_V2"\. Allowed: one of Standard, InMemory/);
  });
});

describe('FeatureStore bad input: store props', () => {
  test('no lake', () => {
    expect(() => new FeatureStore(newStack(), 'Features', {} as FeatureStoreProps)).toThrow(/invalid lake: undefined\. Allowed: the IDataLake that holds the offline stores/);
  });

  test('a bad prefix', () => {
    expect(addGroup(spec(), {}, { prefix: 'Prod_1' })).toThrow(/invalid prefix: "Prod_1"\. Allowed: 1 to 30 characters of lowercase letters, digits and hyphens/);
  });

  test('a prefix given as a token: the names derived from it are checked at synth', () => {
    expect(addGroup(spec(), {}, { prefix: Lazy.string({ produce: () => 'prod' }) })).toThrow(/invalid prefix: \(a token\)\. Allowed: a literal string, not a token/);
  });

  test('an offline zone the lake does not have', () => {
    expect(addGroup(spec(), {}, { offlineZone: 'features' })).toThrow(/invalid offlineZone: "features"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
  });

  test('a removal policy feature groups do not support', () => {
    expect(addGroup(spec(), {}, { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY/);
  });

  test('DESTROY without the app-level opt-in', () => {
    expect(addGroup(spec(), {}, { removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      /invalid removalPolicy: "DESTROY"\. Allowed: a policy that destroys data only when the app also sets the context "mlops-constructs:allowDataDestruction": true/);
  });

  test('errors are MlopsValidationErrors carrying path, property, value and allowed', () => {
    let error: unknown;
    try {
      addGroup(spec({ onlineTtl: FeatureTtl.weeks(0) }))();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    expect(error).toMatchObject({ constructPath: 'TestStack/Features', property: 'addFeatureGroup.spec.onlineTtl', value: '0 Weeks' });
  });
});

describe('FeatureStore bad input: imports and grants', () => {
  test('an import without feature group names', () => {
    expect(() => FeatureStore.fromFeatureStoreAttributes(newStack(), 'Imported', { featureGroupNames: [] })).toThrow(
      /\[TestStack\/Imported\] invalid featureGroupNames: \[\]\. Allowed: the SageMaker names of one or more feature groups/);
  });

  test('an import with a name SageMaker refuses', () => {
    expect(() => FeatureStore.fromFeatureStoreAttributes(newStack(), 'Imported', { featureGroupNames: ['ok', 'not ok'] })).toThrow(
      /invalid featureGroupNames\[1\]: "not ok"\. Allowed: a SageMaker feature group name: 1 to 64 characters of letters, digits, underscores and hyphens/);
  });

  test('DataLake.glueDatabase (which orders the groups after the database) refuses a zone the lake does not have', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    expect(lake.glueDatabase('curated').node.path).toBe('TestStack/Lake/Zone-curated/Database');
    expect(() => lake.glueDatabase('features')).toThrow(/\[TestStack\/Lake\] invalid glueDatabase\(zone\): "features"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
  });

  test('an imported lake without database names cannot hold offline stores', () => {
    expect(() => {
      const stack = newStack();
      const bucket = (name: string) => s3.Bucket.fromBucketName(stack, name, `existing-${name}`);
      const lake = DataLake.fromDataLakeAttributes(stack, 'Lake', { zoneBuckets: { raw: bucket('raw'), curated: bucket('curated'), artifacts: bucket('artifacts') } });
      new FeatureStore(stack, 'Features', { lake }).addFeatureGroup({ spec: spec() });
    }).toThrow(/\[TestStack\/Lake\] invalid glueDatabaseNames: undefined\. Allowed: the Glue database name of every zone/);
  });
});

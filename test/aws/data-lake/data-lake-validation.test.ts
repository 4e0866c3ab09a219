import { RemovalPolicy, Size } from 'aws-cdk-lib';
import { FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, DataLakeProps } from 'mlops-constructs/aws';
import { newDestroyableStack, newStack, orders } from '../fixtures';

/** Creates a lake in a fresh stack with `props`. */
function lake(props: DataLakeProps) {
  return () => new DataLake(newStack(), 'Lake', props);
}

function schema(props: Partial<ConstructorParameters<typeof TableSchema>[0]>): TableSchema {
  return new TableSchema({ name: 'events', fields: [{ name: 'id', type: FieldType.STRING }], ...props });
}

describe('DataLake bad input', () => {
  test('a bad prefix names the path, the property, the value and the rule', () => {
    expect(lake({ prefix: 'Acme_ML' })).toThrow(
      /^\[TestStack\/Lake\] invalid prefix: "Acme_ML"\. Allowed: 1 to 30 characters of lowercase letters, digits and hyphens, starting with a letter/);
  });

  test('errors are MlopsValidationErrors carrying path, property, value and allowed', () => {
    let error: unknown;
    try {
      lake({ prefix: 'lake-' })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    expect(error).toMatchObject({ constructPath: 'TestStack/Lake', property: 'prefix', value: 'lake-' });
    expect((error as MlopsValidationError).allowed).toMatch(/not ending with a hyphen/);
  });

  test('Cloud Storage\'s "goog" and "google" exclusions do not apply on AWS, where the prefix names no bucket', () => {
    expect(lake({ prefix: 'goog-lake' })).not.toThrow();
    expect(lake({ prefix: 'my-google-lake' })).not.toThrow();
  });

  test('a bad zone name', () => {
    expect(lake({ zones: [{ name: 'Sandbox!' }] })).toThrow(
      /\[TestStack\/Lake\] invalid zones\[0\]\.name: "Sandbox!"\. Allowed: 1 to 20 characters of lowercase letters, digits and hyphens/);
  });

  test('a zone declared twice', () => {
    expect(lake({ zones: [{ name: 'sandbox' }, { name: 'sandbox' }] })).toThrow(/invalid zones\[1\]\.name: "sandbox"\. Allowed: each zone name once/);
  });

  test('an unknown schema type lists the known types', () => {
    const bad = schema({ fields: [{ name: 'id', type: FieldType.STRING }, { name: 'note', type: FieldType.of('varchar') }] });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(
      /\[TestStack\/Lake\] invalid tables\[0\]\.schema\.fields\[1\]\.type: "varchar"\. Allowed: one of string, boolean, int32, int64, float32, float64, decimal, date, timestamp, bytes or decimal\(precision,scale\)/);
  });

  test('a decimal out of range', () => {
    const bad = schema({ fields: [{ name: 'amount', type: FieldType.decimal(40, 2) }] });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(/invalid tables\[0\]\.schema\.fields\[0\]\.type: "decimal\(40,2\)"\. Allowed: decimal precision an integer from 1 to 38/);
  });

  test('duplicate field names', () => {
    const bad = schema({ fields: [{ name: 'id', type: FieldType.STRING }, { name: 'n', type: FieldType.INT32 }, { name: 'id', type: FieldType.INT64 }] });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(
      /invalid tables\[0\]\.schema\.fields\[2\]\.name: "id"\. Allowed: a name not already used \(fields\[0\] has it\); field names must be unique/);
  });

  test('an event time that is not a timestamp', () => {
    const bad = schema({ fields: [{ name: 'id', type: FieldType.STRING }, { name: 'day', type: FieldType.DATE }], eventTime: 'day' });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(/invalid tables\[0\]\.schema\.eventTime: "day"\. Allowed: a field of type timestamp; "day" is date/);
  });

  test('an entity key that is not a field', () => {
    const bad = schema({ entityKeys: ['customer'] });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(/invalid tables\[0\]\.schema\.entityKeys\[0\]: "customer"\. Allowed: the name of a field of this schema \(id\)/);
  });

  test('a field named like the partition column', () => {
    const bad = schema({ fields: [{ name: 'event_date', type: FieldType.DATE }] });
    expect(lake({ tables: [{ zone: 'raw', schema: bad }] })).toThrow(/invalid tables\[0\]\.schema\.fields\[0\]\.name: "event_date"\. Allowed: a name other than event_date/);
  });

  test('a schema that is not a TableSchema', () => {
    const notASchema = { name: 'x', fields: [] } as unknown as TableSchema;
    expect(lake({ tables: [{ zone: 'raw', schema: notASchema }] })).toThrow(/invalid tables\[0\]\.schema: \{"name":"x","fields":\[\]\}\. Allowed: a TableSchema/);
  });

  test('a table in an unknown zone lists the zones', () => {
    expect(lake({ zones: [{ name: 'sandbox' }], tables: [{ zone: 'gold', schema: orders }] })).toThrow(
      /\[TestStack\/Lake\] invalid tables\[0\]\.zone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts, sandbox\./);
  });

  test('the same table twice in a zone', () => {
    expect(lake({ tables: [{ zone: 'raw', schema: orders }, { zone: 'raw', schema: orders }] })).toThrow(
      /invalid tables\[1\]\.schema\.name: "orders"\. Allowed: a table name not yet used in zone "raw" \(it has orders\)/);
  });

  test('addTable reports under its own name', () => {
    const created = new DataLake(newStack(), 'Lake');
    expect(() => created.addTable('gold', orders)).toThrow(/invalid addTable\.zone: "gold"/);
    expect(() => created.addTable('raw', schema({ eventTime: 'missing' }))).toThrow(/invalid addTable\.schema\.eventTime: "missing"/);
  });

  test('infrequent access sooner than 30 days', () => {
    expect(lake({ zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 10 } }] })).toThrow(
      /\[TestStack\/Lake\] invalid zones\[0\]\.lifecycle\.infrequentAccessAfterDays: 10\. Allowed: a whole number from 30 to 36500/);
  });

  test('archive less than 30 days after infrequent access', () => {
    expect(lake({ zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 30, archiveAfterDays: 50 } }] })).toThrow(
      /invalid zones\[0\]\.lifecycle\.archiveAfterDays: 50\. Allowed: at least 30 days after infrequentAccessAfterDays \(30\), so at least 60/);
  });

  test('expiry before the last transition', () => {
    expect(lake({ zones: [{ name: 'raw', lifecycle: { infrequentAccessAfterDays: 30, archiveAfterDays: 180, expireAfterDays: 100 } }] })).toThrow(
      /invalid zones\[0\]\.lifecycle\.expireAfterDays: 100\. Allowed: more than the last transition \(180 days\)/);
  });

  test('newer noncurrent versions without noncurrent expiry', () => {
    expect(lake({ zones: [{ name: 'sandbox', lifecycle: { noncurrentVersionsToRetain: 3 } }] })).toThrow(
      /invalid zones\[0\]\.lifecycle\.noncurrentVersionsToRetain: 3\. Allowed: only together with noncurrentVersionExpirationDays/);
  });

  test('a bytes-scanned cutoff below 10 MB', () => {
    expect(lake({ athenaBytesScannedCutoffPerQuery: Size.mebibytes(5) })).toThrow(
      /\[TestStack\/Lake\] invalid athenaBytesScannedCutoffPerQuery: "5242880 bytes"\. Allowed: at least 10 MB \(10000000 bytes\)/);
    expect(lake({ athenaBytesScannedCutoffPerQuery: Size.mebibytes(10) })).not.toThrow();
  });

  test('DESTROY without the app-level opt-in', () => {
    expect(lake({ removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      /\[TestStack\/Lake\] invalid removalPolicy: "DESTROY"\. Allowed: a policy that destroys data only when the app also sets the context "mlops-constructs:allowDataDestruction": true/);
    expect(() => new DataLake(newDestroyableStack(), 'Lake', { removalPolicy: RemovalPolicy.DESTROY })).not.toThrow();
  });

  test('SNAPSHOT, which buckets do not support', () => {
    expect(lake({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY/);
  });
});

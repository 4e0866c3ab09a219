/**
 * FeatureStore bad input: each fails at synth time with the construct path, the property, the
 * value and what is allowed.
 */
import { FeatureGroupSpec, FeatureGroupSpecProps, FeatureTtl, FieldType, MlopsValidationError } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, FeatureOnlineServing, FeatureStore, FeatureStoreGroupProps, FeatureStoreProps, FeatureSyncSchedule,
  RemovalPolicy,
} from 'mlops-constructs/gcp';
import { customerDailySchema } from '../../fixtures/schemas';
import { newStack } from '../support';

const schema = customerDailySchema;

const spec = (props: Partial<FeatureGroupSpecProps> = {}) => new FeatureGroupSpec({ name: 'customer_daily', schema: schema(), ...props });

function storeIn(props: Partial<FeatureStoreProps> = {}, lakeProps: Partial<DataLakeProps> = {}) {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', ...lakeProps });
  return new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: spec() }], ...props });
}

describe('feature group specs', () => {
  test.each<[string, Partial<FeatureStoreProps>, RegExp]>([
    ['a feature whose type does not match its source field', { featureGroups: [{ spec: spec({ features: [{ name: 'spend', type: FieldType.FLOAT64 }] }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.features\[0\]\.type: "float64"\. Allowed: decimal\(14,2\), the type of its source field "spend"/],
    ['a schema without event time', { featureGroups: [{ spec: spec({ schema: schema({ eventTime: undefined }) }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.schema\.eventTime: undefined\. Allowed: a timestamp field of the schema: the feature group's event time/],
    ['a schema without entity keys', { featureGroups: [{ spec: spec({ schema: schema({ entityKeys: [] }) }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.schema\.entityKeys: \[\]\. Allowed: at least one entity key: the feature group's record identifier/],
    ['an entity key that is no field of the schema', { featureGroups: [{ spec: spec({ schema: schema({ entityKeys: ['customer'] }) }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.schema\.entityKeys\[0\]: "customer"\. Allowed: the name of a field of this schema/],
    ['a feature of no field', { featureGroups: [{ spec: spec({ features: [{ name: 'refunds' }] }) }] },
      /invalid featureGroups\[0\]\.spec\.features\[0\]\.name: "refunds"\. Allowed: the name of a field of schema "customer_daily"/],
    ['a group name Vertex AI refuses', { featureGroups: [{ spec: spec({ name: 'Customer-Daily' }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.name: "Customer-Daily"\. Allowed: lowercase letters, digits and underscores, starting with a letter, at most 64 characters/],
    ['a group name making the feature group id longer than 60 characters', { featureGroups: [{ spec: spec({ name: `c${'x'.repeat(55)}` }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.name: "cx{55}"\. Allowed: a name of at most 52 characters: the feature group id "acme_ml_cx{55}" \(prefix "acme_ml_" and the name\) may have at most 60 characters/],
    ['an online TTL, which Vertex AI does not have', { featureGroups: [{ spec: spec({ onlineTtl: FeatureTtl.days(7) }) }] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.onlineTtl: "7 Days"\. Allowed: no onlineTtl on Google Cloud: Vertex AI Feature Store has no time to live for online values/],
    ['an entity key Vertex AI cannot use as an entity ID', {
      featureGroups: [{ spec: spec({ schema: schema({ fields: [{ name: 'day', type: FieldType.DATE }, { name: 'at', type: FieldType.TIMESTAMP }, { name: 'n', type: FieldType.INT64 }], entityKeys: ['day'], eventTime: 'at' }) }) }],
    }, /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.schema\.entityKeys\[0\]: "day"\. Allowed: an entity key of type string, int32 or int64: Vertex AI entity ID columns hold STRING or INT64 values; "day" is date/],
    ['a feature named feature_timestamp', {
      featureGroups: [{ spec: spec({ features: [{ name: 'feature_timestamp', sourceField: 'order_count' }] }) }],
    }, /invalid featureGroups\[0\]\.spec\.features\[0\]\.name: "feature_timestamp"\. Allowed: a feature named other than "feature_timestamp", the column Vertex AI reads the event time from/],
    ['an entity key named feature_timestamp while the event time is another field', {
      featureGroups: [{ spec: spec({ schema: schema({ fields: [{ name: 'feature_timestamp', type: FieldType.STRING }, { name: 'at', type: FieldType.TIMESTAMP }, { name: 'n', type: FieldType.INT64 }], entityKeys: ['feature_timestamp'], eventTime: 'at' }) }) }],
    }, /invalid featureGroups\[0\]\.spec\.schema\.entityKeys\[0\]: "feature_timestamp"\. Allowed: a key named other than "feature_timestamp"/],
    ['the same group twice', { featureGroups: [{ spec: spec() }, { spec: spec() }] },
      /\[stack\/Features\] invalid featureGroups\[1\]\.spec\.name: "customer_daily"\. Allowed: a feature group name not yet used in this feature store/],
    ['a feature group that is not a spec', { featureGroups: [{ spec: { name: 'customer_daily' } } as unknown as FeatureStoreGroupProps] },
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec: \{"name":"customer_daily"\}\. Allowed: a FeatureGroupSpec/],
    ['feature groups that are not a list', { featureGroups: spec() as unknown as FeatureStoreGroupProps[] },
      /\[stack\/Features\] invalid featureGroups: .*Allowed: a list of feature group props \(\{ spec \}\)/],
  ])('%s', (_name, props, message) => {
    expect(() => storeIn(props)).toThrow(message);
    expect(() => storeIn(props)).toThrow(MlopsValidationError);
  });

  test('a lake table of the same name made from another schema', () => {
    const other = schema({ fields: [{ name: 'customer_id', type: FieldType.STRING }, { name: 'day_end', type: FieldType.TIMESTAMP }, { name: 'spend', type: FieldType.FLOAT64 }] });
    expect(() => storeIn({}, { tables: [{ zone: 'curated', schema: other }] })).toThrow(
      /\[stack\/Features\] invalid featureGroups\[0\]\.spec\.schema: "customer_daily"\. Allowed: the schema the lake's "curated" table "customer_daily" was created from/);
  });

  test('a lake table already named like the group\'s source view', () => {
    const clash = schema({ name: 'acme_ml_customer_daily_vertex_source' });
    expect(() => storeIn({}, { tables: [{ zone: 'curated', schema: clash }] })).toThrow(
      /invalid featureGroups\[0\]\.spec\.name: "customer_daily"\. Allowed: a name whose source view "acme_ml_customer_daily_vertex_source" is not a table of the lake's "curated" zone already/);
  });

  test('addFeatureGroup reports under addFeatureGroup', () => {
    const store = storeIn({ featureGroups: [] });
    expect(() => store.addFeatureGroup({ spec: spec({ onlineTtl: FeatureTtl.hours(1) }) })).toThrow(/\[stack\/Features\] invalid addFeatureGroup\.spec\.onlineTtl: "1 Hours"/);
  });
});

describe('store props', () => {
  test.each<[string, Partial<FeatureStoreProps>, Partial<DataLakeProps>, RegExp]>([
    ['a lake that is not a DataLake', { lake: {} as DataLake }, {}, /\[stack\/Features\] invalid lake: \{\}\. Allowed: a DataLake of mlops-constructs\/gcp/],
    ['a multi-region as region', { region: 'US' }, {}, /\[stack\/Features\] invalid region: "US"\. Allowed: a Vertex AI region such as "us-central1"/],
    ['no region with a multi-region lake', {}, { location: 'EU' },
      /\[stack\/Features\] invalid region: undefined\. Allowed: a Vertex AI region .*; it is required here because the lake's location "EU" is not a region/],
    ['a bad prefix', { prefix: 'Ranking_' }, {}, /\[stack\/Features\] invalid prefix: "Ranking_"\. Allowed: 1 to 30 characters of lowercase letters/],
    ['a bad project', { project: 'My_Project' }, {}, /\[stack\/Features\] invalid project: "My_Project"\. Allowed: a project id/],
    ['an unknown offline zone', { offlineZone: 'gold' }, {}, /\[stack\/Features\] invalid offlineZone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/],
    ['DESTROY without the app context', { removalPolicy: RemovalPolicy.DESTROY }, {},
      /\[stack\/Features\] invalid removalPolicy: "destroy"\. Allowed: a policy that destroys data only when the app also sets the context/],
    ['a role that is not a Vertex AI Feature Store role', { iam: { 'roles/aiplatform.user': ['group:ml@example.com'] } }, {},
      /\[stack\/Features\] invalid iam\["roles\/aiplatform\.user"\]: "roles\/aiplatform\.user"\. Allowed: a Vertex AI Feature Store role \(roles\/aiplatform\.featurestore\*\)/],
    ['a public member in iam', { iam: { 'roles/aiplatform.featurestoreDataViewer': ['allUsers'] } }, {},
      /invalid iam\["roles\/aiplatform\.featurestoreDataViewer"\]\[0\]: "allUsers"\. Allowed: a non-public member/],
  ])('%s', (_name, props, lakeProps, message) => {
    expect(() => storeIn(props, lakeProps)).toThrow(message);
  });

  test('grantReadOnline refuses the public', () => {
    expect(() => storeIn().grantReadOnline('allAuthenticatedUsers')).toThrow(/\[stack\/Features\] invalid member: "allAuthenticatedUsers"\. Allowed: a non-public member/);
  });
});

describe('online serving', () => {
  test.each<[string, FeatureOnlineServing, RegExp]>([
    ['no Bigtable node', FeatureOnlineServing.bigtable({ minNodeCount: 0, maxNodeCount: 2 }),
      /\[stack\/Features\] invalid onlineServing\.minNodeCount: 0\. Allowed: a whole number of at least 1/],
    ['a maximum below the minimum', FeatureOnlineServing.bigtable({ minNodeCount: 3, maxNodeCount: 2 }),
      /invalid onlineServing\.maxNodeCount: 2\. Allowed: from minNodeCount \(3\) to 10 times minNodeCount \(30\)/],
    ['a maximum above ten times the minimum', FeatureOnlineServing.bigtable({ minNodeCount: 2, maxNodeCount: 21 }),
      /invalid onlineServing\.maxNodeCount: 21\. Allowed: from minNodeCount \(2\) to 10 times minNodeCount \(20\)/],
    ['a fractional node count', FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 2.5 }), /invalid onlineServing\.maxNodeCount: 2\.5\. Allowed: a whole number/],
    ['a CPU target below 10 percent', FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 2, cpuUtilizationTarget: 5 }),
      /invalid onlineServing\.cpuUtilizationTarget: 5\. Allowed: a whole percentage from 10 to 80/],
    ['a CPU target above 80 percent', FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 2, cpuUtilizationTarget: 85 }),
      /invalid onlineServing\.cpuUtilizationTarget: 85\. Allowed: a whole percentage from 10 to 80/],
    ['allowed projects on a public endpoint', FeatureOnlineServing.optimized({ publicEndpoint: true, allowedProjects: ['acme-serving'] }),
      /invalid onlineServing\.allowedProjects: \["acme-serving"\]\. Allowed: no allowedProjects with publicEndpoint: true/],
    ['an empty allow list', FeatureOnlineServing.optimized({ allowedProjects: [] }), /invalid onlineServing\.allowedProjects: \[\]\. Allowed: a non-empty list/],
    ['an allowed project that is no project', FeatureOnlineServing.optimized({ allowedProjects: ['acme-serving', 'Not A Project'] }),
      /invalid onlineServing\.allowedProjects\[1\]: "Not A Project"\. Allowed: a project id \("my-project"\) or a project number/],
  ])('%s', (_name, onlineServing, message) => {
    expect(() => storeIn({ onlineServing })).toThrow(message);
  });

  test('a serving that is not a FeatureOnlineServing', () => {
    expect(() => storeIn({ onlineServing: 'bigtable' as unknown as FeatureOnlineServing }))
      .toThrow(/invalid onlineServing: "bigtable"\. Allowed: FeatureOnlineServing\.optimized\(\.\.\.\) or FeatureOnlineServing\.bigtable\(\.\.\.\)/);
  });
});

describe('sync schedule', () => {
  test.each<[string, FeatureSyncSchedule, RegExp]>([
    ['four fields', FeatureSyncSchedule.cron('0 * * *'), /\[stack\/Features\] invalid syncSchedule\.expression: "0 \* \* \*"\. Allowed: five cron fields .*; got 4 field\(s\)/],
    ['a minute out of range', FeatureSyncSchedule.cron('60 * * * *'), /invalid syncSchedule\.expression: "60 \* \* \* \*"\. Allowed: .*the minute field "60" is outside 0-59/],
    ['an hour out of range in a list', FeatureSyncSchedule.cron('0 1,24 * * *'), /the hour field "1,24" is outside 0-23/],
    ['an unknown month name', FeatureSyncSchedule.cron('0 0 1 JANUARY *'), /the month field "JANUARY" is outside 1-12 \(or JAN-DEC\)/],
    ['a reversed range', FeatureSyncSchedule.cron('0 0 * * 5-1'), /the day of week field "5-1" has the range "5-1" whose start is after its end/],
    ['a zero step', FeatureSyncSchedule.cron('*/0 * * * *'), /the minute field "\*\/0" has the step \/0; steps go from 1 to 59/],
    ['a macro', FeatureSyncSchedule.cron('@hourly'), /invalid syncSchedule\.expression: "@hourly"\. Allowed: five cron fields/],
    ['a time zone inside the expression', FeatureSyncSchedule.cron('CRON_TZ=Europe/Paris 0 * * * *'),
      /invalid syncSchedule\.expression: "CRON_TZ=Europe\/Paris 0 \* \* \* \*"\. Allowed: .*give the time zone as the timeZone argument/],
    ['an unknown time zone', FeatureSyncSchedule.cron('0 * * * *', 'Europe/Atlantis'),
      /\[stack\/Features\] invalid syncSchedule\.timeZone: "Europe\/Atlantis"\. Allowed: an IANA time zone name such as "Europe\/Paris" or "UTC"/],
  ])('%s', (_name, syncSchedule, message) => {
    expect(() => storeIn({ syncSchedule })).toThrow(message);
  });

  test('a schedule that is not a FeatureSyncSchedule', () => {
    expect(() => storeIn({ syncSchedule: '0 * * * *' as unknown as FeatureSyncSchedule }))
      .toThrow(/invalid syncSchedule: "0 \* \* \* \*"\. Allowed: FeatureSyncSchedule\.cron\(expression, timeZone\?\) or FeatureSyncSchedule\.HOURLY/);
  });

  test.each(['*/15 * * * *', '0 0-23/2 * * *', '30 2 1,15 JAN-JUN mon-fri', '0 0 31 12 0'])('accepts %s', (expression) => {
    expect(FeatureSyncSchedule.cron(expression, 'America/New_York').problems()).toEqual([]);
  });
});

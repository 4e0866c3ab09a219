/**
 * The checks every AWS construct passes, for FeatureStore: zero findings from the CloudFormation
 * validator (errors and warnings) and from cdk-nag AwsSolutions and NIST 800-53 rev 5, with every
 * acknowledgment made inside the construct and carrying a reason.
 *
 * One checked synth for the whole file. It holds:
 * - DefaultStore: a lake and `new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec }] })`,
 *   one group with every default (online and offline);
 * - FullStore: a prefix, an online+offline group with a TTL, an online-only InMemory group, an
 *   offline-only group, and a role of the stack granted online reads, writes and offline reads;
 * - Consumers: a role of another stack granted the same (cross-stack references);
 * - DestroyableStore: removalPolicy DESTROY with the app's opt-in;
 * - Canary: a plain unencrypted bucket with invalid properties, proving in this very synth that
 *   the validator and both packs ran and can fail (`readFindings` treats a pack missing from the
 *   report, which aws-cdk does for clean packs, as a pack that did not run).
 *
 * The fingerprints the groups must commit are read from a dry synth of the same stacks without
 * them, as a user reads them from the error.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FieldType, FeatureGroupSpec, FeatureTtl, TableSchema } from 'mlops-constructs';
import { DataLake, FeatureStore, FeatureStoreOnlineStorageType } from 'mlops-constructs/aws';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';
import { orders } from '../fixtures';

const env = { account: '111111111111', region: 'eu-west-1' };

const sessions = new TableSchema({
  name: 'sessions',
  fields: [
    { name: 'session_id', type: FieldType.STRING },
    { name: 'page_views', type: FieldType.INT32 },
    { name: 'dwell_seconds', type: FieldType.FLOAT64 },
    { name: 'started_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['session_id'],
  eventTime: 'started_at',
});

type Fingerprints = (groupPath: string) => string | undefined;

/** Builds every stack of this file into `app`, each group with the fingerprint `fingerprint` gives for its path. */
function build(app: App, fingerprint: Fingerprints): void {
  const group = (store: FeatureStore, spec: FeatureGroupSpec) => `${store.node.path}/Group-${spec.name}`;

  const defaultStack = new Stack(app, 'DefaultStore', { env });
  const defaultLake = new DataLake(defaultStack, 'Lake');
  const defaultSpec = new FeatureGroupSpec({ name: 'customer_orders', schema: orders });
  const defaultStore = new FeatureStore(defaultStack, 'Features', { lake: defaultLake });
  defaultStore.addFeatureGroup({ spec: defaultSpec, replacementFingerprint: fingerprint(group(defaultStore, defaultSpec)) });

  const fullStack = new Stack(app, 'FullStore', { env });
  const fullLake = new DataLake(fullStack, 'Lake', { prefix: 'acme-ml' });
  const store = new FeatureStore(fullStack, 'Features', { lake: fullLake, prefix: 'acme' });
  const withTtl = new FeatureGroupSpec({ name: 'customer_orders', schema: orders, onlineTtl: FeatureTtl.days(30), description: 'Orders per customer.' });
  const inMemory = new FeatureGroupSpec({ name: 'live_sessions', schema: sessions, offline: false });
  const offlineOnly = new FeatureGroupSpec({ name: 'session_history', schema: sessions, online: false });
  store.addFeatureGroup({ spec: withTtl, replacementFingerprint: fingerprint(group(store, withTtl)) });
  store.addFeatureGroup({ spec: inMemory, replacementFingerprint: fingerprint(group(store, inMemory)), onlineStorageType: FeatureStoreOnlineStorageType.IN_MEMORY });
  store.addFeatureGroup({ spec: offlineOnly, replacementFingerprint: fingerprint(group(store, offlineOnly)) });
  const analyst = new iam.Role(fullStack, 'Serving', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  store.grantReadOnline(analyst);
  store.grantWrite(analyst);
  store.grantReadOffline(analyst);

  const consumer = new iam.Role(new Stack(app, 'Consumers', { env }), 'Ingest', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  store.grantWrite(consumer, 'acme-customer_orders');
  store.grantReadOnline(consumer, 'acme-live_sessions');
  store.grantReadOffline(consumer);

  const destroyableStack = new Stack(app, 'DestroyableStore', { env });
  const destroyableLake = new DataLake(destroyableStack, 'Lake', { removalPolicy: RemovalPolicy.DESTROY });
  const destroyable = new FeatureStore(destroyableStack, 'Features', { lake: destroyableLake, removalPolicy: RemovalPolicy.DESTROY });
  destroyable.addFeatureGroup({ spec: defaultSpec, replacementFingerprint: fingerprint(group(destroyable, defaultSpec)) });
}

/** The fingerprints a synth without them asks to commit, by construct path of the group. */
function fingerprintsToCommit(): Record<string, string> {
  const app = new App({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } });
  build(app, () => undefined);
  try {
    app.synth();
  } catch (e) {
    const found: Record<string, string> = {};
    for (const m of String((e as Error).message).matchAll(/\[([^\]]+)\] feature group "[^"]+"[^\n]*?replacementFingerprint: '(v1[0-9a-f.]+)'/g)) {
      found[m[1]] = m[2];
    }
    return found;
  }
  throw new Error('a synth without fingerprints did not fail');
}

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;
let committed: Record<string, string>;

beforeAll(() => {
  committed = fingerprintsToCommit();
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    build(app, (path) => committed[path]);
  }, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }));
});

test('the dry synth asked for one fingerprint per group, and the checked synth accepted them', () => {
  expect(Object.keys(committed).sort()).toEqual([
    'DefaultStore/Features/Group-customer_orders',
    'DestroyableStore/Features/Group-customer_orders',
    'FullStore/Features/Group-customer_orders',
    'FullStore/Features/Group-live_sessions',
    'FullStore/Features/Group-session_history',
  ]);
  expect(Object.keys(assembly.getStackByName('FullStore').template.Resources).filter((id) => id.startsWith('FeaturesGroup'))).toHaveLength(3);
});

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'warning')).toBe(true);
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'error')).toBe(true);
});

test('every finding of the synth is the canary\'s: nothing else, not even a finding without a construct path', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test('a store with one default group has zero findings, errors and warnings', () => {
  expect(assembly.getStackByName('DefaultStore').template.Resources).toBeDefined();
  expect(formatFindings(findingsUnder(findings, 'DefaultStore'))).toBe('');
});

test('a store with a prefix, TTL, InMemory and offline-only groups and grants has zero findings', () => {
  expect(formatFindings(findingsUnder(findings, 'FullStore'))).toBe('');
});

test('a role of another stack granted access has zero findings', () => {
  expect(formatFindings(findingsUnder(findings, 'Consumers'))).toBe('');
  expect(JSON.stringify(assembly.getStackByName('Consumers').template)).toContain('Fn::ImportValue');
});

test('a destroyable store has zero findings', () => {
  expect(formatFindings(findingsUnder(findings, 'DestroyableStore'))).toBe('');
});

test('the store acknowledges only the object wildcards of its offline-store policy, by exact finding id, with a reason', () => {
  const storeAcks = acknowledgments.filter((a) => a.at.includes('/Features/'));
  expect(storeAcks.map((a) => `${a.at} ${a.rule.replace(/^Annotation::/, '')}`).sort()).toEqual([
    'DefaultStore/Features/OfflineStore/Policy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/feature-store/customer_orders/*]',
    'DestroyableStore/Features/OfflineStore/Policy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/feature-store/customer_orders/*]',
    'FullStore/Features/OfflineStore/Policy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/feature-store/acme-customer_orders/*]',
    'FullStore/Features/OfflineStore/Policy AwsSolutions-IAM5[Resource::<LakeZonecuratedBucket51054459.Arn>/feature-store/acme-session_history/*]',
  ]);
  for (const ack of storeAcks) {
    expect(ack.reason).toMatch(/SageMaker Feature Store writes each offline store/);
  }
});

test('nothing else is acknowledged than what the lakes acknowledge themselves', () => {
  const others = acknowledgments.filter((a) => !a.at.includes('/Features/'));
  for (const ack of others) {
    expect(ack.at).toMatch(/^(DefaultStore|FullStore|DestroyableStore)\/Lake\/(AccessLogs|Zone-[a-z0-9-]+\/Bucket)$|^(FullStore\/Serving|Consumers\/Ingest)\/DataLakeGrants-[A-Za-z0-9]+\/Resource$/);
  }
});

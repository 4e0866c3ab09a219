/**
 * The replacement guard: a change to a setting that makes CloudFormation replace a feature group
 * fails synth unless the group commits the new fingerprint; changes that update in place pass.
 */
import * as crypto from 'crypto';
import { Template } from 'aws-cdk-lib/assertions';
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FeatureGroupSpec, FeatureGroupSpecProps, FeatureTtl, FieldType, MlopsValidationError } from 'mlops-constructs';
import { DataLake, FeatureStore, FeatureStoreOnlineStorageType, FeatureStoreProps } from 'mlops-constructs/aws';
import { sessionsSchema } from '../../fixtures/schemas';

const env = { account: '111111111111', region: 'eu-west-1' };

const sessions = sessionsSchema;

/** One app version: what the spec, the store and the group options are. */
interface Version {
  readonly spec?: Partial<FeatureGroupSpecProps>;
  readonly store?: Partial<FeatureStoreProps>;
  readonly storageType?: FeatureStoreOnlineStorageType;
  readonly ownKey?: boolean;
  readonly stackTags?: Record<string, string>;
}

/** A stack with a lake and a store holding one group `sessions` built as `version` says, committing `fingerprint`. */
function stackOf(version: Version, fingerprint?: string): Stack {
  const stack = new Stack(new App({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }), 'TestStack', { env });
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme' });
  const key = version.ownKey ? new kms.Key(stack, 'OwnKey', { enableKeyRotation: true }) : undefined;
  const store = new FeatureStore(stack, 'Features', { lake, onlineStoreEncryptionKey: key, ...version.store });
  store.addFeatureGroup({
    spec: new FeatureGroupSpec({ name: 'sessions', schema: sessions(), ...version.spec }),
    replacementFingerprint: fingerprint,
    onlineStorageType: version.storageType,
  });
  for (const [k, v] of Object.entries(version.stackTags ?? {})) {
    Tags.of(stack).add(k, v);
  }
  return stack;
}

function synthError(stack: Stack): string {
  try {
    Template.fromStack(stack);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/** The fingerprint synth asks to commit for `version`. */
function fingerprintOf(version: Version): string {
  const match = /replacementFingerprint: '(v1[0-9a-f.]+)'/.exec(synthError(stackOf(version)));
  if (match === null) {
    throw new Error('synth did not print a fingerprint');
  }
  return match[1];
}

const base: Version = { spec: { offline: false } };
const baseFingerprint = fingerprintOf(base);

describe('a group without a committed fingerprint', () => {
  test('fails synth, printing the fingerprint to commit and the settings it covers', () => {
    const message = synthError(stackOf(base));
    expect(message).toMatch(/\[TestStack\/Features\/Group-sessions\] feature group "sessions" has no replacementFingerprint/);
    expect(message).toMatch(/FeatureGroupName, RecordIdentifierFeatureName, EventTimeFeatureName, OnlineStoreConfig \(EnableOnlineStore, StorageType, SecurityConfig\), OfflineStoreConfig, RoleArn, Description, Tags/);
    expect(message).toContain(`addFeatureGroup({ spec, replacementFingerprint: '${baseFingerprint}' })`);
  });

  test('given as props, the error points at the props entry', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake'), featureGroups: [{ spec: new FeatureGroupSpec({ name: 'sessions', schema: sessions() }) }] });
    expect(synthError(stack)).toMatch(/commit the current fingerprint, featureGroups\[0\]\.replacementFingerprint: 'v1(\.[0-9a-f]{6}){8}'/);
  });
});

describe('the fingerprint', () => {
  test('has the documented format and is the same in every synth of the same app', () => {
    expect(baseFingerprint).toMatch(/^v1(\.[0-9a-f]{6}){8}$/);
    expect(fingerprintOf(base)).toBe(baseFingerprint);
  });

  test('is pinned: a library change that alters it would make every committed fingerprint fail', () => {
    expect(baseFingerprint).toBe('v1.7e0af9.b259dc.d12106.a6b1aa.74234e.74234e.74234e.74234e');
  });

  test('is, per setting, the first 6 hex digits of the SHA-256 of its template value as canonical JSON (null when unset)', () => {
    const segment = (json: string) => crypto.createHash('sha256').update(json).digest('hex').slice(0, 6);
    const onlineStore = '{"EnableOnlineStore":true,"SecurityConfig":{"KmsKeyId":{"Fn::GetAtt":["FeaturesOnlineStoreKey77B731A5","Arn"]}},"StorageType":"Standard"}';
    expect(baseFingerprint.split('.')).toEqual([
      'v1',
      segment('"sessions"'), // FeatureGroupName
      segment('"session_id"'), // RecordIdentifierFeatureName
      segment('"started_at"'), // EventTimeFeatureName
      segment(onlineStore), // OnlineStoreConfig without TtlDuration
      segment('null'), // OfflineStoreConfig
      segment('null'), // RoleArn
      segment('null'), // Description
      segment('null'), // Tags
    ]);
  });

  test('committed, lets synth pass', () => {
    expect(synthError(stackOf(base, baseFingerprint))).toBe('');
  });

  test('a malformed one is refused when the group is added', () => {
    expect(() => stackOf(base, 'sha256:abc')).toThrow(MlopsValidationError);
    expect(() => stackOf(base, 'sha256:abc')).toThrow(
      /\[TestStack\/Features\] invalid addFeatureGroup\.replacementFingerprint: "sha256:abc"\. Allowed: "v1\." followed by 8 dot-separated groups of 6 lowercase hex digits/);
  });
});

describe('a change that replaces the group fails synth with the old fingerprint, naming what changed, and passes with the new one', () => {
  const cases: Array<[string, Version, RegExp]> = [
    ['online storage tier Standard → InMemory', { ...base, storageType: FeatureStoreOnlineStorageType.IN_MEMORY }, /changed: OnlineStoreConfig \(EnableOnlineStore, StorageType, SecurityConfig\)\./],
    ['online store key', { ...base, ownKey: true }, /changed: OnlineStoreConfig \(EnableOnlineStore, StorageType, SecurityConfig\)\./],
    ['offline store added (and with it the role)', { spec: {} }, /changed: OfflineStoreConfig, RoleArn\./],
    ['online store removed', { spec: { offline: true, online: false } }, /changed: OnlineStoreConfig \(EnableOnlineStore, StorageType, SecurityConfig\), OfflineStoreConfig, RoleArn\./],
    ['name prefix', { ...base, store: { prefix: 'prod' } }, /changed: FeatureGroupName\./],
    ['description', { spec: { offline: false, description: 'Web sessions.' } }, /changed: Description\./],
    ['tags added to the stack', { ...base, stackTags: { team: 'ml' } }, /changed: Tags\./],
  ];

  test.each(cases)('%s', (_, changed, what) => {
    const message = synthError(stackOf(changed, baseFingerprint));
    expect(message).toMatch(/feature group "[a-z-_]+": replacementFingerprint 'v1[0-9a-f.]+' does not match the settings in this app/);
    expect(message).toMatch(what);
    expect(message).toMatch(/Deploying this replaces the SageMaker feature group: the new group starts empty/);
    const next = fingerprintOf(changed);
    expect(next).not.toBe(baseFingerprint);
    expect(message).toContain(`commit addFeatureGroup({ spec, replacementFingerprint: '${next}' })`);
    expect(synthError(stackOf(changed, next))).toBe('');
  });

  test('an offline store setting: the lake zone', () => {
    const withOffline: Version = { spec: {} };
    const committed = fingerprintOf(withOffline);
    const message = synthError(stackOf({ spec: {}, store: { offlineZone: 'raw' } }, committed));
    expect(message).toMatch(/changed: OfflineStoreConfig\./);
  });
});

describe('changes that update the group in place keep the fingerprint', () => {
  test('adding a feature (a new field of the schema)', () => {
    const stack = stackOf({ spec: { offline: false, schema: sessions([{ name: 'clicks', type: FieldType.INT64 }]) } }, baseFingerprint);
    expect(synthError(stack)).toBe('');
    const [group] = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::FeatureGroup'));
    expect(group.Properties.FeatureDefinitions).toContainEqual({ FeatureName: 'clicks', FeatureType: 'Integral' });
  });

  test('setting or changing the online TTL', () => {
    expect(synthError(stackOf({ spec: { offline: false, onlineTtl: FeatureTtl.days(7) } }, baseFingerprint))).toBe('');
    expect(synthError(stackOf({ spec: { offline: false, onlineTtl: FeatureTtl.hours(12) } }, baseFingerprint))).toBe('');
  });

  test('changing the removal policy', () => {
    expect(synthError(stackOf({ ...base, store: { removalPolicy: RemovalPolicy.DESTROY } }, baseFingerprint))).toBe('');
  });
});

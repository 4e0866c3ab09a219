import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FeatureGroupSpec } from 'mlops-constructs';
import { DataLake, FeatureStore, FeatureStoreOnlineStorageType } from 'mlops-constructs/aws';
import { sessionsSchema } from '../../fixtures/schemas';

const env = { account: '111111111111', region: 'eu-west-1' };
const partition = { Ref: 'AWS::Partition' };

const sessions = sessionsSchema();

/** A store with an online+offline group `live`, an online-only InMemory group `hot` and an offline-only group `history`, and a role. */
function storeWithRole() {
  const stack = new Stack(new App(), 'TestStack', { env });
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme' });
  const store = new FeatureStore(stack, 'Features', { lake });
  // No fingerprints: these tests read the policies without a synth, so the replacement guard does not run.
  store.addFeatureGroup({ spec: new FeatureGroupSpec({ name: 'live', schema: sessions }) });
  store.addFeatureGroup({ spec: new FeatureGroupSpec({ name: 'hot', schema: sessions, offline: false }), onlineStorageType: FeatureStoreOnlineStorageType.IN_MEMORY });
  store.addFeatureGroup({ spec: new FeatureGroupSpec({ name: 'history', schema: sessions, online: false }) });
  const role = new iam.Role(stack, 'Serving', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { stack, lake, store, role };
}

/**
 * The statements of the policies attached to `role`: they must all be customer managed policies,
 * never the role's inline default policy. Read from the resolved policy resources, without a synth
 * (the groups commit no fingerprint here).
 */
function statementsOf(stack: Stack, role: iam.Role, policyIdPrefix: string): unknown[] {
  expect(role.node.tryFindChild('DefaultPolicy')).toBeUndefined();
  const policies = role.node.children.filter((c) => c.node.id.startsWith(policyIdPrefix));
  expect(policies).toHaveLength(1);
  const cfn = policies[0].node.findChild('Resource').node.defaultChild as iam.CfnManagedPolicy;
  expect(stack.resolve(cfn.roles)).toEqual([{ Ref: stack.getLogicalId(role.node.defaultChild as CfnResource) }]);
  return (stack.resolve(cfn.policyDocument) as { Statement: unknown[] }).Statement;
}

function groupArn(name: string) {
  return { 'Fn::Join': ['', ['arn:', partition, `:sagemaker:eu-west-1:111111111111:feature-group/${name}`]] };
}

function keyArn(stack: Stack, key: kms.IKey) {
  return { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as CfnResource), 'Arn'] };
}

describe('FeatureStore grants', () => {
  test('grantReadOnline: GetRecord and BatchGetRecord on the online groups, decrypt with the online key', () => {
    const { stack, store, role } = storeWithRole();
    expect(store.grantReadOnline(role).success).toBe(true);
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:BatchGetRecord'], Resource: [groupArn('live'), groupArn('hot')] },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn(stack, store.onlineStoreEncryptionKey!) },
    ]);
  });

  test('grantReadOnline of one group', () => {
    const { stack, store, role } = storeWithRole();
    store.grantReadOnline(role, 'hot');
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:BatchGetRecord'], Resource: groupArn('hot') },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn(stack, store.onlineStoreEncryptionKey!) },
    ]);
  });

  test('grantWrite: PutRecord and DeleteRecord on every group, decrypt with the online key', () => {
    const { stack, store, role } = storeWithRole();
    store.grantWrite(role);
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:PutRecord', 'sagemaker:DeleteRecord'], Resource: [groupArn('live'), groupArn('hot'), groupArn('history')] },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn(stack, store.onlineStoreEncryptionKey!) },
    ]);
  });

  test('grantWrite of an offline-only group needs no key', () => {
    const { stack, store, role } = storeWithRole();
    store.grantWrite(role, 'history');
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:PutRecord', 'sagemaker:DeleteRecord'], Resource: groupArn('history') },
    ]);
  });

  test('grantReadOffline queries the lake: its workgroup, catalog, zones, results and key, in the lake\'s grant policy', () => {
    const { stack, lake, store, role } = storeWithRole();
    store.grantReadOffline(role);
    const statements = statementsOf(stack, role, 'DataLakeGrants-') as Array<{ Action: string | string[]; Resource: unknown }>;
    expect(statements[0]).toEqual({
      Effect: 'Allow',
      Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
      Resource: { 'Fn::Join': ['', ['arn:', partition, ':athena:eu-west-1:111111111111:workgroup/acme']] },
    });
    expect(JSON.stringify(statements)).toContain(':glue:eu-west-1:111111111111:table/acme_curated/*');
    expect(statements[statements.length - 1]).toEqual({ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: keyArn(stack, lake.encryptionKey) });
  });

  test('a role the app does not own (another account) gets aws-cdk\'s usual grant, not a policy of the store', () => {
    const { stack, store } = storeWithRole();
    const foreign = iam.Role.fromRoleArn(stack, 'Foreign', 'arn:aws:iam::222222222222:role/reader');
    const grant = store.grantReadOnline(foreign, 'live');
    expect(grant.principalStatements.map((s) => s.toStatementJson().Action)).toEqual([['sagemaker:GetRecord', 'sagemaker:BatchGetRecord']]);
    expect(foreign.node.children.filter((c) => c.node.id.startsWith('FeatureStoreGrants-'))).toEqual([]);
  });

  test('several grants to one role share one policy, the key statement once', () => {
    const { stack, store, role } = storeWithRole();
    store.grantReadOnline(role, 'live');
    store.grantWrite(role, 'live');
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:BatchGetRecord'], Resource: groupArn('live') },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn(stack, store.onlineStoreEncryptionKey!) },
      { Effect: 'Allow', Action: ['sagemaker:PutRecord', 'sagemaker:DeleteRecord'], Resource: groupArn('live') },
    ]);
  });
});

describe('FeatureStore grants refused', () => {
  test('online reads of an offline-only group', () => {
    const { store, role } = storeWithRole();
    expect(() => store.grantReadOnline(role, 'history')).toThrow(
      /\[TestStack\/Features\] invalid grantReadOnline\(featureGroupName\): "history"\. Allowed: a feature group with an online store \(live, hot\); "history" is offline only/);
  });

  test('a group the store does not have', () => {
    const { store, role } = storeWithRole();
    expect(() => store.grantWrite(role, 'missing')).toThrow(/invalid grantWrite\(featureGroupName\): "missing"\. Allowed: the SageMaker name of a feature group of this store \(live, hot, history\)/);
    expect(() => store.featureGroupArn('missing')).toThrow(/invalid featureGroupArn\(featureGroupName\): "missing"/);
  });

  test('grants on a store without groups', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    const store = new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake') });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => store.grantWrite(role)).toThrow(/invalid grantWrite\(featureGroupName\): undefined\. Allowed: a feature store with at least one feature group/);
    expect(() => store.grantReadOnline(role)).toThrow(/invalid grantReadOnline\(featureGroupName\): undefined\. Allowed: a feature store with at least one online feature group/);
  });
});

describe('FeatureStore.fromFeatureStoreAttributes', () => {
  test('grants on imported groups cover the given key; every group counts as online', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const store = FeatureStore.fromFeatureStoreAttributes(stack, 'Imported', { featureGroupNames: ['prod-customers'], onlineStoreEncryptionKey: key });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    store.grantReadOnline(role);
    expect(store.featureGroupNames).toEqual(['prod-customers']);
    expect(statementsOf(stack, role, 'FeatureStoreGrants-')).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:BatchGetRecord'], Resource: groupArn('prod-customers') },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ]);
  });

  test('grantReadOffline needs the lake', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    const store = FeatureStore.fromFeatureStoreAttributes(stack, 'Imported', { featureGroupNames: ['prod-customers'] });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => store.grantReadOffline(role)).toThrow(/\[TestStack\/Imported\] invalid lake: undefined\. Allowed: the lake holding the offline stores, given to fromFeatureStoreAttributes/);
  });
});

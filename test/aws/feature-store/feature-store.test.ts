import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { App, AppProps, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FeatureGroupSpec, FeatureTtl } from 'mlops-constructs';
import { DataLake, FeatureStore, FeatureStoreOnlineStorageType, FeatureStoreProps } from 'mlops-constructs/aws';
import { sessionsSchema } from '../../fixtures/schemas';
import { orders } from '../fixtures';

const env = { account: '111111111111', region: 'eu-west-1' };
const partition = { Ref: 'AWS::Partition' };

const sessions = sessionsSchema();

const customerOrders = new FeatureGroupSpec({ name: 'customer_orders', schema: orders });

/** What a test builds: a lake, a store, and groups added with the fingerprint they must commit. */
interface Built {
  readonly stack: Stack;
  readonly lake: DataLake;
  readonly store: FeatureStore;
}

/**
 * Builds twice: first without fingerprints, to read the ones synth asks to commit from its error
 * (as a user does), then with them. Returns the second build, whose synth passes the guard.
 */
function buildWithFingerprints(build: (stack: Stack, fingerprint: (specName: string) => string | undefined) => FeatureStore, appProps: AppProps = {}): Built {
  const first = new Stack(new App(appProps), 'TestStack', { env });
  const firstStore = build(first, () => undefined);
  const committed: Record<string, string> = {};
  try {
    Template.fromStack(first);
  } catch (e) {
    for (const m of String((e as Error).message).matchAll(/\[[^\]]*\/Group-([a-z0-9_]+)\] feature group "[^"]+"[^\n]*?replacementFingerprint: '(v1[0-9a-f.]+)'/g)) {
      committed[m[1]] = m[2];
    }
  }
  expect(Object.keys(committed).sort()).toEqual(firstStore.featureGroups.map((g) => g.spec.name).sort());
  const stack = new Stack(new App(appProps), 'TestStack', { env });
  const store = build(stack, (name) => committed[name]);
  return { stack, lake: store.lake as DataLake, store };
}

/** A lake `acme` and a store with `props`, one group per spec. */
function storeWith(specs: FeatureGroupSpec[], props: Partial<FeatureStoreProps> = {}, storageType?: FeatureStoreOnlineStorageType, appProps?: AppProps): Built {
  return buildWithFingerprints((stack, fingerprint) => {
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme' });
    const store = new FeatureStore(stack, 'Features', { lake, ...props });
    for (const spec of specs) {
      store.addFeatureGroup({ spec, replacementFingerprint: fingerprint(spec.name), onlineStorageType: storageType });
    }
    return store;
  }, appProps);
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** The feature group resources of the template, by logical id. */
function featureGroups(stack: Stack) {
  return Template.fromStack(stack).findResources('AWS::SageMaker::FeatureGroup');
}

describe('FeatureStore with one group of default options', () => {
  const { stack, lake, store } = storeWith([customerOrders]);
  const template = Template.fromStack(stack);
  const [group] = store.featureGroups;
  const groupId = stack.getLogicalId(group.featureGroup);
  const properties = template.toJSON().Resources[groupId].Properties;
  const onlineKey = store.onlineStoreEncryptionKey!;
  const offlineRole = store.offlineStoreRole!;

  test('the feature group has a stable logical id, derived from the spec name (it is in the stateful manifest)', () => {
    expect(groupId).toBe('FeaturesGroupcustomerorders7A29961E');
    expect(group.featureGroup.node.path).toBe('TestStack/Features/Group-customer_orders/Resource');
  });

  test('names, record identifier and event time come from the spec; descriptions from the schema', () => {
    expect(properties).toMatchObject({
      FeatureGroupName: 'customer_orders',
      RecordIdentifierFeatureName: 'customer_id',
      EventTimeFeatureName: 'ordered_at',
      Description: 'One row per order.',
    });
  });

  test('feature definitions: record identifier, event time, then one per value field, typed by the core table', () => {
    expect(properties.FeatureDefinitions).toEqual([
      { FeatureName: 'customer_id', FeatureType: 'String' },
      { FeatureName: 'ordered_at', FeatureType: 'String' },
      { FeatureName: 'order_id', FeatureType: 'String' },
      { FeatureName: 'amount', FeatureType: 'Fractional' },
      { FeatureName: 'item_count', FeatureType: 'Integral' },
      { FeatureName: 'items_total', FeatureType: 'Integral' },
      { FeatureName: 'score', FeatureType: 'Fractional' },
      { FeatureName: 'weight', FeatureType: 'Fractional' },
      { FeatureName: 'gift', FeatureType: 'Integral' },
      { FeatureName: 'ship_date', FeatureType: 'String' },
      { FeatureName: 'payload', FeatureType: 'String' },
    ]);
  });

  test('the online store is on, Standard tier, encrypted with the store key, records never expire', () => {
    expect(properties.OnlineStoreConfig).toEqual({
      EnableOnlineStore: true,
      StorageType: 'Standard',
      SecurityConfig: { KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, onlineKey), 'Arn'] } },
    });
  });

  test('the offline store is an Iceberg table of the curated zone, SSE-KMS with the lake key, written by the store role', () => {
    expect(properties.OfflineStoreConfig).toEqual({
      S3StorageConfig: {
        S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(stack, lake.zoneBucket('curated')) }, '/feature-store/customer_orders/']] },
        KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, lake.encryptionKey), 'Arn'] },
      },
      TableFormat: 'Iceberg',
      DisableGlueTableCreation: false,
      DataCatalogConfig: { Catalog: 'AwsDataCatalog', Database: 'acme_curated', TableName: 'fs_customer_orders' },
    });
    expect(properties.RoleArn).toEqual({ 'Fn::GetAtt': [logicalId(stack, offlineRole), 'Arn'] });
    expect(stack.resolve(group.offlineStoreS3Uri)).toEqual(properties.OfflineStoreConfig.S3StorageConfig.S3Uri);
    expect(group.offlineTableName).toBe('fs_customer_orders');
  });

  test('is retained, and created after the Glue database SageMaker creates its table in', () => {
    expect(template.toJSON().Resources[groupId]).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      DependsOn: [stack.getLogicalId(lake.glueDatabase('curated'))],
    });
  });

  test('the online store key rotates and is retained; it has a stable construct id', () => {
    expect(store.node.tryFindChild('OnlineStoreKey')).toBe(onlineKey);
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true, Description: 'Feature store TestStack/Features: online stores' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.resourceCountIs('AWS::KMS::Key', 2);
  });

  test('the offline store role is trusted by SageMaker only and has no inline policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } }],
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the offline store role may write its prefix and update its table, nothing more', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: logicalId(stack, offlineRole) }] } });
    expect(Object.keys(policies)).toHaveLength(1);
    const bucketArn = { 'Fn::GetAtt': [logicalId(stack, lake.zoneBucket('curated')), 'Arn'] };
    const glueArn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', partition, `:glue:eu-west-1:111111111111:${resource}`]] });
    expect(Object.values(policies)[0].Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: bucketArn },
      { Effect: 'Allow', Action: ['glue:GetTable', 'glue:UpdateTable'], Resource: [glueArn('catalog'), glueArn('database/acme_curated')] },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [logicalId(stack, lake.encryptionKey), 'Arn'] } },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl', 's3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/feature-store/customer_orders/*']] } },
      { Effect: 'Allow', Action: ['glue:GetTable', 'glue:UpdateTable'], Resource: glueArn('table/acme_curated/fs_customer_orders') },
    ]);
  });

  test('exposes the group: SageMaker name, ARN, resource', () => {
    expect(store.featureGroupNames).toEqual(['customer_orders']);
    expect(group.featureGroupName).toBe('customer_orders');
    expect(stack.resolve(group.featureGroupArn)).toEqual({ 'Fn::Join': ['', ['arn:', partition, ':sagemaker:eu-west-1:111111111111:feature-group/customer_orders']] });
    expect(stack.resolve(store.featureGroupArn('customer_orders'))).toEqual(stack.resolve(group.featureGroupArn));
    expect(store.offlineZone).toBe('curated');
  });
});

describe('FeatureStore options', () => {
  test('the spec TTL becomes the online store TtlDuration, in the spec unit', () => {
    const { stack } = storeWith([new FeatureGroupSpec({ name: 'customer_orders', schema: orders, onlineTtl: FeatureTtl.weeks(2) })]);
    const [properties] = Object.values(featureGroups(stack)).map((r) => r.Properties);
    expect(properties.OnlineStoreConfig).toMatchObject({ TtlDuration: { Unit: 'Weeks', Value: 2 } });
  });

  test('an online-only group on the InMemory tier has no offline store and needs no role', () => {
    const { stack, store } = storeWith([new FeatureGroupSpec({ name: 'live_sessions', schema: sessions, offline: false })], {}, FeatureStoreOnlineStorageType.IN_MEMORY);
    const [properties] = Object.values(featureGroups(stack)).map((r) => r.Properties);
    expect(properties.OnlineStoreConfig).toMatchObject({ EnableOnlineStore: true, StorageType: 'InMemory' });
    expect(properties.OfflineStoreConfig).toBeUndefined();
    expect(properties.RoleArn).toBeUndefined();
    expect(store.node.tryFindChild('OfflineStore')).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 0);
    expect(store.featureGroups[0].offlineStoreS3Uri).toBeUndefined();
  });

  test('an offline-only group has no online store, and the store creates no online key', () => {
    const { stack, store } = storeWith([new FeatureGroupSpec({ name: 'session_history', schema: sessions, online: false })]);
    const [properties] = Object.values(featureGroups(stack)).map((r) => r.Properties);
    expect(properties.OnlineStoreConfig).toBeUndefined();
    expect(properties.OfflineStoreConfig).toBeDefined();
    expect(store.onlineStoreEncryptionKey).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('a prefix names the groups <prefix>-<spec name>, their offline prefix and table', () => {
    const { stack, store } = storeWith([customerOrders], { prefix: 'prod' });
    const [properties] = Object.values(featureGroups(stack)).map((r) => r.Properties);
    expect(properties.FeatureGroupName).toBe('prod-customer_orders');
    expect(JSON.stringify(properties.OfflineStoreConfig)).toContain('/feature-store/prod-customer_orders/');
    expect(properties.OfflineStoreConfig).toMatchObject({ DataCatalogConfig: { TableName: 'fs_prod_customer_orders' } });
    expect(store.featureGroupNames).toEqual(['prod-customer_orders']);
  });

  test('offlineZone puts the offline stores in another zone of the lake', () => {
    const { stack, lake } = storeWith([customerOrders], { offlineZone: 'raw' });
    const [group] = Object.values(featureGroups(stack));
    expect(JSON.stringify(group.Properties.OfflineStoreConfig)).toContain(logicalId(stack, lake.zoneBucket('raw')));
    expect(group.Properties.OfflineStoreConfig).toMatchObject({ DataCatalogConfig: { Database: 'acme_raw' } });
    expect(group.DependsOn).toEqual([stack.getLogicalId(lake.glueDatabase('raw'))]);
  });

  test('an online-store key passed in is used, and the store creates none', () => {
    const { stack, store } = buildWithFingerprints((s, fingerprint) => {
      const key = new kms.Key(s, 'MyKey', { enableKeyRotation: true });
      const created = new FeatureStore(s, 'Features', { lake: new DataLake(s, 'Lake'), onlineStoreEncryptionKey: key });
      created.addFeatureGroup({ spec: customerOrders, replacementFingerprint: fingerprint('customer_orders') });
      return created;
    });
    const [properties] = Object.values(featureGroups(stack)).map((r) => r.Properties);
    expect(properties.OnlineStoreConfig).toMatchObject({ SecurityConfig: { KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, store.onlineStoreEncryptionKey!), 'Arn'] } } });
    expect(store.node.tryFindChild('OnlineStoreKey')).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Features', Match.stringLikeRegexp('keyRotationDisabled'));
  });

  test('an online-store key of the app without rotation gets a warning with a stable id', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    const key = new kms.Key(stack, 'MyKey');
    new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake'), onlineStoreEncryptionKey: key });
    Annotations.fromStack(stack).hasWarning('/TestStack/Features', Match.stringLikeRegexp('has key rotation off.*\\[ack: mlops-constructs:FeatureStore.keyRotationDisabled\\]'));
  });

  test('removalPolicy DESTROY, with the app opt-in, deletes the groups and the online key', () => {
    const { stack } = storeWith([customerOrders], { removalPolicy: RemovalPolicy.DESTROY }, undefined, { context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } });
    const [group] = Object.values(featureGroups(stack));
    expect(group).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    Template.fromStack(stack).hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ Description: Match.stringLikeRegexp('^Feature store') }), DeletionPolicy: 'Delete' });
  });

  test('groups given as props are created in order, each after the previous one', () => {
    const history = new FeatureGroupSpec({ name: 'session_history', schema: sessions, online: false });
    const { stack, store } = buildWithFingerprints((s, fingerprint) => new FeatureStore(s, 'Features', {
      lake: new DataLake(s, 'Lake'),
      featureGroups: [
        { spec: customerOrders, replacementFingerprint: fingerprint('customer_orders') },
        { spec: history, replacementFingerprint: fingerprint('session_history') },
      ],
    }));
    expect(store.featureGroupNames).toEqual(['customer_orders', 'session_history']);
    const [first, second] = store.featureGroups.map((g) => stack.getLogicalId(g.featureGroup));
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources[second].DependsOn).toContain(first);
    expect(resources[first].DependsOn ?? []).not.toContain(second);
  });

  test('with an imported lake, the offline store uses its bucket, database name and key', () => {
    const { stack } = buildWithFingerprints((s, fingerprint) => {
      const bucket = (name: string) => s3.Bucket.fromBucketName(s, `B-${name}`, `existing-${name}`);
      const key = kms.Key.fromKeyArn(s, 'LakeKey', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const lake = DataLake.fromDataLakeAttributes(s, 'Lake', {
        zoneBuckets: { raw: bucket('raw'), curated: bucket('curated'), artifacts: bucket('artifacts') },
        encryptionKey: key,
        glueDatabaseNames: { raw: 'old_raw', curated: 'old_curated', artifacts: 'old_artifacts' },
        athenaWorkGroupName: 'old',
      });
      const created = new FeatureStore(s, 'Features', { lake });
      created.addFeatureGroup({ spec: customerOrders, replacementFingerprint: fingerprint('customer_orders') });
      return created;
    });
    const [group] = Object.values(featureGroups(stack));
    expect(group.Properties.OfflineStoreConfig).toMatchObject({
      S3StorageConfig: { S3Uri: 's3://existing-curated/feature-store/customer_orders/', KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      DataCatalogConfig: { Database: 'old_curated' },
    });
    expect(group.DependsOn).toBeUndefined();
  });
});

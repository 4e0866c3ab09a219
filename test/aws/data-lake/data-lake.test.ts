import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnResource, RemovalPolicy, Size, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { defaultLakeLifecycle, PREFIX_RULE, StandardZone } from 'mlops-constructs';
import { DataLake } from 'mlops-constructs/aws';
import { countries, newDestroyableStack, newStack, orders } from '../fixtures';

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

function zoneBucketLogicalId(stack: Stack, lake: DataLake, zone: string): string {
  return logicalId(stack, lake.zoneBucket(zone));
}

describe('DataLake with no props', () => {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake');
  const template = Template.fromStack(stack);
  const keyArn = { 'Fn::GetAtt': [logicalId(stack, lake.encryptionKey), 'Arn'] };

  test('has the three standard zones, in order', () => {
    expect(lake.zoneNames).toEqual(['raw', 'curated', 'artifacts']);
  });

  test('creates one bucket per zone plus the access-logs bucket', () => {
    template.resourceCountIs('AWS::S3::Bucket', 4);
  });

  test('stateful resources have stable, simple construct ids', () => {
    expect(lake.node.tryFindChild('Key')).toBeInstanceOf(kms.Key);
    expect(lake.node.tryFindChild('AccessLogs')).toBeInstanceOf(s3.Bucket);
    for (const zone of lake.zoneNames) {
      expect(lake.node.tryFindChild(`Zone-${zone}`)?.node.tryFindChild('Bucket')).toBe(lake.zoneBucket(zone));
    }
  });

  test('encrypts every zone bucket with the lake key, with an S3 bucket key', () => {
    for (const zone of lake.zoneNames) {
      expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, zone)].Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
        }],
      });
    }
  });

  test('creates a key with rotation on, retained', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('blocks public access, enforces object ownership and versioning on every bucket', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
  });

  test('retains every bucket on delete and replace', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    for (const bucket of Object.values(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
    }
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('denies non-TLS requests and TLS below 1.2 on every bucket', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(4);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]));
    }
  });

  test('logs every zone bucket to the access-logs bucket under <zone>/', () => {
    const logs = logicalId(stack, lake.accessLogsBucket);
    for (const zone of lake.zoneNames) {
      expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, zone)].Properties.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: logs },
        LogFilePrefix: `${zone}/`,
      });
    }
  });

  test('the access-logs bucket uses SSE-S3 and lets S3 log delivery write each zone prefix from its zone bucket only', () => {
    const logs = logicalId(stack, lake.accessLogsBucket);
    expect(template.toJSON().Resources[logs].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(template.toJSON().Resources[logs].Properties.LoggingConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logs },
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logs, 'Arn'] }, '/raw/*']] },
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [zoneBucketLogicalId(stack, lake, 'raw'), 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': '111111111111' },
          },
        }]),
      },
    });
  });

  test('the access-logs bucket expires logs after two years', () => {
    const logs = logicalId(stack, lake.accessLogsBucket);
    expect(template.toJSON().Resources[logs].Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({
      ExpirationInDays: 730,
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }, { StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    })]);
  });

  test('maps the raw zone lifecycle: IA, Glacier IR, noncurrent expiry with newer versions, abort multipart', () => {
    const raw = defaultLakeLifecycle('raw');
    expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, 'raw')].Properties.LifecycleConfiguration).toEqual({
      Rules: [{
        Id: 'lake-lifecycle',
        Status: 'Enabled',
        Transitions: [
          { StorageClass: 'STANDARD_IA', TransitionInDays: raw.infrequentAccessAfterDays },
          { StorageClass: 'GLACIER_IR', TransitionInDays: raw.archiveAfterDays },
        ],
        NoncurrentVersionExpiration: { NoncurrentDays: raw.noncurrentVersionExpirationDays, NewerNoncurrentVersions: raw.noncurrentVersionsToRetain },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: raw.abortIncompleteUploadsAfterDays },
      }],
    });
  });

  test('creates one Glue database per zone, named <prefix_snake>_<zone>', () => {
    template.resourceCountIs('AWS::Glue::Database', 3);
    for (const zone of lake.zoneNames) {
      expect(lake.glueDatabaseName(zone)).toBe(`${lake.prefix.replace(/-/g, '_')}_${zone}`);
      template.hasResourceProperties('AWS::Glue::Database', {
        CatalogId: '111111111111',
        DatabaseInput: Match.objectLike({ Name: lake.glueDatabaseName(zone) }),
      });
    }
  });

  test('creates the Athena workgroup: engine 3, enforced, metrics, 100 GiB cutoff, KMS-encrypted results in artifacts', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: lake.athenaWorkGroupName,
      State: 'ENABLED',
      RecursiveDeleteOption: false,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        RequesterPaysEnabled: false,
        BytesScannedCutoffPerQuery: 100 * 1024 ** 3,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: zoneBucketLogicalId(stack, lake, 'artifacts') }, '/athena-results/']] },
          ExpectedBucketOwner: '111111111111',
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: keyArn },
        },
      },
    });
  });

  test('adds no warning or error annotation', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('derives a prefix that follows the prefix rule and names the workgroup', () => {
    expect(lake.prefix).toMatch(PREFIX_RULE.pattern);
    expect(lake.prefix).toMatch(/^teststack-lake-[0-9a-f]{8}$/);
    expect(lake.athenaWorkGroupName).toBe(lake.prefix);
  });
});

describe('DataLake default prefix', () => {
  test('is stable across synths and differs between lakes of one account', () => {
    const a = new DataLake(newStack(), 'Lake');
    const again = new DataLake(newStack(), 'Lake');
    const stack = newStack();
    const b = new DataLake(stack, 'Lake');
    const c = new DataLake(stack, 'OtherLake');
    const otherStack = new DataLake(new Stack(stack.node.scope as any, 'Other'), 'Lake');
    expect(a.prefix).toBe(again.prefix);
    expect(new Set([b.prefix, c.prefix, otherStack.prefix]).size).toBe(3);
  });

  test('stays within 30 characters for long paths', () => {
    const lake = new DataLake(newStack(), 'AVeryLongConstructIdForTheLakeOfTheAnalyticsTeam');
    expect(lake.prefix.length).toBeLessThanOrEqual(30);
    expect(lake.prefix).toMatch(PREFIX_RULE.pattern);
  });

  test('avoids "goog", which the shared prefix rule forbids', () => {
    const lake = new DataLake(newStack(), 'Google');
    expect(lake.prefix).not.toContain('goog');
    expect(lake.prefix).toMatch(PREFIX_RULE.pattern);
  });
});

describe('DataLake with props', () => {
  test('given a prefix, when created, then databases and workgroup use it', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', zones: [{ name: 'feature-store' }] });
    expect(lake.glueDatabaseName('raw')).toBe('acme_ml_raw');
    expect(lake.glueDatabaseName('feature-store')).toBe('acme_ml_feature_store');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: 'acme_ml_feature_store' }) });
    template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'acme-ml' });
  });

  test('given an extra zone, then it gets a bucket, a database and the default lifecycle of other zones', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { zones: [{ name: 'sandbox' }] });
    expect(lake.zoneNames).toEqual(['raw', 'curated', 'artifacts', 'sandbox']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 5);
    template.resourceCountIs('AWS::Glue::Database', 4);
    expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, 'sandbox')].Properties.LoggingConfiguration.LogFilePrefix).toBe('sandbox/');
    expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, 'sandbox')].Properties.LifecycleConfiguration.Rules[0]).toEqual(expect.objectContaining({
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 30, NewerNoncurrentVersions: 3 },
    }));
  });

  test('given a lifecycle with expiry and no abort days, then it maps expiration and aborts multipart after 7 days', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { zones: [{ name: StandardZone.RAW, lifecycle: { infrequentAccessAfterDays: 30, expireAfterDays: 400 } }] });
    expect(Template.fromStack(stack).toJSON().Resources[zoneBucketLogicalId(stack, lake, 'raw')].Properties.LifecycleConfiguration.Rules).toEqual([{
      Id: 'lake-lifecycle',
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
      ExpirationInDays: 400,
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    }]);
  });

  test('given a bytes-scanned cutoff, then the workgroup uses it', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { athenaBytesScannedCutoffPerQuery: Size.gibibytes(1) });
    Template.fromStack(stack).hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 1024 ** 3 }),
    });
  });

  test('given a token prefix, then it is not validated and flows into the names', () => {
    const stack = newStack();
    const prefix = Token.asString({ Ref: 'LakePrefix' });
    const lake = new DataLake(stack, 'Lake', { prefix });
    expect(stack.resolve(lake.athenaWorkGroupName)).toEqual({ Ref: 'LakePrefix' });
    Template.fromStack(stack).hasResourceProperties('AWS::Athena::WorkGroup', { Name: { Ref: 'LakePrefix' } });
  });

  test('given an existing key, then no key is created and the buckets use it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const lake = new DataLake(stack, 'Lake', { encryptionKey: key });
    expect(lake.encryptionKey).toBe(key);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, 'raw')].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID)
      .toEqual({ 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('keyRotationDisabled'));
  });

  test('given a key of the app without rotation, then a warning with a stable id names it', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { encryptionKey: new kms.Key(stack, 'WeakKey') });
    Annotations.fromStack(stack).hasWarning('/TestStack/Lake', Match.stringLikeRegexp('encryptionKey TestStack/WeakKey has key rotation off.*mlops-constructs:DataLake.keyRotationDisabled'));
  });

  test('given an imported key, then no warning (its rotation is not visible)', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab') });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('keyRotationDisabled'))).toHaveLength(0);
  });

  test('given an access-logs bucket, then no log bucket is created and zones log to it', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });
    const lake = new DataLake(stack, 'Lake', { accessLogsBucket: logs });
    expect(lake.accessLogsBucket).toBe(logs);
    expect(lake.node.tryFindChild('AccessLogs')).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 4);
    expect(template.toJSON().Resources[zoneBucketLogicalId(stack, lake, 'raw')].Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(stack, logs) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('accessLogsBucketWeakened'))).toHaveLength(0);
  });

  test('given a weaker access-logs bucket of the app, then a warning with a stable id says what is weaker', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { accessLogsBucket: new s3.Bucket(stack, 'Logs', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY }) });
    Annotations.fromStack(stack).hasWarning('/TestStack/Lake', Match.stringLikeRegexp('versioning is off, public access is not fully blocked.*mlops-constructs:DataLake.accessLogsBucketWeakened'));
  });

  test('given an SSE-KMS access-logs bucket of the app, then a warning says logs would not arrive', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.KMS });
    new DataLake(stack, 'Lake', { accessLogsBucket: logs });
    Annotations.fromStack(stack).hasWarning('/TestStack/Lake', Match.stringLikeRegexp('SSE-KMS default encryption, which S3 server access log delivery does not support'));
  });

  test('given DESTROY and the app opt-in, then buckets and key are destroyed and buckets emptied', () => {
    const stack = newDestroyableStack();
    new DataLake(stack, 'Lake', { removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe('Delete');
    }
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 4);
  });

  test('given an app whose feature flag says "ACLs for log delivery", then log delivery is still granted by bucket policy', () => {
    const stack = newStack({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': false } });
    const lake = new DataLake(stack, 'Lake');
    const template = Template.fromStack(stack);
    const logs = logicalId(stack, lake.accessLogsBucket);
    expect(template.toJSON().Resources[logs].Properties.AccessControl).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logs },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) },
    });
  });

  test('given RETAIN_ON_UPDATE_OR_DELETE, then buckets use it without the opt-in', () => {
    const stack = newStack();
    new DataLake(stack, 'Lake', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    for (const bucket of Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe('RetainExceptOnCreate');
    }
  });
});

describe('DataLake tables', () => {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', tables: [{ zone: 'raw', schema: orders }] });
  const reference = lake.addTable('curated', countries);
  const template = Template.fromStack(stack);
  const rawBucket = { Ref: zoneBucketLogicalId(stack, lake, 'raw') };
  const ordersTable = () => Object.values(template.findResources('AWS::Glue::Table', { Properties: { TableInput: { Name: 'orders' } } }))[0];

  test('creates a Parquet external table from the schema, in the zone database', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      CatalogId: '111111111111',
      DatabaseName: 'acme_ml_raw',
      TableInput: Match.objectLike({
        Name: 'orders',
        Description: 'One row per order.',
        TableType: 'EXTERNAL_TABLE',
        Parameters: Match.objectLike({ 'EXTERNAL': 'TRUE', 'classification': 'parquet', 'parquet.compression': 'SNAPPY' }),
        StorageDescriptor: Match.objectLike({
          Location: { 'Fn::Join': ['', ['s3://', rawBucket, '/orders/']] },
          InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          SerdeInfo: {
            SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
            Parameters: { 'serialization.format': '1' },
          },
        }),
      }),
    });
  });

  test('maps every field type to its Glue type, with descriptions as comments', () => {
    expect(ordersTable().Properties.TableInput.StorageDescriptor.Columns).toEqual([
      { Name: 'order_id', Type: 'string', Comment: 'Order number.' },
      { Name: 'customer_id', Type: 'string' },
      { Name: 'amount', Type: 'decimal(12,2)', Comment: 'Order total.' },
      { Name: 'item_count', Type: 'int' },
      { Name: 'items_total', Type: 'bigint' },
      { Name: 'score', Type: 'float' },
      { Name: 'weight', Type: 'double' },
      { Name: 'gift', Type: 'boolean' },
      { Name: 'ship_date', Type: 'date' },
      { Name: 'payload', Type: 'binary' },
      { Name: 'ordered_at', Type: 'timestamp' },
    ]);
  });

  test('partitions by event_date with Athena partition projection', () => {
    const input = ordersTable().Properties.TableInput;
    expect(input.PartitionKeys).toEqual([{ Name: 'event_date', Type: 'date', Comment: expect.stringContaining('ordered_at') }]);
    expect(input.Parameters).toEqual(expect.objectContaining({
      'projection.enabled': 'true',
      'projection.event_date.type': 'date',
      'projection.event_date.format': 'yyyy-MM-dd',
      'projection.event_date.range': '2020-01-01,NOW',
      'projection.event_date.interval': '1',
      'projection.event_date.interval.unit': 'DAYS',
      'storage.location.template': { 'Fn::Join': ['', ['s3://', rawBucket, '/orders/event_date=${event_date}/']] },
    }));
  });

  test('a schema without event time gives an unpartitioned table without projection', () => {
    const table = Object.values(template.findResources('AWS::Glue::Table', { Properties: { TableInput: { Name: 'countries' } } }))[0];
    expect(table.Properties.DatabaseName).toBe('acme_ml_curated');
    expect(table.Properties.TableInput.PartitionKeys).toBeUndefined();
    expect(Object.keys(table.Properties.TableInput.Parameters).filter((k) => k.startsWith('projection') || k.startsWith('storage'))).toEqual([]);
  });

  test('the table depends on its database', () => {
    const database = lake.node.findChild('Zone-raw').node.findChild('Database') as CfnResource;
    expect(ordersTable().DependsOn).toEqual([stack.getLogicalId(database)]);
  });

  test('addTable returns the table names, location and resource', () => {
    expect(reference.databaseName).toBe('acme_ml_curated');
    expect(reference.tableName).toBe('countries');
    expect(reference.zone).toBe('curated');
    expect(stack.resolve(reference.location)).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: zoneBucketLogicalId(stack, lake, 'curated') }, '/countries/']] });
    expect(reference.table.node.path).toBe('TestStack/Lake/Zone-curated/Table-countries');
  });

  test('tables lists what the lake created, in order, each with its schema; tryFindTable finds one by zone and name', () => {
    expect(lake.tables.map((t) => [t.zone, t.tableName])).toEqual([['raw', 'orders'], ['curated', 'countries']]);
    expect(lake.tables[1]).toBe(reference);
    expect(reference.schema).toBe(countries);
    expect(lake.tryFindTable('curated', 'countries')).toBe(reference);
    expect(lake.tryFindTable('raw', 'countries')).toBeUndefined();
  });

  test('the same table name may exist in two zones', () => {
    const other = new DataLake(newStack(), 'Lake', { tables: [{ zone: 'raw', schema: orders }] });
    expect(other.addTable('curated', orders).databaseName).toBe(other.glueDatabaseName('curated'));
  });
});

import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnResource, Duration, PhysicalName, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MlopsValidationError } from 'mlops-constructs';
import { DataLake, IDataLake } from 'mlops-constructs/aws';
import { newStack } from '../fixtures';

const partition = { Ref: 'AWS::Partition' };

/** The statements of the lake's managed policy attached to `role` (there is no inline policy). */
function statementsOf(stack: Stack, role: iam.Role): unknown[] {
  const template = Template.fromStack(stack);
  const roleRef = { Ref: stack.getLogicalId(role.node.defaultChild as CfnResource) };
  expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [roleRef] } })).toEqual({});
  const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [roleRef] } });
  expect(Object.keys(policies)).toHaveLength(1);
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

function arnOf(stack: Stack, construct: { node: { defaultChild?: unknown } }) {
  return { 'Fn::GetAtt': [stack.getLogicalId(construct.node.defaultChild as CfnResource), 'Arn'] };
}

function objectsOf(stack: Stack, construct: { node: { defaultChild?: unknown } }, suffix = '/*') {
  return { 'Fn::Join': ['', [arnOf(stack, construct), suffix]] };
}

function newRole(stack: Stack, id = 'Analyst'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
}

describe('DataLake grants', () => {
  test('grantRead lists and reads one zone and decrypts with the lake key, nothing more', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const role = newRole(stack);
    const grant = lake.grantRead('raw', role);
    expect(grant.success).toBe(true);
    const raw = lake.zoneBucket('raw');
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: arnOf(stack, raw) },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: objectsOf(stack, raw) },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: arnOf(stack, lake.encryptionKey) },
    ]);
  });

  test('grantWrite writes one zone (multipart included) and generates data keys with the lake key', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const role = newRole(stack);
    lake.grantWrite('curated', role);
    const curated = lake.zoneBucket('curated');
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucketMultipartUploads', 's3:GetBucketLocation'], Resource: arnOf(stack, curated) },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: objectsOf(stack, curated) },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: arnOf(stack, lake.encryptionKey) },
    ]);
  });

  test('grantQuery: the workgroup, the lake catalog, reads of every zone, writes of the results prefix, the key', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', zones: [{ name: 'sandbox' }] });
    const role = newRole(stack);
    lake.grantQuery(role);
    const glueArn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', partition, `:glue:eu-west-1:111111111111:${resource}`]] });
    const zones = lake.zoneNames.map((z) => lake.zoneBucket(z));
    const artifacts = lake.zoneBucket('artifacts');
    expect(statementsOf(stack, role)).toEqual([
      {
        Effect: 'Allow',
        Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
        Resource: { 'Fn::Join': ['', ['arn:', partition, ':athena:eu-west-1:111111111111:workgroup/acme-ml']] },
      },
      {
        Effect: 'Allow',
        Action: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        Resource: [
          glueArn('catalog'),
          ...['raw', 'curated', 'artifacts', 'sandbox'].map((z) => glueArn(`database/acme_ml_${z}`)),
          ...['raw', 'curated', 'artifacts', 'sandbox'].map((z) => glueArn(`table/acme_ml_${z}/*`)),
        ],
      },
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: zones.map((b) => arnOf(stack, b)) },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: zones.map((b) => objectsOf(stack, b)) },
      { Effect: 'Allow', Action: ['s3:ListBucketMultipartUploads', 's3:GetBucketLocation'], Resource: arnOf(stack, artifacts) },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: objectsOf(stack, artifacts, '/athena-results/*') },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: arnOf(stack, lake.encryptionKey) },
    ]);
  });

  test('all grants of one lake to one role share one customer managed policy, without wildcard actions or AWS managed policies', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const role = newRole(stack);
    lake.grantRead('raw', role);
    lake.grantWrite('raw', role);
    lake.grantQuery(role);
    const actions = statementsOf(stack, role).flatMap((s) => [(s as { Action: string | string[] }).Action].flat());
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    expect(template.toJSON().Resources[stack.getLogicalId(role.node.defaultChild as CfnResource)].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('two lakes granting to one role get one policy each', () => {
    const stack = newStack();
    const role = newRole(stack);
    new DataLake(stack, 'Lake').grantRead('raw', role);
    new DataLake(stack, 'OtherLake').grantRead('raw', role);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 2);
  });

  test('grants to a user and a group use managed policies too', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    lake.grantRead('raw', new iam.User(stack, 'Analyst'));
    lake.grantRead('raw', new iam.Group(stack, 'Analysts'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Users: [{ Ref: Match.stringLikeRegexp('^Analyst') }] });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Groups: [{ Ref: Match.stringLikeRegexp('^Analysts') }] });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a role of another account gets aws-cdk\'s usual grant (its default policy)', () => {
    const stack = newStack();
    const lake = DataLake.fromDataLakeAttributes(stack, 'Lake', {
      zoneBuckets: Object.fromEntries(['raw', 'curated', 'artifacts'].map((z) => [z, s3.Bucket.fromBucketName(stack, z, `acme-${z}`)])),
    });
    const other = new Stack(stack.node.scope as Stack, 'Other', { env: { account: '222222222222', region: 'eu-west-1' } });
    const role = new iam.Role(other, 'Remote', { assumedBy: new iam.AccountRootPrincipal(), roleName: PhysicalName.GENERATE_IF_NEEDED });
    lake.grantRead('raw', role);
    Template.fromStack(other).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    Template.fromStack(other).resourceCountIs('AWS::IAM::Policy', 1);
  });


  test('a grant on an unknown zone names the zones of the lake', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { zones: [{ name: 'sandbox' }] });
    const role = newRole(stack);
    expect(() => lake.grantRead('gold', role)).toThrow(/\[TestStack\/Lake\] invalid grantRead\(zone\): "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts, sandbox\./);
    expect(() => lake.grantWrite('gold', role)).toThrow(/invalid grantWrite\(zone\): "gold"/);
    expect(() => lake.zoneBucket('gold')).toThrow(MlopsValidationError);
  });
});

describe('DataLake.fromDataLakeAttributes', () => {
  function importLake(stack: Stack, extra: Partial<Parameters<typeof DataLake.fromDataLakeAttributes>[2]> = {}): IDataLake {
    return DataLake.fromDataLakeAttributes(stack, 'Imported', {
      zoneBuckets: {
        raw: s3.Bucket.fromBucketName(stack, 'Raw', 'acme-raw'),
        curated: s3.Bucket.fromBucketName(stack, 'Curated', 'acme-curated'),
        artifacts: s3.Bucket.fromBucketName(stack, 'Artifacts', 'acme-artifacts'),
      },
      ...extra,
    });
  }
  const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const bucketArn = (name: string, suffix = '') => ({ 'Fn::Join': ['', ['arn:', partition, `:s3:::${name}${suffix}`]] });

  test('given buckets and a key, grantRead covers the bucket and the key', () => {
    const stack = newStack();
    const lake = importLake(stack, { encryptionKey: kms.Key.fromKeyArn(stack, 'Key', keyArn) });
    const role = newRole(stack);
    lake.grantRead('raw', role);
    expect(lake.zoneNames).toEqual(['raw', 'curated', 'artifacts']);
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: bucketArn('acme-raw') },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: bucketArn('acme-raw', '/*') },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn },
    ]);
  });

  test('given no key, grants cover the buckets only', () => {
    const stack = newStack();
    const role = newRole(stack);
    importLake(stack).grantWrite('raw', role);
    expect(JSON.stringify(statementsOf(stack, role))).not.toContain('kms:');
  });

  test('given databases and a workgroup, grantQuery and the Athena metric use them', () => {
    const stack = newStack();
    const lake = importLake(stack, {
      glueDatabaseNames: { raw: 'acme_raw', curated: 'acme_curated', artifacts: 'acme_artifacts' },
      athenaWorkGroupName: 'acme-wg',
    });
    const role = newRole(stack);
    lake.grantQuery(role);
    expect(lake.glueDatabaseName('curated')).toBe('acme_curated');
    const statements = statementsOf(stack, role);
    expect(statements).toContainEqual(expect.objectContaining({
      Resource: { 'Fn::Join': ['', ['arn:', partition, ':athena:eu-west-1:111111111111:workgroup/acme-wg']] },
    }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['glue:GetTable']) }));
    expect(lake.metricAthenaProcessedBytes().dimensions).toEqual({ WorkGroup: 'acme-wg' });
  });

  test('without a workgroup or databases, the methods that need them say what is missing', () => {
    const stack = newStack();
    const lake = importLake(stack);
    const role = newRole(stack);
    expect(() => lake.grantQuery(role)).toThrow(/\[TestStack\/Imported\] invalid athenaWorkGroupName: undefined\. Allowed: the lake's Athena workgroup name, given to fromDataLakeAttributes; grantQuery\(\) needs it\./);
    expect(() => lake.metricAthenaProcessedBytes()).toThrow(/invalid athenaWorkGroupName: undefined.*metricAthenaProcessedBytes\(\) needs it/);
    expect(() => lake.glueDatabaseName('raw')).toThrow(/invalid glueDatabaseNames: undefined.*glueDatabaseName\(\) needs them/);
  });

  test('an imported lake has no tables of its own to list or find', () => {
    const lake = importLake(newStack());
    expect(lake.tables).toEqual([]);
    expect(lake.tryFindTable('raw', 'orders')).toBeUndefined();
  });

  test('a missing standard zone bucket is an error naming the zones every lake has', () => {
    const stack = newStack();
    expect(() => DataLake.fromDataLakeAttributes(stack, 'Imported', { zoneBuckets: { raw: s3.Bucket.fromBucketName(stack, 'Raw', 'acme-raw') } }))
      .toThrow(/\[TestStack\/Imported\] invalid zoneBuckets\.curated: undefined\. Allowed: a bucket for each standard zone \(raw, curated, artifacts\)/);
  });

  test('bad database and workgroup names are errors', () => {
    const stack = newStack();
    expect(() => importLake(stack, { glueDatabaseNames: { raw: 'Acme-Raw', curated: 'c', artifacts: 'a' } }))
      .toThrow(/invalid glueDatabaseNames\.raw: "Acme-Raw"\. Allowed: 1 to 255 characters of lowercase letters, digits and underscores/);
    expect(() => importLake(newStack(), { athenaWorkGroupName: 'bad name!' }))
      .toThrow(/invalid athenaWorkGroupName: "bad name!"\. Allowed: 1 to 128 characters/);
  });
});

describe('DataLake metrics', () => {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
  const rawName = { Ref: stack.getLogicalId(lake.zoneBucket('raw').node.defaultChild as CfnResource) };

  test('metricBucketSizeBytes: daily average of standard storage bytes of the zone bucket', () => {
    const metric = lake.metricBucketSizeBytes('raw');
    expect(metric.namespace).toBe('AWS/S3');
    expect(metric.metricName).toBe('BucketSizeBytes');
    expect(stack.resolve(metric.dimensions)).toEqual({ BucketName: rawName, StorageType: 'StandardStorage' });
    expect(metric.period.toDays()).toBe(1);
    expect(metric.statistic).toBe('Average');
  });

  test('metricNumberOfObjects: daily average over all storage types', () => {
    const metric = lake.metricNumberOfObjects('raw');
    expect(metric.metricName).toBe('NumberOfObjects');
    expect(stack.resolve(metric.dimensions)).toEqual({ BucketName: rawName, StorageType: 'AllStorageTypes' });
  });

  test('metricAthenaProcessedBytes: sum of bytes scanned in the workgroup, options override', () => {
    const metric = lake.metricAthenaProcessedBytes({ period: Duration.hours(1) });
    expect(metric.namespace).toBe('AWS/Athena');
    expect(metric.metricName).toBe('ProcessedBytes');
    expect(metric.dimensions).toEqual({ WorkGroup: 'acme-ml' });
    expect(metric.statistic).toBe('Sum');
    expect(metric.period.toHours()).toBe(1);
  });

  test('a metric of an unknown zone is an error', () => {
    expect(() => lake.metricBucketSizeBytes('gold')).toThrow(/invalid metricBucketSizeBytes\(zone\): "gold"\. Allowed: one of the lake's zones/);
  });

  test('metrics become alarms', () => {
    expect(() => lake.metricBucketSizeBytes('raw').createAlarm(stack, 'RawTooBig', { threshold: 1e12, evaluationPeriods: 1 })).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({ MetricName: 'BucketSizeBytes', Namespace: 'AWS/S3' }));
  });
});

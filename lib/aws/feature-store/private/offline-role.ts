/**
 * The role SageMaker Feature Store assumes to write the offline stores of a feature store into its
 * lake zone, and its one customer managed policy.
 *
 * What the role may do mirrors the AWS managed policy `AmazonSageMakerFeatureStoreAccess` (S3 object
 * writes with an ACL and reads of the Iceberg metadata, bucket ACL reads, Glue `GetTable` and
 * `UpdateTable`), narrowed from "every bucket whose name contains sagemaker" and the
 * `sagemaker_featurestore` database to the zone bucket, one key prefix per group, the zone's
 * database and one table per group; plus the key, which the managed policy leaves to the key
 * policy.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam-awsmanpol-feature-store.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3StorageConfig.html (the role needs kms:GenerateDataKey)
 */
import { Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from '../../private/nag';

/** Object actions of the offline store: Parquet data and Iceberg metadata writes (with the bucket-owner ACL), and metadata reads. */
export const OFFLINE_STORE_OBJECT_ACTIONS = ['s3:PutObject', 's3:PutObjectAcl', 's3:GetObject'];
/** Bucket actions of the offline store. */
export const OFFLINE_STORE_BUCKET_ACTIONS = ['s3:GetBucketAcl'];
/**
 * Key actions of the offline store: a data key per object written (the documented requirement),
 * and decrypt, without which an SSE-KMS object (the Iceberg metadata it reads back) cannot be read.
 */
export const OFFLINE_STORE_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
/** Glue actions of the offline store on its table. */
export const OFFLINE_STORE_GLUE_ACTIONS = ['glue:GetTable', 'glue:UpdateTable'];

/** Why the object wildcards of the offline store's policy are acknowledged. */
const OFFLINE_STORE_WILDCARD_REASON = 'SageMaker Feature Store writes each offline store as Parquet data and Iceberg metadata objects '
  + 'whose keys it generates under the group\'s S3Uri (<account>/sagemaker/<region>/offline-store/<group>-<timestamp>/...), '
  + 'so the object ARN ends in "/*"; it is one key prefix per feature group in one bucket, and actions, bucket, key, database and tables are explicit.';

/** Where the offline stores of a feature store live: one zone of its lake. */
export interface OfflineStoreZone {
  /** The zone bucket. */
  readonly bucket: s3.IBucket;
  /** The key the zone's objects are encrypted with, if the lake has one. */
  readonly encryptionKey?: kms.IKey;
  /** Glue database of the zone. */
  readonly databaseName: string;
}

/**
 * The offline stores' role: trusted by SageMaker only, with one managed policy (no inline policy)
 * that grows by one key prefix and one table per group.
 */
export class FeatureStoreOfflineRole extends Construct {
  /** The role Feature Store assumes. */
  public readonly role: iam.Role;
  private readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, private readonly zone: OfflineStoreZone) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `SageMaker Feature Store writes the offline stores of ${scope.node.path}`,
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Offline stores of ${scope.node.path}: their key prefixes and tables`,
      roles: [this.role],
    });
    const stack = Stack.of(this);
    this.policy.addStatements(
      new iam.PolicyStatement({ actions: OFFLINE_STORE_BUCKET_ACTIONS, resources: [zone.bucket.bucketArn] }),
      new iam.PolicyStatement({
        actions: OFFLINE_STORE_GLUE_ACTIONS,
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: zone.databaseName }),
        ],
      }),
    );
    if (zone.encryptionKey !== undefined) {
      this.policy.addStatements(new iam.PolicyStatement({ actions: OFFLINE_STORE_KEY_ACTIONS, resources: [zone.encryptionKey.keyArn] }));
    }
    acknowledgeWildcardResources(this.policy, () => OFFLINE_STORE_WILDCARD_REASON);
  }

  /**
   * Lets the role write and read one group's offline store.
   * @param keyPrefix the group's key prefix in the zone bucket, ending with `/`
   * @param tableName the Glue table Feature Store creates for the group
   */
  public allowFeatureGroup(keyPrefix: string, tableName: string): void {
    this.policy.addStatements(
      new iam.PolicyStatement({ actions: OFFLINE_STORE_OBJECT_ACTIONS, resources: [this.zone.bucket.arnForObjects(`${keyPrefix}*`)] }),
      new iam.PolicyStatement({
        actions: OFFLINE_STORE_GLUE_ACTIONS,
        resources: [Stack.of(this).formatArn({ service: 'glue', resource: 'table', resourceName: `${this.zone.databaseName}/${tableName}` })],
      }),
    );
  }
}

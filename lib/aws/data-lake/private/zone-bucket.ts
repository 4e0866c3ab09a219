/**
 * The lake's buckets: a zone bucket and the access-logs bucket, as the hardened S3 defaults
 * (`./s3.ts`) with the per-lake inputs merged over them, and the warning a user gets
 * for an access-logs bucket weaker than the default.
 */
import { Annotations, RemovalPolicy } from 'aws-cdk-lib/core';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { LakeLifecycle } from '../../../core';
import { ACCESS_LOGS_BUCKET_DEFAULTS, bucketRemovalProps, DATA_BUCKET_DEFAULTS, lifecycleRules } from '../../private/s3';

/**
 * Lifecycle of the access logs: read during investigations of recent events, kept two years for
 * audits, then deleted.
 */
export const ACCESS_LOGS_LIFECYCLE: LakeLifecycle = {
  infrequentAccessAfterDays: 30,
  archiveAfterDays: 90,
  expireAfterDays: 730,
  noncurrentVersionExpirationDays: 30,
  abortIncompleteUploadsAfterDays: 1,
};

/** Prefix under the access-logs bucket for one zone's logs. */
export function accessLogsPrefix(zone: string): string {
  return `${zone}/`;
}

/** Inputs of one zone bucket that vary per lake. */
export interface ZoneBucketInputs {
  readonly zone: string;
  readonly encryptionKey: kms.IKey;
  readonly accessLogsBucket: s3.IBucket;
  readonly lifecycle: LakeLifecycle;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The props of a zone bucket: the hardened defaults, then the per-lake inputs. The inputs cannot
 * weaken a default (none of them is a security setting), so nothing needs flagging here.
 */
export function zoneBucketProps(inputs: ZoneBucketInputs): s3.BucketProps {
  return {
    ...DATA_BUCKET_DEFAULTS,
    encryptionKey: inputs.encryptionKey,
    serverAccessLogsBucket: inputs.accessLogsBucket,
    serverAccessLogsPrefix: accessLogsPrefix(inputs.zone),
    lifecycleRules: lifecycleRules(inputs.lifecycle),
    ...bucketRemovalProps(inputs.removalPolicy),
  };
}

/** The props of the access-logs bucket the lake creates when none is given. */
export function accessLogsBucketProps(removalPolicy: RemovalPolicy): s3.BucketProps {
  return {
    ...ACCESS_LOGS_BUCKET_DEFAULTS,
    lifecycleRules: lifecycleRules(ACCESS_LOGS_LIFECYCLE),
    ...bucketRemovalProps(removalPolicy),
  };
}

/**
 * Warns (with `warningId`) when an access-logs bucket passed in is a bucket of this app without
 * versioning or a full public access block, or with SSE-KMS default encryption. An imported
 * bucket is not inspectable, and gets no warning.
 */
export function flagWeakenedAccessLogsBucket(scope: IConstruct, bucket: s3.IBucket, warningId: string): void {
  const cfn = bucket.node.defaultChild;
  if (!(cfn instanceof s3.CfnBucket)) {
    return;
  }
  const weakened: string[] = [];
  const versioning = cfn.versioningConfiguration as s3.CfnBucket.VersioningConfigurationProperty | undefined;
  if (versioning?.status !== 'Enabled') {
    weakened.push('versioning is off');
  }
  const block = cfn.publicAccessBlockConfiguration as s3.CfnBucket.PublicAccessBlockConfigurationProperty | undefined;
  if (!block || block.blockPublicAcls !== true || block.blockPublicPolicy !== true || block.ignorePublicAcls !== true || block.restrictPublicBuckets !== true) {
    weakened.push('public access is not fully blocked');
  }
  const encryption = cfn.bucketEncryption as s3.CfnBucket.BucketEncryptionProperty | undefined;
  const rules = (encryption?.serverSideEncryptionConfiguration ?? []) as s3.CfnBucket.ServerSideEncryptionRuleProperty[];
  if (rules.some((r) => (r.serverSideEncryptionByDefault as s3.CfnBucket.ServerSideEncryptionByDefaultProperty | undefined)?.sseAlgorithm?.startsWith('aws:kms'))) {
    weakened.push('it uses SSE-KMS default encryption, which S3 server access log delivery does not support (logs would not arrive)');
  }
  if (weakened.length > 0) {
    Annotations.of(scope).addWarningV2(warningId,
      `accessLogsBucket ${bucket.node.path}: ${weakened.join(', ')}; the lake's default access-logs bucket is versioned, fully blocks public access and uses SSE-S3.`);
  }
}

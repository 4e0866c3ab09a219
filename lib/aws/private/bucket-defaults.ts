/**
 * The hardened defaults of the lake's buckets and key, as named data in one place, and the one
 * function that merges the per-lake inputs over them.
 *
 * Pattern after aws-solutions-constructs `core/lib/s3-bucket-defaults.ts`: defaults are data, the
 * merge is a function, and weakened defaults are flagged with stable warning ids.
 */
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS, LakeLifecycle } from '../../core';

/** Stable ids of the warnings this library adds when a user weakens a default. */
export const WARNING_IDS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:DataLake.keyRotationDisabled',
  /** An access-logs bucket passed in is a bucket of this app with a weaker configuration. */
  accessLogsBucketWeakened: 'mlops-constructs:DataLake.accessLogsBucketWeakened',
} as const;

/** What every zone bucket gets, whatever the zone. */
export const ZONE_BUCKET_DEFAULTS = {
  encryption: s3.BucketEncryption.KMS,
  bucketKeyEnabled: true,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const satisfies Partial<s3.BucketProps>;

/**
 * What the access-logs bucket gets. SSE-S3, not SSE-KMS: S3 server access log delivery supports
 * only SSE-S3 default encryption on its target bucket.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export const ACCESS_LOGS_BUCKET_DEFAULTS = {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  versioned: true,
  // Log delivery is granted by bucket policy (logging.s3.amazonaws.com), so ACLs stay disabled.
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const satisfies Partial<s3.BucketProps>;

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

/**
 * The key default: rotation on (yearly, the KMS default period), and the default key policy
 * (the account administers the key, IAM policies grant its use) with no service principal:
 * S3 SSE-KMS with bucket keys and Athena SSE_KMS results both use the caller's own IAM
 * permissions, which the lake's grants add, and S3 log delivery writes to the SSE-S3 log bucket,
 * never with this key.
 */
export const KEY_DEFAULTS = {
  enableKeyRotation: true,
} as const satisfies Partial<kms.KeyProps>;

/** Used when a lifecycle leaves abortIncompleteUploadsAfterDays out (the core's documented default). */
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
    ...ZONE_BUCKET_DEFAULTS,
    encryptionKey: inputs.encryptionKey,
    serverAccessLogsBucket: inputs.accessLogsBucket,
    serverAccessLogsPrefix: accessLogsPrefix(inputs.zone),
    lifecycleRules: lifecycleRules(inputs.lifecycle),
    ...destroyProps(inputs.removalPolicy),
  };
}

/** The props of the access-logs bucket the lake creates when none is given. */
export function accessLogsBucketProps(removalPolicy: RemovalPolicy): s3.BucketProps {
  return {
    ...ACCESS_LOGS_BUCKET_DEFAULTS,
    lifecycleRules: lifecycleRules(ACCESS_LOGS_LIFECYCLE),
    ...destroyProps(removalPolicy),
  };
}

/** The props of the key the lake creates when none is given. */
export function keyProps(description: string, removalPolicy: RemovalPolicy): kms.KeyProps {
  return { ...KEY_DEFAULTS, description, removalPolicy };
}

/**
 * | removalPolicy | bucket removal | autoDeleteObjects |
 * |---------------|----------------|-------------------|
 * | RETAIN        | RETAIN         | false             |
 * | DESTROY       | DESTROY        | true (else CloudFormation cannot delete a non-empty bucket) |
 *
 * DESTROY reaches here only after the app-level opt-in was checked.
 */
function destroyProps(removalPolicy: RemovalPolicy): Partial<s3.BucketProps> {
  return removalPolicy === RemovalPolicy.DESTROY
    ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }
    : { removalPolicy };
}

/**
 * S3 lifecycle rules for a neutral {@link LakeLifecycle}, mapped as in the table of
 * `lib/core/lake/lake-zones.ts`. The lifecycle was validated by the core before it gets here.
 */
export function lifecycleRules(lifecycle: LakeLifecycle): s3.LifecycleRule[] {
  const transitions: s3.Transition[] = [];
  if (lifecycle.infrequentAccessAfterDays !== undefined) {
    transitions.push({ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(lifecycle.infrequentAccessAfterDays) });
  }
  if (lifecycle.archiveAfterDays !== undefined) {
    transitions.push({ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(lifecycle.archiveAfterDays) });
  }
  return [{
    id: 'lake-lifecycle',
    enabled: true,
    transitions: transitions.length > 0 ? transitions : undefined,
    expiration: lifecycle.expireAfterDays !== undefined ? Duration.days(lifecycle.expireAfterDays) : undefined,
    noncurrentVersionExpiration: lifecycle.noncurrentVersionExpirationDays !== undefined ? Duration.days(lifecycle.noncurrentVersionExpirationDays) : undefined,
    noncurrentVersionsToRetain: lifecycle.noncurrentVersionsToRetain,
    abortIncompleteMultipartUploadAfter: Duration.days(lifecycle.abortIncompleteUploadsAfterDays ?? DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS),
  }];
}

/**
 * Warns when a key passed in is a key of this app (so its settings are visible) with rotation
 * off. A key imported by ARN is not inspectable, and gets no warning.
 */
export function flagWeakenedKey(scope: IConstruct, key: kms.IKey): void {
  const cfn = key.node.defaultChild;
  if (cfn instanceof kms.CfnKey && cfn.enableKeyRotation !== true) {
    Annotations.of(scope).addWarningV2(WARNING_IDS.keyRotationDisabled,
      `encryptionKey ${key.node.path} has key rotation off; the lake's default key rotates yearly. Pass a key with enableKeyRotation: true.`);
  }
}

/**
 * Warns when an access-logs bucket passed in is a bucket of this app without versioning or a full
 * public access block, or with SSE-KMS default encryption. An imported bucket is not
 * inspectable, and gets no warning.
 */
export function flagWeakenedAccessLogsBucket(scope: IConstruct, bucket: s3.IBucket): void {
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
    Annotations.of(scope).addWarningV2(WARNING_IDS.accessLogsBucketWeakened,
      `accessLogsBucket ${bucket.node.path}: ${weakened.join(', ')}; the lake's default access-logs bucket is versioned, fully blocks public access and uses SSE-S3.`);
  }
}

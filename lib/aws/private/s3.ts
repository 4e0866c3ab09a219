/**
 * The hardened defaults of the library's S3 buckets, as named data in one place, the lifecycle
 * rules of a neutral lifecycle, and what a removal policy means for a bucket.
 *
 * Pattern after aws-solutions-constructs `core/lib/s3-bucket-defaults.ts`: defaults are data, the
 * merge is a function, and weakened defaults are flagged with stable warning ids.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib/core';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS, LakeLifecycle } from '../../core';

/** What every bucket holding data gets: SSE-KMS (with a bucket key), SSL only, TLS 1.2+, public access blocked, versioned, ACLs disabled. */
export const DATA_BUCKET_DEFAULTS = {
  encryption: s3.BucketEncryption.KMS,
  bucketKeyEnabled: true,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const satisfies Partial<s3.BucketProps>;

/**
 * What a bucket receiving S3 server access logs gets. SSE-S3, not SSE-KMS: S3 server access log
 * delivery supports only SSE-S3 default encryption on its target bucket.
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
 * | removalPolicy | bucket removal | autoDeleteObjects |
 * |---------------|----------------|-------------------|
 * | RETAIN        | RETAIN         | false             |
 * | DESTROY       | DESTROY        | true (else CloudFormation cannot delete a non-empty bucket) |
 *
 * DESTROY reaches here only after the app-level opt-in was checked (`resolveRemovalPolicy`).
 */
export function bucketRemovalProps(removalPolicy: RemovalPolicy): Partial<s3.BucketProps> {
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

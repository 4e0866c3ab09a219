import { StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS, LakeLifecycle } from '../../../core';

/**
 * The GCS lifecycle rules of a lake lifecycle, following the table in `LakeLifecycle`:
 *
 * | LakeLifecycle                     | GCS rule                                                                  |
 * |-----------------------------------|---------------------------------------------------------------------------|
 * | infrequentAccessAfterDays         | SetStorageClass NEARLINE; age; matches STANDARD                          |
 * | archiveAfterDays                  | SetStorageClass COLDLINE; age; matches STANDARD, NEARLINE                |
 * | expireAfterDays                   | Delete; age; live versions only                                          |
 * | noncurrentVersionExpirationDays   | Delete; days since noncurrent; noncurrent versions only                  |
 * | noncurrentVersionsToRetain (N)    | same rule, `num_newer_versions = N + 1`                                  |
 * | abortIncompleteUploadsAfterDays   | AbortIncompleteMultipartUpload; age (default 7)                           |
 *
 * GCS counts the live version among the "newer versions" of a noncurrent one, where S3's
 * `NewerNoncurrentVersions` counts noncurrent versions only; `N + 1` keeps the N newest
 * noncurrent versions on both clouds. Conditions of one GCS rule must all hold (AND), like the
 * S3 noncurrent expiration with a count.
 *
 * The storage-class filters keep a transition from moving an object back to a warmer class.
 *
 * @see https://cloud.google.com/storage/docs/lifecycle
 */
export function gcsLifecycleRules(lifecycle: LakeLifecycle): StorageBucketLifecycleRule[] {
  const rules: StorageBucketLifecycleRule[] = [];
  if (lifecycle.infrequentAccessAfterDays !== undefined) {
    rules.push({
      action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
      condition: { age: lifecycle.infrequentAccessAfterDays, matchesStorageClass: ['STANDARD'] },
    });
  }
  if (lifecycle.archiveAfterDays !== undefined) {
    rules.push({
      action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
      condition: { age: lifecycle.archiveAfterDays, matchesStorageClass: ['STANDARD', 'NEARLINE'] },
    });
  }
  if (lifecycle.expireAfterDays !== undefined) {
    rules.push({ action: { type: 'Delete' }, condition: { age: lifecycle.expireAfterDays, withState: 'LIVE' } });
  }
  if (lifecycle.noncurrentVersionExpirationDays !== undefined) {
    rules.push({
      action: { type: 'Delete' },
      condition: {
        daysSinceNoncurrentTime: lifecycle.noncurrentVersionExpirationDays,
        withState: 'ARCHIVED',
        ...(lifecycle.noncurrentVersionsToRetain !== undefined ? { numNewerVersions: lifecycle.noncurrentVersionsToRetain + 1 } : {}),
      },
    });
  }
  rules.push({
    action: { type: 'AbortIncompleteMultipartUpload' },
    condition: { age: lifecycle.abortIncompleteUploadsAfterDays ?? DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS },
  });
  return rules;
}

import { defaultLakeLifecycle } from 'mlops-constructs';
import { gcsLifecycleRules } from '../../../../lib/gcp/data-lake/private/gcs-lifecycle';

describe('gcsLifecycleRules', () => {
  test('maps every field of a lake lifecycle to its GCS rule', () => {
    expect(gcsLifecycleRules({
      infrequentAccessAfterDays: 30,
      archiveAfterDays: 90,
      expireAfterDays: 400,
      noncurrentVersionExpirationDays: 14,
      noncurrentVersionsToRetain: 3,
      abortIncompleteUploadsAfterDays: 2,
    })).toEqual([
      { action: { type: 'SetStorageClass', storageClass: 'NEARLINE' }, condition: { age: 30, matchesStorageClass: ['STANDARD'] } },
      { action: { type: 'SetStorageClass', storageClass: 'COLDLINE' }, condition: { age: 90, matchesStorageClass: ['STANDARD', 'NEARLINE'] } },
      { action: { type: 'Delete' }, condition: { age: 400, withState: 'LIVE' } },
      // GCS counts the live version among the newer ones: N + 1 keeps N noncurrent versions, as S3 does.
      { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 14, withState: 'ARCHIVED', numNewerVersions: 4 } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 2 } },
    ]);
  });

  test('an empty lifecycle still aborts incomplete uploads after the default 7 days', () => {
    expect(gcsLifecycleRules({})).toEqual([{ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } }]);
  });

  test('noncurrent expiry without a count has no num_newer_versions condition', () => {
    const rules = gcsLifecycleRules({ noncurrentVersionExpirationDays: 10 });
    expect(rules[0]).toEqual({ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 10, withState: 'ARCHIVED' } });
  });

  test('the raw zone default tiers to NEARLINE at 30 days and COLDLINE at 180', () => {
    const rules = gcsLifecycleRules(defaultLakeLifecycle('raw'));
    expect(rules.filter((r) => r.action.type === 'SetStorageClass').map((r) => [r.action.storageClass, r.condition.age])).toEqual([['NEARLINE', 30], ['COLDLINE', 180]]);
  });
});

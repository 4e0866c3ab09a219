import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/**
 * Cloud Storage buckets deliver usage (access) logs to another bucket.
 *
 * Mirrors checkov CKV_GCP_62 (`CloudStorageLogging`, "Bucket should log access": a `logging`
 * block with a `log_bucket`) together with CKV_GCP_63 (`CloudStorageSelfLogging`, "Bucket should
 * not log to itself"): a bucket logging to itself is non-compliant too. The bucket that receives
 * the logs cannot meet this rule; acknowledge it there with that reason.
 */
export function storageBucketAccessLogging(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  if (resource.type !== 'google_storage_bucket') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const logBucket = nestedBlock(resource.config, 'logging')?.log_bucket;
  if (typeof logBucket !== 'string' || logBucket === '') {
    return PolicyCompliance.NON_COMPLIANT;
  }
  return stack.designates(logBucket, resource, ['name', 'id'], 'name') ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
}

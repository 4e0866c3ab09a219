import { CIS_GCP_BENCHMARK, PolicyRuleDefinition } from '../../engine/pack';
import { storageBucketAccessLogging } from './storage-bucket-access-logging';
import { storageBucketNotPublic } from './storage-bucket-not-public';
import { storageBucketPublicAccessPrevention } from './storage-bucket-public-access-prevention';
import { storageBucketUniformAccess } from './storage-bucket-uniform-access';
import { storageBucketVersioning } from './storage-bucket-versioning';

/**
 * The rules for Cloud Storage buckets (`DataLake`). GcpFoundationChecks lists them first.
 *
 * | id        | rule                                                        | reference                     |
 * |-----------|-------------------------------------------------------------|-------------------------------|
 * | GCP-GCS1  | bucket has uniform bucket-level access                      | CIS 5.2, CKV_GCP_29           |
 * | GCP-GCS2  | bucket enforces public access prevention                    | CKV_GCP_114                   |
 * | GCP-GCS3  | bucket has versioning                                       | CKV_GCP_78                    |
 * | GCP-GCS4  | bucket logs access to another bucket                        | CKV_GCP_62, CKV_GCP_63        |
 * | GCP-GCS5  | bucket is not public through IAM or ACLs                    | CIS 5.1, CKV_GCP_28           |
 */
export const STORAGE_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-GCS1',
    rule: storageBucketUniformAccess,
    message: 'The Cloud Storage bucket does not have uniform bucket-level access: set uniform_bucket_level_access = true so that IAM alone governs access.',
    reference: `${CIS_GCP_BENCHMARK} 5.2; checkov CKV_GCP_29`,
  },
  {
    id: 'GCP-GCS2',
    rule: storageBucketPublicAccessPrevention,
    message: 'The Cloud Storage bucket does not enforce public access prevention: set public_access_prevention = "enforced".',
    reference: `checkov CKV_GCP_114 (backs ${CIS_GCP_BENCHMARK} 5.1)`,
  },
  {
    id: 'GCP-GCS3',
    rule: storageBucketVersioning,
    message: 'The Cloud Storage bucket does not keep object versions: set versioning { enabled = true } so that overwrites and deletes can be undone.',
    reference: 'checkov CKV_GCP_78',
  },
  {
    id: 'GCP-GCS4',
    rule: storageBucketAccessLogging,
    message: 'The Cloud Storage bucket does not deliver access logs to another bucket: set logging { log_bucket = <a dedicated log bucket> }.',
    reference: 'checkov CKV_GCP_62, CKV_GCP_63',
  },
  {
    id: 'GCP-GCS5',
    rule: storageBucketNotPublic,
    message: 'The Cloud Storage bucket is granted to allUsers or allAuthenticatedUsers (IAM member, binding, policy or ACL): remove the public grant.',
    reference: `${CIS_GCP_BENCHMARK} 5.1; checkov CKV_GCP_28`,
  },
];

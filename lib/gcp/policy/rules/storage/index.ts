import { CIS_GCP_BENCHMARK, PolicyRuleDefinition } from '../../engine/pack';
import { storageBucketAccessLogging } from './storage-bucket-access-logging';
import { storageBucketNotPublic } from './storage-bucket-not-public';
import { storageBucketPublicAccessPrevention } from './storage-bucket-public-access-prevention';
import { storageBucketUniformAccess } from './storage-bucket-uniform-access';
import { storageBucketVersioning } from './storage-bucket-versioning';
import { storageStateBucketCmek } from './storage-state-bucket-cmek';
import { storageStateBucketRetained } from './storage-state-bucket-retained';

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
 *
 * The Terraform state bucket rules (GCP-GCS6, GCP-GCS7) are {@link STATE_BUCKET_RULES}.
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

/**
 * The rules for buckets holding Terraform state, labelled `purpose = terraform-state`
 * (`DeliveryPipeline`'s state bucket); GcpFoundationChecks lists them after the delivery rules.
 * No CIS control or checkov check singles out state buckets: both follow Google's "Store
 * Terraform state in a Cloud Storage bucket" (versioning is GCP-GCS3, for every bucket).
 *
 * | id        | rule                                                              | reference                      |
 * |-----------|-------------------------------------------------------------------|--------------------------------|
 * | GCP-GCS6  | state bucket has a CMEK default key                               | Google "Store Terraform state" |
 * | GCP-GCS7  | state bucket is retained (no force_destroy, prevent_destroy)      | Google "Store Terraform state" |
 */
export const STATE_BUCKET_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-GCS6',
    rule: storageStateBucketCmek,
    message: 'The Terraform state bucket has no customer-managed default key: set encryption { default_kms_key_name } (state holds every resource\'s attributes, secrets among them) and grant the Cloud Storage service agent the key.',
    reference: 'Google Cloud "Store Terraform state in a Cloud Storage bucket" (https://cloud.google.com/docs/terraform/resource-management/store-state); no CIS control or checkov check',
  },
  {
    id: 'GCP-GCS7',
    rule: storageStateBucketRetained,
    message: 'The Terraform state bucket can be destroyed with its state: set force_destroy = false and lifecycle { prevent_destroy = true } (DeliveryPipeline: keep RemovalPolicy.RETAIN).',
    reference: 'Google Cloud "Store Terraform state in a Cloud Storage bucket" (https://cloud.google.com/docs/terraform/resource-management/store-state); no CIS control or checkov check',
  },
];

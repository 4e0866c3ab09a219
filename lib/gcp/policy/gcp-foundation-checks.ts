import { CIS_GCP_BENCHMARK, PolicyPack, PolicyRuleDefinition } from './pack';
import { bigqueryDatasetCmek } from './rules/bigquery-dataset-cmek';
import { bigqueryDatasetNotPublic } from './rules/bigquery-dataset-not-public';
import { bigqueryTableCmek } from './rules/bigquery-table-cmek';
import { kmsKeyRotation } from './rules/kms-key-rotation';
import { CLOUD_RUN_RULES } from './rule-sets/cloud-run';
import { GKE_RULES } from './rule-sets/gke';
import { PUBSUB_RULES } from './rule-sets/pubsub';
import { VERTEX_ENDPOINT_RULES } from './rule-sets/vertex-endpoint';
import { VERTEX_FEATURE_STORE_RULES } from './rule-sets/vertex-feature-store';
import { storageBucketAccessLogging } from './rules/storage-bucket-access-logging';
import { storageBucketNotPublic } from './rules/storage-bucket-not-public';
import { storageBucketPublicAccessPrevention } from './rules/storage-bucket-public-access-prevention';
import { storageBucketUniformAccess } from './rules/storage-bucket-uniform-access';
import { storageBucketVersioning } from './rules/storage-bucket-versioning';

const CIS = CIS_GCP_BENCHMARK;

/**
 * The project's own Google Cloud policy pack: the checks every GCP construct of this library
 * passes with zero unacknowledged findings (DESIGN.md, "Checks every construct passes").
 *
 * Each rule cites the CIS Google Cloud Platform Foundation Benchmark control and/or the checkov
 * check it mirrors, so users can cross-check with those tools.
 *
 * | id        | rule                                                        | reference                     |
 * |-----------|-------------------------------------------------------------|-------------------------------|
 * | GCP-GCS1  | bucket has uniform bucket-level access                      | CIS 5.2, CKV_GCP_29           |
 * | GCP-GCS2  | bucket enforces public access prevention                    | CKV_GCP_114                   |
 * | GCP-GCS3  | bucket has versioning                                       | CKV_GCP_78                    |
 * | GCP-GCS4  | bucket logs access to another bucket                        | CKV_GCP_62, CKV_GCP_63        |
 * | GCP-GCS5  | bucket is not public through IAM or ACLs                    | CIS 5.1, CKV_GCP_28           |
 * | GCP-BQ1   | dataset is not public (access entries, IAM)                 | CIS 7.1, CKV_GCP_15           |
 * | GCP-BQ2   | dataset has a default CMEK                                  | CIS 7.3, CKV_GCP_81           |
 * | GCP-BQ3   | table is encrypted with a CMEK                              | CIS 7.2, CKV_GCP_80           |
 * | GCP-KMS1  | KMS key rotates within 90 days                              | CIS 1.10, CKV_GCP_43          |
 *
 * Then the rules for what the other constructs create, each set with its own table and references:
 * Pub/Sub `GCP-PS*` (rule-sets/pubsub.ts), Vertex AI Feature Store `GCP-VAI1..4`
 * (rule-sets/vertex-feature-store.ts), Vertex AI endpoints `GCP-VAI5..` (rule-sets/vertex-endpoint.ts),
 * Cloud Run `GCP-RUN*` (rule-sets/cloud-run.ts) and GKE `GCP-GKE*` (rule-sets/gke.ts). Where no CIS
 * control or checkov check exists, a rule cites the Google document it follows and says so.
 */
export class GcpFoundationChecks implements PolicyPack {
  /** Pack name. */
  public readonly name = 'GcpFoundationChecks';

  /** The rules of the pack, in report order. */
  public readonly rules: readonly PolicyRuleDefinition[] = [
    {
      id: 'GCP-GCS1',
      rule: storageBucketUniformAccess,
      message: 'The Cloud Storage bucket does not have uniform bucket-level access: set uniform_bucket_level_access = true so that IAM alone governs access.',
      reference: `${CIS} 5.2; checkov CKV_GCP_29`,
    },
    {
      id: 'GCP-GCS2',
      rule: storageBucketPublicAccessPrevention,
      message: 'The Cloud Storage bucket does not enforce public access prevention: set public_access_prevention = "enforced".',
      reference: `checkov CKV_GCP_114 (backs ${CIS} 5.1)`,
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
      reference: `${CIS} 5.1; checkov CKV_GCP_28`,
    },
    {
      id: 'GCP-BQ1',
      rule: bigqueryDatasetNotPublic,
      message: 'The BigQuery dataset is granted to allUsers or allAuthenticatedUsers (access entry, IAM member, binding or policy): remove the public grant.',
      reference: `${CIS} 7.1; checkov CKV_GCP_15`,
    },
    {
      id: 'GCP-BQ2',
      rule: bigqueryDatasetCmek,
      message: 'The BigQuery dataset has no default customer-managed encryption key: set default_encryption_configuration { kms_key_name } (DataLake: pass encryptionKey).',
      reference: `${CIS} 7.3; checkov CKV_GCP_81`,
    },
    {
      id: 'GCP-BQ3',
      rule: bigqueryTableCmek,
      message: 'The BigQuery table is not encrypted with a customer-managed key: set encryption_configuration { kms_key_name } (DataLake: pass encryptionKey).',
      reference: `${CIS} 7.2; checkov CKV_GCP_80`,
    },
    {
      id: 'GCP-KMS1',
      rule: kmsKeyRotation,
      message: 'The Cloud KMS key does not rotate within 90 days: set rotation_period between "86400s" and "7776000s".',
      reference: `${CIS} 1.10; checkov CKV_GCP_43`,
    },
    ...PUBSUB_RULES,
    ...VERTEX_FEATURE_STORE_RULES,
    ...VERTEX_ENDPOINT_RULES,
    ...CLOUD_RUN_RULES,
    ...GKE_RULES,
  ];
}

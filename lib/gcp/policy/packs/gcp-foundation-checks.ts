import { PolicyPack, PolicyRuleDefinition } from '../engine/pack';
import { ARTIFACT_REGISTRY_RULES } from '../rules/artifact-registry';
import { BIGQUERY_RULES } from '../rules/bigquery';
import { CLOUD_BUILD_RULES } from '../rules/cloud-build';
import { CLOUD_DEPLOY_RULES } from '../rules/cloud-deploy';
import { CLOUD_RUN_RULES } from '../rules/cloud-run';
import { CLOUD_SCHEDULER_RULES } from '../rules/cloud-scheduler';
import { GKE_RULES } from '../rules/gke';
import { IAM_RULES } from '../rules/iam';
import { KMS_RULES } from '../rules/kms';
import { MONITORING_RULES } from '../rules/monitoring';
import { PUBSUB_RULES } from '../rules/pubsub';
import { STATE_BUCKET_RULES, STORAGE_RULES } from '../rules/storage';
import { VERTEX_ENDPOINT_RULES } from '../rules/vertex-endpoint';
import { VERTEX_FEATURE_STORE_RULES } from '../rules/vertex-feature-store';
import { WORKFLOWS_RULES } from '../rules/workflows';

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
 * Then the rules for what the other constructs create, each service's rows with their own table
 * and references in `rules/<service>/index.ts`: Pub/Sub `GCP-PS*` (rules/pubsub), Vertex AI
 * Feature Store `GCP-VAI1..4` (rules/vertex-feature-store), Vertex AI endpoints `GCP-VAI5..`
 * (rules/vertex-endpoint), Cloud Run `GCP-RUN*` (rules/cloud-run), GKE `GCP-GKE*` (rules/gke),
 * Workflows `GCP-WF*` (rules/workflows), Cloud Scheduler `GCP-SCH*` (rules/cloud-scheduler) and
 * service accounts / project IAM `GCP-IAM*` (rules/iam), Cloud Build `GCP-CB*` (rules/cloud-build),
 * Cloud Deploy `GCP-CD*` (rules/cloud-deploy) and Artifact Registry `GCP-AR*` (rules/artifact-registry);
 * then the Terraform state bucket rules `GCP-GCS6..7` (rules/storage, `STATE_BUCKET_RULES`) and
 * Cloud Monitoring `GCP-MON*` (rules/monitoring).
 * Where no CIS control or checkov check exists, a rule cites the Google document it follows and
 * says so.
 */
export class GcpFoundationChecks implements PolicyPack {
  /** Pack name. */
  public readonly name = 'GcpFoundationChecks';

  /** The rules of the pack, in report order. */
  public readonly rules: readonly PolicyRuleDefinition[] = [
    ...STORAGE_RULES,
    ...BIGQUERY_RULES,
    ...KMS_RULES,
    ...PUBSUB_RULES,
    ...VERTEX_FEATURE_STORE_RULES,
    ...VERTEX_ENDPOINT_RULES,
    ...CLOUD_RUN_RULES,
    ...GKE_RULES,
    ...WORKFLOWS_RULES,
    ...CLOUD_SCHEDULER_RULES,
    ...IAM_RULES,
    ...CLOUD_BUILD_RULES,
    ...CLOUD_DEPLOY_RULES,
    ...ARTIFACT_REGISTRY_RULES,
    ...STATE_BUCKET_RULES,
    ...MONITORING_RULES,
  ];
}

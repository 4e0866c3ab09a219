import { PolicyRuleDefinition } from '../../engine/pack';
import { vertexFeatureOnlineStoreCmek } from './vertex-feature-online-store-cmek';
import { vertexFeatureOnlineStoreNoForceDestroy } from './vertex-feature-online-store-no-force-destroy';
import { vertexFeatureOnlineStorePrivateEndpoint } from './vertex-feature-online-store-private-endpoint';
import { vertexFeatureStoreNotPublic } from './vertex-feature-store-not-public';

/**
 * The rules for Vertex AI Feature Store resources (what `FeatureStore` creates); GcpFoundationChecks
 * lists them after the storage rules.
 *
 * CIS has no Vertex AI control, and a search of checkov's GCP checks
 * (`checkov/terraform/checks/resource/gcp`) found Vertex AI checks only for datasets (CKV_GCP_92),
 * the Metadata Store (CKV_GCP_96) and Workbench notebooks (CKV_GCP_89, CKV_GCP_127), none for
 * `google_vertex_ai_feature_online_store`, `_feature_group` or `_featureview`. Each rule names the
 * checkov check it mirrors on another resource, or the Google documentation it follows.
 *
 * | id        | rule                                                                  | reference                                              |
 * |-----------|-----------------------------------------------------------------------|--------------------------------------------------------|
 * | GCP-VAI1  | online store is encrypted with a CMEK (`encryption_spec`)             | as CKV_GCP_92 / CKV_GCP_96 for other Vertex AI resources |
 * | GCP-VAI2  | Optimized online store serves through Private Service Connect         | Google: Optimized online serving endpoints; no checkov  |
 * | GCP-VAI3  | no feature store resource is granted to allUsers/allAuthenticatedUsers | as CIS 5.1 / 7.1, CKV_GCP_28 / CKV_GCP_15; no checkov   |
 * | GCP-VAI4  | online store does not set `force_destroy`                             | as CKV_GCP_121 / CKV_GCP_122 deletion protection        |
 */
export const VERTEX_FEATURE_STORE_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-VAI1',
    rule: vertexFeatureOnlineStoreCmek,
    message: 'The Vertex AI feature online store is not encrypted with a customer-managed key: set encryption_spec { kms_key_name } '
      + '(not available in google provider 6.50 GA; acknowledge with the reason until the provider offers it).',
    reference: 'no CIS control or checkov check on feature online stores; mirrors checkov CKV_GCP_92 (Vertex AI datasets) and CKV_GCP_96 (Vertex AI Metadata Store); '
      + 'https://cloud.google.com/vertex-ai/docs/general/cmek',
  },
  {
    id: 'GCP-VAI2',
    rule: vertexFeatureOnlineStorePrivateEndpoint,
    message: 'The Optimized Vertex AI feature online store serves from its public endpoint: set dedicated_serving_endpoint '
      + '{ private_service_connect_config { enable_private_service_connect = true } } (FeatureStore: the default, unless publicEndpoint is true).',
    reference: 'no CIS control or checkov check; https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types',
  },
  {
    id: 'GCP-VAI3',
    rule: vertexFeatureStoreNotPublic,
    message: 'A Vertex AI Feature Store resource (online store, feature view, feature group, featurestore or entity type) is granted to allUsers '
      + 'or allAuthenticatedUsers: remove the public grant.',
    reference: 'no CIS control or checkov check on feature store IAM; applies CIS 5.1 / 7.1 (checkov CKV_GCP_28, CKV_GCP_15); '
      + 'https://cloud.google.com/vertex-ai/docs/featurestore/latest/control-access',
  },
  {
    id: 'GCP-VAI4',
    rule: vertexFeatureOnlineStoreNoForceDestroy,
    message: 'The Vertex AI feature online store sets force_destroy, so deleting it deletes every feature view and feature under it: remove force_destroy.',
    reference: 'no checkov check on feature online stores; mirrors checkov CKV_GCP_121 (BigQuery tables) and CKV_GCP_122 (Bigtable instances) deletion protection',
  },
];

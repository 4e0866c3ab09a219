import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI feature online stores are encrypted with a customer-managed key
 * (`encryption_spec.kms_key_name`), which secures both the online and the offline storage of the
 * store (provider documentation).
 *
 * No checkov check covers feature online stores; this mirrors the two checkov checks on other
 * Vertex AI resources that read the same attribute: CKV_GCP_92 (`VertexAIDatasetEncryptedWithCMK`,
 * `google_vertex_ai_dataset`) and CKV_GCP_96 (`VertexAIMetadataStoreEncryptedWithCMK`,
 * `google_vertex_ai_metadata_store`). CIS has no Vertex AI control.
 *
 * google provider 6.50 (GA) has no `encryption_spec` on this resource, so stacks on that version
 * can only acknowledge the finding, with the reason.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureOnlineStores (encryptionSpec)
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_feature_online_store#encryption_spec
 *   ("both of the online and offline data storage will be secured by this key")
 * @see https://cloud.google.com/vertex-ai/docs/general/cmek
 */
export function vertexFeatureOnlineStoreCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_feature_online_store') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'encryption_spec')?.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

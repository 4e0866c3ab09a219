import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI endpoints are encrypted with a customer-managed key
 * (`encryption_spec.kms_key_name`): the endpoint and every sub-resource of it (its deployed
 * models) are then protected by that key.
 *
 * There is no checkov check on `google_vertex_ai_endpoint`; checkov makes the same requirement of
 * other Vertex AI resources (CKV_GCP_92 `VertexAIDatasetEncryptedWithCMK`, CKV_GCP_96
 * `VertexAIMetadataStoreEncryptedWithCMK`, both reading `encryption_spec/[0]/kms_key_name`), and
 * this rule applies it to endpoints.
 *
 * @see https://cloud.google.com/vertex-ai/docs/general/cmek
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#encryption_spec
 */
export function vertexEndpointCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_endpoint') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'encryption_spec')?.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

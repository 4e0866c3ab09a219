import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI feature online stores do not set `force_destroy = true`, which makes deleting the store
 * also delete every feature view and feature under it, including those created outside this
 * configuration. A value that is not a literal boolean (a variable) cannot be shown to comply and
 * is non-compliant.
 *
 * No checkov check covers feature online stores; this mirrors checkov's deletion-protection
 * checks on the stores it does cover, CKV_GCP_121 (`BigQueryTableDeletionProtection`) and
 * CKV_GCP_122 (`BigTableInstanceDeletionProtection`). CIS has no such control.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#force_destroy
 */
export function vertexFeatureOnlineStoreNoForceDestroy(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_feature_online_store') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const forceDestroy = resource.config.force_destroy;
  return forceDestroy === undefined || forceDestroy === false ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

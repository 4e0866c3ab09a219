import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI feature online stores with Optimized serving serve through a Private Service Connect
 * endpoint (`dedicated_serving_endpoint.private_service_connect_config.enable_private_service_connect
 * = true`), not through the public dedicated endpoint they get by default. Bigtable stores, served
 * through the regional Vertex AI API endpoint, are not applicable.
 *
 * No CIS control or checkov check covers feature online stores; the reference is Google's
 * description of the two Optimized endpoints (public by default, Private Service Connect on request).
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#dedicated_serving_endpoint
 */
export function vertexFeatureOnlineStorePrivateEndpoint(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_feature_online_store' || nestedBlock(resource.config, 'optimized') === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const endpoint = nestedBlock(resource.config, 'dedicated_serving_endpoint');
  const psc = endpoint === undefined ? undefined : nestedBlock(endpoint, 'private_service_connect_config');
  return psc?.enable_private_service_connect === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

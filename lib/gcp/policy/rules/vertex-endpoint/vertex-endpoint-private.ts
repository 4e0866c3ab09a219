import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI endpoints are reachable only privately: through Private Service Connect
 * (`private_service_connect_config.enable_private_service_connect = true`) or through VPC Network
 * Peering with private services access (`network`). Without either, the endpoint is public: any
 * client on the internet holding a credential can send it requests.
 *
 * Google recommends the two private endpoint types for production ("Choose an endpoint type").
 * There is no checkov equivalent: checkov's CKV_GCP_89 (`VertexAIPrivateInstance`) is about
 * notebook instances (`google_notebooks_instance.no_public_ip`).
 *
 * @see https://cloud.google.com/vertex-ai/docs/predictions/choose-endpoint-type
 * @see https://cloud.google.com/vertex-ai/docs/predictions/private-service-connect
 */
export function vertexEndpointPrivate(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_endpoint') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const network = resource.config.network;
  if (typeof network === 'string' && network !== '') {
    return PolicyCompliance.COMPLIANT;
  }
  const psc = nestedBlock(resource.config, 'private_service_connect_config');
  return psc?.enable_private_service_connect === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

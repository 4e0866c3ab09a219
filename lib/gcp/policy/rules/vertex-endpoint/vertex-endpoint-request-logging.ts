import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Vertex AI endpoints log a sample of prediction requests and responses to BigQuery
 * (`predict_request_response_logging_config { enabled = true, bigquery_destination { output_uri } }`):
 * the record of what the model was asked and answered, which audits and drift monitoring read.
 *
 * There is no checkov equivalent; the rule follows Google's online prediction logging guide.
 *
 * @see https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#predict_request_response_logging_config
 */
export function vertexEndpointRequestLogging(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_vertex_ai_endpoint') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const logging = nestedBlock(resource.config, 'predict_request_response_logging_config');
  const outputUri = logging ? nestedBlock(logging, 'bigquery_destination')?.output_uri : undefined;
  return logging?.enabled === true && typeof outputUri === 'string' && outputUri !== ''
    ? PolicyCompliance.COMPLIANT
    : PolicyCompliance.NON_COMPLIANT;
}

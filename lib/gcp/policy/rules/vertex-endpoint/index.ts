import { PolicyRuleDefinition } from '../../engine/pack';
import { vertexEndpointCmek } from './vertex-endpoint-cmek';
import { vertexEndpointPrivate } from './vertex-endpoint-private';
import { vertexEndpointRequestLogging } from './vertex-endpoint-request-logging';

/**
 * The rules for Vertex AI online prediction endpoints (`ModelEndpoint` on Vertex AI).
 * GcpFoundationChecks lists them after the storage rules. GCP-VAI1 to GCP-VAI4 are the feature
 * store rules.
 *
 * checkov has no check on `google_vertex_ai_endpoint` (checked in checkov's source,
 * `checkov/terraform/checks/resource/gcp/VertexAI*.py`: datasets, metadata stores, notebook
 * instances), so each rule cites the Google document it follows and, where checkov makes the same
 * requirement of another Vertex AI resource, that check.
 *
 * | id       | rule                                                             | reference                                          |
 * |----------|------------------------------------------------------------------|----------------------------------------------------|
 * | GCP-VAI5 | endpoint is encrypted with a CMEK                                | Vertex AI CMEK guide; as CKV_GCP_92/96 for datasets and metadata stores |
 * | GCP-VAI6 | endpoint is private (Private Service Connect or VPC peering)     | Vertex AI "Choose an endpoint type"; no checkov equivalent |
 * | GCP-VAI7 | endpoint logs requests and responses to BigQuery                 | Vertex AI online prediction logging; no checkov equivalent |
 */
export const VERTEX_ENDPOINT_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-VAI5',
    rule: vertexEndpointCmek,
    message: 'The Vertex AI endpoint is not encrypted with a customer-managed key: set encryption_spec { kms_key_name } (ModelEndpoint: pass encryptionKey, a key in the endpoint\'s region).',
    reference: 'https://cloud.google.com/vertex-ai/docs/general/cmek; no checkov check on endpoints (checkov CKV_GCP_92, CKV_GCP_96 require it of Vertex AI datasets and metadata stores)',
  },
  {
    id: 'GCP-VAI6',
    rule: vertexEndpointPrivate,
    message: 'The Vertex AI endpoint is public: set private_service_connect_config { enable_private_service_connect = true } or network (VPC peering) (ModelEndpoint: keep the default access of ModelEndpointPlatform.vertexAi(), Private Service Connect).',
    reference: 'https://cloud.google.com/vertex-ai/docs/predictions/choose-endpoint-type; no checkov equivalent',
  },
  {
    id: 'GCP-VAI7',
    rule: vertexEndpointRequestLogging,
    message: 'The Vertex AI endpoint does not log requests and responses: set predict_request_response_logging_config { enabled = true, bigquery_destination { output_uri } } (ModelEndpoint: pass captureLake).',
    reference: 'https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging; no checkov equivalent',
  },
];

/**
 * Which clients can reach a Vertex AI endpoint (enum).
 */
export enum ModelEndpointVertexAccess {
  /**
   * Private Service Connect, with IAM authorization (`enable_secure_private_service_connect`):
   * clients in the allowed projects reach it through a forwarding rule in their VPC network.
   * Google's recommendation for production.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/private-service-connect
   */
  PRIVATE_SERVICE_CONNECT = 'private-service-connect',
  /**
   * VPC Network Peering to the options' `network` (private services access must be set up on
   * it). Such an endpoint serves one model: no traffic split, so no canary.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints
   */
  VPC_PEERING = 'vpc-peering',
  /**
   * A dedicated public endpoint: reachable from the internet, authorized by IAM. GCP-VAI6 reports
   * it; acknowledge it with the reason the endpoint must be public.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/choose-endpoint-type
   */
  DEDICATED_PUBLIC = 'dedicated-public',
}

/**
 * Options of {@link ModelEndpointPlatform.vertexAi}: a Vertex AI endpoint. Terraform creates the
 * endpoint; a pipeline deploys models onto it with the Vertex AI API (see
 * `ModelEndpoint.deployModelRequest`).
 *
 * | access                    | `network`   | `allowedProjects`              | canary (traffic split) |
 * |---------------------------|-------------|--------------------------------|------------------------|
 * | PRIVATE_SERVICE_CONNECT   | not allowed | optional (default: own project) | yes                   |
 * | VPC_PEERING               | required    | not allowed                    | no                     |
 * | DEDICATED_PUBLIC          | not allowed | not allowed                    | yes                    |
 */
export interface ModelEndpointVertexAiOptions {
  /**
   * Which clients can reach the endpoint.
   * @default ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT
   */
  readonly access?: ModelEndpointVertexAccess;

  /**
   * With `access: VPC_PEERING`, the peered network: `projects/<project number>/global/networks/<name>`.
   * @default - none; required with VPC_PEERING, refused otherwise
   */
  readonly network?: string;

  /**
   * With Private Service Connect: projects whose networks may connect.
   * @default - the endpoint's project
   */
  readonly allowedProjects?: string[];

  /**
   * The endpoint id, 1 to 9 digits without a leading zero. Changing it replaces the endpoint (and
   * drops the models deployed on it).
   * @default - 9 digits derived from the prefix
   */
  readonly endpointId?: string;

  /**
   * The endpoint's display name, 1 to 128 characters.
   * @default - the prefix
   */
  readonly displayName?: string;

  /**
   * The machine type of the deployModel body. With the endpoint's `accelerator`, one of the
   * catalog's machine types for that GPU count.
   * @default - with an accelerator, the catalog's smallest machine for it; without, 'n1-standard-2'
   */
  readonly machineType?: string;
}

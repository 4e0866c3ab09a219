import { VertexAiDeployModelRequest } from '../vertex-ai-api';

/** Options of {@link ModelEndpoint.deployModelRequest}. */
export interface ModelEndpointDeployModelOptions {
  /**
   * The model to deploy: `projects/<project>/locations/<location>/models/<model>`, optionally
   * `@<version>` — what the pipeline registered.
   */
  readonly model: string;

  /**
   * Display name of the deployed model.
   * @default - the model's display name
   */
  readonly displayName?: string;

  /**
   * Percent of requests the new deployment receives while `stableDeployedModelId` keeps the rest
   * (1 to 99). Needs `stableDeployedModelId`.
   * @default - no canary: the new deployment receives all requests
   */
  readonly canaryTrafficPercentage?: number;

  /**
   * The id of the deployed model serving now (from the endpoint's `deployedModels`), which keeps
   * `100 - canaryTrafficPercentage` percent of requests.
   * @default - no canary
   */
  readonly stableDeployedModelId?: string;
}

/**
 * What a pipeline sends to deploy a model onto a Vertex AI endpoint:
 * `POST <url>` with `<body>` as JSON, authorized as a member given `grantDeployModel` and Vertex
 * AI's deploy permission (`aiplatform.endpoints.deploy`, e.g. in `roles/aiplatform.user`).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints/deployModel
 */
export interface ModelEndpointDeployModelRequest {
  /** `https://<region>-aiplatform.googleapis.com/v1/<endpoint resource name>:deployModel`. */
  readonly url: string;
  /** The request body. */
  readonly body: VertexAiDeployModelRequest;
}

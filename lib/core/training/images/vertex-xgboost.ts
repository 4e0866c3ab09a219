/**
 * Vertex AI's prebuilt XGBoost containers: the default training image of a Google Cloud pipeline
 * synthesized without its own image (it runs the trainer the library ships), and the prebuilt
 * serving image registered with each model version, so that a default pipeline does real work
 * after deploy.
 *
 * Source: Vertex AI "Prebuilt containers for custom training" and "Prebuilt containers for
 * inference", framework XGBoost 1.7 (the same framework version as the SageMaker image of the AWS
 * pipeline, `1.7-1`), read 2026-08. Each image is published in three Artifact Registry
 * multi-region repositories (`us-docker.pkg.dev`, `europe-docker.pkg.dev`,
 * `asia-docker.pkg.dev`); "you can use any of the URIs for an image", so a region picks the
 * repository of its continent to keep the pull near. Only the `latest` tag is supported ("Using
 * image names without the latest tag isn't supported").
 *
 * The XGBoost images are **CPU only**: Vertex AI publishes no GPU variant of them, so a pipeline
 * on the default image refuses an accelerator request (bring your own image for GPUs).
 *
 * @see https://cloud.google.com/vertex-ai/docs/training/pre-built-containers
 * @see https://cloud.google.com/vertex-ai/docs/predictions/pre-built-containers
 * @see https://cloud.google.com/vertex-ai/docs/supported-frameworks-list
 */

/** The XGBoost framework version of the prebuilt containers. */
export const VERTEX_XGBOOST_VERSION = '1.7';

/** Artifact Registry multi-region repository host → the region prefixes that pull from it. */
export const VERTEX_PREBUILT_REPOSITORIES: { readonly [host: string]: readonly string[] } = Object.freeze({
  'us-docker.pkg.dev': ['us', 'northamerica', 'southamerica'],
  'europe-docker.pkg.dev': ['europe', 'me', 'africa'],
  'asia-docker.pkg.dev': ['asia', 'australia'],
});

/** The path of each prebuilt XGBoost image below its repository host. */
export const VERTEX_XGBOOST_IMAGE_PATHS = Object.freeze({
  training: `vertex-ai/training/xgboost-cpu.${VERTEX_XGBOOST_VERSION.replace('.', '-')}:latest`,
  prediction: `vertex-ai/prediction/xgboost-cpu.${VERTEX_XGBOOST_VERSION.replace('.', '-')}:latest`,
});

/** Whether the prebuilt XGBoost images take GPUs: they do not (CPU only). */
export const VERTEX_XGBOOST_SUPPORTS_ACCELERATORS = false;

/** The repository host of a region (`europe-west4` → `europe-docker.pkg.dev`), or `undefined` for a region the table does not place. */
function repositoryHost(region: string): string | undefined {
  if (typeof region !== 'string' || !/^[a-z]+-[a-z]+\d+$/.test(region)) {
    return undefined;
  }
  const prefix = region.slice(0, region.indexOf('-'));
  return Object.keys(VERTEX_PREBUILT_REPOSITORIES).find((host) => VERTEX_PREBUILT_REPOSITORIES[host].includes(prefix));
}

/**
 * The prebuilt XGBoost training image for a Vertex AI region, or `undefined` for a region the
 * table does not place.
 *
 * @example vertexXgboostTrainingImageUri('europe-west4') // 'europe-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest'
 */
export function vertexXgboostTrainingImageUri(region: string): string | undefined {
  const host = repositoryHost(region);
  return host === undefined ? undefined : `${host}/${VERTEX_XGBOOST_IMAGE_PATHS.training}`;
}

/**
 * The prebuilt XGBoost serving image (it loads `model.bst` from the model's artifact directory)
 * for a Vertex AI region, or `undefined` for a region the table does not place.
 *
 * @example vertexXgboostPredictionImageUri('us-central1') // 'us-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.1-7:latest'
 */
export function vertexXgboostPredictionImageUri(region: string): string | undefined {
  const host = repositoryHost(region);
  return host === undefined ? undefined : `${host}/${VERTEX_XGBOOST_IMAGE_PATHS.prediction}`;
}

/**
 * The Vertex AI REST bodies the constructs build for pipelines (Terraform cannot launch a custom
 * job or deploy a model): `projects.locations.customJobs.create` and
 * `projects.locations.endpoints.deployModel`, with the field names of the v1 API.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.customJobs
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints/deployModel
 */

/**
 * `MachineSpec`: the machine of one replica, of a custom job's worker pool or of a deployed model.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/MachineSpec
 */
export interface VertexAiMachineSpec {
  /** A Vertex AI machine type, e.g. `a2-highgpu-8g` or `g2-standard-4`. */
  readonly machineType: string;
  /**
   * The Vertex AI `AcceleratorType`, e.g. `NVIDIA_TESLA_A100`.
   * @default - none: a machine without GPUs
   */
  readonly acceleratorType?: string;
  /**
   * GPUs per replica.
   * @default - none: a machine without GPUs
   */
  readonly acceleratorCount?: number;
}

/** A Vertex AI `CustomJob` request body (`projects.locations.customJobs.create`). */
export interface VertexAiCustomJob {
  /** `displayName`. */
  readonly displayName: string;
  /** `jobSpec`. */
  readonly jobSpec: VertexAiCustomJobSpec;
  /**
   * `encryptionSpec`.
   * @default - none: Google-managed encryption
   */
  readonly encryptionSpec?: VertexAiEncryptionSpec;
  /** `labels`. */
  readonly labels: { [key: string]: string };
}

/** `CustomJobSpec`. */
export interface VertexAiCustomJobSpec {
  /** The primary replica's pool, then (for more than one node) the workers' pool. */
  readonly workerPoolSpecs: VertexAiWorkerPoolSpec[];
  /** Email of the service account the job runs as. */
  readonly serviceAccount: string;
  /** `projects/<project number>/global/networks/<name>`. */
  readonly network: string;
  /** Where the job writes (`AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR` are below it). */
  readonly baseOutputDirectory: VertexAiGcsDestination;
}

/** `WorkerPoolSpec`. */
export interface VertexAiWorkerPoolSpec {
  /** `machineSpec`. */
  readonly machineSpec: VertexAiMachineSpec;
  /** `replicaCount` (an int64, which the API also accepts as a JSON number). */
  readonly replicaCount: number;
  /** `containerSpec`. */
  readonly containerSpec: VertexAiContainerSpec;
}

/** `ContainerSpec`. */
export interface VertexAiContainerSpec {
  /** The image. */
  readonly imageUri: string;
  /**
   * The entrypoint.
   * @default - the image's
   */
  readonly command?: string[];
  /**
   * The arguments.
   * @default - the image's
   */
  readonly args?: string[];
}

/** `GcsDestination`. */
export interface VertexAiGcsDestination {
  /** A `gs://` prefix. */
  readonly outputUriPrefix: string;
}

/** `EncryptionSpec`. */
export interface VertexAiEncryptionSpec {
  /** The Cloud KMS key resource id. */
  readonly kmsKeyName: string;
}

/** The body of `projects.locations.endpoints.deployModel` (`DeployModelRequest`). */
export interface VertexAiDeployModelRequest {
  /** The deployment. */
  readonly deployedModel: VertexAiDeployedModel;
  /** Deployed model id → percent of requests; `"0"` stands for the model being deployed. */
  readonly trafficSplit: { [deployedModelId: string]: number };
}

/** The `deployedModel` of a deployModel body (`DeployedModel`). */
export interface VertexAiDeployedModel {
  /** The model resource name. */
  readonly model: string;
  /**
   * Display name.
   * @default - the model's display name
   */
  readonly displayName?: string;
  /** The serving service account's email: the container runs as it. */
  readonly serviceAccount: string;
  /** Access logs (timestamp and latency per request) to Cloud Logging. */
  readonly enableAccessLogging: boolean;
  /** Machines and replicas. */
  readonly dedicatedResources: VertexAiDedicatedResources;
}

/** `DedicatedResources`: the machines of a deployed model. */
export interface VertexAiDedicatedResources {
  /** One replica's machine. */
  readonly machineSpec: VertexAiMachineSpec;
  /** Replicas kept running. */
  readonly minReplicaCount: number;
  /** Replicas at most. */
  readonly maxReplicaCount: number;
}

/**
 * The body of `projects.locations.models.upload` (`UploadModelRequest`): a new model (`modelId`)
 * or a new version of one (`parentModel`).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.models/upload
 */
export interface VertexAiUploadModelRequest {
  /**
   * The id of a new model (its first version): the last part of its resource name.
   * @default - none: a version of `parentModel`
   */
  readonly modelId?: string;
  /**
   * The model the upload adds a version to: `projects/<project>/locations/<region>/models/<id>`.
   * @default - none: a new model named `modelId`
   */
  readonly parentModel?: string;
  /** The model version. */
  readonly model: VertexAiModel;
  /**
   * The service account Vertex AI reads the artifacts as.
   * @default - the Vertex AI service agent
   */
  readonly serviceAccount?: string;
}

/** `Model`, as an upload declares it. */
export interface VertexAiModel {
  /** Display name (up to 128 characters). */
  readonly displayName: string;
  /**
   * Description of this version.
   * @default - none
   */
  readonly versionDescription?: string;
  /** The `gs://` directory of the model artifacts (`model.bst` for the prebuilt XGBoost server). */
  readonly artifactUri: string;
  /** The serving container. */
  readonly containerSpec: VertexAiModelContainerSpec;
  /** Version aliases this version gets (moved from any version that had them). */
  readonly versionAliases: string[];
  /** Labels of the version. */
  readonly labels: { [key: string]: string };
  /**
   * `encryptionSpec`.
   * @default - none: Google-managed encryption
   */
  readonly encryptionSpec?: VertexAiEncryptionSpec;
}

/** `ModelContainerSpec`: the image that serves the model. */
export interface VertexAiModelContainerSpec {
  /** The serving image. */
  readonly imageUri: string;
}

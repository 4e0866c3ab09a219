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

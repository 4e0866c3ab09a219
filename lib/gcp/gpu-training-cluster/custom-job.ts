import { AcceleratorRequest } from '../../core';

/**
 * What every training job launched on this cluster's capacity uses: on Vertex AI, what a pipeline
 * passes to `projects.locations.customJobs.create` besides the worker pools.
 */
export interface GpuTrainingJobProfile {
  /** The region to create jobs in (the cluster's region, where the key lives). */
  readonly region: string;
  /** Email of the service account jobs run as (`jobSpec.serviceAccount`). */
  readonly serviceAccount: string;
  /**
   * The VPC network jobs are peered with (`jobSpec.network`):
   * `projects/<project number>/global/networks/<name>`. Private services access must be
   * configured on it.
   */
  readonly network: string;
  /**
   * The customer-managed key of jobs (`encryptionSpec.kmsKeyName`).
   * @default - none: Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /** Where the Vertex AI SDK stages code (`staging_bucket`): `gs://<artifacts bucket>/staging`. */
  readonly stagingUri: string;
  /** Where job outputs go: `gs://<artifacts bucket>/training`; each job writes below it. */
  readonly outputUriPrefix: string;
}

/** Options of {@link GpuTrainingCluster.createCustomJobRequest}. */
export interface GpuTrainingClusterCustomJobOptions {
  /** The job's display name: 1 to 128 characters. */
  readonly displayName: string;
  /** The training container image, e.g. `us-docker.pkg.dev/<project>/<repo>/train:1.4`. */
  readonly imageUri: string;
  /** The GPUs of the job, resolved on Vertex AI machine types (catalog platform GCP_VERTEX). */
  readonly accelerator: AcceleratorRequest;
  /**
   * The machine type: one of the catalog's Vertex AI machine types carrying exactly
   * `accelerator.gpusPerNode` GPUs of `accelerator.gpu`.
   * @default - the smallest such machine type
   */
  readonly machineType?: string;
  /**
   * The container entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The job's output directory below the profile's `outputUriPrefix` (no leading or trailing `/`).
   * @default - the display name
   */
  readonly outputPath?: string;
}

/**
 * A launch profile for SageMaker training jobs: everything a `CreateTrainingJob` request needs
 * besides the job name, the algorithm and the input channels. Values may be tokens.
 * {@link GpuTrainingCluster.createTrainingJobRequest} renders it in the API's casing.
 *
 * There is no `VolumeKmsKeyId`: SageMaker refuses one for instance types with local instance
 * storage, which it encrypts with a hardware module, and every GPU type of the catalog has NVMe
 * instance storage.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html
 */
export interface GpuTrainingJobProfile {
  /** `RoleArn`: the training role. */
  readonly roleArn: string;
  /** `VpcConfig.Subnets`: the cluster's private subnets. */
  readonly subnetIds: string[];
  /** `VpcConfig.SecurityGroupIds`: the cluster's security group (all traffic among its members). */
  readonly securityGroupIds: string[];
  /** `ResourceConfig.InstanceType`, from the catalog. */
  readonly instanceType: string;
  /** `ResourceConfig.InstanceCount`: the accelerator request's node count. */
  readonly instanceCount: number;
  /**
   * `ResourceConfig.VolumeSizeInGB`. Required by the API, and ignored by SageMaker on instance types
   * with NVMe instance storage, which every GPU type of the catalog has.
   */
  readonly volumeSizeInGb: number;
  /** `OutputDataConfig.S3OutputPath`: the output prefix in the lake's artifacts zone. */
  readonly outputS3Uri: string;
  /** `OutputDataConfig.KmsKeyId`: the lake key; `undefined` when the lake's key is unknown (imported lake). */
  readonly outputKmsKeyId?: string;
  /** `CheckpointConfig.S3Uri`: the checkpoint prefix in the artifacts zone; append the job name to keep jobs apart. */
  readonly checkpointS3Uri: string;
  /** `EnableManagedSpotTraining`. */
  readonly useSpotInstances: boolean;
  /** `StoppingCondition.MaxRuntimeInSeconds`. */
  readonly maxRuntimeInSeconds: number;
  /** `StoppingCondition.MaxWaitTimeInSeconds`; only with spot. */
  readonly maxWaitTimeInSeconds?: number;
  /** `EnableInterContainerTrafficEncryption`: always true. */
  readonly interContainerTrafficEncryption: boolean;
  /** `EnableNetworkIsolation`. */
  readonly networkIsolation: boolean;
}

/** `VpcConfig` of a training job: the cluster's subnets and security group. */
export interface TrainingJobVpcConfig {
  /** The security groups of the job's network interfaces. */
  readonly SecurityGroupIds: string[];
  /** The private subnets the job runs in. */
  readonly Subnets: string[];
}

/** `ResourceConfig` of a training job: the instances it runs on. */
export interface TrainingJobResourceConfig {
  /** The catalog instance type. */
  readonly InstanceType: string;
  /** The number of instances. */
  readonly InstanceCount: number;
  /** The volume size; ignored on instance types with NVMe instance storage. */
  readonly VolumeSizeInGB: number;
}

/** `OutputDataConfig` of a training job: where the model artifacts go. */
export interface TrainingJobOutputDataConfig {
  /** The output prefix in the lake's artifacts zone. */
  readonly S3OutputPath: string;
  /**
   * The key the artifacts are encrypted with.
   * @default - none: the lake's key is unknown (an imported lake)
   */
  readonly KmsKeyId?: string;
}

/** `CheckpointConfig` of a training job. */
export interface TrainingJobCheckpointConfig {
  /** The checkpoint prefix in the lake's artifacts zone. */
  readonly S3Uri: string;
}

/** `StoppingCondition` of a training job. */
export interface TrainingJobStoppingCondition {
  /** The longest the job may run. */
  readonly MaxRuntimeInSeconds: number;
  /**
   * The longest a spot job may wait for capacity and run.
   * @default - none: only with spot
   */
  readonly MaxWaitTimeInSeconds?: number;
}

/**
 * The part of a SageMaker `CreateTrainingJob` request that the training job profile fills in, in
 * the API's casing. Add `TrainingJobName`, `AlgorithmSpecification` and the input channels.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html
 */
export interface CreateTrainingJobRequest {
  /** The training role. */
  readonly RoleArn: string;
  /** The cluster's subnets and security group. */
  readonly VpcConfig: TrainingJobVpcConfig;
  /** The instances. */
  readonly ResourceConfig: TrainingJobResourceConfig;
  /** Where the model artifacts go. */
  readonly OutputDataConfig: TrainingJobOutputDataConfig;
  /** Where checkpoints go. */
  readonly CheckpointConfig: TrainingJobCheckpointConfig;
  /** Whether the job runs on managed spot capacity. */
  readonly EnableManagedSpotTraining: boolean;
  /** How long the job may run (and wait, with spot). */
  readonly StoppingCondition: TrainingJobStoppingCondition;
  /** Always true: traffic among the job's containers is encrypted. */
  readonly EnableInterContainerTrafficEncryption: boolean;
  /** Whether the training containers run without network access. */
  readonly EnableNetworkIsolation: boolean;
}

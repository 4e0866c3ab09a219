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

/**
 * The `CreateTrainingJob` request fragment of a training job profile, in the API's casing: what
 * GpuTrainingCluster.createTrainingJobRequest() returns and what a TrainingPipeline's train step
 * sends.
 */
import { CreateTrainingJobRequest, GpuTrainingJobProfile } from '../gpu-training-cluster/training-job-profile';

/** The profile as a fragment of a `CreateTrainingJob` request (see GpuTrainingCluster.createTrainingJobRequest). */
export function renderCreateTrainingJobRequest(p: GpuTrainingJobProfile): CreateTrainingJobRequest {
  return {
    RoleArn: p.roleArn,
    VpcConfig: { SecurityGroupIds: p.securityGroupIds, Subnets: p.subnetIds },
    ResourceConfig: { InstanceType: p.instanceType, InstanceCount: p.instanceCount, VolumeSizeInGB: p.volumeSizeInGb },
    OutputDataConfig: p.outputKmsKeyId === undefined ? { S3OutputPath: p.outputS3Uri } : { S3OutputPath: p.outputS3Uri, KmsKeyId: p.outputKmsKeyId },
    CheckpointConfig: { S3Uri: p.checkpointS3Uri },
    EnableManagedSpotTraining: p.useSpotInstances,
    StoppingCondition: p.maxWaitTimeInSeconds === undefined
      ? { MaxRuntimeInSeconds: p.maxRuntimeInSeconds }
      : { MaxRuntimeInSeconds: p.maxRuntimeInSeconds, MaxWaitTimeInSeconds: p.maxWaitTimeInSeconds },
    EnableInterContainerTrafficEncryption: p.interContainerTrafficEncryption,
    EnableNetworkIsolation: p.networkIsolation,
  };
}

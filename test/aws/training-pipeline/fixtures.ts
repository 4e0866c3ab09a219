/** Shared fixtures of the TrainingPipeline tests: a source schema, a stack with lake, training profile and registry, a spec. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { FieldType, GpuType, TableSchema, TrainingPipelineSpec, TrainingPipelineSpecProps } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry } from 'mlops-constructs/aws';

const env = { account: '111111111111', region: 'eu-west-1' };

export const customers = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.FLOAT64 },
    { name: 'segment', type: FieldType.STRING },
    { name: 'churned', type: FieldType.BOOLEAN },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

/** A stack with a lake (holding the customers table), a training profile and a registry. */
export function pipelineStack(options: { agnostic?: boolean } = {}) {
  const stack = new Stack(new App(), 'TestStack', { env: options.agnostic ? undefined : env });
  const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'curated', schema: customers }] });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
  const training = new GpuTrainingCluster(stack, 'Gpus', { lake, vpc, accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
  const registry = new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'churn-models' });
  return { stack, lake, training, registry };
}

export function churnSpec(extra: Partial<TrainingPipelineSpecProps> = {}): TrainingPipelineSpec {
  return new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned', ...extra });
}


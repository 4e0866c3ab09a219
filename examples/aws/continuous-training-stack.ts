/**
 * AWS example: continuous training (maturity level 1). Every day at 03:00 UTC a Step Functions
 * pipeline materializes a dataset version of the customer table into the lake (Athena UNLOAD),
 * trains the built-in XGBoost on it (a SageMaker training job from the GPU training cluster's
 * profile), evaluates the model on the held-out split (batch transform + Athena), gates it against
 * the bar and the champion, and registers a version in a SageMaker model registry. A failed run
 * pages through the pipeline's alarm topic.
 *
 * Deployable as it is, in any region of the built-in XGBoost table: no account, VPC or subnet ids
 * to fill in. The network is created here: private isolated subnets (no internet route), an S3
 * gateway endpoint for the training and transform jobs' data, flow logs, the default security
 * group closed. The training profile runs CPU jobs by default (the spec has no accelerator).
 *
 * The stack exports its lake's bucket names and key ARN ({@link trainingLakeExports}), which the
 * delivery example's serving stacks import: an export is not a resource, and while it is imported
 * CloudFormation keeps the lake's stack from dropping it.
 */
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { EvaluationMetric, GpuType, TrainingPipelineSpec } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline } from 'mlops-constructs/aws';
import { customerChurn } from '../schemas';
import { addFlowLogs } from './flow-logs';

/** The churn table (defined with the shared schemas, which the level reference stacks also use). */
export { customerChurn };

/** The lake zones the delivery example's serving stacks import (those `DataLake.fromDataLakeAttributes` needs). */
export const EXPORTED_ZONES = ['raw', 'curated', 'artifacts'] as const;

/** The export names of the lake of the continuous-training stack named `stackName`: bucket names by zone, and the key ARN. */
export function trainingLakeExports(stackName: string): { readonly buckets: { readonly [zone: string]: string }; readonly key: string } {
  return {
    buckets: Object.fromEntries(EXPORTED_ZONES.map((zone) => [zone, `${stackName}-lake-${zone}-bucket`])),
    key: `${stackName}-lake-key-arn`,
  };
}

/** A lake, a private network, a training profile, a registry and a daily training pipeline. */
export class ContinuousTrainingStack extends Stack {
  /** The lake: the source table in curated, dataset versions, evaluations and models in artifacts. */
  public readonly lake: DataLake;
  /** The network of the training and evaluation jobs. */
  public readonly vpc: ec2.Vpc;
  /** The training job profile (no HyperPod cluster). */
  public readonly training: GpuTrainingCluster;
  /** The model registry. */
  public readonly registry: ModelRegistry;
  /** The pipeline. */
  public readonly pipeline: TrainingPipeline;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.lake = new DataLake(this, 'Lake', { prefix: 'acme-ml-training', tables: [{ zone: 'curated', schema: customerChurn }] });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'training', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: true,
    });
    addFlowLogs(this, this.vpc, 'VPC flow logs of the training network');

    // The launch profile only (hyperPod: false): its role, network, output and stopping condition
    // run the pipeline's jobs; the accelerator is what GPU runs of other specs would use.
    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 },
      hyperPod: false,
    });
    this.registry = new ModelRegistry(this, 'Registry', { modelPackageGroupName: 'acme-churn' });

    this.pipeline = new TrainingPipeline(this, 'Churn', {
      lake: this.lake,
      training: this.training,
      registry: this.registry,
      // The lake table and the label; AUC (boolean label), a 30-day window, a 20 % split on the
      // customer id and manual promotion are the spec's defaults.
      spec: new TrainingPipelineSpec({ name: 'churn', schema: customerChurn, label: 'churned_30d', metric: EvaluationMetric.AUC, bar: 0.7 }),
    });

    const lakeExports = trainingLakeExports(this.stackName);
    for (const zone of EXPORTED_ZONES) {
      new CfnOutput(this, `Lake${zone[0].toUpperCase()}${zone.slice(1)}Bucket`, {
        value: this.lake.zoneBucket(zone).bucketName, exportName: lakeExports.buckets[zone], description: `The lake's ${zone} bucket, for serving stacks to import (the delivery example's import MlopsContinuousTrainingExample's)`,
      });
    }
    new CfnOutput(this, 'LakeKeyArn', { value: this.lake.encryptionKey.keyArn, exportName: lakeExports.key, description: 'The lake\'s key, for serving stacks to import (the delivery example\'s import MlopsContinuousTrainingExample\'s)' });
  }
}

/**
 * AWS example: train and serve. GPU capacity as a HyperPod cluster and as the launch profile of
 * SageMaker training jobs (one accelerator request, resolved by the catalog), and a SageMaker
 * endpoint that serves the trained model with canary rollouts, alarm rollback, autoscaling and
 * data capture into the lake (the drift input).
 *
 * The VPC is the team's existing one (private subnets with a route to S3 and SageMaker); replace
 * its ids with yours before deploying.
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, GpuTrainingCluster, ModelEndpoint, ModelEndpointCapacity, ModelEndpointDeployment, ModelEndpointImage,
  ModelEndpointModel, ModelEndpointTrafficSize,
} from 'mlops-constructs/aws';

/** GPU training capacity and a safely rolled-out endpoint over one lake. */
export class TrainServeStack extends Stack {
  /** The lake: curated training data in, model artifacts and captured requests out. */
  public readonly lake: DataLake;
  /** HyperPod cluster and training-job profile. */
  public readonly training: GpuTrainingCluster;
  /** The endpoint. */
  public readonly endpoint: ModelEndpoint;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.lake = new DataLake(this, 'Lake', { prefix: 'acme-ml-models' });
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-2a', 'eu-west-2b'],
      privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      privateSubnetRouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1'],
    });

    // 2 nodes × 8 H100: ml.p5.48xlarge workers on HyperPod, and the same for training jobs.
    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      vpc,
      accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 },
      useSpotInstances: true,
      maxRuntime: Duration.hours(12),
    });
    const pipeline = new iam.Role(this, 'Pipeline', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    this.training.grantLaunchTrainingJobs(pipeline);

    this.endpoint = new ModelEndpoint(this, 'Ranker', {
      model: ModelEndpointModel.fromLake({
        image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(this, 'Images', 'acme/ranker-inference'), '2026-11-01'),
        lake: this.lake,
        key: 'training/ranker/v7/model.tar.gz', // written by the training job into the artifacts zone
      }),
      // 2 × ml.g4dn.xlarge (one T4 each), autoscaling on invocations per instance up to 6
      capacity: ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: 2 }, maxInstanceCount: 6 }),
      // every update: 1 instance takes traffic first; 5xx or latency alarms roll it back
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(1) }),
      vpc,
      captureLake: this.lake,
      captureSamplingPercentage: 20,
    });
    this.endpoint.grantInvoke(new iam.Role(this, 'ShopApi', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
  }
}

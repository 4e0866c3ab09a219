/**
 * AWS example: train and serve. GPU capacity as a HyperPod cluster and as the launch profile of
 * SageMaker training jobs (one accelerator request, resolved by the catalog), and a SageMaker
 * endpoint that serves the trained model with canary rollouts, alarm rollback, autoscaling and
 * data capture into the lake (the drift input).
 *
 * The stack creates its network: isolated subnets in two Availability Zones (no internet route,
 * no NAT), a gateway endpoint for S3 and interface endpoints for the APIs the HyperPod nodes call
 * (SageMaker API and runtime, STS, CloudWatch Logs, ECR API and registry), flow logs to an
 * encrypted log group. The served image is SageMaker's built-in XGBoost of the stack's region
 * (examples/aws/xgboost-image.ts); the training job writes the model archive the endpoint reads.
 * `npx cdk bootstrap` once per account and region (eu-west-2, see examples/aws/app.ts), then
 * `npx cdk deploy MlopsTrainServeExample`.
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, GpuTrainingCluster, ModelEndpoint, ModelEndpointCapacity, ModelEndpointDeployment,
  ModelEndpointModel, ModelEndpointTrafficSize,
} from 'mlops-constructs/aws';
import { addFlowLogs } from './flow-logs';
import { xgboostImage } from './xgboost-image';

/** The address range of the network. */
const VPC_CIDR = '10.0.0.0/16';

/** The interface endpoints of the network, by construct id. */
const INTERFACE_ENDPOINTS: { readonly [id: string]: ec2.InterfaceVpcEndpointAwsService } = {
  SageMakerApi: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_API,
  SageMakerRuntime: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME,
  Sts: ec2.InterfaceVpcEndpointAwsService.STS,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  Ecr: ec2.InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
};

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
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'training', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: true,
    });
    // The HyperPod nodes are not network-isolated: the AWS APIs they call, without a NAT, over
    // HTTPS from inside the VPC only (one group for all endpoints; the literal CIDR lets the
    // checks read the rule).
    const endpoints = new ec2.SecurityGroup(this, 'EndpointsSecurityGroup', { vpc, allowAllOutbound: false, description: 'The interface endpoints: HTTPS from the VPC' });
    endpoints.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(443), 'HTTPS to the AWS APIs from the VPC');
    for (const [name, service] of Object.entries(INTERFACE_ENDPOINTS)) {
      vpc.addInterfaceEndpoint(name, { service, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [endpoints], open: false });
    }
    addFlowLogs(this, vpc, 'VPC flow logs of the training and serving network');
    const vpcSubnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    // 2 nodes × 8 H100: ml.p5.48xlarge workers on HyperPod, and the same for training jobs.
    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      vpc,
      vpcSubnets,
      accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 },
      useSpotInstances: true,
      maxRuntime: Duration.hours(12),
    });
    const pipeline = new iam.Role(this, 'Pipeline', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    this.training.grantLaunchTrainingJobs(pipeline);

    this.endpoint = new ModelEndpoint(this, 'Ranker', {
      model: ModelEndpointModel.fromLake({
        // SageMaker's built-in XGBoost (a ranking objective); for another framework, push your
        // inference image to an ECR repository and use ModelEndpointImage.fromEcrRepository.
        image: xgboostImage(this, 'Images'),
        lake: this.lake,
        key: 'training/ranker/v7/model.tar.gz', // written by the training job into the artifacts zone
      }),
      // 2 × ml.g4dn.xlarge (one T4 each), autoscaling on invocations per instance up to 6
      capacity: ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1, nodeCount: 2 }, maxInstanceCount: 6 }),
      // every update: 1 instance takes traffic first; 5xx or latency alarms roll it back
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(1) }),
      vpc,
      vpcSubnets,
      captureLake: this.lake,
      captureSamplingPercentage: 20,
    });
    this.endpoint.grantInvoke(new iam.Role(this, 'ShopApi', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
  }
}

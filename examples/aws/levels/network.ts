/**
 * The private network of a level stack's training and evaluation jobs: isolated subnets in two
 * Availability Zones (no internet route, no NAT), an S3 gateway endpoint, flow logs to an encrypted
 * log group, the default security group closed.
 *
 * Why no interface endpoints: the jobs run network-isolated (the GpuTrainingCluster profile's
 * default), so their containers make no calls; SageMaker reads and writes their data in S3 through
 * the gateway endpoint. The endpoint is not attached to the VPC (network-isolated too), and the
 * pipeline's gate function and the state machine call the AWS APIs outside it.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { addFlowLogs } from '../flow-logs';

/** A VPC with isolated subnets, an S3 gateway endpoint and flow logs. */
export class LevelNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The subnets the jobs run in. */
  public readonly subnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'jobs', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: true,
    });
    addFlowLogs(this, this.vpc, `VPC flow logs of ${this.node.path}`);
  }
}

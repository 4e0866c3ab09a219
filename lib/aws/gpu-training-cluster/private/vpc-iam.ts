/**
 * The network-interface statements a principal of a service attaching to a VPC needs (a Lambda
 * function, SageMaker training jobs and HyperPod nodes), and why their wildcard resources are
 * acknowledged (with `acknowledgeWildcardResources` of nag.ts).
 */
import { Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Describe actions: no resource-level permissions, so `*`.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
const DESCRIBE_ACTIONS = {
  lambda: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
  sagemaker: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
};

/**
 * Actions on the network interfaces the service creates in the VPC.
 * - Lambda: the EC2 actions of AWSLambdaVPCAccessExecutionRole. (The Lambda guide: DescribeNetworkInterfaces
 *   works only on `*`; DeleteNetworkInterface needs the interface ids or all of them.)
 * - SageMaker (training jobs and HyperPod nodes in a VPC).
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createtrainingjob-perms
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-prerequisites-iam.html
 */
const INTERFACE_ACTIONS = {
  lambda: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
  sagemaker: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
};

/**
 * The statements a principal of `kind` needs to attach to a VPC: describe actions on `*`, and
 * interface actions on the network interfaces, subnets and security groups of this account and
 * region (the interfaces do not exist before the service creates them).
 */
export function ec2NetworkInterfaceStatements(stack: Stack, kind: 'lambda' | 'sagemaker'): iam.PolicyStatement[] {
  const arn = (resource: string) => stack.formatArn({ service: 'ec2', resource, resourceName: '*' });
  return [
    new iam.PolicyStatement({ actions: DESCRIBE_ACTIONS[kind], resources: ['*'] }),
    new iam.PolicyStatement({ actions: INTERFACE_ACTIONS[kind], resources: [arn('network-interface'), arn('subnet'), arn('security-group')] }),
  ];
}

/**
 * Why a wildcard resource of {@link ec2NetworkInterfaceStatements} is acknowledged, or `undefined`
 * for a resource those statements do not have.
 */
export function networkInterfaceReason(flatResource: string): string | undefined {
  if (flatResource === '*') {
    return 'EC2 Describe actions (network interfaces, subnets, VPCs, DHCP options, security groups) have no resource-level permissions, so they take "*"; they read, never change.';
  }
  if (/:ec2:(?:<AWS::Region>|[^:]*):(?:<AWS::AccountId>|[^:]*):(network-interface|subnet|security-group)\/\*$/.test(flatResource)) {
    return 'Network interface actions of a service attaching to the VPC: the interfaces do not exist before the service creates them, so '
      + 'network interfaces, subnets and security groups are named by type, in this account and region only.';
  }
  return undefined;
}

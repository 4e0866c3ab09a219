/**
 * VPC flow logs as the AWS examples record them: to a log group (one year) encrypted with a
 * rotating key of its own, delivered by a role whose policy is customer managed. Shared by the
 * continuous-training example and the level stacks' network; the construct ids are the same in
 * both (`FlowLogsKey`, `FlowLogs`, `FlowLogsPolicy`, `FlowLogsRole`, `FlowLog` under `scope`).
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Records every flow of `vpc` under `scope`; `description` is the key's. */
export function addFlowLogs(scope: Construct, vpc: ec2.IVpc, description: string): void {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, 'FlowLogsKey', { enableKeyRotation: true, description });
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*' }) } },
  }));
  const logGroup = new logs.LogGroup(scope, 'FlowLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const policy = new iam.ManagedPolicy(scope, 'FlowLogsPolicy', {
    statements: [new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [logGroup.logGroupArn],
    })],
  });
  const role = new iam.Role(scope, 'FlowLogsRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'), managedPolicies: [policy] });
  new ec2.CfnFlowLog(scope, 'FlowLog', {
    resourceId: vpc.vpcId,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logGroupName: logGroup.logGroupName,
    deliverLogsPermissionArn: role.roleArn,
  });
}

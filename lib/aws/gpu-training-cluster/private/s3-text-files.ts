/**
 * Small text files written to one prefix of a lake bucket at deploy time, for files a service
 * reads from the lake rather than from the CDK asset bucket: the HyperPod lifecycle scripts, which
 * HyperPod downloads from `SourceS3Uri` under the lake's artifacts zone.
 *
 * Why not `aws-s3-deployment.BucketDeployment`: its handler is a stack-wide singleton with an AWS
 * CLI layer, `AWSLambdaBasicExecutionRole`, and read/write grants on the whole destination bucket,
 * outside the construct that needs the files. This one is a single inline Node.js function of our
 * own: in the owner's private subnets, its own log group encrypted with the owner's key, and a role
 * that may only put objects under the one prefix.
 *
 * The file contents travel in the custom resource's properties, so they are visible in the
 * template: only non-secret files belong here. On delete the objects are kept (the lake is
 * versioned and retained; the files are small and document what ran).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
 */
import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { latestNodeRuntime } from '../../private/lambda';
import { acknowledgeWildcardResources } from '../../private/nag';
import { ec2NetworkInterfaceStatements, networkInterfaceReason } from './vpc-iam';

/** Properties of {@link S3TextFiles}. */
export interface S3TextFilesProps {
  /** Destination bucket. */
  readonly bucket: s3.IBucket;
  /** Key of the bucket's default encryption, when it is SSE-KMS. */
  readonly bucketKey?: kms.IKey;
  /** Key prefix, ending with `/`. */
  readonly prefix: string;
  /** Files by name (relative to the prefix). A content may be a token (a `Lazy.string` for files that grow after the constructor). */
  readonly files: Record<string, string>;
  /** Network of the function. */
  readonly vpc: ec2.IVpc;
  /** Subnets of the function (private, with a route to S3 and to CloudFormation's response URL). */
  readonly vpcSubnets: ec2.SubnetSelection;
  /** Key of the function's log group. Its policy must allow CloudWatch Logs (`logGroupKeyStatement` of kms.ts). */
  readonly logKey: kms.IKey;
  /** What happens to the function's log group when it leaves the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** Description of the writer function (`Writes the HyperPod lifecycle scripts of <path> to the lake`). */
  readonly functionDescription: string;
  /** Description of the writer's security group. */
  readonly securityGroupDescription: string;
  /** Why the object ARN under the prefix is acknowledged for AwsSolutions-IAM5. */
  readonly objectWildcardReason: string;
}

/** Why the function is not given reserved concurrency. */
const CONCURRENCY_REASON = 'Deploy-time custom resource invoked once per stack operation by CloudFormation. Reserving concurrency would '
  + 'subtract from the account pool, and accounts whose limit is still the initial 10 cannot reserve any (Lambda keeps 10 unreserved), '
  + 'which would make the stack fail to deploy.';
/** Why the function has no dead-letter queue. */
const DLQ_REASON = 'Deploy-time custom resource: a failed invocation fails the CloudFormation operation itself (the handler reports '
  + 'FAILED, or CloudFormation times out), so a dead-letter queue would hold events nobody replays.';

/**
 * The handler: writes every file on Create and Update, keeps them on Delete, always answers
 * CloudFormation. Node.js runtimes from 18 on include the AWS SDK v3 and `fetch`.
 */
const HANDLER = `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async (event) => {
  const p = event.ResourceProperties;
  let status = 'SUCCESS';
  let reason = 'OK';
  try {
    if (event.RequestType !== 'Delete') {
      const files = JSON.parse(p.Files);
      for (const name of Object.keys(files)) {
        await s3.send(new PutObjectCommand({ Bucket: p.Bucket, Key: p.Prefix + name, Body: files[name], ExpectedBucketOwner: p.Owner }));
      }
    }
  } catch (e) {
    console.error(e);
    status = 'FAILED';
    reason = String((e && e.message) || e).slice(0, 400);
  }
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: 's3://' + p.Bucket + '/' + p.Prefix,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  });
  await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
};
`;

/** Files written under one prefix of a bucket at deploy time. */
export class S3TextFiles extends Construct {
  /** The custom resource; depend on it to run after the files exist. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: S3TextFilesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: props.logRemovalPolicy,
    });

    const policy = new iam.ManagedPolicy(this, 'Policy', { description: `Writes the files of ${this.node.path}` });
    policy.addStatements(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.bucket.arnForObjects(`${props.prefix}*`)] }),
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      ...ec2NetworkInterfaceStatements(stack, 'lambda'),
    );
    if (props.bucketKey) {
      policy.addStatements(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [props.bucketKey.keyArn] }));
    }
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the function of ${this.node.path}`,
      managedPolicies: [policy],
    });
    acknowledgeWildcardResources(policy, (resource) => resource.endsWith(`/${props.prefix}*`) ? props.objectWildcardReason : networkInterfaceReason(resource));

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: props.securityGroupDescription,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to S3 and CloudFormation');

    const fn = new lambda.Function(this, 'Function', {
      runtime: latestNodeRuntime(),
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      // The function reaches its role through GetAtt Arn already; given the role itself, Function
      // would also add a DependsOn on it, which the CloudFormation validator reports as redundant
      // (W3005). The reference adds no resource and no permission: every statement of the role is
      // in `policy`, attached by the role itself.
      role: iam.Role.fromRoleArn(this, 'RoleReference', role.roleArn, { mutable: false }),
      timeout: Duration.minutes(2),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: [securityGroup],
      logGroup,
      description: props.functionDescription,
    });
    fn.node.addDependency(policy);
    Validations.of(fn).acknowledge(
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: CONCURRENCY_REASON },
      { id: 'NIST.800.53.R5-LambdaDLQ', reason: DLQ_REASON },
    );

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::MlopsS3Files',
      properties: {
        Bucket: props.bucket.bucketName,
        Prefix: props.prefix,
        Owner: stack.account,
        Files: stack.toJsonString(props.files),
      },
    });
  }
}

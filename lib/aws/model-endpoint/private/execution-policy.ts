/**
 * The endpoint's execution role permissions: one customer managed policy whose statements each
 * carry a `Sid` and, when a resource ends in a wildcard, the reason it does (an
 * {@link AcknowledgedPolicy}). Each method adds what one feature of the endpoint needs; the
 * statements land in the order the endpoint asks for them.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AcknowledgedPolicy } from '../../private/grants';

/** Image pull from one repository, and the registry token that has no resource. */
const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const ECR_TOKEN_ACTIONS = ['ecr:GetAuthorizationToken'];
/** Container logs into the endpoint's log group (CreateModel execution role permissions). */
const LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'];
/** Metrics the execution role publishes (CreateModel execution role permissions). */
const METRIC_ACTIONS = ['cloudwatch:PutMetricData'];
/**
 * What SageMaker needs to attach network interfaces to the model containers of a model in a VPC.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html#host-vpc-endpoints
 */
const VPC_ACTIONS = [
  'ec2:DescribeVpcEndpoints', 'ec2:DescribeDhcpOptions', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterfacePermission', 'ec2:DeleteNetworkInterface',
  'ec2:CreateNetworkInterfacePermission', 'ec2:CreateNetworkInterface',
];
/**
 * "Ensure that your IAM execution role has permission to perform the cloudwatch:DescribeAlarms
 * action on the auto-rollback alarms you specify."
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html
 */
const DESCRIBE_ALARM_ACTIONS = ['cloudwatch:DescribeAlarms'];
/** Readers of objects (model data, async payloads and results). */
export const OBJECT_READ_ACTIONS = ['s3:GetObject'];
/** Writers of objects (captures, async payloads and results). */
export const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'];
/** Readers of SSE-KMS objects. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt'];
/** Writers of SSE-KMS objects: a data key per upload, decrypt for multipart uploads. */
export const KEY_ENCRYPT_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** The execution role's one managed policy. */
export class ExecutionPolicy extends AcknowledgedPolicy {
  /** Container logs into the endpoint's log group, and metrics. */
  public allowLogsAndMetrics(logGroup: logs.ILogGroup): void {
    this.add('ContainerLogs', new iam.PolicyStatement({
      actions: LOG_ACTIONS,
      resources: [logGroup.logGroupArn],
    }), 'Container logs: SageMaker creates one log stream per instance and container in the endpoint\'s own log group; the group is named, only its streams are wildcarded.');
    this.add('PublishMetrics', new iam.PolicyStatement({
      actions: METRIC_ACTIONS,
      resources: ['*'],
    }), 'cloudwatch:PutMetricData has no resource-level permissions ("The cloudwatch and logs actions are applicable for \\"*\\" resources", SageMaker CreateModel execution role permissions).');
  }

  /** Image pulls from one repository. */
  public allowImagePull(repository: ecr.IRepository): void {
    this.add('PullImage', new iam.PolicyStatement({ actions: ECR_PULL_ACTIONS, resources: [repository.repositoryArn] }));
    this.add('RegistryToken', new iam.PolicyStatement({ actions: ECR_TOKEN_ACTIONS, resources: ['*'] }),
      'ecr:GetAuthorizationToken has no resource-level permissions; image layers can be pulled only from the one repository of the PullImage statement.');
  }

  /** Reads of the one model archive. */
  public allowModelData(bucket: s3.IBucket, key: string): void {
    this.add('ReadModelData', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects(key)] }));
  }

  /** Reads of the zone bucket holding a registry's model package artifacts. */
  public allowModelPackageArtifacts(bucket: s3.IBucket): void {
    this.add('ReadModelPackageArtifacts', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects('*')] }),
      'Model package artifacts: the package names its model data keys, which are not known at synth time; reads are limited to the one zone bucket holding the registry\'s artifacts.');
  }

  /** A key statement, when there is a key. */
  public allowKey(sid: string, key: kms.IKey | undefined, actions: string[]): void {
    if (key !== undefined) {
      this.add(sid, new iam.PolicyStatement({ actions, resources: [key.keyArn] }));
    }
  }

  /** Network interfaces of a model in a VPC. */
  public allowVpcAttachment(): void {
    this.add('AttachToVpc', new iam.PolicyStatement({ actions: VPC_ACTIONS, resources: ['*'] }),
      'Network interfaces of a model in a VPC: SageMaker\'s documented permissions for models configured for VPC access use "Resource": "*" (host-vpc.html), as the interfaces do not exist before SageMaker creates them.');
  }

  /** Writes of captured data under the capture prefix, with the capture lake's key. */
  public allowCaptureWrites(bucket: s3.IBucket, prefix: string, key: kms.IKey | undefined): void {
    this.add('WriteCaptures', new iam.PolicyStatement({ actions: OBJECT_WRITE_ACTIONS, resources: [bucket.arnForObjects(`${prefix}*`)] }),
      'Data capture: SageMaker writes one object per captured batch under the endpoint\'s capture prefix; writes are limited to that prefix of one zone bucket.');
    this.allowKey('CaptureKey', key, KEY_ENCRYPT_ACTIONS);
  }

  /** Reads of asynchronous payloads under `input/`, writes of results and failures, with the lake's key. */
  public allowAsyncInference(bucket: s3.IBucket, prefix: string, key: kms.IKey | undefined): void {
    this.add('ReadAsyncInput', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects(`${prefix}input/*`)] }),
      'Asynchronous inference: SageMaker reads each request payload, one object per request, under the endpoint\'s input/ prefix.');
    this.add('WriteAsyncResults', new iam.PolicyStatement({
      actions: OBJECT_WRITE_ACTIONS,
      resources: [bucket.arnForObjects(`${prefix}output/*`), bucket.arnForObjects(`${prefix}failures/*`)],
    }), 'Asynchronous inference: SageMaker writes one result or failure object per request under the endpoint\'s output/ and failures/ prefixes.');
    this.allowKey('AsyncKey', key, KEY_ENCRYPT_ACTIONS);
  }

  /** Reads of the rollback alarms' state, which SageMaker checks during a deployment. */
  public allowRollbackAlarms(alarms: readonly cloudwatch.IAlarm[]): void {
    this.add('DescribeRollbackAlarms', new iam.PolicyStatement({
      actions: DESCRIBE_ALARM_ACTIONS,
      resources: alarms.map((a) => a.alarmArn),
    }));
  }
}

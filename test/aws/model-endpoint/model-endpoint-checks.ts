/**
 * The checks every AWS construct passes, for ModelEndpoint: zero findings from the CloudFormation
 * validator (errors and warnings) and from cdk-nag AwsSolutions and NIST 800-53 rev 5, every
 * acknowledgment made on one resource of the endpoint (or of its grant) with a specific reason.
 *
 * One checked synth for the whole file. It holds:
 * - Lake: the data lake the endpoints read models from and capture into (its own checks are in
 *   data-lake-checks.test.ts);
 * - DefaultEndpoint: only the required `model` prop (2 × ml.m5.xlarge, canary, autoscaling);
 * - FullEndpoint: GPU capacity from an accelerator request, a VPC, data capture, a percentage
 *   canary, alarm actions to an encrypted topic, a repository of the stack, a granted role;
 * - ServerlessEndpoint: serverless capacity;
 * - AsyncEndpoint: a model package, asynchronous inference, linear shifting, a granted role;
 * - Canary: a plain unencrypted bucket with invalid properties, which proves in this synth that
 *   the validator and both packs ran (aws-cdk-lib leaves a clean plugin out of the report).
 */
import { Duration, Size, Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { GpuType } from 'mlops-constructs';
import {
  DataLake,
  ModelEndpoint,
  ModelEndpointCapacity,
  ModelEndpointDeployment,
  ModelEndpointImage,
  ModelEndpointInference,
  ModelEndpointModel,
  ModelEndpointTrafficSize,
} from 'mlops-constructs/aws';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';

const ENDPOINT_STACKS = ['DefaultEndpoint', 'FullEndpoint', 'ServerlessEndpoint', 'AsyncEndpoint'];

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    const env = { account: '111111111111', region: 'eu-west-1' };
    const lake = new DataLake(new Stack(app, 'Lake', { env }), 'Lake', { prefix: 'models-lake' });
    const lakeModel = (stack: Stack) => ModelEndpointModel.fromLake({
      image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Images', 'churn'), 'v3'),
      lake,
      key: 'models/churn/v3/model.tar.gz',
    });

    const defaultStack = new Stack(app, 'DefaultEndpoint', { env });
    new ModelEndpoint(defaultStack, 'Endpoint', { model: lakeModel(defaultStack) });

    const full = new Stack(app, 'FullEndpoint', { env });
    const vpc = ec2.Vpc.fromVpcAttributes(full, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    });
    const topic = new sns.Topic(full, 'Alerts', { masterKey: new kms.Key(full, 'AlertsKey', { enableKeyRotation: true }), enforceSSL: true });
    const fullEndpoint = new ModelEndpoint(full, 'Endpoint', {
      model: ModelEndpointModel.fromLake({
        image: ModelEndpointImage.fromEcrRepository(new ecr.Repository(full, 'Images', { imageScanOnPush: true }), 'v3'),
        lake,
        key: 'models/churn/v3/model.tar.gz',
      }),
      capacity: ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 1, nodeCount: 4 }, maxInstanceCount: 8 }),
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(25), bakeTime: Duration.minutes(15) }),
      vpc,
      captureLake: lake,
      captureSamplingPercentage: 20,
      alarmActions: [new cloudwatchActions.SnsAction(topic)],
    });
    fullEndpoint.grantInvoke(new iam.Role(full, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));

    const serverless = new Stack(app, 'ServerlessEndpoint', { env });
    new ModelEndpoint(serverless, 'Endpoint', {
      model: lakeModel(serverless),
      capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(2), maxConcurrency: 20 }),
    });

    const asyncStack = new Stack(app, 'AsyncEndpoint', { env });
    const asyncEndpoint = new ModelEndpoint(asyncStack, 'Endpoint', {
      model: ModelEndpointModel.fromModelPackage({
        groupName: 'churn',
        version: 3,
        artifactsLake: lake,
        imageRepository: ecr.Repository.fromRepositoryName(asyncStack, 'Images', 'churn-inference'),
      }),
      capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.g4dn.xlarge', instanceCount: 4, maxInstanceCount: 10 }),
      deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.instances(1) }),
      inference: ModelEndpointInference.asynchronous({ lake }),
    });
    asyncEndpoint.grantInvoke(new iam.Role(asyncStack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));

  }));
});

function acknowledgedIn(stack: string): string[] {
  return acknowledgments
    .filter((a) => a.at.startsWith(`${stack}/`))
    .map((a) => `${a.at.slice(stack.length + 1)} ${a.rule.replace(/^Annotation::/, '')}`)
    .sort();
}

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
  expect(canary.some((f) => f.plugin === 'CloudFormation Validate' && f.severity === 'error')).toBe(true);
});

test('every finding of the synth is the canary\'s', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test.each(ENDPOINT_STACKS)('%s has zero findings, errors and warnings', (stack) => {
  expect(assembly.getStackByName(stack).template.Resources).toBeDefined();
  expect(formatFindings(findingsUnder(findings, stack))).toBe('');
});

test('every acknowledgment is on one resource of an endpoint or of its grant policy, with a reason', () => {
  const ours = acknowledgments.filter((a) => ENDPOINT_STACKS.some((s) => a.at.startsWith(`${s}/`)));
  expect(ours.length).toBeGreaterThan(0);
  for (const ack of ours) {
    expect(ack.reason.trim().length).toBeGreaterThan(60);
    expect(ack.at).toMatch(/^\w+Endpoint\/(Endpoint\/(ExecutionPolicy\/Resource|Config|ErrorRateAlarm|ModelLatencyAlarm)|App\/ModelEndpointGrants-[A-Za-z0-9]+\/Resource)$/);
    expect(ack.rule.replace(/^Annotation::/, '')).toMatch(
      /^(AwsSolutions-IAM5\[Resource::.*\*\]|NIST\.800\.53\.R5-CloudWatchAlarmAction|NIST\.800\.53\.R5-SageMakerEndpointConfigurationKMSKeyConfigured)$/);
  }
});

test('the default endpoint acknowledges only the actions without resources and its action-less alarms', () => {
  expect(acknowledgedIn('DefaultEndpoint')).toEqual([
    'Endpoint/ErrorRateAlarm NIST.800.53.R5-CloudWatchAlarmAction',
    'Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::*]',
    'Endpoint/ModelLatencyAlarm NIST.800.53.R5-CloudWatchAlarmAction',
  ]);
});

test('alarms with actions need no acknowledgment; an NVMe GPU type acknowledges the volume key', () => {
  expect(acknowledgedIn('FullEndpoint')).toEqual([
    'Endpoint/Config NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured',
    'Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::*]',
    'Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZonerawBucketD7F34696ArnAB8BC6D6/captures/fullendpoint-endpoint-d87c9c4e/*]',
  ].map((a) => a.replace('fullendpoint-endpoint-d87c9c4e', endpointNameOf('FullEndpoint'))));
  const kms = acknowledgments.find((a) => a.at === 'FullEndpoint/Endpoint/Config');
  expect(kms?.reason).toMatch(/^ml\.g5\.xlarge is treated as having local NVMe instance storage/);
});

test('a serverless endpoint acknowledges the volume key SageMaker does not support', () => {
  const kms = acknowledgments.find((a) => a.at === 'ServerlessEndpoint/Endpoint/Config');
  expect(kms?.reason).toMatch(/^Serverless endpoints do not support KMS keys/);
});

test('wildcard acknowledgments name single resources, each with the reason of its statement', () => {
  const name = endpointNameOf('AsyncEndpoint');
  const wildcards = acknowledgedIn('AsyncEndpoint').filter((a) => a.includes('IAM5')).map((a) => a.replace(/ModelEndpointGrants-[A-Za-z0-9]+/, 'ModelEndpointGrants-<id>'));
  expect(wildcards).toEqual([
    `App/ModelEndpointGrants-<id>/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/failures/*]`,
    `App/ModelEndpointGrants-<id>/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/input/*]`,
    `App/ModelEndpointGrants-<id>/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/output/*]`,
    'Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::*]',
    'Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/*]',
    `Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/failures/*]`,
    `Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/input/*]`,
    `Endpoint/ExecutionPolicy/Resource AwsSolutions-IAM5[Resource::Lake:ExportsOutputFnGetAttLakeZoneartifactsBucket5B8CAADAArn02D194C0/async-inference/${name}/output/*]`,
  ]);
  const reasonOf = (suffix: string) => acknowledgments.find((a) => a.at === 'AsyncEndpoint/Endpoint/ExecutionPolicy/Resource' && a.rule.endsWith(suffix))?.reason;
  expect(reasonOf('/input/*]')).toMatch(/reads each request payload/);
  expect(reasonOf('/output/*]')).toMatch(/writes one result or failure object/);
  expect(reasonOf('Arn02D194C0/*]')).toMatch(/^Model package artifacts/);
  expect(reasonOf('Resource::*]')).toMatch(/PutMetricData has no resource-level permissions.*GetAuthorizationToken has no resource-level permissions/);
});

function endpointNameOf(stack: string): string {
  const resources = assembly.getStackByName(stack).template.Resources as Record<string, { Type: string; Properties: { EndpointName: string } }>;
  return Object.values(resources).find((r) => r.Type === 'AWS::SageMaker::Endpoint')!.Properties.EndpointName;
}

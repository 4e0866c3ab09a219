/**
 * The checks every AWS construct passes, for GpuTrainingCluster: zero findings from the
 * CloudFormation validator (errors and warnings) and from cdk-nag AwsSolutions and NIST 800-53
 * rev 5, every acknowledgment made inside the construct with a reason.
 *
 * One checked synth for the whole file. Stacks:
 * - DefaultCluster: a lake, an imported VPC and `new GpuTrainingCluster(...)` with only the accelerator;
 * - FullCluster: two worker groups, an FSx for Lustre file system linked to the lake, spot, a
 *   controller type, an image repository, a granted pipeline role;
 * - TrainingOnly: `hyperPod: false` (the training job profile alone);
 * - Canary: a plain unencrypted bucket with invalid properties, proving in this very synth that the
 *   validator and both packs ran (see data-lake-checks.test.ts);
 * - RedundantDependsOn: a DependsOn next to a GetAtt (W3005), proving that warnings aws-cdk-lib's
 *   validator run excludes are reported too.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { GpuType } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster } from 'mlops-constructs/aws';
import { ALL_SEVERITIES_PLUGIN_NAME, AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

const env = { account: '111111111111', region: 'us-east-1' };

function importedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
}

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    const defaults = new Stack(app, 'DefaultCluster', { env });
    new GpuTrainingCluster(defaults, 'Gpus', {
      lake: new DataLake(defaults, 'Lake'),
      vpc: importedVpc(defaults),
      accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 4 },
    });

    const full = new Stack(app, 'FullCluster', { env });
    const cluster = new GpuTrainingCluster(full, 'Gpus', {
      lake: new DataLake(full, 'Lake', { zones: [{ name: 'features' }] }),
      vpc: importedVpc(full),
      accelerator: { gpu: GpuType.A100_80GB, gpusPerNode: 8, nodeCount: 2 },
      clusterName: 'acme-train',
      controllerInstanceType: 'ml.c5.2xlarge',
      workerGroups: [{ name: 'a100' }, { name: 'a10g-dev', accelerator: { gpu: GpuType.A10G, gpusPerNode: 4, nodeCount: 1 } }],
      fileSystem: { storageCapacity: undefined, throughputPerTiB: 500, lakeZone: 'features' },
      inputZones: ['curated', 'features'],
      useSpotInstances: true,
      maxRuntime: Duration.hours(12),
      imageRepositories: [ecr.Repository.fromRepositoryName(full, 'Images', 'acme/trainer')],
    });
    const pipelineRole = new iam.Role(full, 'Pipeline', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    cluster.grantLaunchTrainingJobs(pipelineRole);

    const trainingOnly = new Stack(app, 'TrainingOnly', { env });
    new GpuTrainingCluster(trainingOnly, 'Gpus', {
      lake: new DataLake(trainingOnly, 'Lake'),
      vpc: importedVpc(trainingOnly),
      accelerator: { gpu: GpuType.T4, gpusPerNode: 1 },
      hyperPod: false,
    });

    // A second canary: a DependsOn next to a GetAtt on the same resource (W3005), which
    // aws-cdk-lib's own validator run excludes and the all-severities plugin must report.
    const redundant = new Stack(app, 'RedundantDependsOn', { env });
    const topic = new sns.CfnTopic(redundant, 'Topic', { kmsMasterKeyId: 'alias/aws/sns' });
    const subscriber = new sns.CfnTopic(redundant, 'Subscriber', { displayName: topic.attrTopicName, kmsMasterKeyId: 'alias/aws/sns' });
    subscriber.addDependency(topic);
  }));
});

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
  expect(canary.map((f) => f.rule)).toEqual(expect.arrayContaining(['AwsSolutions-S10', 'NIST.800.53.R5-S3DefaultEncryptionKMS']));
});

test('vacuity: every validator severity counts: a DependsOn next to a GetAtt is reported (W3005), which the clusters no longer have', () => {
  const redundant = findingsUnder(findings, 'RedundantDependsOn').filter((f) => f.plugin === ALL_SEVERITIES_PLUGIN_NAME);
  expect(redundant.map((f) => [f.rule, f.severity, f.constructPaths])).toEqual([['W3005', 'warning', ['RedundantDependsOn/Subscriber']]]);
});

test('every finding of the synth is a canary\'s: nothing else, not even a finding without a construct path', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/') && !p.startsWith('RedundantDependsOn/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test.each(['DefaultCluster', 'FullCluster', 'TrainingOnly'])('%s has zero findings, errors and warnings', (stack) => {
  const template = assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> };
  expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::IAM::Role')).toBe(true);
  expect(formatFindings(findingsUnder(findings, stack))).toBe('');
});

test('the checked stacks hold what they are meant to check', () => {
  const types = (stack: string) => Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type);
  expect(types('DefaultCluster')).toEqual(expect.arrayContaining(['AWS::SageMaker::Cluster', 'AWS::Lambda::Function', 'Custom::MlopsS3Files', 'AWS::KMS::Key']));
  expect(types('FullCluster')).toEqual(expect.arrayContaining(['AWS::SageMaker::Cluster', 'AWS::FSx::FileSystem', 'AWS::FSx::DataRepositoryAssociation']));
  expect(types('TrainingOnly')).not.toContain('AWS::SageMaker::Cluster');
});

test('every acknowledgment of the cluster is made inside it (or on its grant policy), with a reason', () => {
  const ours = acknowledgments.filter((a) => /^[A-Za-z]+\/(Gpus|Pipeline)\//.test(a.at));
  expect(ours.length).toBeGreaterThan(0);
  for (const ack of ours) {
    expect(ack.reason.trim().length).toBeGreaterThan(60);
    expect(ack.at).toMatch(/^(DefaultCluster|FullCluster|TrainingOnly)\/Gpus\/|^FullCluster\/Pipeline\/GpuTrainingGrants-[A-Za-z0-9]+\/Resource$/);
  }
});

test('wildcard acknowledgments name single resources, never a whole rule', () => {
  const iam5 = acknowledgments.filter((a) => a.rule.includes('AwsSolutions-IAM5') && /^[A-Za-z]+\/(Gpus|Pipeline)\//.test(a.at));
  expect(iam5.length).toBeGreaterThan(0);
  for (const ack of iam5) {
    expect(ack.rule).toMatch(/^(Annotation::)?AwsSolutions-IAM5\[Resource::.*\*.*\]$/);
  }
  expect(iam5.map((a) => `${a.at} ${a.rule}`)).toEqual(expect.arrayContaining([
    expect.stringMatching(/^FullCluster\/Pipeline\/GpuTrainingGrants-.+ .*:training-job\/\*\]$/),
    expect.stringMatching(/^DefaultCluster\/Gpus\/LifecycleScripts\/Policy .*\/training\/hyperpod\/defaultcluster-gpus-[0-9a-f]{8}\/\*\]$/),
  ]));
});

test('the acknowledgments of a cluster with default props are exactly what cannot be met', () => {
  const acks = acknowledgments
    .filter((a) => a.at.startsWith('DefaultCluster/Gpus/') && !a.at.includes('/DataLakeGrants-'))
    .map((a) => `${a.at.slice('DefaultCluster/Gpus/'.length)} ${a.rule.replace(/^Annotation::/, '').replace(/:111111111111:|defaultcluster-gpus-[0-9a-f]{8}|<LakeZoneartifactsBucket[0-9A-F]+\.Arn>/g, (m) => (m.startsWith(':') ? ':ACCOUNT:' : m.startsWith('<') ? '<ARTIFACTS>' : 'NAME'))}`)
    .sort();
  const eni = (policy: string) => ['network-interface', 'security-group', 'subnet']
    .map((type) => `${policy} AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:us-east-1:ACCOUNT:${type}/*]`);
  expect(acks).toEqual([
    ...eni('ExecutionRole/Policy'),
    'ExecutionRole/Policy AwsSolutions-IAM5[Resource::*]',
    'ExecutionRole/Policy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:ACCOUNT:log-group:/aws/sagemaker/Clusters/NAME/*:log-stream:*]',
    'ExecutionRole/Policy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:ACCOUNT:log-group:/aws/sagemaker/Clusters/NAME/*]',
    'LifecycleScripts/Function NIST.800.53.R5-LambdaConcurrency',
    'LifecycleScripts/Function NIST.800.53.R5-LambdaDLQ',
    'LifecycleScripts/Policy AwsSolutions-IAM5[Resource::*]',
    'LifecycleScripts/Policy AwsSolutions-IAM5[Resource::<ARTIFACTS>/training/hyperpod/NAME/*]',
    ...eni('LifecycleScripts/Policy'),
    expect.stringMatching(/^SecurityGroup\/from DefaultClusterGpusSecurityGroup[0-9A-F]+:ALL TRAFFIC NIST\.800\.53\.R5-EC2RestrictedCommonPorts$/),
    ...eni('TrainingRole/Policy'),
    'TrainingRole/Policy AwsSolutions-IAM5[Resource::*]',
    'TrainingRole/Policy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:ACCOUNT:log-group:/aws/sagemaker/TrainingJobs:log-stream:*]',
  ].sort());
});

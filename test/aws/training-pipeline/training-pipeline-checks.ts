/**
 * The checks every AWS construct passes, for TrainingPipeline and ModelRegistry: zero findings
 * from the CloudFormation validator (errors and warnings) and from cdk-nag AwsSolutions and NIST
 * 800-53 rev 5, every acknowledgment made inside the constructs with a reason.
 *
 * One checked synth for the whole file (it also covers the registry: a pipeline needs one).
 * Stacks:
 * - DefaultPipeline: a lake with one table, a training profile, a registry, and a pipeline with
 *   only a spec (name, schema, label): daily schedule, CPU, built-in XGBoost, own alarm topic;
 * - FullPipeline: GPU accelerator, bar and automatic promotion, a rate schedule, an alarm action
 *   of the user's, a key of the user's, a start grant and a start target on a rule, an imported
 *   registry beside a created one with every grant, and an environment-agnostic stack (the
 *   image through the region mapping);
 * - Canary: a plain bucket proving the validator and both packs ran (see data-lake-checks.test.ts).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { EvaluationMetric, GpuType, PromotionPolicy, TrainingPipelineSpec } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline, TrainingSchedule } from 'mlops-constructs/aws';
import { customers } from './fixtures';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

const env = { account: '111111111111', region: 'eu-west-1' };
function setup(stack: Stack) {
  const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'curated', schema: customers }] });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  const training = new GpuTrainingCluster(stack, 'Gpus', { lake, vpc, accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
  return { lake, training };
}

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    const defaults = new Stack(app, 'DefaultPipeline', { env });
    new TrainingPipeline(defaults, 'Churn', {
      ...setup(defaults),
      registry: new ModelRegistry(defaults, 'Registry'),
      spec: new TrainingPipelineSpec({ name: 'churn', schema: customers, label: 'churned' }),
    });

    const full = new Stack(app, 'FullPipeline');
    const registry = new ModelRegistry(full, 'Registry', { modelPackageGroupName: 'churn-models', encryptionKey: new kms.Key(full, 'RegistryKey', { enableKeyRotation: true }) });
    const pipeline = new TrainingPipeline(full, 'Churn', {
      ...setup(full),
      registry,
      spec: new TrainingPipelineSpec({
        name: 'churn', schema: customers, label: 'churned', accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 },
        metric: EvaluationMetric.LOG_LOSS, bar: 0.5, promotion: PromotionPolicy.whenBetter({ margin: 0.01 }),
      }),
      schedule: TrainingSchedule.rate(Duration.hours(12)),
      alarmActions: [new cloudwatchActions.SnsAction(new sns.Topic(full, 'Pager', { enforceSSL: true, masterKey: new kms.Key(full, 'PagerKey', { enableKeyRotation: true }) }))],
      encryptionKey: new kms.Key(full, 'PipelineKey', { enableKeyRotation: true }),
      stateMachineName: 'churn-training',
    });
    const ci = new iam.Role(full, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.grantStart(ci);
    registry.grantApprove(ci);
    registry.grantRead(ci);
    const imported = ModelRegistry.fromModelRegistryName(full, 'Imported', 'fraud-models');
    imported.grantRead(ci);
    registry.onVersionApproved('Approved', { target: pipeline.startTarget() });
    new events.Rule(full, 'Drift', { eventPattern: { source: ['mlops.drift'] }, targets: [pipeline.startTarget()] });
  }));
});

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
});

test.each(['DefaultPipeline', 'FullPipeline'])('%s has zero findings, errors and warnings', (stack) => {
  expect(formatFindings(findingsUnder(findings, stack))).toBe('');
});

test('every finding of the synth is the canary\'s', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test('the checked stacks hold what they are meant to check', () => {
  const types = (stack: string) => Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type);
  expect(types('DefaultPipeline')).toEqual(expect.arrayContaining([
    'AWS::StepFunctions::StateMachine', 'AWS::Lambda::Function', 'AWS::Scheduler::Schedule', 'AWS::SageMaker::ModelPackageGroup', 'AWS::CloudWatch::Alarm', 'AWS::SNS::Topic', 'AWS::Glue::Table',
  ]));
  expect(types('FullPipeline')).toEqual(expect.arrayContaining(['AWS::Events::Rule', 'AWS::Scheduler::Schedule']));
  expect((assembly.getStackByName('FullPipeline').template as { Mappings?: object }).Mappings).toBeDefined();
});

test('no inline policy anywhere in the pipeline stacks (every statement is in a managed policy)', () => {
  for (const stack of ['DefaultPipeline', 'FullPipeline']) {
    const resources = Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string; Properties?: { Policies?: unknown } }> }).Resources);
    expect(resources.filter((r) => r.Type === 'AWS::IAM::Policy')).toEqual([]);
    expect(resources.filter((r) => r.Type === 'AWS::IAM::Role' && r.Properties?.Policies !== undefined)).toEqual([]);
  }
});

test('every acknowledgment of the pipeline and the registry is made inside them, with a reason, and names single resources', () => {
  const ours = acknowledgments.filter((a) => /^(DefaultPipeline|FullPipeline)\/(Churn|Registry|Imported)\//.test(a.at) || /\/(TrainingPipelineGrants|ModelRegistryGrants)-/.test(a.at));
  expect(ours.length).toBeGreaterThan(0);
  for (const ack of ours) {
    expect(ack.reason.trim().length).toBeGreaterThan(60);
    if (ack.rule.includes('IAM5')) {
      expect(ack.rule).toMatch(/^(Annotation::)?AwsSolutions-IAM5\[Resource::.*\*.*\]$/);
    }
  }
  const rules = new Set(ours.map((a) => a.rule.replace(/^Annotation::/, '').replace(/\[.*$/, '')));
  expect([...rules].sort()).toEqual(['AwsSolutions-IAM5', 'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC']);
});

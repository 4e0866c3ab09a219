/**
 * The checks every AWS construct passes, for DeliveryPipeline: zero findings from the
 * CloudFormation validator and from cdk-nag AwsSolutions and NIST 800-53 rev 5 on the pipeline
 * stacks, every acknowledgment made inside the construct with a reason, naming single findings.
 *
 * One checked synth for the file. Stacks:
 * - MultiAccount: staging and production in two other accounts, model delivery from a registry
 *   imported into the pipeline stack (cross-account keys, the lookup's ListModelPackages);
 * - Shared: both stages in the pipeline's account and region (opt-in), an approval with a
 *   notification topic and an approver role, custom commands and a key of the user's, a registry created in the stack;
 * - Waived: no approval (waived with a reason), no registry, staging in another account without region;
 * - Canary: a plain bucket proving the validator and both packs ran (see data-lake-checks.test.ts).
 * The stages hold one small stack each (a key); their findings are the user's, checked too.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { DeliveryPipeline, ModelRegistry, ProductionApproval } from 'mlops-constructs/aws';
import { AwsAcknowledgment, AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';
import { CONNECTION_ARN, newStage, PIPELINE_ENV } from './fixtures';

let findings: AwsFinding[];
let acknowledgments: AwsAcknowledgment[];
let assembly: CloudAssembly;

beforeAll(() => {
  ({ assembly, findings, acknowledgments } = checkedSynth((app) => {
    const multi = new Stack(app, 'MultiAccount', { env: PIPELINE_ENV });
    new DeliveryPipeline(multi, 'Delivery', {
      repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN,
      staging: newStage(app, 'MultiStaging', { account: '222222222222', region: 'eu-west-1' }),
      production: newStage(app, 'MultiProduction', { account: '333333333333', region: 'eu-west-1' }),
      modelRegistry: ModelRegistry.fromModelRegistryName(multi, 'Registry', 'acme-churn'),
    });

    const shared = new Stack(app, 'Shared', { env: PIPELINE_ENV });
    const topicKey = new kms.Key(shared, 'TopicKey', { enableKeyRotation: true });
    new DeliveryPipeline(shared, 'Delivery', {
      repository: 'acme/ml-platform', branch: 'release/2026', connectionArn: 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/abc',
      staging: newStage(app, 'SharedStaging', PIPELINE_ENV),
      production: newStage(app, 'SharedProduction', PIPELINE_ENV),
      allowSharedEnvironment: true,
      productionApproval: ProductionApproval.manual({
        notificationTopic: new sns.Topic(shared, 'Approvals', { enforceSSL: true, masterKey: topicKey }),
        approvers: [new iam.Role(shared, 'ReleaseManagers', { assumedBy: new iam.AccountRootPrincipal() })],
      }),
      installCommands: ['npm ci', 'npm run build'], testCommands: ['npm test', 'npm run lint'], synthCommands: ['npx cdk synth --strict'],
      encryptionKey: new kms.Key(shared, 'PipelineKey', { enableKeyRotation: true }),
      modelRegistry: new ModelRegistry(shared, 'Registry', { modelPackageGroupName: 'acme-fraud' }),
      pipelineName: 'acme-shared-delivery',
    });

    const waived = new Stack(app, 'Waived', { env: PIPELINE_ENV });
    new DeliveryPipeline(waived, 'Delivery', {
      repository: 'acme/sandbox', connectionArn: CONNECTION_ARN,
      staging: newStage(app, 'WaivedStaging', { account: '444444444444' }),
      production: newStage(app, 'WaivedProduction'),
      productionApproval: ProductionApproval.waived('Sandbox: production serves demo traffic only.'),
    });
  }));
});

const STACKS = ['MultiAccount', 'Shared', 'Waived'];

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
});

test.each(STACKS)('%s has zero findings, errors and warnings', (stack) => {
  expect(formatFindings(findingsUnder(findings, stack))).toBe('');
});

test('every finding of the synth is the canary\'s (the stages\' stacks included)', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

test('the checked stacks hold a pipeline, its bucket, key and log group; the stages are nested assemblies checked in the same synth', () => {
  for (const stack of STACKS) {
    const types = Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::CodePipeline::Pipeline', 'AWS::CodeBuild::Project', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']));
  }
  expect(assembly.stacksRecursively.map((s) => s.hierarchicalId)).toEqual(expect.arrayContaining(['MultiStaging/Service', 'SharedProduction/Service', 'WaivedStaging/Service']));
});

test('every acknowledgment of the pipelines is made inside them, with a reason, for single findings', () => {
  const ours = acknowledgments.filter((a) => STACKS.some((s) => a.at.startsWith(`${s}/Delivery/`)));
  expect(ours.length).toBeGreaterThan(0);
  for (const ack of ours) {
    expect(ack.reason.trim().length).toBeGreaterThan(60);
    if (ack.rule.includes('IAM5')) {
      expect(ack.rule).toMatch(/^(Annotation::)?AwsSolutions-IAM5\[(Resource|Action)::.*\*.*\]$/);
    }
  }
  const rules = new Set(ours.map((a) => a.rule.replace(/^Annotation::/, '').replace(/\[.*$/, '')));
  expect([...rules].sort()).toEqual(['AwsSolutions-IAM5', 'NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R5-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3DefaultEncryptionKMS']);
});

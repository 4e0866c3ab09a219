/**
 * DeliveryPipeline: the path every change takes (source → build with tests before synth →
 * self-mutation → staging → approval → production), read from the synthesized CodePipeline; the
 * key, bucket and log group (encrypted, retained); model delivery (the approval rule targets the
 * pipeline, the synth step resolves the approved package with ListModelPackages only); multi-account
 * stages; the approval waiver.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ALLOW_DATA_DESTRUCTION_CONTEXT } from 'mlops-constructs';
import {
  DELIVERY_PIPELINE_STAGES, DELIVERY_PIPELINE_WARNINGS, DeliveryPipeline, DeliveryPipelineProps, ModelRegistry, ProductionApproval,
} from 'mlops-constructs/aws';
import { CONNECTION_ARN, newDelivery, newStage } from './fixtures';

function build(extra: Partial<DeliveryPipelineProps> = {}, withRegistry = true) {
  const { app, stack, staging, production } = newDelivery();
  const registry = withRegistry ? ModelRegistry.fromModelRegistryName(stack, 'Registry', 'acme-churn') : undefined;
  const delivery = new DeliveryPipeline(stack, 'Delivery', {
    repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, modelRegistry: registry, ...extra,
  });
  return { app, stack, delivery, template: Template.fromStack(stack) };
}

/** The CodePipeline stages as `[name, [action (category, runOrder)]]`. */
function stagesOf(template: Template): Array<[string, string[]]> {
  const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  return pipeline.Properties.Stages.map((s: any) => [s.Name, s.Actions.map((a: any) => `${a.Name}:${a.ActionTypeId.Category}@${a.RunOrder}`)]);
}

/** The synth project's buildspec. */
function synthBuildSpec(template: Template): any {
  const projects = template.findResources('AWS::CodeBuild::Project');
  const synth = Object.entries(projects).find(([id]) => id.includes('BuildSynth'))!;
  return JSON.parse(synth[1].Properties.Source.BuildSpec);
}

describe('the delivery path', () => {
  const { template, delivery } = build();

  test('source → build → self-mutation → staging → approval → production, in this order, each deploy after the approval in production', () => {
    expect(stagesOf(template)).toEqual([
      ['Source', ['acme_ml-platform:Source@1']],
      ['Build', ['Synth:Build@1']],
      ['UpdatePipeline', ['SelfMutate:Build@1']],
      ['Staging', ['Prepare:Deploy@1', 'Deploy:Deploy@2']],
      [DELIVERY_PIPELINE_STAGES.approval, ['Approve:Approval@1']],
      ['Production', ['Prepare:Deploy@1', 'Deploy:Deploy@2']],
    ]);
  });

  test('the source is the connection on the branch, a push starts the pipeline (V2)', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      PipelineType: 'V2',
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Source',
        Actions: [Match.objectLike({
          ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
          Configuration: Match.objectLike({ ConnectionArn: CONNECTION_ARN, FullRepositoryId: 'acme/ml-platform', BranchName: 'main', DetectChanges: true }),
        })],
      })]),
    });
  });

  test('the build installs, then tests, then resolves the approved model, then synthesizes: a failing test stops it before any deploy', () => {
    const spec = synthBuildSpec(template);
    expect(spec.phases.install).toEqual({ 'runtime-versions': { nodejs: '20' }, 'commands': ['npm ci'] });
    const commands: string[] = spec.phases.build.commands;
    expect(commands).toHaveLength(3);
    expect(commands[0]).toBe('npm test');
    expect(commands[1]).toMatch(/^APPROVED_MODEL_PACKAGE="\$\(aws sagemaker list-model-packages --model-package-group-name acme-churn --model-approval-status Approved --sort-by CreationTime --sort-order Descending --max-results 1 /);
    expect(commands[1]).toContain('"mlops-constructs:approvedModelPackage:acme-churn" "$APPROVED_MODEL_PACKAGE"');
    expect(commands[2]).toBe('npx cdk synth');
    expect(spec.artifacts['base-directory']).toBe('cdk.out');
  });

  test('the approval asks to approve production after staging', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'ApproveProduction',
        Actions: [Match.objectLike({ ActionTypeId: Match.objectLike({ Category: 'Approval', Provider: 'Manual' }), Configuration: { CustomData: Match.stringLikeRegexp('^Stage Staging deployed') } })],
      })]),
    });
  });

  test('the pipeline name is derived, the pipeline attributes point at it', () => {
    expect(delivery.pipelineName).toMatch(/^tools-delivery-[0-9a-f]{8}$/);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Name: delivery.pipelineName });
  });
});

describe('artifacts and logs', () => {
  const { template, delivery, stack } = build();

  test('a rotating key, retained; the artifact bucket is SSE-KMS with it, versioned, access-logged, TLS only, retained', () => {
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const keyId = stack.getLogicalId(delivery.encryptionKey.node.defaultChild as kms.CfnKey);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'artifacts/' }),
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { ArtifactStore: { Type: 'S3', Location: { Ref: stack.getLogicalId(delivery.artifactBucket.node.defaultChild as any) }, EncryptionKey: { Id: { 'Fn::GetAtt': [keyId, 'Arn'] }, Type: 'KMS' } } });
  });

  test('every CodeBuild project logs to one log group encrypted with the key, kept a year, retained; builds are encrypted with the key, on Node 20, unprivileged', () => {
    const logGroupId = stack.getLogicalId(delivery.logGroup.node.defaultChild as any);
    const keyId = stack.getLogicalId(delivery.encryptionKey.node.defaultChild as kms.CfnKey);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: `/aws/codebuild/${delivery.pipelineName}`, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    const projects = Object.values(template.findResources('AWS::CodeBuild::Project'));
    expect(projects.length).toBeGreaterThanOrEqual(2);
    for (const project of projects) {
      expect(project.Properties.LogsConfig).toEqual({ CloudWatchLogs: { GroupName: { Ref: logGroupId }, Status: 'ENABLED' } });
      expect(project.Properties.EncryptionKey).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(project.Properties.Environment).toMatchObject({ Image: 'aws/codebuild/standard:7.0', PrivilegedMode: false });
      expect(JSON.parse(project.Properties.Source.BuildSpec).phases.install['runtime-versions']).toEqual({ nodejs: '20' });
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'BuildLogGroupEncryption', Principal: { Service: 'logs.eu-west-1.amazonaws.com' } })]) },
    });
  });

  test('DESTROY needs the app-level opt-in, then deletes the buckets, key and log group', () => {
    expect(() => build({ removalPolicy: RemovalPolicy.DESTROY })).toThrow(/allowDataDestruction/);
    const { app, stack: s2, staging, production } = newDelivery({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } });
    void app;
    new DeliveryPipeline(s2, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, removalPolicy: RemovalPolicy.DESTROY });
    const t = Template.fromStack(s2);
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const resource of Object.values(t.findResources(type))) {
        expect(resource.DeletionPolicy).toBe('Delete');
      }
    }
  });
});

describe('model delivery', () => {
  const { template, stack, delivery } = build();

  test('an approved version of the registry starts the pipeline: the rule matches the approval and targets the pipeline', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.sagemaker'],
        'detail-type': ['SageMaker Model Package State Change'],
        'detail': { ModelPackageGroupName: ['acme-churn'], ModelApprovalStatus: ['Approved'] },
      },
      Targets: [Match.objectLike({
        Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codepipeline:eu-west-1:111111111111:', { Ref: stack.getLogicalId(delivery.pipeline.node.defaultChild as any) }]] },
      })],
    });
    expect(delivery.modelApprovedRule).toBeDefined();
  });

  test('the synth step may list model packages, nothing else of SageMaker', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    const sagemaker = policies.flatMap(([id, p]) => p.Properties.PolicyDocument.Statement
      .filter((s: any) => JSON.stringify(s.Action).includes('sagemaker:'))
      .map((s: any) => ({ id, statement: s })));
    expect(sagemaker).toHaveLength(1);
    expect(sagemaker[0].id).toMatch(/BuildSynthCdkBuildProjectRole/);
    expect(sagemaker[0].statement).toEqual({ Sid: 'ResolveApprovedModelPackage', Action: 'sagemaker:ListModelPackages', Effect: 'Allow', Resource: '*' });
  });

  test('without a registry: no rule, no lookup, no SageMaker permission', () => {
    const { template: t } = build({}, false);
    t.resourceCountIs('AWS::Events::Rule', 0);
    expect(synthBuildSpec(t).phases.build.commands).toEqual(['npm test', 'npx cdk synth']);
    expect(JSON.stringify(t.findResources('AWS::IAM::Policy'))).not.toContain('sagemaker:');
  });
});

describe('environments', () => {
  test('stages in other accounts: cross-account deploy roles of the target accounts (bootstrap trust), the key grants them', () => {
    const { template } = build();
    const staging = stagesOf(template).find(([name]) => name === 'Staging');
    expect(staging).toBeDefined();
    const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
    const deploy = pipeline.Properties.Stages.find((s: any) => s.Name === 'Staging').Actions[0];
    expect(JSON.stringify(deploy.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
    const production = pipeline.Properties.Stages.find((s: any) => s.Name === 'Production').Actions[0];
    expect(JSON.stringify(production.RoleArn)).toContain(':iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1');
    const deployRole = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-eu-west-1`]] });
    for (const account of ['222222222222', '333333333333']) {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { AWS: deployRole(account) }, Action: ['kms:Decrypt', 'kms:DescribeKey'] })]) },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { AWS: deployRole(account) }, Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] })]) },
      });
    }
  });

  test('one account, two regions: refused (CodePipeline replication buckets are not built)', () => {
    const { app, stack } = newDelivery();
    const staging = newStage(app, 'Eu', { account: '111111111111', region: 'eu-west-1' });
    const production = newStage(app, 'Us', { account: '444444444444', region: 'us-east-1' });
    expect(() => new DeliveryPipeline(stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production }))
      .toThrow(/\[Tools\/Delivery\] invalid production: "Us in us-east-1"\. Allowed: a Stage in the pipeline's region eu-west-1/);
  });

  test('stages without env share the pipeline\'s environment: accepted with allowSharedEnvironment, both deployed there', () => {
    const { app, stack } = newDelivery();
    const staging = newStage(app, 'Test');
    const production = newStage(app, 'Live');
    const delivery = new DeliveryPipeline(stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, allowSharedEnvironment: true });
    expect(delivery.crossEnvironment).toBe(false);
    expect(stagesOf(Template.fromStack(stack)).map(([n]) => n)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Test', 'ApproveProduction', 'Live']);
  });
});

describe('production approval', () => {
  test('waived with a reason: no approval stage, production follows staging, a warning says why', () => {
    const { template, delivery } = build({ productionApproval: ProductionApproval.waived('Sandbox platform: production holds no customer traffic.') });
    expect(stagesOf(template).map(([n]) => n)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Staging', 'Production']);
    Annotations.fromStack(Stack.of(delivery)).hasWarning('/Tools/Delivery',
      Match.stringLikeRegexp(`Production \\(Production\\) deploys without a manual approval: Sandbox platform.*\\[ack: ${DELIVERY_PIPELINE_WARNINGS.approvalWaived}\\]`));
  });

  test('approvers may approve the production action only (a managed policy of the pipeline), and read the pipeline\'s state', () => {
    const { app, stack, staging, production } = newDelivery();
    void app;
    const releaseManagers = new iam.Role(stack, 'ReleaseManagers', { assumedBy: new iam.AccountRootPrincipal() });
    const delivery = new DeliveryPipeline(stack, 'Delivery', {
      repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, pipelineName: 'ml-platform',
      productionApproval: ProductionApproval.manual({ approvers: [releaseManagers] }),
    });
    void delivery;
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Roles).toEqual([{ Ref: stack.getLogicalId(releaseManagers.node.defaultChild as iam.CfnRole) }]);
    const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:codepipeline:eu-west-1:111111111111:ml-platform${suffix}`]] });
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Action: 'codepipeline:PutApprovalResult', Effect: 'Allow', Resource: arn('/ApproveProduction/Approve') },
      { Action: ['codepipeline:GetPipeline', 'codepipeline:GetPipelineState', 'codepipeline:GetPipelineExecution', 'codepipeline:ListPipelineExecutions', 'codepipeline:ListActionExecutions'], Effect: 'Allow', Resource: arn('') },
    ]);
  });

  test('manual with a comment', () => {
    const { template } = build({ productionApproval: ProductionApproval.manual({ comment: 'Check the staging dashboards first.' }) });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Name: 'ApproveProduction', Actions: [Match.objectLike({ Configuration: { CustomData: 'Check the staging dashboards first.' } })] })]),
    });
  });
});

test('custom commands: install, tests and synth in their phases; no tests allowed', () => {
  const { template } = build({ installCommands: ['npm ci', 'npm run build'], testCommands: [], synthCommands: ['npx cdk synth --strict'] }, false);
  const spec = synthBuildSpec(template);
  expect(spec.phases.install.commands).toEqual(['npm ci', 'npm run build']);
  expect(spec.phases.build.commands).toEqual(['npx cdk synth --strict']);
});

test('a key passed in is used; one with rotation off is warned about', () => {
  const { app, stack, staging, production } = newDelivery();
  void app;
  const key = new kms.Key(stack, 'MyKey');
  const delivery = new DeliveryPipeline(stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, encryptionKey: key });
  expect(delivery.encryptionKey).toBe(key);
  Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  Annotations.fromStack(stack).hasWarning('/Tools/Delivery', Match.stringLikeRegexp(DELIVERY_PIPELINE_WARNINGS.keyRotationDisabled));
});

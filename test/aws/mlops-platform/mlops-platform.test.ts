/**
 * MlopsPlatform: each level's construct tree holds exactly what MATURITY_LEVELS says, growing a
 * level replaces no stateful resource, the endpoint follows the level, and bad input fails at
 * synth with the path, the property, the value and what is allowed.
 */
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { maturityLevelCapabilities, maturityLevelConstructs, MlopsValidationError, TrainingPipelineSpec } from 'mlops-constructs';
import { MLOPS_PLATFORM_WARNINGS, MlopsPlatform, MlopsPlatformProps } from 'mlops-constructs/aws';
import { AWS_LEVELS, createLevelStack, REPOSITORY_CONTEXT } from '../../../examples/aws/levels';
import { churnRetraining, churnTraining } from '../../../examples/schemas';
import { awsStatefulIds } from '../../../tools/stateful';
import { env, GROWN, groupOf, levelStack, libraryClassesUnder, platformClasses, referenceStack, servingStackOf, templateFor, templateOf } from './fixtures';

jest.setTimeout(60_000);

describe('the construct tree of each level is its definition', () => {
  test.each(AWS_LEVELS.map((l) => [l]))('level %i, with an approved version: exactly maturityLevelConstructs(level)', (level) => {
    const stack = levelStack(level, { approved: true });
    expect(platformClasses(stack.platform)).toEqual([...maturityLevelConstructs(level)].sort());
    // From level 2 the endpoints are in the delivery stages' stacks, not under the platform.
    expect(stack.platform.servingStacks.map((s) => s.stackName)).toEqual(level >= 2 ? ['Grown-Staging-Serving', 'Grown-Production-Serving'] : []);
    expect(libraryClassesUnder(stack.platform).includes('ModelEndpoint')).toBe(level < 2);
    expect(stack.platform.capabilities).toEqual(maturityLevelCapabilities(level));
    expect(stack.platform.level).toBe(level);
  });

  test.each(AWS_LEVELS.map((l) => [l]))('level %i, before a version is approved: everything but the endpoint (and the drift monitor that reads its capture), and a warning saying so', (level) => {
    const stack = levelStack(level);
    expect(platformClasses(stack.platform)).toEqual(maturityLevelConstructs(level).filter((c) => c !== 'ModelEndpoint' && c !== 'DriftMonitor').sort());
    expect(stack.platform.servingStacks).toEqual([]);
    expect(stack.platform.driftMonitor).toBeUndefined();
    expect(stack.platform.endpoint).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Grown/Platform', Match.stringLikeRegexp(`No endpoint yet.*-c mlops-constructs:approvedModelPackage:${groupOf(GROWN)}=`));
    expect(MLOPS_PLATFORM_WARNINGS.noApprovedModelVersion).toBe('mlops-constructs:MlopsPlatform.noApprovedModelVersion');
  });

  test('children have the fixed ids of the design', () => {
    const platform = levelStack(3, { approved: true }).platform;
    expect(platform.node.children.map((c) => c.node.id).filter((id) => /^[A-Z]/.test(id)).sort())
      .toEqual(['Delivery', 'Drift', 'Features', 'Ingest', 'Lake', 'Pipeline', 'Registry', 'ServingLake', 'Training']);
    expect(levelStack(1, { approved: true }).platform.node.children.map((c) => c.node.id).filter((id) => /^[A-Z]/.test(id)).sort())
      .toEqual(['Endpoint', 'Features', 'Ingest', 'Lake', 'Pipeline', 'Registry', 'ServingImages', 'Training']);
    expect(platform.deliveryPipeline!.node.id).toBe('Delivery');
    expect(platform.driftMonitor!.node.id).toBe('Drift');
    expect(platform.lake.node.id).toBe('Lake');
    expect(platform.registry.node.id).toBe('Registry');
    expect(platform.endpoint!.node.id).toBe('Endpoint');
    expect(platform.endpoint!.node.path).toBe('Grown/Production/PlatformServing/Endpoint');
    expect(platform.stagingEndpoint!.node.path).toBe('Grown/Staging/PlatformServing/Endpoint');
    expect(platform.ingest!.node.id).toBe('Ingest');
    expect(platform.featureStore!.node.id).toBe('Features');
    expect(platform.trainingCluster!.node.id).toBe('Training');
    expect(platform.pipeline!.node.id).toBe('Pipeline');
  });
});

describe('growing a level replaces no stateful resource', () => {
  const pairs = AWS_LEVELS.slice(0, -1).map((l) => [l, l + 1]);

  test.each(pairs)('in one stack, level %i → %i: every stateful logical id stays, with the same type and properties (but the endpoint\'s, which moves into the production stage at 1 → 2)', (from, to) => {
    for (const approved of [false, true]) {
      const before = templateOf(levelStack(from, { approved }));
      const after = templateOf(levelStack(to, { approved }));
      const ids = awsStatefulIds(before);
      if (from === 1 && approved) {
        // The endpoint's key and container log group (retained when they leave the platform's stack)
        // are created again in the production serving stack; the lake, registry, stream and
        // feature groups stay.
        const moved = Object.keys(ids).filter((id) => id.startsWith('PlatformEndpoint'));
        expect(moved.map((id) => ids[id]).sort()).toEqual(['AWS::KMS::Key', 'AWS::Logs::LogGroup']);
        moved.forEach((id) => delete ids[id]);
        expect(Object.values(awsStatefulIds(templateFor(servingStackOf(levelStack(to, { approved }), 'Production')).toJSON())).sort()).toEqual(['AWS::KMS::Key', 'AWS::Logs::LogGroup']);
      }
      expect(Object.keys(ids).length).toBeGreaterThan(from === 0 ? 5 : 10);
      for (const [id, type] of Object.entries(ids)) {
        expect({ id, type: after.Resources[id]?.Type }).toEqual({ id, type });
        expect({ id, properties: after.Resources[id].Properties }).toEqual({ id, properties: before.Resources[id].Properties });
      }
    }
  });

  test('the reference stacks: each stateful logical id of MlopsLevel<N>Aws is one of MlopsLevel<N+1>Aws', () => {
    const templates = AWS_LEVELS.map((l) => templateFor(referenceStack(l)).toJSON());
    for (let l = 0; l + 1 < templates.length; l++) {
      const next = awsStatefulIds(templates[l + 1]);
      expect(next).toEqual(expect.objectContaining(awsStatefulIds(templates[l])));
    }
  });
});

describe('the reference stacks', () => {
  test('are named MlopsLevel<N>Aws, in the CLI\'s account and region (no fixed account anywhere)', () => {
    for (const level of AWS_LEVELS) {
      const stack = referenceStack(level);
      expect(stack.stackName).toBe(`MlopsLevel${level}Aws`);
      expect(stack.resolve(stack.account)).toEqual({ Ref: 'AWS::AccountId' });
      expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
      const template = templateFor(stack).toJSON();
      // Account ids (in an ARN, or a string of their own) appear only as the AWS-owned registries
      // of the built-in XGBoost image, in the region mappings.
      const { Mappings: _mappings, ...rest } = template;
      expect(JSON.stringify(rest)).not.toMatch(/[:"\\]\d{12}[:"\\]/);
    }
  });

  test('without the repository context, levels 2 and 3 carry an error naming the prop and the command (so `cdk deploy` refuses them); levels 0 and 1 in the same app have none', () => {
    const app = new App();
    const stacks = AWS_LEVELS.map((level) => createLevelStack(app, level));
    for (const stack of stacks) {
      const errors = Annotations.fromStack(stack).findError('*', Match.anyValue());
      if (stack.platform.level < 2) {
        expect(errors).toEqual([]);
      } else {
        expect(errors.map((e) => e.entry.data)).toEqual([expect.stringMatching(new RegExp(
          `^${stack.stackName} is level ${stack.platform.level}: its delivery pipeline needs delivery\\.repository.*`
          + `npx cdk deploy ${stack.stackName} -c ${REPOSITORY_CONTEXT}=<owner>/<name>`))]);
      }
    }
    // With the context, no error, and the pipeline builds that repository.
    const given = createLevelStack(new App({ context: { [REPOSITORY_CONTEXT]: 'octo-org/churn-app' } }), 2);
    expect(Annotations.fromStack(given).findError('*', Match.anyValue())).toEqual([]);
    templateFor(given).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Actions: [Match.objectLike({ Configuration: Match.objectLike({ FullRepositoryId: 'octo-org/churn-app' }) })] })]),
    });
  });

  test('level 0 has no network; level 1 has isolated subnets, an S3 gateway endpoint, no NAT and flow logs', () => {
    const zero = templateFor(referenceStack(0));
    zero.resourceCountIs('AWS::EC2::VPC', 0);
    const one = templateFor(referenceStack(1));
    one.resourceCountIs('AWS::EC2::VPC', 1);
    one.resourceCountIs('AWS::EC2::NatGateway', 0);
    one.resourceCountIs('AWS::EC2::InternetGateway', 0);
    one.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({}) });
    one.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
    one.resourceCountIs('AWS::EC2::FlowLog', 1);
    one.hasResourceProperties('AWS::SageMaker::FeatureGroup', { RecordIdentifierFeatureName: 'customer_id', EventTimeFeatureName: 'computed_at' });
  });
});

describe('the endpoint follows the level', () => {
  test('level 0: serverless (nothing bills idle), no capture, the approved package', () => {
    const t = templateFor(levelStack(0, { approved: true }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } })],
      DataCaptureConfig: Match.absent(),
    });
    t.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: { ModelPackageName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:model-package/${groupOf(GROWN)}/3$`)])] } },
    });
  });

  test('level 1: one ml.m5.large, captured into the lake\'s raw zone, all at once', () => {
    const t = templateFor(levelStack(1, { approved: true }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.m5.large', InitialInstanceCount: 1 })],
      DataCaptureConfig: Match.objectLike({ EnableCapture: true, InitialSamplingPercentage: 100 }),
    });
    t.hasResourceProperties('AWS::SageMaker::Endpoint', {
      DeploymentConfig: Match.objectLike({ BlueGreenUpdatePolicy: Match.objectLike({ TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE' } }) }),
    });
  });

  test('level 2: the endpoint is in the delivery stages — staging serverless, then (after the approval) production on two instances, a canary of one rolled back by the endpoint\'s alarms; every approved version re-runs the delivery pipeline', () => {
    const stack = levelStack(2, { approved: true });
    const t = templateFor(stack);
    t.resourceCountIs('AWS::SageMaker::Endpoint', 0);
    const staging = templateFor(servingStackOf(stack, 'Staging'));
    staging.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'grown-serving-staging' });
    staging.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [Match.objectLike({ ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } })] });
    staging.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: { ModelPackageName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:model-package/${groupOf(GROWN)}/3$`)])] } },
    });
    const production = templateFor(servingStackOf(stack, 'Production'));
    production.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'grown-serving' });
    production.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.m5.large', InitialInstanceCount: 2 })],
      DataCaptureConfig: Match.objectLike({ DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { 'Fn::ImportValue': 'grown-lake-raw-bucket' }, '/captures/grown-serving/']] }, KmsKeyId: { 'Fn::ImportValue': 'grown-lake-key-arn' } }),
    });
    // The platform's stack exports what the serving stacks import.
    expect(Object.values(t.toJSON().Outputs as Record<string, { Export?: { Name: string } }>).map((o) => o.Export?.Name).filter(Boolean).sort())
      .toEqual(['grown-lake-artifacts-bucket', 'grown-lake-curated-bucket', 'grown-lake-key-arn', 'grown-lake-raw-bucket']);
    // The pipeline: the platform's stack (self-mutation) first, then each stage's serving stack; production after the approval.
    const pipeline = Object.values(t.findResources('AWS::CodePipeline::Pipeline'))[0].Properties as { Stages: { Name: string; Actions: { Configuration?: { StackName?: string } }[] }[] };
    const deploys = pipeline.Stages.map((st) => [st.Name, [...new Set(st.Actions.map((a) => a.Configuration?.StackName).filter(Boolean))].sort()]);
    expect(deploys).toEqual([['Source', []], ['Build', []], ['UpdatePipeline', []],
      ['Staging', ['Grown-Staging', 'Grown-Staging-Serving']], ['ApproveProduction', []], ['Production', ['Grown-Production', 'Grown-Production-Serving']]]);
    production.hasResourceProperties('AWS::SageMaker::Endpoint', {
      DeploymentConfig: Match.objectLike({
        BlueGreenUpdatePolicy: Match.objectLike({ TrafficRoutingConfiguration: Match.objectLike({ Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 } }) }),
        AutoRollbackConfiguration: { Alarms: Match.arrayWith([Match.objectLike({})]) },
      }),
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['SageMaker Model Package State Change'], 'detail': Match.objectLike({ ModelPackageGroupName: ['grown-churn'], ModelApprovalStatus: ['Approved'] }) }),
    });
    t.resourceCountIs('AWS::CodePipeline::Pipeline', 1);
  });

  test('level 3: the drift monitor reads the endpoint\'s capture and its breach starts the training pipeline; promotion is when better', () => {
    const stack = levelStack(3, { approved: true });
    const t = templateFor(stack);
    const machines = Object.entries(t.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(2);
    const pipelineId = stack.getLogicalId(stack.platform.pipeline!.stateMachine.node.defaultChild as never);
    const drift = machines.find(([id]) => id !== pipelineId)!;
    expect(JSON.stringify(drift[1].Properties.DefinitionString)).toContain(pipelineId);
    expect(JSON.stringify(drift[1].Properties.DefinitionString)).toContain('states:startExecution');
    // Over the production endpoint's capture (in the production stage's stack), in the platform's own raw zone.
    t.hasResourceProperties('AWS::Glue::Table', { TableInput: Match.objectLike({ Name: 'churn_requests_capture', StorageDescriptor: Match.objectLike({
      Location: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^PlatformLakeZonerawBucket') }, '/captures/grown-serving/grown-serving/AllTraffic/']] },
    }) }) });
    expect(stack.platform.endpoint!.endpointName).toBe('grown-serving');
    expect(stack.platform.endpoint!.captureLocation!.prefix).toBe('captures/grown-serving/');
    expect(stack.platform.pipeline!.stateMachine).toBeDefined();
    expect(churnRetraining.promotion.automatic).toBe(true);
  });

  test('the level-3 stack stays under 250 resources (CloudFormation allows 500), and so does each stack it adds to the stages', () => {
    const stack = levelStack(3, { approved: true });
    const count = Object.keys(templateOf(stack).Resources).length;
    expect(count).toBeLessThan(250);
    for (const serving of stack.platform.servingStacks) {
      expect(Object.keys(templateOf(serving).Resources).length).toBeLessThan(50);
    }
    expect(count).toBeGreaterThan(100);
  });

  test('the endpoint may pull the built-in XGBoost image of the region the pipeline registers versions with', () => {
    const t = templateFor(levelStack(1, { approved: true }));
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'PullImage',
          Action: Match.arrayWith(['ecr:BatchGetImage']),
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:141502667606:repository/sagemaker-xgboost']] },
        })]),
      },
    });
  });

  test('level 1 trains on the profile without HyperPod, daily, and the registry is named after the spec', () => {
    const t = templateFor(levelStack(1));
    t.resourceCountIs('AWS::SageMaker::Cluster', 0);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 3 * * ? *)' });
    t.hasResourceProperties('AWS::SageMaker::ModelPackageGroup', { ModelPackageGroupName: Match.stringLikeRegexp('-churn$') });
    t.hasResourceProperties('AWS::Kinesis::Stream', { StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    t.hasResourceProperties('AWS::Glue::Table', { TableInput: Match.objectLike({ Name: 'orders' }) });
  });
});

describe('bad input is a synth-time error naming the path, the property, the value and what is allowed', () => {
  const vpcOf = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'jobs', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });

  function attempt(props: (stack: Stack) => unknown, context: Record<string, string> = {}): MlopsValidationError {
    const stack = new Stack(new App({ context }), 'TestStack', { env });
    try {
      new MlopsPlatform(stack, 'Platform', props(stack) as MlopsPlatformProps);
    } catch (e) {
      if (e instanceof MlopsValidationError) {
        return e;
      }
      throw e;
    }
    throw new Error('no error');
  }

  function expectError(e: MlopsValidationError, property: string, allowed: RegExp): void {
    expect(e.constructPath).toBe('TestStack/Platform');
    expect(e.property).toBe(property);
    expect(e.allowed).toMatch(allowed);
    expect(e.message).toContain(`[TestStack/Platform] invalid ${property}:`);
  }

  test.each([[4], [-1], [1.5], ['1'], [null], [undefined]])('an unknown level: %p', (level) => {
    const e = attempt(() => ({ level, training: churnTraining }));
    expectError(e, 'level', /a maturity level: 0 \(manual\), 1 \(continuous training\), 2 \(CI\/CD\), 3 \(automated retraining\)/);
    expect(e.value).toBe(level);
  });

  test.each([[2], [3]])('level %i without delivery settings, or without their repository', (level) => {
    const training = level === 3 ? churnRetraining : churnTraining;
    const e = attempt((stack) => ({ level, training, vpc: vpcOf(stack) }));
    expectError(e, 'delivery.repository', new RegExp(`the repository of the app, "owner/name".*level ${level} delivers the platform and each approved model version`));
    expectError(attempt((stack) => ({ level, training, vpc: vpcOf(stack), delivery: { connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/x' } })), 'delivery.repository', /owner\/name/);
    expectError(attempt((stack) => ({ level, training, vpc: vpcOf(stack), delivery: null })), 'delivery.repository', /owner\/name/);
  });

  test('delivery settings below level 2', () => {
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), delivery: { repository: 'acme/ml' } })), 'delivery', /no delivery at level 1/);
  });

  test('drift settings below level 3, or of the wrong type', () => {
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), drift: {} })), 'drift', /no drift at level 1/);
    const delivery = (stack: Stack) => {
      const stage = (id: string) => {
        const s = new Stage(stack, id);
        new Stack(s, 'App');
        return s;
      };
      return { repository: 'acme/ml', connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41', staging: stage('Staging'), production: stage('Production'), allowSharedEnvironment: true };
    };
    expectError(attempt((stack) => ({ level: 3, training: churnRetraining, vpc: vpcOf(stack), delivery: delivery(stack), drift: 'daily' })), 'drift', /MlopsPlatformDriftOptions/);
    expectError(attempt((stack) => ({ level: 3, training: churnRetraining, vpc: vpcOf(stack), delivery: delivery(stack), drift: { spec: { schema: 'orders' } } })), 'drift.spec', /a DriftSpec/);
  });

  test('level 3 with manual promotion: a retrained version must replace the champion only when better, without a person', () => {
    expectError(attempt((stack) => ({ level: 3, training: churnTraining, vpc: vpcOf(stack) })), 'training.promotion', /PromotionPolicy\.whenBetter\(\)/);
  });

  test('the delivery pipeline checks its own settings under its own path (a repository that is not owner/name)', () => {
    const stack = new Stack(new App(), 'TestStack', { env });
    const stage = (id: string) => {
      const s = new Stage(stack, id);
      new Stack(s, 'App');
      return s;
    };
    expect(() => new MlopsPlatform(stack, 'Platform', {
      level: 2,
      training: churnTraining,
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      delivery: { repository: 'not a repository', connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41', staging: stage('Staging'), production: stage('Production'), allowSharedEnvironment: true },
    })).toThrow(/\[TestStack\/Platform\/Delivery\] invalid repository: "not a repository"/);
  });

  test('from level 2, a serving image repository the platform\'s stack creates (the stages\' stacks cannot reference it)', () => {
    const stack = new Stack(new App({ context: { [`mlops-constructs:approvedModelPackage:p-churn`]: `arn:aws:sagemaker:${env.region}:${env.account}:model-package/p-churn/1` } }), 'TestStack', { env });
    const stage = (id: string) => {
      const s = new Stage(stack, id);
      new Stack(s, 'App');
      return s;
    };
    const e = (() => {
      try {
        new MlopsPlatform(stack, 'Platform', {
          level: 2, prefix: 'p', training: churnTraining, vpc: vpcOf(stack), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
          servingImageRepository: new ecr.Repository(stack, 'Images'),
          delivery: { repository: 'octo-org/ml', connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41', staging: stage('Staging'), production: stage('Production'), allowSharedEnvironment: true },
        });
      } catch (err) {
        return err as MlopsValidationError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(MlopsValidationError);
    expectError(e, 'servingImageRepository', /an imported repository.*delivery stages/);
  });

  test('no props, from JavaScript', () => {
    expectError(attempt(() => null), 'props', /MlopsPlatformProps/);
  });

  test('a training spec that is not a TrainingPipelineSpec, or has problems', () => {
    expectError(attempt(() => ({ level: 0, training: { name: 'churn' } })), 'training', /a TrainingPipelineSpec/);
    const badLabel = new TrainingPipelineSpec({ name: 'churn', schema: churnTraining.schema, label: 'cancelled' });
    expectError(attempt(() => ({ level: 0, training: badLabel })), 'training.label', /a field of "customer_churn"/);
  });

  test('a prefix off the naming rule', () => {
    expectError(attempt(() => ({ level: 0, training: churnTraining, prefix: 'Acme_ML' })), 'prefix', /lowercase letters, digits and hyphens/);
  });

  test('level 1 without a VPC, or with something else', () => {
    expectError(attempt(() => ({ level: 1, training: churnTraining })), 'vpc', /an ec2\.IVpc for the training and evaluation jobs: level 1 runs them/);
    expectError(attempt(() => ({ level: 1, training: churnTraining, vpc: 'vpc-0123456789abcdef0' })), 'vpc', /an ec2\.IVpc/);
  });

  test('events that are not a schema', () => {
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), events: 'orders' })), 'events', /a TableSchema/);
  });

  test('feature groups: none, or one without a FeatureGroupSpec', () => {
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), featureGroups: [] })), 'featureGroups', /at least one feature group/);
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), featureGroups: [{ spec: 'customers' }] })), 'featureGroups[0].spec', /a FeatureGroupSpec/);
    expectError(attempt((stack) => ({ level: 1, training: churnTraining, vpc: vpcOf(stack), featureGroups: [null] })), 'featureGroups[0].spec', /a FeatureGroupSpec/);
  });

  test('an approved version in the context that is not a package of the registry', () => {
    const group = new MlopsPlatform(new Stack(new App(), 'TestStack', { env }), 'Platform', { level: 0, training: churnTraining }).registry.modelPackageGroupName;
    const key = `mlops-constructs:approvedModelPackage:${group}`;
    expectError(attempt(() => ({ level: 0, training: churnTraining }), { [key]: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/other-group/3' }),
      `context "${key}"`, new RegExp(`the ARN of a model package of group ${group}`));
  });
});

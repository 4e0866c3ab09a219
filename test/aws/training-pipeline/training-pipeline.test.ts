/**
 * TrainingPipeline: the generated state machine (the five steps in order, the dataset version
 * flowing from prepare to register, both gate branches, the catalog-resolved instance type), its
 * roles (PassRole only to the training role), schedule, alarm, grants and the runnable default.
 */
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EvaluationMetric, GpuType, MODEL_VERSION_METADATA, PromotionPolicy } from 'mlops-constructs';
import { TrainingPipeline, TrainingSchedule } from 'mlops-constructs/aws';
import { churnSpec, pipelineStack } from './fixtures';

type State = { Type: string; Next?: string; End?: boolean; Default?: string; Choices?: Array<{ Condition: string; Next: string }>; Branches?: Array<{ StartAt: string; States: Record<string, State> }>; [key: string]: any };
interface Definition { StartAt: string; States: Record<string, State>; QueryLanguage?: string }

/** The state machine definition, tokens replaced by `<Ref:LogicalId>` / `<GetAtt:LogicalId.Attr>` / `<AWS::Region>`. */
function definitionOf(template: Template): Definition {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const body = machine.Properties.DefinitionString;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  const text = parts.map((p: any) => (typeof p === 'string' ? p
    : p.Ref ? `<Ref:${p.Ref}>` : p['Fn::GetAtt'] ? `<GetAtt:${p['Fn::GetAtt'].join('.')}>` : p['Fn::FindInMap'] ? '<FindInMap>' : '<token>')).join('');
  return JSON.parse(text);
}

/** The top-level states from StartAt, following Next (and a Choice's Default). */
function mainPath(d: Definition): string[] {
  const path: string[] = [];
  for (let name: string | undefined = d.StartAt; name !== undefined; name = d.States[name].Next ?? d.States[name].Default) {
    path.push(name);
  }
  return path;
}

/** Every state, nested branches included. */
function allStates(d: { States: Record<string, State> }): Record<string, State> {
  const out: Record<string, State> = {};
  for (const [name, state] of Object.entries(d.States)) {
    out[name] = state;
    for (const branch of state.Branches ?? []) {
      Object.assign(out, allStates(branch));
    }
  }
  return out;
}

describe('a pipeline with only a lake table, a label, a training profile and a registry', () => {
  const { stack, lake, training, registry } = pipelineStack();
  const pipeline = new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec() });
  const template = Template.fromStack(stack);
  const definition = definitionOf(template);
  const states = allStates(definition);

  test('the five steps run in order: prepare → train → evaluate → gate → register, in JSONata', () => {
    expect(mainPath(definition)).toEqual(['Prepare', 'Train', 'Evaluate', 'Gate', 'Gate decision', 'Register']);
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(definition.States.Register.End).toBe(true);
  });

  test('each step is a real service call the state machine waits for', () => {
    const resource = (name: string) => String(states[name].Resource).replace(/^arn:<Ref:AWS::Partition>/, 'arn:aws');
    expect(resource('Prepare: train split')).toBe('arn:aws:states:::athena:startQueryExecution.sync');
    expect(resource('Prepare: validation split')).toBe('arn:aws:states:::athena:startQueryExecution.sync');
    expect(resource('Train')).toBe('arn:aws:states:::sagemaker:createTrainingJob.sync');
    expect(resource('Evaluate: model')).toBe('arn:aws:states:::aws-sdk:sagemaker:createModel');
    expect(resource('Evaluate: batch transform')).toBe('arn:aws:states:::sagemaker:createTransformJob.sync');
    expect(resource('Evaluate: metric')).toBe('arn:aws:states:::athena:startQueryExecution.sync');
    expect(resource('Evaluate: read metric')).toBe('arn:aws:states:::aws-sdk:athena:getQueryResults');
    expect(resource('Evaluate: metrics file')).toBe('arn:aws:states:::aws-sdk:s3:putObject');
    expect(resource('Gate')).toBe('arn:aws:states:::lambda:invoke');
    expect(resource('Register')).toBe('arn:aws:states:::aws-sdk:sagemaker:createModelPackage');
  });

  test('the dataset version is the execution name, assigned by prepare and carried to every path and to the registered version', () => {
    expect(definition.States.Prepare.Assign.datasetVersion).toBe('{% $states.context.Execution.Name %}');
    for (const split of ['train', 'validation']) {
      expect(states[`Prepare: ${split} version`].Assign.datasetVersion).toBe('{% $states.context.Execution.Name %}');
      const query: string = states[`Prepare: ${split} split`].Arguments.QueryString;
      expect(query).toMatch(/^\{% "UNLOAD \(" & \$replace\("SELECT /);
      expect(query).toContain(`/training-datasets/churn/\\" & $replace($datasetVersion, \\"'\\", \\"''\\") & \\"/${split}/' WITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'NONE')`.replace(/\\"/g, '"'));
    }
    const channels = definition.States.Train.Arguments.InputDataConfig;
    expect(channels.map((c: any) => [c.ChannelName, c.DataSource.S3DataSource.S3Uri])).toEqual([
      ['train', expect.stringContaining('"training-datasets/churn/" & $datasetVersion & "/train/"')],
      ['validation', expect.stringContaining('"training-datasets/churn/" & $datasetVersion & "/validation/"')],
    ]);
    expect(states['Evaluate: metrics file'].Arguments.Key).toBe('{% "evaluations/churn/" & $datasetVersion & "/metrics.json" %}');
    const register = definition.States.Register.Arguments;
    expect(register.CustomerMetadataProperties).toEqual({
      [MODEL_VERSION_METADATA.datasetVersion]: '{% $datasetVersion %}',
      [MODEL_VERSION_METADATA.metricName]: 'auc',
      [MODEL_VERSION_METADATA.metricValue]: '{% $string($metricValue) %}',
      [MODEL_VERSION_METADATA.pipeline]: 'churn',
    });
    expect(register.ModelMetrics.ModelQuality.Statistics.S3Uri).toContain('"evaluations/churn/" & $datasetVersion & "/metrics.json"');
  });

  test('the gate: below the bar fails the run (ModelBelowBar); otherwise register with the approval status the gate decided', () => {
    const choice = definition.States['Gate decision'];
    expect(choice.Choices).toEqual([{ Condition: '{% $gate.decision = "below-bar" %}', Next: 'Model below bar' }]);
    expect(choice.Default).toBe('Register');
    expect(definition.States['Model below bar']).toMatchObject({ Type: 'Fail', Error: 'ModelBelowBar', Cause: '{% $gate.reason %}' });
    expect(definition.States.Register.Arguments.ModelApprovalStatus).toBe('{% $gate.approvalStatus %}');
    expect(definition.States.Gate.Assign).toEqual({ gate: '{% $states.result.Payload %}' });
    expect(definition.States.Gate.Arguments.Payload).toEqual({
      modelPackageGroupName: 'churn-models', metric: 'auc', bar: null, automatic: false, margin: 0, candidate: '{% $metricValue %}',
    });
  });

  test('train: the CPU default instance type, the built-in XGBoost image of the region, the profile\'s role, network and stopping condition', () => {
    const args = definition.States.Train.Arguments;
    expect(pipeline.trainingInstanceType).toBe('ml.m5.xlarge');
    expect(args.ResourceConfig).toEqual({ InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 100 });
    expect(args.AlgorithmSpecification).toEqual({ TrainingImage: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' });
    expect(args.HyperParameters).toEqual({ num_round: '100', max_depth: '6', eta: '0.3', objective: 'binary:logistic', eval_metric: 'auc' });
    expect(args.RoleArn).toMatch(/^<GetAtt:GpusTrainingRole[0-9A-F]+\.Arn>$/);
    expect(args.VpcConfig.Subnets).toEqual(['subnet-0123456789abcdef0']);
    expect(args.EnableNetworkIsolation).toBe(true);
    expect(args.EnableInterContainerTrafficEncryption).toBe(true);
    expect(args.TrainingJobName).toBe('{% "churn-t-" & $runSuffix %}');
  });

  test('evaluate: the batch transform joins each prediction to its label, and Athena computes the metric over that run\'s predictions', () => {
    expect(states['Evaluate: batch transform'].Arguments.DataProcessing).toEqual({ InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,-1]' });
    const query: string = states['Evaluate: metric'].Arguments.QueryString;
    expect(query).toMatch(/FROM \\"teststack_lake_[0-9a-f]{8}_artifacts\\"\.\\"churn_predictions\\"/);
    expect(query).toContain("dataset_version = '__DATASET_VERSION__'");
    expect(query).toContain('SELECT value, sample_size FROM auc');
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'churn_predictions',
        Parameters: Match.objectLike({ 'projection.dataset_version.type': 'injected' }),
        PartitionKeys: [Match.objectLike({ Name: 'dataset_version' })],
      }),
    });
  });

  test('iam:PassRole is allowed only for the training role, only to SageMaker', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => JSON.stringify(p.Properties.Roles ?? []).includes('ChurnRole'));
    expect(policies.length).toBeGreaterThan(0);
    const passRole = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => [s.Action].flat().includes('iam:PassRole'));
    expect(passRole).toEqual([{
      Action: 'iam:PassRole', Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^GpusTrainingRole/), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    }]);
    expect(JSON.stringify(policies)).not.toMatch(/"Action":"\*"|"s3:\*"|FullAccess/);
  });

  test('logging to an encrypted log group, X-Ray tracing, a daily schedule at 03:00 UTC, and an alarm on failed runs to an encrypted topic', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
      StateMachineType: 'STANDARD',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'), KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'UTC', FlexibleTimeWindow: { Mode: 'OFF' } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'failed + timedOut + aborted' })]),
      Threshold: 1, TreatMissingData: 'notBreaching', AlarmActions: [{ Ref: Match.stringLikeRegexp('^ChurnAlarmsTopic') }],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(pipeline.alarms).toEqual([pipeline.failedRunsAlarm]);
  });

  test('the gate function is the bundled handler, traced, logging to its own encrypted group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler', TracingConfig: { Mode: 'Active' }, Runtime: Match.stringLikeRegexp('^nodejs'),
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^ChurnGateLogs') } },
    });
  });
});

describe('the accelerator catalog resolves the training instance type', () => {
  test.each([
    [{ gpu: GpuType.A10G, gpusPerNode: 1 }, 'ml.g5.xlarge'],
    [{ gpu: GpuType.T4, gpusPerNode: 1 }, 'ml.g4dn.xlarge'],
  ])('%o → %s, with the GPU tree method', (accelerator, instanceType) => {
    const { stack, lake, training, registry } = pipelineStack();
    const pipeline = new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec({ accelerator }) });
    const train = definitionOf(Template.fromStack(stack)).States.Train.Arguments;
    expect(pipeline.trainingInstanceType).toBe(instanceType);
    expect(train.ResourceConfig.InstanceType).toBe(instanceType);
    expect(train.HyperParameters.tree_method).toBe('gpu_hist');
  });
});

describe('options', () => {
  test('a stack without a region reads the image from a mapping of the core table', () => {
    const { stack, lake, training, registry } = pipelineStack({ agnostic: true });
    new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec() });
    const template = Template.fromStack(stack).toJSON();
    const mapping = Object.values(template.Mappings as Record<string, Record<string, { uri: string }>>)[0];
    expect(mapping['eu-west-1'].uri).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1');
    expect(Object.keys(mapping).length).toBeGreaterThan(30);
    expect(JSON.stringify(template.Resources)).toContain('Fn::FindInMap');
  });

  test('schedules: rate(), cron(), none()', () => {
    const expression = (schedule: TrainingSchedule) => {
      const { stack, lake, training, registry } = pipelineStack();
      new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec(), schedule });
      return Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties.ScheduleExpression);
    };
    expect(expression(TrainingSchedule.rate(Duration.hours(12)))).toEqual(['rate(12 hours)']);
    expect(expression(TrainingSchedule.rate(Duration.days(1)))).toEqual(['rate(1 day)']);
    expect(expression(TrainingSchedule.rate(Duration.minutes(90)))).toEqual(['rate(90 minutes)']);
    expect(expression(TrainingSchedule.cron('cron(30 2 ? * MON-FRI *)'))).toEqual(['cron(30 2 ? * MON-FRI *)']);
    expect(expression(TrainingSchedule.cron('0 6 1 * ? *'))).toEqual(['cron(0 6 1 * ? *)']);
    expect(expression(TrainingSchedule.none())).toEqual([]);
  });

  test('bar, automatic promotion and the metric reach the gate; a registry key reaches the registered version', () => {
    const { stack, lake, training, registry } = pipelineStack();
    new TrainingPipeline(stack, 'Churn', {
      lake, training, registry,
      spec: churnSpec({ metric: EvaluationMetric.ACCURACY, bar: 0.7, promotion: PromotionPolicy.whenBetter({ margin: 0.02 }) }),
    });
    const d = definitionOf(Template.fromStack(stack));
    expect(d.States.Gate.Arguments.Payload).toMatchObject({ metric: 'accuracy', bar: 0.7, automatic: true, margin: 0.02 });
    expect(d.States.Register.Arguments.SecurityConfig).toEqual({ KmsKeyId: expect.stringMatching(/^<GetAtt:RegistryKey[0-9A-F]+\.Arn>$/) });
  });

  test('grantStart puts states:StartExecution in a managed policy of the pipeline; startTarget starts it with a role of its own', () => {
    const { stack, lake, training, registry } = pipelineStack();
    const pipeline = new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec(), schedule: TrainingSchedule.none() });
    pipeline.grantStart(new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(pipeline.startTarget().bind(new iam.Role(stack, 'Unused', { assumedBy: new iam.AccountRootPrincipal() }) as any).arn).toBeDefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: Match.stringLikeRegexp('^Grants of training pipeline'),
      PolicyDocument: { Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Churn') } }], Version: '2012-10-17' },
      Roles: [{ Ref: Match.stringLikeRegexp('^Ci') }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

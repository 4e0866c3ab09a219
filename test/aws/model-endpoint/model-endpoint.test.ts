/**
 * ModelEndpoint: what it synthesizes — model, endpoint config and endpoint without fixed names,
 * the deployment configuration (canary, rollback alarms, retained capacity), autoscaling, data
 * capture into the lake, the least-privilege execution role, grants, imports and metrics.
 */
import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { GpuType } from 'mlops-constructs';
import {
  DataLake,
  ModelEndpoint,
  ModelEndpointCapacity,
  ModelEndpointDeployment,
  ModelEndpointImage,
  ModelEndpointInference,
  ModelEndpointModel,
  ModelEndpointProps,
  ModelEndpointTrafficSize,
  MODEL_ENDPOINT_WARNINGS,
} from 'mlops-constructs/aws';
import { newDestroyableStack, newStack } from '../fixtures';

interface Fixture {
  readonly stack: Stack;
  readonly lake: DataLake;
  readonly repo: ecr.IRepository;
  readonly endpoint: ModelEndpoint;
  readonly template: Template;
}

/** An endpoint in a fresh stack with a lake and a repository; `props` override the model-only defaults. */
function endpointWith(props: Partial<ModelEndpointProps> = {}, stack: Stack = newStack()): Fixture {
  const lake = new DataLake(stack, 'Lake');
  const repo = new ecr.Repository(stack, 'Repo');
  const endpoint = new ModelEndpoint(stack, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v3'), lake, key: 'models/churn/v3/model.tar.gz' }),
    ...props,
  });
  // Synthesized on first access, so that a test can add grants before.
  return { stack, lake, repo, endpoint, get template() { return Template.fromStack(stack); } };
}

function onlyResource(template: Template, type: string): { Properties: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string } {
  const resources = Object.values(template.findResources(type));
  expect(resources).toHaveLength(1);
  return resources[0] as any;
}

/** The statements of the execution role's managed policy, by Sid. */
function executionStatements(template: Template): Record<string, { Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('^Execution role permissions') } });
  const [policy] = Object.values(policies) as any[];
  return Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
}

describe('ModelEndpoint defaults', () => {
  const { template, endpoint } = endpointWith();

  test('model and endpoint configuration have no fixed names, so a change creates new ones', () => {
    expect(onlyResource(template, 'AWS::SageMaker::Model').Properties.ModelName).toBeUndefined();
    expect(onlyResource(template, 'AWS::SageMaker::EndpointConfig').Properties.EndpointConfigName).toBeUndefined();
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      EndpointName: endpoint.endpointName,
      EndpointConfigName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointConfig'), 'EndpointConfigName'] },
    });
  });

  test('the endpoint name is derived, stable and follows the SageMaker name rule', () => {
    expect(endpoint.endpointName).toMatch(/^teststack-endpoint-[0-9a-f]{8}$/);
    expect(endpointWith().endpoint.endpointName).toBe(endpoint.endpointName);
  });

  test('the model is network-isolated and runs the image with the lake archive', () => {
    template.hasResourceProperties('AWS::SageMaker::Model', {
      EnableNetworkIsolation: true,
      PrimaryContainer: {
        Image: { 'Fn::Join': ['', Match.arrayWith([':v3'])] },
        ModelDataUrl: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LakeZoneartifactsBucket') }, '/models/churn/v3/model.tar.gz']] },
      },
      ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointExecutionRole'), 'Arn'] },
    });
    expect(onlyResource(template, 'AWS::SageMaker::Model').Properties.VpcConfig).toBeUndefined();
  });

  test('two ml.m5.xlarge instances, the volumes encrypted with the endpoint key', () => {
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointKey'), 'Arn'] },
      ProductionVariants: [{
        VariantName: 'AllTraffic',
        InstanceType: 'ml.m5.xlarge',
        InitialInstanceCount: 2,
        InitialVariantWeight: 1,
        ModelName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointModel'), 'ModelName'] },
      }],
    });
    expect(onlyResource(template, 'AWS::SageMaker::EndpointConfig').Properties.DataCaptureConfig).toBeUndefined();
    expect(endpoint.instanceType).toBe('ml.m5.xlarge');
  });

  test('deployment: canary of one instance, 10 minutes of baking, rollback on both alarms', () => {
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 }, WaitIntervalInSeconds: 600 },
          TerminationWaitInSeconds: 300,
          MaximumExecutionTimeoutInSeconds: 600 + 300 + 3600,
        },
        AutoRollbackConfiguration: {
          Alarms: [
            { AlarmName: { Ref: Match.stringLikeRegexp('^EndpointErrorRateAlarm') } },
            { AlarmName: { Ref: Match.stringLikeRegexp('^EndpointModelLatencyAlarm') } },
          ],
        },
      },
    });
  });

  test('capacity is retained across updates: all variant properties but the weight', () => {
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      RetainAllVariantProperties: true,
      ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }],
    });
  });

  test('autoscaling: variant target from 2 to 4 instances, tracking invocations per instance, after the endpoint', () => {
    const target = onlyResource(template, 'AWS::ApplicationAutoScaling::ScalableTarget');
    expect(target.Properties).toMatchObject({
      ServiceNamespace: 'sagemaker',
      ResourceId: `endpoint/${endpoint.endpointName}/variant/AllTraffic`,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 2,
      MaxCapacity: 4,
    });
    expect(JSON.stringify(target.Properties.RoleARN)).toContain('aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint');
    expect(target.DependsOn).toEqual([expect.stringMatching(/^EndpointEEF1FD8F$/)]);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        TargetValue: 70,
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    });
    expect(endpoint.scalableTarget).toBeDefined();
    // No role is created for autoscaling: the service-linked role is used.
    expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([expect.stringMatching(/^EndpointExecutionRole/)]);
  });

  test('rollback alarms: 5xx error rate above 1% and average latency above 1 s, 2 of 3 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocation5XXErrors',
      Statistic: 'Average',
      Dimensions: [{ Name: 'EndpointName', Value: endpoint.endpointName }, { Name: 'VariantName', Value: 'AllTraffic' }],
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ModelLatency', Statistic: 'Average', Threshold: 1_000_000 });
    expect(endpoint.alarms).toEqual([endpoint.errorRateAlarm, endpoint.modelLatencyAlarm]);
  });

  test('the key and the log group are retained; the log group is encrypted and expires', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('^Model endpoint') } })) as any[];
    expect(keys.map((k) => [k.DeletionPolicy, k.Properties.EnableKeyRotation])).toEqual([['Retain', true]]);
    const group = onlyResource(template, 'AWS::Logs::LogGroup');
    expect(group.DeletionPolicy).toBe('Retain');
    expect(group.Properties).toMatchObject({
      LogGroupName: `/aws/sagemaker/Endpoints/${endpoint.endpointName}`,
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^EndpointKey/), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
    expect(onlyResource(template, 'AWS::SageMaker::Endpoint').DependsOn).toEqual([expect.stringMatching(/^EndpointLogs/)]);
  });

  test('the execution role has only its own managed policy: no inline policy, no AWS managed policy', () => {
    const role = onlyResource(template, 'AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
    expect(JSON.stringify(template.toJSON())).not.toMatch(/FullAccess/);
  });

  test('the execution role reads exactly the model archive and pulls from exactly the repository', () => {
    const statements = executionStatements(template);
    expect(Object.keys(statements).sort()).toEqual(
      ['ContainerLogs', 'DescribeRollbackAlarms', 'ModelDataKey', 'PublishMetrics', 'PullImage', 'ReadModelData', 'RegistryToken']);
    expect(statements.ReadModelData).toMatchObject({
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^LakeZoneartifactsBucket/), 'Arn'] }, '/models/churn/v3/model.tar.gz']] },
    });
    expect(statements.ModelDataKey).toMatchObject({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^LakeKey/), 'Arn'] } });
    expect(statements.PullImage).toMatchObject({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Repo/), 'Arn'] },
    });
    expect(statements.ContainerLogs.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EndpointLogs/), 'Arn'] });
    expect(statements.DescribeRollbackAlarms).toMatchObject({
      Action: 'cloudwatch:DescribeAlarms',
      Resource: [
        { 'Fn::GetAtt': [expect.stringMatching(/^EndpointErrorRateAlarm/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^EndpointModelLatencyAlarm/), 'Arn'] },
      ],
    });
    // Wildcards only where the service has no resource-level permissions.
    const star = Object.entries(statements).filter(([, s]) => s.Resource === '*').map(([sid]) => sid).sort();
    expect(star).toEqual(['PublishMetrics', 'RegistryToken']);
  });

  test('the model is created after its role can act', () => {
    expect(onlyResource(template, 'AWS::SageMaker::Model').DependsOn).toEqual([expect.stringMatching(/^EndpointExecutionPolicy/)]);
  });
});

describe('ModelEndpoint deployment configurations', () => {
  function deploymentOf(props: Partial<ModelEndpointProps>): Record<string, any> {
    return onlyResource(endpointWith(props).template, 'AWS::SageMaker::Endpoint').Properties.DeploymentConfig;
  }

  test('a canary by percentage, with its own waits', () => {
    const config = deploymentOf({
      capacity: ModelEndpointCapacity.instances({ instanceCount: 4 }),
      deployment: ModelEndpointDeployment.canary({
        size: ModelEndpointTrafficSize.percent(25),
        bakeTime: Duration.minutes(20),
        terminationWait: Duration.minutes(10),
        maximumExecutionTimeout: Duration.hours(2),
      }),
    });
    expect(config.BlueGreenUpdatePolicy).toEqual({
      TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 }, WaitIntervalInSeconds: 1200 },
      TerminationWaitInSeconds: 600,
      MaximumExecutionTimeoutInSeconds: 7200,
    });
  });

  test('linear steps', () => {
    const config = deploymentOf({
      capacity: ModelEndpointCapacity.instances({ instanceCount: 4, maxInstanceCount: 8 }),
      deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.instances(2), bakeTime: Duration.minutes(5) }),
    });
    expect(config.BlueGreenUpdatePolicy.TrafficRoutingConfiguration).toEqual({ Type: 'LINEAR', LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 2 }, WaitIntervalInSeconds: 300 });
    // 8 instances in steps of 2: 4 waits of 5 minutes, the final wait, one hour to provision.
    expect(config.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds).toBe(4 * 300 + 300 + 3600);
  });

  test('all at once, still rolled back by the alarms during the final baking period', () => {
    const config = deploymentOf({ deployment: ModelEndpointDeployment.allAtOnce({ terminationWait: Duration.minutes(15) }) });
    expect(config.BlueGreenUpdatePolicy).toEqual({
      TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE' },
      TerminationWaitInSeconds: 900,
      MaximumExecutionTimeoutInSeconds: 900 + 3600,
    });
    expect(config.AutoRollbackConfiguration.Alarms).toHaveLength(2);
  });

  test('extra rollback alarms are added after the endpoint\'s own', () => {
    const stack = newStack();
    const extra = new cloudwatch.Alarm(stack, 'Business', { metric: new cloudwatch.Metric({ namespace: 'Shop', metricName: 'Orders' }), threshold: 1, evaluationPeriods: 1 });
    const config = onlyResource(endpointWith({ rollbackAlarms: [extra] }, stack).template, 'AWS::SageMaker::Endpoint').Properties.DeploymentConfig;
    expect(config.AutoRollbackConfiguration.Alarms).toEqual([
      { AlarmName: { Ref: expect.stringMatching(/^EndpointErrorRateAlarm/) } },
      { AlarmName: { Ref: expect.stringMatching(/^EndpointModelLatencyAlarm/) } },
      { AlarmName: { Ref: expect.stringMatching(/^Business/) } },
    ]);
  });

  test('alarm thresholds and actions are props', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic');
    const { template } = endpointWith({
      errorRateAlarmThreshold: 0.05,
      modelLatencyAlarmThreshold: Duration.millis(250),
      alarmActions: [new cloudwatchActions.SnsAction(topic)],
    }, stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocation5XXErrors', Threshold: 0.05, AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ModelLatency', Threshold: 250_000, AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }] });
  });
});

describe('ModelEndpoint capacity', () => {
  test('a GPU request resolves through the accelerator catalog; nodeCount is the instance count', () => {
    const { template, endpoint } = endpointWith({
      capacity: ModelEndpointCapacity.instances({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 4, nodeCount: 3 } }),
    });
    expect(endpoint.instanceType).toBe('ml.g5.12xlarge');
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 3 })],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 6 });
  });

  test('instances with local NVMe storage get no volume key (CreateEndpointConfig refuses one)', () => {
    const { template } = endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.g4dn.xlarge' }) });
    expect(onlyResource(template, 'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeUndefined();
    expect(onlyResource(endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.m5d.large' }) }).template,
      'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeUndefined();
    expect(onlyResource(endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.c5.2xlarge' }) }).template,
      'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeDefined();
  });

  test('an accelerator family without a documented storage fact gets no volume key and a warning, unless told', () => {
    // inf1 rather than g6: the stack is in eu-west-1, where EC2 sells no g6 (the instance-type catalog refuses it there).
    const unknown = endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.inf1.xlarge' }) });
    expect(onlyResource(unknown.template, 'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeUndefined();
    Annotations.fromStack(unknown.stack).hasWarning('/TestStack/Endpoint', Match.stringLikeRegexp(`ml.inf1.xlarge: no documented instance-storage fact.*${MODEL_ENDPOINT_WARNINGS.instanceStorageUnknown}`));
    const inferentia = endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.inf2.xlarge' }) });
    expect(onlyResource(inferentia.template, 'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeUndefined();
    Annotations.fromStack(inferentia.stack).hasWarning('/TestStack/Endpoint', Match.stringLikeRegexp('ml.inf2.xlarge: no documented instance-storage fact'));
    const told = endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.inf1.xlarge', localInstanceStorage: false }) });
    expect(onlyResource(told.template, 'AWS::SageMaker::EndpointConfig').Properties.KmsKeyId).toBeDefined();
    Annotations.fromStack(told.stack).hasNoWarning('*', Match.stringLikeRegexp('instance-storage fact'));
  });

  test('a fixed-size fleet has no scalable target', () => {
    const { template, endpoint } = endpointWith({ capacity: ModelEndpointCapacity.instances({ instanceCount: 3, maxInstanceCount: 3 }) });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    expect(endpoint.scalableTarget).toBeUndefined();
  });

  test('scaling target and cooldowns are props', () => {
    const { template } = endpointWith({
      capacity: ModelEndpointCapacity.instances({ targetInvocationsPerInstance: 500, scaleInCooldown: Duration.minutes(15), scaleOutCooldown: Duration.seconds(30) }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 500, ScaleInCooldown: 900, ScaleOutCooldown: 30 }),
    });
  });

  test('serverless: memory and concurrency, no isolation, no key, no autoscaling, all-at-once with rollback', () => {
    const { template } = endpointWith({
      capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(3), maxConcurrency: 20, provisionedConcurrency: 2 }),
    });
    const config = onlyResource(template, 'AWS::SageMaker::EndpointConfig').Properties;
    expect(config.KmsKeyId).toBeUndefined();
    expect(config.ProductionVariants).toEqual([{
      VariantName: 'AllTraffic',
      ModelName: { 'Fn::GetAtt': [expect.stringMatching(/^EndpointModel/), 'ModelName'] },
      ServerlessConfig: { MemorySizeInMB: 3072, MaxConcurrency: 20, ProvisionedConcurrency: 2 },
    }]);
    template.hasResourceProperties('AWS::SageMaker::Model', { EnableNetworkIsolation: false });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    const endpoint = onlyResource(template, 'AWS::SageMaker::Endpoint').Properties;
    expect(endpoint.RetainAllVariantProperties).toBeUndefined();
    expect(endpoint.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration).toEqual({ Type: 'ALL_AT_ONCE' });
    expect(endpoint.DeploymentConfig.AutoRollbackConfiguration.Alarms).toHaveLength(2);
  });
});

describe('ModelEndpoint data capture', () => {
  test('without a capture lake there is no capture and no capture permission', () => {
    const { template, endpoint } = endpointWith();
    expect(endpoint.captureLocation).toBeUndefined();
    expect(onlyResource(template, 'AWS::SageMaker::EndpointConfig').Properties.DataCaptureConfig).toBeUndefined();
    expect(executionStatements(template).WriteCaptures).toBeUndefined();
  });

  test('captures requests and responses into the raw zone under captures/<endpoint>/, with the lake key', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'CaptureLake', { prefix: 'captures-lake' });
    const { template, endpoint } = endpointWith({ captureLake: lake, captureSamplingPercentage: 25 }, stack);
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 25,
        DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^CaptureLakeZonerawBucket') }, `/captures/${endpoint.endpointName}/`]] },
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CaptureLakeKey'), 'Arn'] },
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'], JsonContentTypes: ['application/json'] },
      },
    });
    expect(endpoint.captureLocation?.prefix).toBe(`captures/${endpoint.endpointName}/`);
    expect(endpoint.captureLocation?.bucket).toBe(lake.zoneBucket('raw'));
    const statements = executionStatements(template);
    expect(statements.WriteCaptures).toMatchObject({
      Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^CaptureLakeZonerawBucket/), 'Arn'] }, `/captures/${endpoint.endpointName}/*`]] },
    });
    expect(statements.CaptureKey).toMatchObject({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CaptureLakeKey/), 'Arn'] } });
  });

  test('zone, prefix, modes and content types are props', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'CaptureLake', { prefix: 'captures-lake', zones: [{ name: 'monitoring' }] });
    const { template } = endpointWith({
      captureLake: lake,
      captureZone: 'monitoring',
      capturePrefix: 'churn/',
      captureResponses: false,
      captureCsvContentTypes: [],
      captureJsonContentTypes: ['application/jsonlines'],
    }, stack);
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: Match.objectLike({
        DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^CaptureLakeZonemonitoringBucket') }, '/churn/']] },
        CaptureOptions: [{ CaptureMode: 'Input' }],
        CaptureContentTypeHeader: { JsonContentTypes: ['application/jsonlines'] },
      }),
    });
  });
});

describe('ModelEndpoint model sources and inference modes', () => {
  test('a versioned model package of a registry group', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const images = ecr.Repository.fromRepositoryName(stack, 'Images', 'churn-inference');
    new ModelEndpoint(stack, 'Endpoint', {
      model: ModelEndpointModel.fromModelPackage({ groupName: 'churn', version: 7, artifactsLake: lake, imageRepository: images }),
    });
    const template = Template.fromStack(stack);
    const container = onlyResource(template, 'AWS::SageMaker::Model').Properties.PrimaryContainer;
    expect(container.Image).toBeUndefined();
    expect(container.ModelPackageName).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:111111111111:model-package/churn/7']] });
    const statements = executionStatements(template);
    expect(statements.ReadModelPackageArtifacts.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^LakeZoneartifactsBucket/), 'Arn'] }, '/*']] });
    expect(JSON.stringify(statements.PullImage.Resource)).toContain(':repository/churn-inference');
  });

  test('asynchronous inference: output and failures in the lake, and the role reads inputs and writes results', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'AsyncLake', { prefix: 'async-lake' });
    const { template, endpoint } = endpointWith({ inference: ModelEndpointInference.asynchronous({ lake, maxConcurrentInvocationsPerInstance: 4 }) }, stack);
    const prefix = `async-inference/${endpoint.endpointName}/`;
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      AsyncInferenceConfig: {
        OutputConfig: {
          S3OutputPath: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^AsyncLakeZoneartifactsBucket') }, `/${prefix}output/`]] },
          S3FailurePath: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^AsyncLakeZoneartifactsBucket') }, `/${prefix}failures/`]] },
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AsyncLakeKey'), 'Arn'] },
        },
        ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
      },
    });
    expect(endpoint.asynchronous).toBe(true);
    const statements = executionStatements(template);
    expect(JSON.stringify(statements.ReadAsyncInput.Resource)).toContain(`/${prefix}input/*`);
    expect(JSON.stringify(statements.WriteAsyncResults.Resource)).toContain(`/${prefix}output/*`);
    expect(JSON.stringify(statements.WriteAsyncResults.Resource)).toContain(`/${prefix}failures/*`);
  });

  test('a VPC: a new security group without rules, subnets in two zones, ENI permissions', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'models', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const { template, endpoint } = endpointWith({ vpc }, stack);
    const model = onlyResource(template, 'AWS::SageMaker::Model').Properties;
    expect(model.VpcConfig.Subnets).toHaveLength(2);
    expect(model.VpcConfig.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^EndpointSecurityGroup/), 'GroupId'] }]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: `Model containers of endpoint ${endpoint.endpointName}`,
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    expect(template.findResources('AWS::EC2::SecurityGroup', { Properties: { SecurityGroupIngress: Match.anyValue() } })).toEqual({});
    expect(endpoint.connections?.securityGroups).toHaveLength(1);
    expect(executionStatements(template).AttachToVpc.Action).toContain('ec2:CreateNetworkInterface');
  });

  test('network isolation off without a VPC warns that the container reaches the internet', () => {
    const { stack } = endpointWith({ networkIsolation: false });
    Annotations.fromStack(stack).hasWarning('/TestStack/Endpoint', Match.stringLikeRegexp(MODEL_ENDPOINT_WARNINGS.containerInternetAccess));
  });

  test('environment variables reach the container', () => {
    const { template } = endpointWith({ environment: { SAGEMAKER_PROGRAM: 'inference.py' } });
    template.hasResourceProperties('AWS::SageMaker::Model', { PrimaryContainer: Match.objectLike({ Environment: { SAGEMAKER_PROGRAM: 'inference.py' } }) });
  });

  test('DESTROY with the app opt-in destroys the key and the log group', () => {
    const { template } = endpointWith({ removalPolicy: RemovalPolicy.DESTROY }, newDestroyableStack());
    expect(onlyResource(template, 'AWS::Logs::LogGroup').DeletionPolicy).toBe('Delete');
    const keys = template.findResources('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('^Model endpoint') } });
    expect(Object.values(keys).map((k: any) => k.DeletionPolicy)).toEqual(['Delete']);
  });
});

describe('ModelEndpoint grants, imports and metrics', () => {
  test('grantInvoke: InvokeEndpoint on the endpoint, in a managed policy of the endpoint attached to the role', () => {
    const { stack, endpoint } = endpointWith();
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    endpoint.grantInvoke(app);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'Grants of model endpoint TestStack/Endpoint',
      Roles: [{ Ref: Match.stringLikeRegexp('^App') }],
      PolicyDocument: { Statement: [{ Sid: 'Invoke', Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: { Ref: 'EndpointEEF1FD8F' } }] },
    });
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('grantInvoke of an asynchronous endpoint: InvokeEndpointAsync, input writes, result reads, the lake key', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'AsyncLake', { prefix: 'async-lake' });
    const { endpoint } = endpointWith({ inference: ModelEndpointInference.asynchronous({ lake }) }, stack);
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    endpoint.grantInvoke(app);
    endpoint.grantInvoke(app);
    const template = Template.fromStack(stack);
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: 'Grants of model endpoint TestStack/Endpoint' } })) as any[];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['Invoke', 'WriteAsyncInput', 'ReadAsyncResults', 'AsyncLakeKey']);
    expect(statements[0].Action).toBe('sagemaker:InvokeEndpointAsync');
    expect(JSON.stringify(statements[1].Resource)).toContain(`/async-inference/${endpoint.endpointName}/input/*`);
  });

  test('a grantee of another account gets aws-cdk\'s usual grant', () => {
    const { endpoint } = endpointWith();
    const grant = endpoint.grantInvoke(new iam.AccountPrincipal('222222222222'));
    expect(grant.success).toBe(false);
  });

  test('an imported endpoint grants and measures by name', () => {
    const stack = newStack();
    const imported = ModelEndpoint.fromModelEndpointAttributes(stack, 'Imported', { endpointName: 'churn-prod', asynchronous: true });
    expect(imported.variantName).toBe('AllTraffic');
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    imported.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Sid: 'Invoke',
          Action: 'sagemaker:InvokeEndpointAsync',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:111111111111:endpoint/churn-prod']] },
        }],
      },
    });
    expect(stack.resolve(imported.metricInvocations().toMetricConfig().metricStat?.dimensions)).toEqual([
      { name: 'EndpointName', value: 'churn-prod' },
      { name: 'VariantName', value: 'AllTraffic' },
    ]);
  });

  test('metrics name the service metrics, with the statistics they support', () => {
    const { endpoint } = endpointWith();
    const stat = (m: cloudwatch.Metric) => [m.namespace, m.metricName, m.statistic, m.period.toSeconds()];
    expect(stat(endpoint.metricInvocations())).toEqual(['AWS/SageMaker', 'Invocations', 'Sum', 300]);
    expect(stat(endpoint.metricInvocation5XXErrors())).toEqual(['AWS/SageMaker', 'Invocation5XXErrors', 'Average', 300]);
    expect(stat(endpoint.metricInvocation4XXErrors())).toEqual(['AWS/SageMaker', 'Invocation4XXErrors', 'Average', 300]);
    expect(stat(endpoint.metricModelLatency())).toEqual(['AWS/SageMaker', 'ModelLatency', 'Average', 300]);
    expect(stat(endpoint.metricOverheadLatency())).toEqual(['AWS/SageMaker', 'OverheadLatency', 'Average', 300]);
    expect(stat(endpoint.metricInvocationsPerInstance())).toEqual(['AWS/SageMaker', 'InvocationsPerInstance', 'Sum', 60]);
    expect(stat(endpoint.metric('InvocationModelErrors', { statistic: 'Sum', period: Duration.minutes(1) }))).toEqual(['AWS/SageMaker', 'InvocationModelErrors', 'Sum', 60]);
  });
});

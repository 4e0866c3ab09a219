/**
 * ModelEndpoint bad input: every case throws an MlopsValidationError at synth time naming the
 * construct path, the property, the value and what is allowed.
 */
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { GpuType, MlopsValidationError } from 'mlops-constructs';
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
} from 'mlops-constructs/aws';
import { newStack } from '../fixtures';

/** Builds an endpoint with a lake model in a fresh stack; `props` and `model` override. */
function endpoint(props: Partial<ModelEndpointProps> = {}, model?: (lake: DataLake, repo: ecr.IRepository) => ModelEndpointModel): () => ModelEndpoint {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'churn');
    return new ModelEndpoint(stack, 'Endpoint', {
      model: model ? model(lake, repo) : ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
      ...props,
    });
  };
}

/** The same, with the capture lake being the model's lake. */
function capturing(props: Partial<ModelEndpointProps>): () => ModelEndpoint {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'churn');
    return new ModelEndpoint(stack, 'Endpoint', {
      model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
      captureLake: lake,
      ...props,
    });
  };
}

function instances(props: Parameters<typeof ModelEndpointCapacity.instances>[0]): ModelEndpointCapacity {
  return ModelEndpointCapacity.instances(props);
}

function serverless(memoryMiB: number, maxConcurrency = 10, provisionedConcurrency?: number): ModelEndpointCapacity {
  return ModelEndpointCapacity.serverless({ memorySize: Size.mebibytes(memoryMiB), maxConcurrency, provisionedConcurrency });
}

describe('names', () => {
  test('errors are MlopsValidationErrors with path, property, value and what is allowed', () => {
    let error: unknown;
    try {
      endpoint({ endpointName: 'churn_prod' })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    expect(error).toMatchObject({ constructPath: 'TestStack/Endpoint', property: 'endpointName', value: 'churn_prod' });
  });

  test('an endpoint name with characters SageMaker refuses', () => {
    expect(endpoint({ endpointName: 'churn_prod' })).toThrow(
      /^\[TestStack\/Endpoint\] invalid endpointName: "churn_prod"\. Allowed: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit\.$/);
    expect(endpoint({ endpointName: '-churn' })).toThrow(/invalid endpointName: "-churn"/);
  });

  test('an endpoint name beyond 63 characters', () => {
    const name = `e${'x'.repeat(63)}`;
    expect(endpoint({ endpointName: name })).toThrow(new RegExp(`invalid endpointName: "${name}"\\. Allowed: 1 to 63 letters`));
    expect(endpoint({ endpointName: 'e'.repeat(63) })).not.toThrow();
  });

  test('a variant name SageMaker refuses', () => {
    expect(endpoint({ variantName: 'all traffic' })).toThrow(/\[TestStack\/Endpoint\] invalid variantName: "all traffic"\. Allowed: 1 to 63 letters, digits and hyphens/);
  });

  test('an imported endpoint with a bad name', () => {
    expect(() => ModelEndpoint.fromModelEndpointAttributes(newStack(), 'Imported', { endpointName: 'churn.prod' })).toThrow(
      /\[TestStack\/Imported\] invalid endpointName: "churn\.prod"\. Allowed: 1 to 63 letters/);
  });
});

describe('model', () => {
  test('not a ModelEndpointModel', () => {
    expect(endpoint({ model: { key: 'x' } as unknown as ModelEndpointModel })).toThrow(
      /\[TestStack\/Endpoint\] invalid model: \{"key":"x"\}\. Allowed: a ModelEndpointModel \(ModelEndpointModel\.fromLake/);
  });

  test('a capacity or an inference mode that is not one of the enum-like classes', () => {
    expect(endpoint({ capacity: { instanceType: 'ml.m5.xlarge' } as unknown as ModelEndpointCapacity })).toThrow(
      /invalid capacity: \{"instanceType":"ml\.m5\.xlarge"\}\. Allowed: a ModelEndpointCapacity/);
    expect(endpoint({ inference: 'async' as unknown as ModelEndpointInference })).toThrow(/invalid inference: "async"\. Allowed: a ModelEndpointInference/);
  });

  test('model data that is not a .tar.gz archive', () => {
    expect(endpoint({}, (lake, repo) => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.pt' }))).toThrow(
      /\[TestStack\/Endpoint\] invalid model\.key: "models\/model\.pt"\. Allowed: the key of a gzip-compressed tar archive ending with "\.tar\.gz"/);
  });

  test('a model zone the lake does not have', () => {
    expect(endpoint({}, (lake, repo) => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, zone: 'gold', key: 'm.tar.gz' }))).toThrow(
      /\[TestStack\/Endpoint\] invalid model\.zone: "gold"\. Allowed: a zone of lake TestStack\/Lake: raw, curated, artifacts/);
  });

  test('an empty image tag', () => {
    expect(endpoint({}, (lake, repo) => ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, ''), lake, key: 'm.tar.gz' }))).toThrow(
      /invalid model\.image\.tagOrDigest: ""\. Allowed: an image tag or a digest/);
  });

  test('a model package group name SageMaker refuses, or a version below 1', () => {
    const pkg = (groupName: string, version: number) => (lake: DataLake, repo: ecr.IRepository) =>
      ModelEndpointModel.fromModelPackage({ groupName, version, artifactsLake: lake, imageRepository: repo });
    expect(endpoint({}, pkg('churn/models', 1))).toThrow(/\[TestStack\/Endpoint\] invalid model\.groupName: "churn\/models"\. Allowed: 1 to 63 letters/);
    expect(endpoint({}, pkg('churn', 0))).toThrow(/\[TestStack\/Endpoint\] invalid model\.version: 0\. Allowed: a package version: an integer from 1/);
    expect(endpoint({}, pkg('churn', 1.5))).toThrow(/invalid model\.version: 1\.5/);
  });

  test('too many environment variables, or a value too long', () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`VAR_${i}`, 'x']));
    expect(endpoint({ environment: many })).toThrow(/\[TestStack\/Endpoint\] invalid environment: "17 variables"\. Allowed: at most 16 variables/);
    expect(endpoint({ environment: { LONG: 'x'.repeat(1025) } })).toThrow(/invalid environment\["LONG"\]: "1025 characters"\. Allowed: a value of at most 1024 characters \(SageMaker\)/);
  });
});

describe('instance capacity', () => {
  test('an instance type that is not ml.<family>.<size>', () => {
    expect(endpoint({ capacity: instances({ instanceType: 'm5.xlarge' }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid capacity\.instanceType: "m5\.xlarge"\. Allowed: a SageMaker instance type "ml\.<family>\.<size>"/);
    expect(endpoint({ capacity: instances({ instanceType: 'ml.m5' }) })).toThrow(/invalid capacity\.instanceType: "ml\.m5"/);
  });

  test('a GPU type the accelerator catalog does not have', () => {
    expect(endpoint({ capacity: instances({ instanceType: 'ml.g5.3xlarge' }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid capacity\.instanceType: "ml\.g5\.3xlarge"\. Allowed: a g5 type of the accelerator catalog: ml\.g5\.xlarge, ml\.g5\.2xlarge/);
  });

  test('an accelerator request no SageMaker type carries', () => {
    expect(endpoint({ capacity: instances({ accelerator: { gpu: GpuType.H100, gpusPerNode: 2 } }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid capacity\.accelerator\.gpusPerNode: 2\. Allowed: H100 on sagemaker: 8 GPUs per node \(ml\.p5\.48xlarge\)/);
  });

  test('an instance type and an accelerator together', () => {
    expect(endpoint({ capacity: instances({ instanceType: 'ml.g5.xlarge', accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 } }) })).toThrow(
      /invalid capacity\.instanceType: "ml\.g5\.xlarge"\. Allowed: either instanceType or accelerator, not both/);
  });

  test('an instance count that contradicts the accelerator node count', () => {
    expect(endpoint({ capacity: instances({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 1, nodeCount: 3 }, instanceCount: 4 }) })).toThrow(
      /invalid capacity\.instanceCount: 4\. Allowed: the accelerator's nodeCount \(3\) or no instanceCount/);
  });

  test('instance counts below 1 or a maximum below the minimum', () => {
    expect(endpoint({ capacity: instances({ instanceCount: 0 }) })).toThrow(/invalid capacity\.instanceCount: 0\. Allowed: an integer of at least 1/);
    expect(endpoint({ capacity: instances({ instanceCount: 4, maxInstanceCount: 3 }) })).toThrow(
      /invalid capacity\.maxInstanceCount: 3\. Allowed: an integer of at least instanceCount \(4\)/);
  });

  test('a scaling target that is not positive', () => {
    expect(endpoint({ capacity: instances({ targetInvocationsPerInstance: 0 }) })).toThrow(
      /invalid capacity\.targetInvocationsPerInstance: 0\. Allowed: a number of invocations per instance per minute greater than 0/);
  });
});

describe('serverless capacity', () => {
  test('memory outside 1024 to 6144 MiB or not in 1024 MiB steps', () => {
    expect(endpoint({ capacity: serverless(512) })).toThrow(
      /\[TestStack\/Endpoint\] invalid capacity\.memorySize: "512 MiB"\. Allowed: one of 1024, 2048, 3072, 4096, 5120, 6144 MiB/);
    expect(endpoint({ capacity: serverless(8192) })).toThrow(/invalid capacity\.memorySize: "8192 MiB"/);
    expect(endpoint({ capacity: serverless(1536) })).toThrow(/invalid capacity\.memorySize: "1536 MiB"/);
    expect(endpoint({ capacity: serverless(6144) })).not.toThrow();
  });

  test('max concurrency outside 1 to 200', () => {
    expect(endpoint({ capacity: serverless(1024, 0) })).toThrow(/invalid capacity\.maxConcurrency: 0\. Allowed: an integer from 1 to 200/);
    expect(endpoint({ capacity: serverless(1024, 201) })).toThrow(/invalid capacity\.maxConcurrency: 201\. Allowed: an integer from 1 to 200/);
    expect(endpoint({ capacity: serverless(1024, 200) })).not.toThrow();
  });

  test('provisioned concurrency above the max concurrency', () => {
    expect(endpoint({ capacity: serverless(1024, 10, 11) })).toThrow(
      /invalid capacity\.provisionedConcurrency: 11\. Allowed: an integer from 1 to 10 \(at most maxConcurrency\)/);
  });

  test('what serverless inference does not support', () => {
    const stack = () => newStack();
    expect(endpoint({ capacity: serverless(1024), networkIsolation: true })).toThrow(
      /\[TestStack\/Endpoint\] invalid networkIsolation: true\. Allowed: false or unset for a serverless endpoint: serverless inference does not support network isolation/);
    expect(() => {
      const s = stack();
      const vpc = new ec2.Vpc(s, 'Vpc', { natGateways: 0 });
      const lake = new DataLake(s, 'Lake');
      new ModelEndpoint(s, 'Endpoint', {
        model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(s, 'Repo', 'r'), 'v1'), lake, key: 'm.tar.gz' }),
        capacity: serverless(1024),
        vpc,
      });
    }).toThrow(/invalid vpc: "TestStack\/Vpc"\. Allowed: no VPC for a serverless endpoint/);
    expect(capturing({ capacity: serverless(1024) })).toThrow(/invalid captureLake: "TestStack\/Lake"\. Allowed: no data capture for a serverless endpoint/);
  });

  test('asynchronous inference on serverless capacity', () => {
    expect(() => {
      const s = newStack();
      const lake = new DataLake(s, 'Lake');
      new ModelEndpoint(s, 'Endpoint', {
        model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(s, 'Repo', 'r'), 'v1'), lake, key: 'm.tar.gz' }),
        capacity: serverless(1024),
        inference: ModelEndpointInference.asynchronous({ lake }),
      });
    }).toThrow(/invalid inference: "asynchronous"\. Allowed: ModelEndpointInference\.realTime\(\) for a serverless endpoint/);
  });

  test('canary or linear shifting on serverless capacity', () => {
    expect(endpoint({ capacity: serverless(1024), deployment: ModelEndpointDeployment.canary() })).toThrow(
      /\[TestStack\/Endpoint\] invalid deployment\.type: "CANARY"\. Allowed: ModelEndpointDeployment\.allAtOnce\(\) for a serverless endpoint/);
    expect(endpoint({ capacity: serverless(1024), deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(20) }) })).toThrow(
      /invalid deployment\.type: "LINEAR"/);
  });
});

describe('deployment', () => {
  test('a canary percentage above 50', () => {
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(60) }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid deployment\.size: "60%"\. Allowed: a canary of 1 to 50 percent of the new fleet/);
  });

  test('too few instances for the canary size', () => {
    expect(endpoint({ capacity: instances({ instanceCount: 1 }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid deployment\.size: "1 instance\(s\)"\. Allowed: a canary of at most half of the smallest fleet \(1 instance\(s\) → at most 0\); raise instanceCount to at least 2 or use ModelEndpointDeployment\.allAtOnce\(\)/);
    expect(endpoint({ capacity: instances({ instanceCount: 3 }), deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(2) }) })).toThrow(
      /invalid deployment\.size: "2 instance\(s\)"\. Allowed: a canary of at most half of the smallest fleet \(3 instance\(s\) → at most 1\); lower the canary or raise instanceCount to at least 4/);
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(25) }) })).toThrow(
      /invalid deployment\.size: "25%"\. Allowed: a canary of at least one instance: 25% of 2 instance\(s\) is less than one; raise instanceCount to at least 4/);
    expect(endpoint({ capacity: instances({ instanceCount: 1 }), deployment: ModelEndpointDeployment.allAtOnce() })).not.toThrow();
  });

  test('a canary size that is not a whole number of at least 1', () => {
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(0) }) })).toThrow(
      /invalid deployment\.size: 0\. Allowed: a whole number of at least 1 \(instances\)/);
  });

  test('linear steps outside 10 to 50 percent, or too small for the largest fleet', () => {
    const capacity = instances({ instanceCount: 4, maxInstanceCount: 20 });
    expect(endpoint({ capacity, deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(5) }) })).toThrow(
      /invalid deployment\.stepSize: "5%"\. Allowed: a linear step of 10 to 50 percent of the new fleet/);
    expect(endpoint({ capacity, deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(60) }) })).toThrow(/invalid deployment\.stepSize: "60%"/);
    expect(endpoint({ capacity, deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.instances(1) }) })).toThrow(
      /invalid deployment\.stepSize: "1 instance\(s\)"\. Allowed: a linear step of at least 10% of the largest fleet \(20 instances → at least 2\)/);
  });

  test('a baking period beyond 3600 seconds', () => {
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ bakeTime: Duration.hours(2) }) })).toThrow(
      /\[TestStack\/Endpoint\] invalid deployment\.bakeTime: "7200 s"\. Allowed: whole seconds from 0 to 3600/);
  });

  test('a termination wait beyond 3600 seconds', () => {
    expect(endpoint({ deployment: ModelEndpointDeployment.allAtOnce({ terminationWait: Duration.minutes(61) }) })).toThrow(
      /invalid deployment\.terminationWait: "3660 s"\. Allowed: whole seconds from 0 to 3600/);
  });

  test('a maximum execution timeout outside 600 to 28800 seconds', () => {
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ maximumExecutionTimeout: Duration.minutes(5) }) })).toThrow(
      /invalid deployment\.maximumExecutionTimeout: "300 s"\. Allowed: whole seconds from 600 to 28800/);
    expect(endpoint({ deployment: ModelEndpointDeployment.canary({ maximumExecutionTimeout: Duration.hours(9) }) })).toThrow(
      /invalid deployment\.maximumExecutionTimeout: "32400 s"/);
  });

  test('waits that do not fit the maximum execution timeout', () => {
    expect(endpoint({
      deployment: ModelEndpointDeployment.canary({ bakeTime: Duration.hours(1), terminationWait: Duration.hours(1), maximumExecutionTimeout: Duration.minutes(30) }),
    })).toThrow(/invalid deployment\.maximumExecutionTimeout: "1800 s"\. Allowed: waits that fit the maximum execution timeout: the steps and the final wait add up to 7200 s/);
    expect(endpoint({
      capacity: instances({ instanceCount: 10, maxInstanceCount: 10 }),
      deployment: ModelEndpointDeployment.linear({ stepSize: ModelEndpointTrafficSize.percent(10), bakeTime: Duration.hours(1) }),
    })).toThrow(/invalid deployment\.bakeTime: "3600 s"\. Allowed: waits that fit the maximum execution timeout: the steps and the final wait add up to 36300 s/);
  });

  test('not a ModelEndpointDeployment', () => {
    expect(endpoint({ deployment: { trafficRouting: 'CANARY' } as unknown as ModelEndpointDeployment })).toThrow(
      /invalid deployment: \{"trafficRouting":"CANARY"\}\. Allowed: a ModelEndpointDeployment/);
  });

  test('more rollback alarms than auto-rollback takes', () => {
    expect(() => {
      const stack = newStack();
      const lake = new DataLake(stack, 'Lake');
      const alarms = Array.from({ length: 9 }, (_, i) => new cloudwatch.Alarm(stack, `Alarm${i}`, {
        metric: new cloudwatch.Metric({ namespace: 'Shop', metricName: `M${i}` }), threshold: 1, evaluationPeriods: 1,
      }));
      new ModelEndpoint(stack, 'Endpoint', {
        model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'r'), 'v1'), lake, key: 'm.tar.gz' }),
        rollbackAlarms: alarms,
      });
    }).toThrow(/\[TestStack\/Endpoint\] invalid rollbackAlarms: "9 alarms"\. Allowed: at most 8: auto-rollback takes 10 alarms and the endpoint has 2 of its own/);
  });

  test('alarm levels out of range', () => {
    expect(endpoint({ errorRateAlarmThreshold: 0 })).toThrow(/invalid errorRateAlarmThreshold: 0\. Allowed: a share of invocations greater than 0 and at most 1/);
    expect(endpoint({ errorRateAlarmThreshold: 5 })).toThrow(/invalid errorRateAlarmThreshold: 5\./);
    expect(endpoint({ modelLatencyAlarmThreshold: Duration.seconds(0) })).toThrow(/invalid modelLatencyAlarmThreshold: "0 seconds"\. Allowed: a duration greater than zero/);
  });
});

describe('data capture', () => {
  test('a sampling percentage outside 0 to 100', () => {
    expect(capturing({ captureSamplingPercentage: 101 })).toThrow(
      /\[TestStack\/Endpoint\] invalid captureSamplingPercentage: 101\. Allowed: an integer from 0 to 100 \(percent of requests captured\)/);
    expect(capturing({ captureSamplingPercentage: -1 })).toThrow(/invalid captureSamplingPercentage: -1\./);
    expect(capturing({ captureSamplingPercentage: 12.5 })).toThrow(/invalid captureSamplingPercentage: 12\.5\./);
    expect(capturing({ captureSamplingPercentage: 0 })).not.toThrow();
  });

  test('capturing neither requests nor responses', () => {
    expect(capturing({ captureRequests: false, captureResponses: false })).toThrow(
      /invalid captureResponses: false\. Allowed: capturing requests, responses or both/);
  });

  test('more than 10 content types', () => {
    expect(capturing({ captureJsonContentTypes: Array.from({ length: 11 }, (_, i) => `application/x-${i}`) })).toThrow(
      /invalid captureJsonContentTypes: .*\. Allowed: at most 10 content types/);
  });

  test('a capture zone the lake does not have, or a bad prefix', () => {
    expect(capturing({ captureZone: 'gold' })).toThrow(/\[TestStack\/Endpoint\] invalid captureZone: "gold"\. Allowed: a zone of lake TestStack\/Lake/);
    expect(capturing({ capturePrefix: 'captures' })).toThrow(/invalid capturePrefix: "captures"\. Allowed: an S3 key prefix ending with "\/"/);
    expect(capturing({ capturePrefix: '/captures/' })).toThrow(/invalid capturePrefix: "\/captures\/"/);
  });

  test('capture settings without a capture lake', () => {
    expect(endpoint({ captureSamplingPercentage: 50 })).toThrow(
      /invalid captureSamplingPercentage: 50\. Allowed: only together with captureLake/);
  });
});

describe('asynchronous inference', () => {
  function asyncEndpoint(props: Omit<Parameters<typeof ModelEndpointInference.asynchronous>[0], 'lake'>): () => void {
    return () => {
      const stack = newStack();
      const lake = new DataLake(stack, 'Lake');
      new ModelEndpoint(stack, 'Endpoint', {
        model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'r'), 'v1'), lake, key: 'm.tar.gz' }),
        inference: ModelEndpointInference.asynchronous({ lake, ...props }),
      });
    };
  }

  test('concurrency per instance outside 1 to 1000', () => {
    expect(asyncEndpoint({ maxConcurrentInvocationsPerInstance: 0 })).toThrow(
      /invalid inference\.maxConcurrentInvocationsPerInstance: 0\. Allowed: an integer from 1 to 1000/);
    expect(asyncEndpoint({ maxConcurrentInvocationsPerInstance: 1001 })).toThrow(/invalid inference\.maxConcurrentInvocationsPerInstance: 1001/);
  });

  test('a zone the lake does not have, or a bad prefix', () => {
    expect(asyncEndpoint({ zone: 'gold' })).toThrow(/invalid inference\.zone: "gold"\. Allowed: a zone of lake/);
    expect(asyncEndpoint({ prefix: 'async' })).toThrow(/invalid inference\.prefix: "async"\. Allowed: an S3 key prefix ending with "\/"/);
  });
});

describe('network, removal', () => {
  test('subnets in a single Availability Zone', () => {
    expect(() => {
      const stack = newStack();
      const lake = new DataLake(stack, 'Lake');
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
      new ModelEndpoint(stack, 'Endpoint', {
        model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'r'), 'v1'), lake, key: 'm.tar.gz' }),
        vpc,
      });
    }).toThrow(/\[TestStack\/Endpoint\] invalid vpcSubnets: \["eu-west-1a"\]\. Allowed: subnets in at least two Availability Zones/);
  });

  test('subnets or security groups without a VPC', () => {
    expect(endpoint({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })).toThrow(/invalid vpcSubnets: "set"\. Allowed: only together with vpc/);
  });

  test('DESTROY without the app opt-in, or a removal policy keys do not have', () => {
    expect(endpoint({ removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      /\[TestStack\/Endpoint\] invalid removalPolicy: "DESTROY"\. Allowed: a policy that destroys data only when the app also sets the context/);
    expect(endpoint({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY/);
  });
});

/**
 * What the platform's endpoint serves, and on what, at each level.
 */
import { Aws, CfnMapping, Size, Stack, Token } from 'aws-cdk-lib/core';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { SAGEMAKER_XGBOOST_REGISTRIES, SAGEMAKER_XGBOOST_REPOSITORY } from '../../../core';
import { ModelEndpointCapacity, ModelEndpointDeployment, ModelEndpointTrafficSize } from '../../model-endpoint';

/** The smallest general-purpose SageMaker hosting type the endpoint runs on from level 1. */
export const PLATFORM_ENDPOINT_INSTANCE_TYPE = 'ml.m5.large';

/** Capacity and rollout of the endpoint at a level. */
export interface PlatformServing {
  readonly capacity: ModelEndpointCapacity;
  readonly deployment: ModelEndpointDeployment;
  /** Whether requests and responses are captured into the lake (instance-backed endpoints only). */
  readonly capture: boolean;
}

/**
 * | level | capacity                                   | rollout                      | capture |
 * |-------|--------------------------------------------|------------------------------|---------|
 * | 0     | serverless, 2 GiB, 5 concurrent (no idle bill) | all at once                | no (serverless has none) |
 * | 1     | 1 × ml.m5.large, autoscaling to 2          | all at once (a canary needs ≥ 2 instances) | yes |
 * | 2, 3  | 2 × ml.m5.large, autoscaling to 4          | canary of 1 instance, alarm rollback | yes |
 */
export function servingAt(level: number): PlatformServing {
  if (level === 0) {
    return {
      capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(2), maxConcurrency: 5 }),
      deployment: ModelEndpointDeployment.allAtOnce(),
      capture: false,
    };
  }
  if (level === 1) {
    return {
      capacity: ModelEndpointCapacity.instances({ instanceType: PLATFORM_ENDPOINT_INSTANCE_TYPE, instanceCount: 1, maxInstanceCount: 2 }),
      deployment: ModelEndpointDeployment.allAtOnce(),
      capture: true,
    };
  }
  return {
    capacity: ModelEndpointCapacity.instances({ instanceType: PLATFORM_ENDPOINT_INSTANCE_TYPE, instanceCount: 2, maxInstanceCount: 4 }),
    deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(1) }),
    capture: true,
  };
}

/**
 * The ECR repository of SageMaker's built-in XGBoost image in the stack's region (the image the
 * training pipeline registers its versions with), so the endpoint's execution role may pull it.
 * A `CfnMapping` of the core table when the region is a token.
 */
export function xgboostRepository(scope: Construct, id: string): ecr.IRepository {
  const stack = Stack.of(scope);
  const account = Token.isUnresolved(stack.region)
    ? new CfnMapping(scope, `${id}Registry`, {
      mapping: Object.fromEntries(Object.entries(SAGEMAKER_XGBOOST_REGISTRIES).map(([region, registry]) => [region, { account: registry }])),
    }).findInMap(Aws.REGION, 'account')
    : SAGEMAKER_XGBOOST_REGISTRIES[stack.region];
  return ecr.Repository.fromRepositoryAttributes(scope, id, {
    repositoryName: SAGEMAKER_XGBOOST_REPOSITORY,
    repositoryArn: stack.formatArn({ service: 'ecr', account, resource: 'repository', resourceName: SAGEMAKER_XGBOOST_REPOSITORY }),
  });
}

/**
 * SageMaker's built-in XGBoost image, as the AWS examples serve it: the image the training
 * pipeline trains and registers its versions with, in an AWS-owned registry of the stack's region
 * (the library's table `SAGEMAKER_XGBOOST_REGISTRIES`), so an example serves a real image and
 * names no repository of yours. To serve another framework, push your inference image to an ECR
 * repository of your account and pass `ModelEndpointImage.fromEcrRepository(repository, tag)`.
 *
 * Hand-written (a dozen lines) because the platform's own helper is private to
 * lib/aws/mlops-platform; it builds the same repository: a `CfnMapping` of the table when the
 * region is a token.
 */
import { Aws, CfnMapping, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { MlopsValidationError, SAGEMAKER_XGBOOST_REGISTRIES, SAGEMAKER_XGBOOST_REPOSITORY, SAGEMAKER_XGBOOST_VERSION } from 'mlops-constructs';
import { ModelEndpointImage } from 'mlops-constructs/aws';

/** The ECR repository of the built-in XGBoost image in `scope`'s region, imported as `id`. */
export function xgboostRepository(scope: Construct, id: string): ecr.IRepository {
  const stack = Stack.of(scope);
  let account: string;
  if (Token.isUnresolved(stack.region)) {
    account = new CfnMapping(scope, `${id}Registry`, {
      mapping: Object.fromEntries(Object.entries(SAGEMAKER_XGBOOST_REGISTRIES).map(([region, registry]) => [region, { account: registry }])),
    }).findInMap(Aws.REGION, 'account');
  } else {
    const registry = SAGEMAKER_XGBOOST_REGISTRIES[stack.region];
    if (registry === undefined) {
      throw new MlopsValidationError(stack, 'env.region', stack.region, `a region with SageMaker's built-in XGBoost image: ${Object.keys(SAGEMAKER_XGBOOST_REGISTRIES).join(', ')}`);
    }
    account = registry;
  }
  return ecr.Repository.fromRepositoryAttributes(scope, id, {
    repositoryName: SAGEMAKER_XGBOOST_REPOSITORY,
    repositoryArn: stack.formatArn({ service: 'ecr', account, resource: 'repository', resourceName: SAGEMAKER_XGBOOST_REPOSITORY }),
  });
}

/** The built-in XGBoost image (version `SAGEMAKER_XGBOOST_VERSION`) of `scope`'s region. */
export function xgboostImage(scope: Construct, id: string): ModelEndpointImage {
  return ModelEndpointImage.fromEcrRepository(xgboostRepository(scope, id), SAGEMAKER_XGBOOST_VERSION);
}

/**
 * SageMaker instance types against the catalog (`core/locations`): that an `ml.*` type exists for
 * its use, and — when the stack's region is a literal at synth — that the region offers it.
 * A region that is an unresolved token (an environment-agnostic stack) is not checked: which
 * region the stack deploys to is decided at deploy, and the deploy refuses an unavailable type.
 */
import { Stack, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { MlopsValidationError } from '../../core';
import { sageMakerInstanceTypeProblem, sageMakerRegionProblem, SageMakerInstanceUse } from '../../core/locations';

/** `instanceType` when it exists for `use` and the stack's literal region offers it (or is a token); otherwise an error naming `property`. */
export function resolveSageMakerInstanceType(scope: IConstruct, property: string, instanceType: string, use: SageMakerInstanceUse): string {
  if (Token.isUnresolved(instanceType)) {
    return instanceType;
  }
  const problem = sageMakerInstanceTypeProblem(instanceType, use);
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, property, instanceType, problem);
  }
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(region)) {
    const regionProblem = sageMakerRegionProblem(instanceType, region);
    if (regionProblem !== undefined) {
      throw new MlopsValidationError(scope, property, instanceType, regionProblem);
    }
  }
  return instanceType;
}

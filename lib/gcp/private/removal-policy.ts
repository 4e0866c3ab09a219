import { assertDataDestructionAllowed, ContextReader, MlopsValidationError } from '../../core';
import { RemovalPolicy } from '../removal-policy';

/**
 * Validates a removal policy given to a construct and returns it, `RETAIN` when none was given.
 * Throws for a value that is not a {@link RemovalPolicy}, and for `DESTROY` unless the app allows
 * data destruction.
 */
export function resolveRemovalPolicy(scope: ContextReader, property: string, value: RemovalPolicy | undefined): RemovalPolicy {
  if (value === undefined) {
    return RemovalPolicy.RETAIN;
  }
  if (!(Object.values(RemovalPolicy) as string[]).includes(value)) {
    throw new MlopsValidationError(scope, property, value, `RemovalPolicy.RETAIN or RemovalPolicy.DESTROY`);
  }
  if (value === RemovalPolicy.DESTROY) {
    assertDataDestructionAllowed(scope, property, value);
  }
  return value;
}

/** The Terraform `lifecycle` of a stateful resource under `policy`: `prevent_destroy` unless it is DESTROY. */
export function retainLifecycle(policy: RemovalPolicy): { preventDestroy: true } | undefined {
  return policy === RemovalPolicy.DESTROY ? undefined : { preventDestroy: true };
}

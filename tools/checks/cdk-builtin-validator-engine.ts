/**
 * One engine for aws-cdk-lib's built-in CloudFormation validator across every checked synth of
 * a test process.
 *
 * aws-cdk-lib runs its validator through a process-wide plugin instance
 * (`CloudFormationValidatePlugin._singletonInstance()`), which keeps its engine only while each
 * new app's resource types are a subset of the previous app's, and otherwise frees it and builds
 * a new one. Across the checked synths of `test/checks.test.ts` (every construct and example, each
 * with different resource types) that rebuilt the engine again and again: 4.35 s of a 25.9 s CPU
 * profile of `jest -i test/checks.test.ts`. The engine's configuration depends on the resource
 * types only through the built-in Rego rules it loads for them (in aws-cdk-lib 2.276 one rule
 * file, for GameLift fleets), so an engine built once with the rules of every resource type
 * validates each template exactly as the rebuilt ones did.
 *
 * This reaches into aws-cdk-lib internals (`_singletonInstance`, `initializeEngine`); when a
 * version no longer has them it does nothing, and the validator runs as aws-cdk-lib built it, only
 * slower. Development tooling, not shipped in the package.
 */
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';

/** A resource-type set that contains every type: the engine built for it serves every app. */
class EveryResourceType extends Set<string> {
  public override has(): boolean {
    return true;
  }
}

interface BuiltinPluginInternals {
  initializeEngine?: (resourceTypes: Set<string>) => unknown;
}

let engine: { value: unknown } | undefined;

/**
 * Builds the built-in validator's engine for every resource type, once per process, and returns
 * it (undefined when this aws-cdk-lib version has no such internals). The engine takes its
 * severity level and exclusions per template, so the all-severities plugin
 * (cfn-validate-all-severities.ts) validates with the same engine instead of building its own.
 */
export function keepOneBuiltinValidatorEngine(): unknown {
  if (engine === undefined) {
    const singleton = (CloudFormationValidatePlugin as unknown as { _singletonInstance?: () => BuiltinPluginInternals })._singletonInstance?.();
    engine = { value: typeof singleton?.initializeEngine === 'function' ? singleton.initializeEngine(new EveryResourceType()) : undefined };
  }
  return engine.value;
}

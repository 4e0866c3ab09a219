/**
 * The L1 equivalent of the example apps, generated from the library's own output: every
 * CloudFormation resource rebuilt as a `CfnResource` (its logical id, type, properties and
 * resource attributes), every Terraform block as a `TerraformResource` / `TerraformDataSource` /
 * `TerraformProvider` / `TerraformVariable` / `TerraformOutput` holding its synthesized JSON. What
 * a user writing the same stacks with no abstraction would run; `npm run bench` times it against
 * the library after checking the two outputs equal ({@link compareAws}, {@link compareGcp}).
 *
 * Stacks are found from the synthesized output (every stack of the assembly, nested stages
 * included; every cdktf stack), never listed here, so new example and level stacks are covered.
 */
import { isDeepStrictEqual } from 'util';
import { App, CfnMapping, CfnOutput, CfnResource, Lazy, Stack, Stage } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { firstDifference } from './l1-diff';

/** One AWS stack as the L1 rebuild needs it. */
export interface AwsL1Stack {
  /** Construct path from the app: stage ids, then the stack id last. */
  readonly path: string[];
  readonly stackName: string;
  readonly account?: string;
  readonly region?: string;
  readonly template: any;
}

/** Template sections the default synthesizer writes itself (BootstrapVersion). */
const SYNTHESIZER_PARAMETERS = new Set(['BootstrapVersion']);
const SYNTHESIZER_RULES = new Set(['CheckBootstrapVersion']);
const TEMPLATE_SECTIONS = new Set(['Resources', 'Parameters', 'Rules', 'Mappings', 'Outputs', 'Description']);

/** Every stack of the assembly, nested stages' included. */
export function awsL1Spec(assembly: CloudAssembly): AwsL1Stack[] {
  return assembly.stacksRecursively.map((stack) => {
    const unknown = Object.keys(stack.template).filter((k) => !TEMPLATE_SECTIONS.has(k));
    if (unknown.length > 0) {
      // Fail loudly: the rebuild below would silently leave the section out (the equality check would also catch it).
      throw new Error(`bench L1: template section(s) ${unknown.join(', ')} of ${stack.hierarchicalId} are not rebuilt yet (tools/bench/l1.ts)`);
    }
    const account = stack.environment.account;
    const region = stack.environment.region;
    return {
      path: stack.hierarchicalId.split('/'),
      stackName: stack.stackName,
      account: account === 'unknown-account' ? undefined : account,
      region: region === 'unknown-region' ? undefined : region,
      template: stack.template,
    };
  });
}

/** Builds the L1 stacks into `app` (stages recreated where the library had them). */
export function buildAwsL1(app: App, spec: readonly AwsL1Stack[], onStack?: (stack: Stack, topLevelId: string) => void): void {
  for (const s of spec) {
    let scope: Construct = app;
    for (const id of s.path.slice(0, -1)) {
      scope = scope.node.tryFindChild(id) ?? new Stage(scope, id);
    }
    const env = s.account || s.region ? { account: s.account, region: s.region } : undefined;
    const stack = new Stack(scope, s.path[s.path.length - 1], { stackName: s.stackName, env, description: s.template.Description });
    onStack?.(stack, s.path[0]);
    for (const [logicalId, r] of Object.entries<any>(s.template.Resources ?? {})) {
      const resource = new CfnResource(stack, logicalId, { type: r.Type, properties: r.Properties });
      resource.overrideLogicalId(logicalId);
      for (const [key, value] of Object.entries(r)) {
        if (key !== 'Type' && key !== 'Properties') {
          resource.addOverride(key, value);
        }
      }
    }
    for (const [logicalId, mapping] of Object.entries<any>(s.template.Mappings ?? {})) {
      new CfnMapping(stack, logicalId, { mapping }).overrideLogicalId(logicalId);
    }
    for (const [logicalId, o] of Object.entries<any>(s.template.Outputs ?? {})) {
      const unknownKeys = Object.keys(o).filter((k) => !['Value', 'Description', 'Export'].includes(k));
      if (unknownKeys.length > 0) {
        throw new Error(`bench L1: output ${logicalId} of ${s.path.join('/')} has ${unknownKeys.join(', ')}, not rebuilt yet (tools/bench/l1.ts)`);
      }
      // Values and export names may be intrinsics (objects): given to CloudFormation as they are.
      const raw = (value: unknown): string => (typeof value === 'string' ? value : Lazy.string({ produce: () => value as string }));
      new CfnOutput(stack, logicalId, {
        value: raw(o.Value),
        description: o.Description,
        exportName: o.Export === undefined ? undefined : raw(o.Export.Name),
      }).overrideLogicalId(logicalId);
    }
    const extraParameters = Object.keys(s.template.Parameters ?? {}).filter((k) => !SYNTHESIZER_PARAMETERS.has(k));
    const extraRules = Object.keys(s.template.Rules ?? {}).filter((k) => !SYNTHESIZER_RULES.has(k));
    if (extraParameters.length > 0 || extraRules.length > 0) {
      throw new Error(`bench L1: parameters/rules ${[...extraParameters, ...extraRules].join(', ')} of ${s.path.join('/')} are not rebuilt yet (tools/bench/l1.ts)`);
    }
  }
}

/** Differences between the library's templates and the L1 rebuild's (empty when equal). */
export function compareAws(library: CloudAssembly, l1: CloudAssembly): string[] {
  const problems: string[] = [];
  const mine = new Map(l1.stacksRecursively.map((s) => [s.hierarchicalId, s]));
  for (const stack of library.stacksRecursively) {
    const other = mine.get(stack.hierarchicalId);
    if (!other) {
      problems.push(`${stack.hierarchicalId}: missing from the L1 rebuild`);
    } else if (!isDeepStrictEqual(stack.template, other.template)) {
      problems.push(`${stack.hierarchicalId}: templates differ${firstDifference(stack.template, other.template, '')}`);
    }
    mine.delete(stack.hierarchicalId);
  }
  problems.push(...[...mine.keys()].map((id) => `${id}: only in the L1 rebuild`));
  return problems;
}


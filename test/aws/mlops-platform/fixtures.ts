/**
 * Fixtures of the MlopsPlatform tests: level stacks in fresh apps, with or without an approved
 * model version in the context, and the library's construct classes.
 *
 * A level stack takes about a second to build and synthesize, and the tests read the same few
 * many times, so each stack (and its template) is built once per test file: the tests only read
 * them.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct, IConstruct } from 'constructs';
import * as awsLibrary from 'mlops-constructs/aws';
import { createLevelStack, MlopsLevelStack, SYNTH_CONTEXT } from '../../../examples/aws/levels';

/** The environment of the test stacks. */
export const env = { account: '111111111111', region: 'eu-west-1' };

/** The name of the stack a platform grows in (one stack, one level after the other). */
export const GROWN = 'Grown';

/** The feature group fingerprint of the `Grown` stack (its group name derives from the stack name), committed as a user would. */
export const GROWN_FINGERPRINT = 'v1.476a4c.1a8ce8.6ae92d.ee5606.5c817a.57401f.23fd24.74234e';

const groups = new Map<string, string>();

/** The model package group of the platform in a stack named `stackName` (`<derived prefix>-churn`). */
export function groupOf(stackName: string): string {
  if (!groups.has(stackName)) {
    groups.set(stackName, new MlopsLevelStack(new App(), stackName, { level: 0, env }).platform.registry.modelPackageGroupName);
  }
  return groups.get(stackName)!;
}

/** The context that says version `version` of the platform's registry in `stackName` is approved. */
export function approvedContext(stackName: string, version = 3): Record<string, string> {
  const group = groupOf(stackName);
  return { [`mlops-constructs:approvedModelPackage:${group}`]: `arn:aws:sagemaker:${env.region}:${env.account}:model-package/${group}/${version}` };
}

const stacks = new Map<string, MlopsLevelStack>();

/** A level stack named `stackName` in an app of its own (built once per test file for each level and options). */
export function levelStack(level: number, options: { stackName?: string; approved?: boolean; fingerprint?: string } = {}): MlopsLevelStack {
  const stackName = options.stackName ?? GROWN;
  const key = JSON.stringify([level, stackName, options.approved === true, options.fingerprint ?? GROWN_FINGERPRINT]);
  if (!stacks.has(key)) {
    const app = new App({ context: { ...SYNTH_CONTEXT, ...(options.approved ? approvedContext(stackName) : {}) } });
    stacks.set(key, new MlopsLevelStack(app, stackName, { level, env, featureFingerprint: options.fingerprint ?? GROWN_FINGERPRINT }));
  }
  return stacks.get(key)!;
}

const templates = new WeakMap<Stack, Template>();

/** The assertions template of a stack, synthesized once. */
export function templateFor(stack: Stack): Template {
  if (!templates.has(stack)) {
    templates.set(stack, Template.fromStack(stack));
  }
  return templates.get(stack)!;
}

/** Every construct class `mlops-constructs/aws` exports. */
export const LIBRARY_CONSTRUCTS: ReadonlyMap<Function, string> = new Map(
  Object.entries(awsLibrary)
    .filter((e): e is [string, Function] => typeof e[1] === 'function' && e[1].prototype instanceof Construct)
    .map(([name, cls]) => [cls, name]),
);

/** The library's construct classes in the tree under `root` (`root` itself left out), by name. */
export function libraryClassesUnder(root: IConstruct): string[] {
  const names = new Set<string>();
  for (const c of root.node.findAll()) {
    const name = LIBRARY_CONSTRUCTS.get(Object.getPrototypeOf(c).constructor);
    if (c !== root && name !== undefined) {
      names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The library's construct classes of a platform: those under it, and (from level 2) those in the
 * stacks it adds to the delivery stages (its endpoints), by name.
 */
export function platformClasses(platform: awsLibrary.MlopsPlatform): string[] {
  return [...new Set([platform, ...platform.servingStacks].flatMap((root) => libraryClassesUnder(root)))].sort();
}

/** The serving stack the platform of `stack` adds to its `Staging` or `Production` stage (level ≥ 2, approved). */
export function servingStackOf(stack: MlopsLevelStack, stage: 'Staging' | 'Production'): Stack {
  const found = stack.platform.servingStacks.find((s) => s.stackName === `${stack.stackName}-${stage}-Serving`);
  if (found === undefined) {
    throw new Error(`no ${stage} serving stack in ${stack.stackName}`);
  }
  return found;
}

/** The templates of a level stack and of every stack in its delivery stages (from level 2: the applications and the endpoints). */
export function levelTemplates(stack: Stack): ReturnType<typeof templateOf>[] {
  return [stack, ...stack.node.findAll().filter((c): c is Stack => Stack.isStack(c) && c !== stack)].map((s) => templateOf(s));
}

/** The synthesized template of a stack, as JSON. */
export function templateOf(stack: Stack): { Resources: Record<string, { Type: string; Properties?: unknown }> } {
  return templateFor(stack).toJSON() as { Resources: Record<string, { Type: string; Properties?: unknown }> };
}

const references = new Map<number, Stack>();

/** The reference stack `MlopsLevel<level>Aws` in an app of its own (built once per test file). */
export function referenceStack(level: number): Stack {
  if (!references.has(level)) {
    references.set(level, createLevelStack(new App({ context: { ...SYNTH_CONTEXT } }), level));
  }
  return references.get(level)!;
}

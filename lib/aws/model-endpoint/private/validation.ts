/**
 * The endpoint's checks of its props, as pure functions: each returns the problems, with property
 * paths as the props name them, or the value in force once defaults apply. The endpoint and its
 * option classes report them under their own paths (`throwIfProblems`, `unwrap`).
 */
import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ValidationProblem } from '../../../core';
import { IDataLake } from '../../data-lake';
import type { ModelEndpointInstanceCapacityProps, ModelEndpointServerlessCapacityProps } from '../capacity';
import { environmentProblems, SAGEMAKER_CONTAINER_ENVIRONMENT } from '../../../core/limits';
import { resolveInstanceType } from './instance-type';
import {
  ASYNC_MAX_CONCURRENT_INVOCATIONS,
  CAPTURE_LIMITS,
  DEFAULT_INSTANCE_COUNT,
  integerRangeProblem,
  SERVERLESS_EXCLUSIONS_URL,
  SERVERLESS_LIMITS,
} from './limits';

/** Starting point of the target-tracking policy: invocations per instance per minute. */
const DEFAULT_TARGET_INVOCATIONS = 70;

/** The problem of a zone the lake does not have. */
export function zoneProblems(lake: IDataLake, zone: string, property: string): ValidationProblem[] {
  return lake.zoneNames.includes(zone) ? [] : [{ property, value: zone, allowed: `a zone of lake ${lake.node.path}: ${lake.zoneNames.join(', ')}` }];
}

/** The problem of an S3 key prefix that does not end with `/`, starts with one or holds `//`; none for a token. */
export function keyPrefixProblems(property: string, prefix: unknown): ValidationProblem[] {
  if (typeof prefix === 'string' && Token.isUnresolved(prefix)) {
    return [];
  }
  if (typeof prefix !== 'string' || prefix.length < 2 || prefix.startsWith('/') || !prefix.endsWith('/') || prefix.includes('//')) {
    return [{ property, value: prefix, allowed: 'an S3 key prefix ending with "/", without a leading "/" or "//"' }];
  }
  return [];
}

/** Whether the model container is isolated: given, or on unless serverless (which does not support it). */
export function resolveNetworkIsolation(networkIsolation: boolean | undefined, serverless: boolean): boolean | ValidationProblem[] {
  if (serverless && networkIsolation === true) {
    return [{
      property: 'networkIsolation',
      value: true,
      allowed: `false or unset for a serverless endpoint: serverless inference does not support network isolation (${SERVERLESS_EXCLUSIONS_URL})`,
    }];
  }
  return networkIsolation ?? !serverless;
}

/** What a serverless endpoint was asked for that serverless inference does not have. */
export interface ServerlessExclusions {
  readonly vpc?: ec2.IVpc;
  readonly captureLake?: IDataLake;
  readonly asynchronous: boolean;
}

/** The first feature asked of a serverless endpoint that serverless inference does not support. */
export function serverlessExclusionProblems(asked: ServerlessExclusions, serverless: boolean): ValidationProblem[] {
  if (!serverless) {
    return [];
  }
  const why = `serverless inference does not support it (${SERVERLESS_EXCLUSIONS_URL})`;
  if (asked.vpc !== undefined) {
    return [{ property: 'vpc', value: asked.vpc.node.path, allowed: `no VPC for a serverless endpoint: ${why}` }];
  }
  if (asked.captureLake !== undefined) {
    return [{ property: 'captureLake', value: asked.captureLake.node.path, allowed: `no data capture for a serverless endpoint: ${why}; use instance capacity to capture` }];
  }
  if (asked.asynchronous) {
    return [{
      property: 'inference',
      value: 'asynchronous',
      allowed: 'ModelEndpointInference.realTime() for a serverless endpoint: asynchronous inference queues requests for instances it autoscales (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html)',
    }];
  }
  return [];
}

/**
 * The container environment, copied, or its first problem under SageMaker's limits
 * (`SAGEMAKER_CONTAINER_ENVIRONMENT`: at most 16 variables, C-identifier names, names and values
 * of at most 1024 characters). Values that are tokens are not measured.
 */
export function resolveEnvironment(environment: { [name: string]: string } | undefined): { [name: string]: string } | undefined | ValidationProblem[] {
  if (environment === undefined) {
    return undefined;
  }
  const problems = environmentProblems(SAGEMAKER_CONTAINER_ENVIRONMENT, environment, (v) => Token.isUnresolved(v));
  return problems.length > 0 ? problems : { ...environment };
}

/** Serverless capacity in the API's units. */
export interface ResolvedServerlessCapacity {
  readonly kind: 'serverless';
  readonly memorySizeInMb: number;
  readonly maxConcurrency: number;
  readonly provisionedConcurrency?: number;
}

/** Instance capacity: the type and the fleet's bounds. */
export interface ResolvedInstanceCapacity {
  readonly kind: 'instances';
  readonly instanceType: string;
  /** The initial instance count, also the autoscaling minimum. */
  readonly minInstances: number;
  /** The autoscaling maximum. */
  readonly maxInstances: number;
  /** Whether the type has local instance storage, when the props say so. */
  readonly localInstanceStorage?: boolean;
}

/** The capacity in force. */
export type ResolvedCapacity = ResolvedServerlessCapacity | ResolvedInstanceCapacity;

/**
 * Serverless capacity, or its first problem (paths relative to the capacity): memory 1024 to 6144
 * MiB in 1024 MiB steps, concurrency 1 to 200, provisioned concurrency at most the maximum.
 */
export function resolveServerlessCapacity(s: ModelEndpointServerlessCapacityProps): ResolvedServerlessCapacity | ValidationProblem[] {
  const memory = s.memorySize instanceof Size ? s.memorySize.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) : Number.NaN;
  if (!Token.isUnresolved(memory) && !SERVERLESS_LIMITS.memoryMiB.includes(memory)) {
    return [{
      property: 'memorySize',
      value: Number.isNaN(memory) ? s.memorySize : `${memory} MiB`,
      allowed: `one of ${SERVERLESS_LIMITS.memoryMiB.join(', ')} MiB (1024 to 6144 in 1024 MiB steps)`,
    }];
  }
  const concurrencyProblem = integerRangeProblem(s.maxConcurrency, SERVERLESS_LIMITS.minConcurrency, SERVERLESS_LIMITS.maxConcurrency);
  if (!Token.isUnresolved(s.maxConcurrency) && concurrencyProblem) {
    return [{ property: 'maxConcurrency', value: s.maxConcurrency, allowed: concurrencyProblem }];
  }
  if (s.provisionedConcurrency !== undefined && !Token.isUnresolved(s.provisionedConcurrency)) {
    const max = Token.isUnresolved(s.maxConcurrency) ? SERVERLESS_LIMITS.maxConcurrency : s.maxConcurrency;
    const provisionedProblem = integerRangeProblem(s.provisionedConcurrency, SERVERLESS_LIMITS.minConcurrency, max);
    if (provisionedProblem) {
      return [{ property: 'provisionedConcurrency', value: s.provisionedConcurrency, allowed: `${provisionedProblem} (at most maxConcurrency)` }];
    }
  }
  return { kind: 'serverless', memorySizeInMb: memory, maxConcurrency: s.maxConcurrency, provisionedConcurrency: s.provisionedConcurrency };
}

/**
 * Instance capacity, or its first problem (paths relative to the capacity): the instance type
 * (see `resolveInstanceType`), an instance count that agrees with the accelerator's node count,
 * at least 1, and a maximum of at least the count.
 */
export function resolveInstanceCapacity(c: ModelEndpointInstanceCapacityProps): ResolvedInstanceCapacity | ValidationProblem[] {
  const resolved = resolveInstanceType(c.instanceType, c.accelerator);
  if (Array.isArray(resolved)) {
    return resolved;
  }
  if (c.instanceCount !== undefined && resolved.requestedNodeCount !== undefined && c.instanceCount !== resolved.requestedNodeCount) {
    return [{
      property: 'instanceCount',
      value: c.instanceCount,
      allowed: `the accelerator's nodeCount (${resolved.requestedNodeCount}) or no instanceCount: they say the same thing`,
    }];
  }
  const minInstances = c.instanceCount ?? resolved.requestedNodeCount ?? DEFAULT_INSTANCE_COUNT;
  const countProblem = integerRangeProblem(minInstances, 1, Number.MAX_SAFE_INTEGER);
  if (!Token.isUnresolved(minInstances) && countProblem) {
    return [{ property: 'instanceCount', value: minInstances, allowed: 'an integer of at least 1' }];
  }
  const maxInstances = c.maxInstanceCount ?? minInstances * 2;
  if (!Token.isUnresolved(maxInstances) && integerRangeProblem(maxInstances, minInstances, Number.MAX_SAFE_INTEGER)) {
    return [{ property: 'maxInstanceCount', value: maxInstances, allowed: `an integer of at least instanceCount (${minInstances})` }];
  }
  return { kind: 'instances', instanceType: resolved.instanceType, minInstances, maxInstances, localInstanceStorage: c.localInstanceStorage };
}

/** The target-tracking settings in force. */
export interface ResolvedScaling {
  /** Invocations per instance per minute. */
  readonly targetInvocationsPerInstance: number;
  readonly scaleInCooldown: Duration;
  readonly scaleOutCooldown: Duration;
}

/** The target-tracking settings of instance capacity, or the problem of its target (path relative to the capacity). */
export function resolveScaling(c: ModelEndpointInstanceCapacityProps): ResolvedScaling | ValidationProblem[] {
  const target = c.targetInvocationsPerInstance ?? DEFAULT_TARGET_INVOCATIONS;
  if (!Token.isUnresolved(target) && !(typeof target === 'number' && target > 0)) {
    return [{ property: 'targetInvocationsPerInstance', value: target, allowed: 'a number of invocations per instance per minute greater than 0' }];
  }
  return {
    targetInvocationsPerInstance: target,
    scaleInCooldown: c.scaleInCooldown ?? Duration.minutes(5),
    scaleOutCooldown: c.scaleOutCooldown ?? Duration.minutes(1),
  };
}

/** The problem of a capture sampling percentage that is not an integer from 0 to 100. */
export function samplingPercentageProblems(sampling: number): ValidationProblem[] {
  const problem = integerRangeProblem(sampling, 0, CAPTURE_LIMITS.maxSamplingPercentage);
  return !Token.isUnresolved(sampling) && problem
    ? [{ property: 'captureSamplingPercentage', value: sampling, allowed: `${problem} (percent of requests captured)` }]
    : [];
}

/** The problem of more than 10 captured content types. */
export function contentTypesProblems(property: string, types: string[]): ValidationProblem[] {
  return !Array.isArray(types) || types.length > CAPTURE_LIMITS.maxContentTypes
    ? [{ property, value: types, allowed: `at most ${CAPTURE_LIMITS.maxContentTypes} content types` }]
    : [];
}

/** The problem of an asynchronous concurrency that is not an integer from 1 to 1000 (path relative to the inference). */
export function asyncConcurrencyProblems(concurrency: number | undefined): ValidationProblem[] {
  if (concurrency === undefined || Token.isUnresolved(concurrency)) {
    return [];
  }
  const problem = integerRangeProblem(concurrency, 1, ASYNC_MAX_CONCURRENT_INVOCATIONS);
  return problem ? [{ property: 'maxConcurrentInvocationsPerInstance', value: concurrency, allowed: problem }] : [];
}

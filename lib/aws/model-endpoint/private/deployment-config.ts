/**
 * The endpoint's `DeploymentConfig`: blue/green traffic shifting (canary, linear, all at once)
 * with automatic rollback on CloudWatch alarms, validated against the fleet it shifts.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpoint-deploymentconfig.html
 */
import { Duration, Token } from 'aws-cdk-lib/core';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { ValidationProblem } from '../../../core';
import { DEPLOYMENT_LIMITS, MAX_ROLLBACK_ALARMS } from './limits';

/** Traffic routing types of `TrafficRoutingConfig.Type`. */
export type TrafficRoutingType = 'CANARY' | 'LINEAR' | 'ALL_AT_ONCE';

/** `CapacitySize.Type`. */
export type CapacitySizeType = 'INSTANCE_COUNT' | 'CAPACITY_PERCENT';

/** A canary or linear step: a number of instances or a percentage of the new fleet. */
export interface TrafficStepSpec {
  /** `INSTANCE_COUNT` or `CAPACITY_PERCENT`. */
  readonly type: CapacitySizeType;
  /** Instances or percent. */
  readonly value: number;
}

/** What a `ModelEndpointDeployment` carries, in service terms. */
export interface DeploymentSpec {
  /** Traffic routing type. */
  readonly type: TrafficRoutingType;
  /** Canary size or linear step size; undefined for all at once. */
  readonly step?: TrafficStepSpec;
  /** Wait between traffic steps (the baking period of each step). */
  readonly bakeTime?: Duration;
  /** Wait after the last step before the old fleet is terminated (final baking period). */
  readonly terminationWait?: Duration;
  /** Time the whole deployment may take before SageMaker stops it. */
  readonly maximumExecutionTimeout?: Duration;
}

/** The fleet a deployment shifts traffic to. */
export interface DeploymentFleet {
  /** Serverless variants have no instances to shift in steps. */
  readonly serverless: boolean;
  /** Smallest fleet (the initial instance count, also the autoscaling minimum). */
  readonly minInstances: number;
  /** Largest fleet (the autoscaling maximum). */
  readonly maxInstances: number;
}

/** Canary size when none is given: one instance. */
const DEFAULT_CANARY_STEP: TrafficStepSpec = { type: 'INSTANCE_COUNT', value: 1 };

/** Defaults of the deployment settings. */
export const DEPLOYMENT_DEFAULTS = {
  /** Canary size when none is given. */
  canaryStep: DEFAULT_CANARY_STEP,
  /** Baking period of each step: long enough for 1-minute alarms to evaluate several periods. */
  bakeTime: Duration.minutes(10),
  /** Final baking period before the old fleet goes. */
  terminationWait: Duration.minutes(5),
  /** Time the new fleet may take to provision, on top of the waits. */
  provisioningAllowance: Duration.hours(1),
} as const;

/** The settings in force, in seconds, once defaults are applied and the spec was validated. */
export interface ResolvedDeployment {
  readonly type: TrafficRoutingType;
  readonly step?: TrafficStepSpec;
  readonly waitSeconds?: number;
  readonly terminationWaitSeconds: number;
  readonly timeoutSeconds: number;
}

/**
 * Problems with a deployment for a fleet (property paths relative to `deployment`), or the
 * resolved settings.
 *
 * | check                  | rule                                                                  |
 * |------------------------|-----------------------------------------------------------------------|
 * | serverless             | ALL_AT_ONCE only (a serverless variant has no instances to step)       |
 * | canary percent         | 1 to 50, and at least one instance of the smallest fleet               |
 * | canary instances       | at least 1 and at most half of the smallest fleet                      |
 * | linear percent         | 10 to 50, and at least one instance of the smallest fleet              |
 * | linear instances       | at most half of the smallest fleet, at least 10% of the largest        |
 * | bakeTime               | whole seconds, 0 to 3600                                               |
 * | terminationWait        | whole seconds, 0 to 3600                                               |
 * | maximumExecutionTimeout| whole seconds, 600 to 28800, longer than all waits                     |
 */
export function resolveDeployment(spec: DeploymentSpec, fleet: DeploymentFleet): ResolvedDeployment | ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (fleet.serverless && spec.type !== 'ALL_AT_ONCE') {
    problems.push({
      property: 'type',
      value: spec.type,
      allowed: 'ModelEndpointDeployment.allAtOnce() for a serverless endpoint: canary and linear shifting step through instances, which a serverless variant does not have',
    });
    return problems;
  }
  const step = spec.type === 'CANARY' ? spec.step ?? DEPLOYMENT_DEFAULTS.canaryStep : spec.step;
  if (step !== undefined) {
    problems.push(...stepProblems(spec.type, step, fleet));
  }
  const waitSeconds = spec.type === 'ALL_AT_ONCE' ? undefined
    : seconds(spec.bakeTime ?? DEPLOYMENT_DEFAULTS.bakeTime, 'bakeTime', 0, DEPLOYMENT_LIMITS.maxWaitIntervalSeconds, problems);
  const terminationWaitSeconds = seconds(spec.terminationWait ?? DEPLOYMENT_DEFAULTS.terminationWait, 'terminationWait', 0, DEPLOYMENT_LIMITS.maxTerminationWaitSeconds, problems);
  if (problems.length > 0 || terminationWaitSeconds === undefined) {
    return problems;
  }
  const waits = totalWaitSeconds(spec.type, step, waitSeconds ?? 0, terminationWaitSeconds, fleet);
  let timeoutSeconds: number;
  if (spec.maximumExecutionTimeout === undefined) {
    const wanted = waits + DEPLOYMENT_DEFAULTS.provisioningAllowance.toSeconds();
    timeoutSeconds = Math.min(DEPLOYMENT_LIMITS.maxExecutionTimeoutSeconds, Math.max(DEPLOYMENT_LIMITS.minExecutionTimeoutSeconds, wanted));
  } else {
    const given = seconds(spec.maximumExecutionTimeout, 'maximumExecutionTimeout', DEPLOYMENT_LIMITS.minExecutionTimeoutSeconds, DEPLOYMENT_LIMITS.maxExecutionTimeoutSeconds, problems);
    if (given === undefined) {
      return problems;
    }
    timeoutSeconds = given;
  }
  if (!Token.isUnresolved(timeoutSeconds) && !Token.isUnresolved(waits) && !(timeoutSeconds > waits)) {
    return [{
      property: spec.maximumExecutionTimeout === undefined ? 'bakeTime' : 'maximumExecutionTimeout',
      value: spec.maximumExecutionTimeout === undefined ? `${waitSeconds ?? 0} s` : `${timeoutSeconds} s`,
      allowed: `waits that fit the maximum execution timeout: the steps and the final wait add up to ${waits} s, `
        + `and the deployment must finish within ${timeoutSeconds} s (at most ${DEPLOYMENT_LIMITS.maxExecutionTimeoutSeconds} s)`,
    }];
  }
  return { type: spec.type, step, waitSeconds, terminationWaitSeconds, timeoutSeconds };
}

/** The CloudFormation `DeploymentConfig` of resolved settings and rollback alarm names. */
export function deploymentConfig(resolved: ResolvedDeployment, alarmNames: readonly string[]): sagemaker.CfnEndpoint.DeploymentConfigProperty {
  if (alarmNames.length < 1 || alarmNames.length > MAX_ROLLBACK_ALARMS) {
    // The construct always passes its own two alarms and checks the user's extra ones.
    throw new Error(`auto-rollback takes 1 to ${MAX_ROLLBACK_ALARMS} alarms, got ${alarmNames.length}`);
  }
  const size = (s: TrafficStepSpec) => ({ type: s.type, value: s.value });
  return {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: {
        type: resolved.type,
        canarySize: resolved.type === 'CANARY' && resolved.step ? size(resolved.step) : undefined,
        linearStepSize: resolved.type === 'LINEAR' && resolved.step ? size(resolved.step) : undefined,
        waitIntervalInSeconds: resolved.waitSeconds,
      },
      terminationWaitInSeconds: resolved.terminationWaitSeconds,
      maximumExecutionTimeoutInSeconds: resolved.timeoutSeconds,
    },
    autoRollbackConfiguration: { alarms: alarmNames.map((alarmName) => ({ alarmName })) },
  };
}

function stepProblems(type: TrafficRoutingType, step: TrafficStepSpec, fleet: DeploymentFleet): ValidationProblem[] {
  const property = type === 'CANARY' ? 'size' : 'stepSize';
  const name = type === 'CANARY' ? 'canary' : 'linear step';
  const { minInstances, maxInstances } = fleet;
  const value = step.value;
  if (!Number.isInteger(value) || value < 1) {
    return [{ property, value, allowed: `a whole number of at least 1 (${step.type === 'INSTANCE_COUNT' ? 'instances' : 'percent'})` }];
  }
  if (step.type === 'CAPACITY_PERCENT') {
    const min = type === 'CANARY' ? 1 : DEPLOYMENT_LIMITS.minLinearPercent;
    const max = type === 'CANARY' ? DEPLOYMENT_LIMITS.maxCanaryPercent : DEPLOYMENT_LIMITS.maxLinearPercent;
    if (value < min || value > max) {
      return [{ property, value: `${value}%`, allowed: `a ${name} of ${min} to ${max} percent of the new fleet` }];
    }
    if ((minInstances * value) / 100 < 1) {
      return [{
        property,
        value: `${value}%`,
        allowed: `a ${name} of at least one instance: ${value}% of ${minInstances} instance(s) is less than one; `
          + `raise instanceCount to at least ${Math.ceil(100 / value)} or use ModelEndpointDeployment.allAtOnce()`,
      }];
    }
    return [];
  }
  const maxStep = Math.floor(minInstances / 2);
  if (value > maxStep) {
    return [{
      property,
      value: `${value} instance(s)`,
      allowed: `a ${name} of at most half of the smallest fleet (${minInstances} instance(s) → at most ${maxStep}); `
        + (maxStep === 0 ? 'raise instanceCount to at least 2 or use ModelEndpointDeployment.allAtOnce()' : `lower the ${name} or raise instanceCount to at least ${value * 2}`),
    }];
  }
  if (type === 'LINEAR' && value * 100 < DEPLOYMENT_LIMITS.minLinearPercent * maxInstances) {
    return [{
      property,
      value: `${value} instance(s)`,
      allowed: `a linear step of at least ${DEPLOYMENT_LIMITS.minLinearPercent}% of the largest fleet (${maxInstances} instances → at least ${Math.ceil(maxInstances / 10)})`,
    }];
  }
  return [];
}

function totalWaitSeconds(type: TrafficRoutingType, step: TrafficStepSpec | undefined, wait: number, terminationWait: number, fleet: DeploymentFleet): number {
  if (type === 'ALL_AT_ONCE' || step === undefined) {
    return terminationWait;
  }
  if (type === 'CANARY') {
    return wait + terminationWait;
  }
  const steps = step.type === 'CAPACITY_PERCENT' ? Math.ceil(100 / step.value) : Math.ceil(fleet.maxInstances / step.value);
  return steps * wait + terminationWait;
}

function seconds(duration: Duration, property: string, min: number, max: number, problems: ValidationProblem[]): number | undefined {
  const value = duration.toSeconds({ integral: false });
  if (Token.isUnresolved(value)) {
    // Known at deploy time only: CloudFormation checks it then.
    return value;
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push({ property, value: `${value} s`, allowed: `whole seconds from ${min} to ${max}` });
    return undefined;
  }
  return value;
}

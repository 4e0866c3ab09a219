import { Duration } from 'aws-cdk-lib/core';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { ValidationProblem } from '../../core';
import { DeploymentFleet, deploymentConfig, DeploymentSpec, ResolvedDeployment, resolveDeployment, TrafficStepSpec } from './private/deployment-config';
import { guard } from '../../core';
import { AWS_GUARD_CONTEXT } from '../private/guard';

/** The size of a canary or of a linear step (enum-like). */
export class ModelEndpointTrafficSize {
  /**
   * A number of instances of the new fleet.
   * @param count instances, at least 1
   */
  public static instances(count: number): ModelEndpointTrafficSize {
    return new ModelEndpointTrafficSize({ type: 'INSTANCE_COUNT', value: count });
  }

  /**
   * A percentage of the new fleet's capacity.
   * @param percent 1 to 50 for a canary, 10 to 50 for a linear step
   */
  public static percent(percent: number): ModelEndpointTrafficSize {
    return new ModelEndpointTrafficSize({ type: 'CAPACITY_PERCENT', value: percent });
  }

  private constructor(private readonly step: TrafficStepSpec) {}

  /**
   * The size in service terms (`CapacitySize`).
   * @internal
   */
  public get _step(): TrafficStepSpec {
    return this.step;
  }
}

/** Settings of every blue/green deployment. */
export interface ModelEndpointDeploymentOptions {
  /**
   * Final baking period: how long the new fleet serves all traffic, watched by the rollback
   * alarms, before the old fleet is terminated. 0 to 3600 seconds.
   * @default Duration.minutes(5)
   */
  readonly terminationWait?: Duration;
  /**
   * How long the whole deployment may take: 600 to 28800 seconds, longer than all waits.
   * @default - the waits plus one hour for the new fleet to provision, within 600 to 28800 seconds
   */
  readonly maximumExecutionTimeout?: Duration;
}

/** A canary deployment. */
export interface ModelEndpointCanaryProps extends ModelEndpointDeploymentOptions {
  /**
   * The canary: at most half of the new fleet, and at least one instance.
   * @default ModelEndpointTrafficSize.instances(1)
   */
  readonly size?: ModelEndpointTrafficSize;
  /**
   * Baking period of the canary: 0 to 3600 seconds.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/** A linear deployment. */
export interface ModelEndpointLinearProps extends ModelEndpointDeploymentOptions {
  /** Each step: 10 to 50% of the new fleet. */
  readonly stepSize: ModelEndpointTrafficSize;
  /**
   * Baking period of each step: 0 to 3600 seconds.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/**
 * How an update of the endpoint shifts traffic from the old fleet to the new one (enum-like):
 * blue/green with canary, linear or all-at-once shifting, and automatic rollback to the old
 * fleet when a rollback alarm fires during a baking period.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html
 */
export class ModelEndpointDeployment {
  /**
   * A canary takes part of the traffic for a baking period, then the rest shifts.
   * @param props canary size and waits
   */
  public static canary(props: ModelEndpointCanaryProps = {}): ModelEndpointDeployment {
    DEPLOYMENT_OPTIONS_GUARD.check(undefined, props, AWS_GUARD_CONTEXT, 'ModelEndpointDeployment.canary(props)');
    return new ModelEndpointDeployment({ type: 'CANARY', step: props.size?._step, bakeTime: props.bakeTime, ...waits(props) });
  }

  /**
   * Traffic shifts in equal steps, each baked before the next.
   * @param props step size and waits
   */
  public static linear(props: ModelEndpointLinearProps): ModelEndpointDeployment {
    DEPLOYMENT_OPTIONS_GUARD.check(undefined, props, AWS_GUARD_CONTEXT, 'ModelEndpointDeployment.linear(props)');
    return new ModelEndpointDeployment({ type: 'LINEAR', step: props.stepSize?._step, bakeTime: props.bakeTime, ...waits(props) });
  }

  /**
   * All traffic shifts at once; the final baking period still rolls back on alarms.
   * @param props waits
   */
  public static allAtOnce(props: ModelEndpointDeploymentOptions = {}): ModelEndpointDeployment {
    DEPLOYMENT_OPTIONS_GUARD.check(undefined, props, AWS_GUARD_CONTEXT, 'ModelEndpointDeployment.allAtOnce(props)');
    return new ModelEndpointDeployment({ type: 'ALL_AT_ONCE', ...waits(props) });
  }

  /** @param spec the routing type, the step (undefined for all at once and for the default canary) and the waits */
  private constructor(private readonly spec: DeploymentSpec) {}

  /**
   * The settings in force for the fleet the deployment shifts traffic to, or their problems
   * (paths relative to the deployment). What is allowed depends on the fleet (serverless, its
   * smallest and largest size), so the endpoint checks the deployment against its capacity.
   * @internal
   */
  public _resolve(fleet: DeploymentFleet): ResolvedDeployment | ValidationProblem[] {
    return resolveDeployment(this.spec, fleet);
  }

  /**
   * The endpoint's `DeploymentConfig` for resolved settings and the names of the rollback alarms.
   * @internal
   */
  public _render(resolved: ResolvedDeployment, alarmNames: readonly string[]): sagemaker.CfnEndpoint.DeploymentConfigProperty {
    return deploymentConfig(resolved, alarmNames);
  }
}

/**
 * The runtime type of a deployment factory's props: an object (checked at the factory, which has
 * no construct path; the values are checked against the fleet by the endpoint).
 */
const DEPLOYMENT_OPTIONS_GUARD = guard.props({}, 'an object of deployment options');

/** The waits of every deployment, in service terms. */
function waits(props: ModelEndpointDeploymentOptions): Pick<DeploymentSpec, 'terminationWait' | 'maximumExecutionTimeout'> {
  return { terminationWait: props?.terminationWait, maximumExecutionTimeout: props?.maximumExecutionTimeout };
}

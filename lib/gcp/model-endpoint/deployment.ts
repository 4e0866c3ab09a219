import { ValidationProblem } from '../../core';
import { Duration } from '../duration';
import { CANARY_ROLLOUT_LIMITS, ResolvedCanaryRollout } from './private/canary-rollout';

/**
 * The size of a canary on a Vertex AI endpoint (enum-like): a share of the endpoint's traffic.
 * Vertex AI splits traffic between deployed models by percent (`trafficSplit`), so there is no
 * `instances(count)` as on AWS, where SageMaker shifts instances of the new fleet.
 */
export class ModelEndpointTrafficSize {
  /**
   * A percentage of the endpoint's requests, sent to the new deployed model.
   * @param percent a whole percent, 1 to 99 (the stable deployed model keeps the rest)
   */
  public static percent(percent: number): ModelEndpointTrafficSize {
    return new ModelEndpointTrafficSize(percent);
  }

  private constructor(private readonly value: unknown) {}

  /**
   * The percent as given (validated by the deployment).
   * @internal
   */
  public get _percent(): unknown {
    return this.value;
  }
}

/** A canary rollout on a Vertex AI endpoint (see {@link ModelEndpointDeployment.canary}). */
export interface ModelEndpointCanaryProps {
  /**
   * The canary: the share of requests the new deployed model receives while the stable one keeps
   * the rest.
   * @default ModelEndpointTrafficSize.percent(10)
   */
  readonly size?: ModelEndpointTrafficSize;
  /**
   * Baking period of the canary: how long it serves its share before the rollback metrics are
   * read. Whole seconds, 5 minutes to 24 hours (Vertex AI samples its metrics every 60 s and
   * shows them up to 180 s later, so a shorter bake reads nothing).
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
  /**
   * Final baking period: how long the new deployed model serves all traffic, watched by the same
   * rollback metrics, before the old deployed model is undeployed. Whole seconds, 0 (undeploy at
   * once, no second check) or 5 minutes to 24 hours.
   * @default Duration.minutes(5)
   */
  readonly terminationWait?: Duration;
}

/**
 * How a new model version reaches a Vertex AI endpoint (enum-like): a canary share of the traffic
 * for a baking period, then all of it, rolled back to the stable deployed model when the rollback
 * metrics (error rate, model latency) cross their levels during either baking period — the same
 * shape as `ModelEndpointDeployment.canary()` of the AWS endpoint.
 *
 * Terraform cannot deploy a model onto a Vertex AI endpoint, so the rollout is a Cloud Workflows
 * workflow the endpoint creates (`rolloutWorkflow`); a run of it deploys one version.
 *
 * @see https://cloud.google.com/vertex-ai/docs/general/deployment#models-endpoint
 */
export class ModelEndpointDeployment {
  /**
   * A canary takes part of the traffic for a baking period, then all of it shifts; the rollback
   * metrics are read after each baking period.
   * @param props canary size and waits
   */
  public static canary(props: ModelEndpointCanaryProps = {}): ModelEndpointDeployment {
    return new ModelEndpointDeployment(props);
  }

  private constructor(private readonly props: unknown) {}

  /**
   * The settings in force, or their problems (property paths relative to the deployment).
   * @internal
   */
  public _resolve(): ResolvedCanaryRollout | ValidationProblem[] {
    const props = this.props;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      return [{ property: '', value: props, allowed: 'ModelEndpointCanaryProps ({ size?, bakeTime?, terminationWait? })' }];
    }
    const { size, bakeTime, terminationWait } = props as ModelEndpointCanaryProps;
    const problems: ValidationProblem[] = [];
    let canaryPercent: number = CANARY_ROLLOUT_LIMITS.defaultPercent;
    if (size !== undefined) {
      const percent = size instanceof ModelEndpointTrafficSize ? size._percent : undefined;
      const { minPercent: min, maxPercent: max } = CANARY_ROLLOUT_LIMITS;
      if (!(size instanceof ModelEndpointTrafficSize)) {
        problems.push({ property: 'size', value: size, allowed: `ModelEndpointTrafficSize.percent(${min} to ${max})` });
      } else if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < min || percent > max) {
        problems.push({ property: 'size', value: percent, allowed: `a whole percent from ${min} to ${max} of the endpoint's requests (the stable deployed model keeps the rest)` });
      } else {
        canaryPercent = percent;
      }
    }
    const bakeSeconds = waitSeconds('bakeTime', bakeTime, CANARY_ROLLOUT_LIMITS.defaultBakeSeconds, false, problems);
    const terminationWaitSeconds = waitSeconds('terminationWait', terminationWait, CANARY_ROLLOUT_LIMITS.defaultTerminationWaitSeconds, true, problems);
    return problems.length > 0 ? problems : { canaryPercent, bakeSeconds, terminationWaitSeconds };
  }
}

function waitSeconds(property: string, value: unknown, fallback: number, zeroAllowed: boolean, problems: ValidationProblem[]): number {
  if (value === undefined) {
    return fallback;
  }
  const { minWaitSeconds: min, maxWaitSeconds: max } = CANARY_ROLLOUT_LIMITS;
  const allowed = `a Duration of whole seconds, ${zeroAllowed ? '0 (no final bake) or ' : ''}${min / 60} minutes to ${max / 3600} hours`;
  if (!(value instanceof Duration)) {
    problems.push({ property, value, allowed });
    return fallback;
  }
  const seconds = value.toSeconds();
  if (!Number.isInteger(seconds) || !((zeroAllowed && seconds === 0) || (seconds >= min && seconds <= max))) {
    problems.push({ property, value: `${seconds} s`, allowed });
    return fallback;
  }
  return seconds;
}

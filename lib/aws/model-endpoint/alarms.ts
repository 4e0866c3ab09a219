/**
 * The endpoint's default alarms: the two rollback alarms (5xx error rate, model latency) that
 * SageMaker watches during every deployment, their levels as named data, their actions, and the
 * user's extra rollback alarms. The metrics come from the endpoint's `metricXxx` methods.
 */
import { Duration, Token, Validations } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { MlopsValidationError } from '../../core';
import type { IModelEndpoint, ModelEndpointProps } from './model-endpoint';
import { MAX_ROLLBACK_ALARMS } from './private/limits';

/** Rollback alarm defaults: 1% of invocations answering 5xx; 1 s of average model latency. */
const DEFAULT_ERROR_RATE_THRESHOLD = 0.01;
const DEFAULT_LATENCY_THRESHOLD = Duration.seconds(1);
/** Invocation metrics are published every minute; an alarm needs 2 bad minutes out of 3. */
const ALARM_PERIOD = Duration.minutes(1);
const ALARM_EVALUATION = {
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  // No traffic is no evidence of a bad model (SageMaker's own rollback alarm examples do the same).
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/** The endpoint's own alarms, and every alarm that rolls a deployment back. */
export interface ModelEndpointRollbackAlarms {
  /** Alarm on the 5xx error rate. */
  readonly errorRateAlarm: cloudwatch.Alarm;
  /** Alarm on the model latency. */
  readonly modelLatencyAlarm: cloudwatch.Alarm;
  /** The endpoint's own alarms, then the user's extra ones (at most 10 in all). */
  readonly rollbackAlarms: cloudwatch.IAlarm[];
}

/**
 * Creates the two rollback alarms under the endpoint, with `alarmActions` (or, without actions,
 * acknowledged as acting through the rollback), and checks the extra rollback alarms. Throws
 * under the endpoint for thresholds out of range and too many alarms.
 */
export function createRollbackAlarms(
  endpoint: Construct & IModelEndpoint,
  props: Pick<ModelEndpointProps, 'errorRateAlarmThreshold' | 'modelLatencyAlarmThreshold' | 'alarmActions' | 'rollbackAlarms'>,
): ModelEndpointRollbackAlarms {
  const errorRateAlarm = createErrorRateAlarm(endpoint, props.errorRateAlarmThreshold);
  const modelLatencyAlarm = createLatencyAlarm(endpoint, props.modelLatencyAlarmThreshold);
  const own = [errorRateAlarm, modelLatencyAlarm];
  for (const alarm of own) {
    if (props.alarmActions !== undefined && props.alarmActions.length > 0) {
      alarm.addAlarmAction(...props.alarmActions);
    } else {
      Validations.of(alarm).acknowledge({
        id: 'NIST.800.53.R5-CloudWatchAlarmAction',
        reason: 'The alarm acts through the endpoint\'s automatic rollback: SageMaker reads its state by name during each deployment '
          + '(DeploymentConfig.AutoRollbackConfiguration). To notify people too, pass alarmActions.',
      });
    }
  }
  const extra = props.rollbackAlarms;
  const rollbackAlarms: cloudwatch.IAlarm[] = [...own, ...(extra ?? [])];
  if (rollbackAlarms.length > MAX_ROLLBACK_ALARMS) {
    throw new MlopsValidationError(endpoint, 'rollbackAlarms', `${extra!.length} alarms`,
      `at most ${MAX_ROLLBACK_ALARMS - own.length}: auto-rollback takes ${MAX_ROLLBACK_ALARMS} alarms and the endpoint has ${own.length} of its own`);
  }
  return { errorRateAlarm, modelLatencyAlarm, rollbackAlarms };
}

function createErrorRateAlarm(endpoint: Construct & IModelEndpoint, threshold: number | undefined): cloudwatch.Alarm {
  const level = threshold ?? DEFAULT_ERROR_RATE_THRESHOLD;
  if (!Token.isUnresolved(level) && !(typeof level === 'number' && level > 0 && level <= 1)) {
    throw new MlopsValidationError(endpoint, 'errorRateAlarmThreshold', level, 'a share of invocations greater than 0 and at most 1 (0.01 is 1%)');
  }
  return new cloudwatch.Alarm(endpoint, 'ErrorRateAlarm', {
    // A parameter's share is passed on as the threshold; the description cannot print it as a percentage.
    alarmDescription: `Model endpoint ${endpoint.endpointName}: more than ${Token.isUnresolved(level) ? 'the errorRateAlarmThreshold share' : `${level * 100}%`} of invocations answered 5xx; rolls a deployment back.`,
    metric: endpoint.metricInvocation5XXErrors({ period: ALARM_PERIOD }),
    threshold: level,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    ...ALARM_EVALUATION,
  });
}

function createLatencyAlarm(endpoint: Construct & IModelEndpoint, threshold: Duration | undefined): cloudwatch.Alarm {
  const level = threshold ?? DEFAULT_LATENCY_THRESHOLD;
  const micros = level.toMilliseconds({ integral: false }) * 1000;
  if (!Token.isUnresolved(micros) && !(micros > 0)) {
    throw new MlopsValidationError(endpoint, 'modelLatencyAlarmThreshold', level.toHumanString(), 'a duration greater than zero');
  }
  return new cloudwatch.Alarm(endpoint, 'ModelLatencyAlarm', {
    alarmDescription: `Model endpoint ${endpoint.endpointName}: average model latency above ${level.toHumanString()}; rolls a deployment back.`,
    // ModelLatency is published in microseconds.
    metric: endpoint.metricModelLatency({ period: ALARM_PERIOD }),
    threshold: micros,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    ...ALARM_EVALUATION,
  });
}

/**
 * Step Functions helpers shared by the constructs that run a state machine (TrainingPipeline,
 * DriftMonitor): the failed-runs alarm each of them raises.
 */
import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * The failed-runs alarm level: one failed, timed-out or aborted run in a 5-minute period is
 * already a missed run (runs are hours apart), so the alarm fires on the first one.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html#cloudwatch-step-functions-execution-metrics
 */
export const FAILED_RUNS_ALARM_LEVEL = {
  period: Duration.minutes(5),
  failedRuns: 1,
} as const;

/** What the failed-runs alarm of one construct says. */
export interface FailedRunsAlarmText {
  /** The label of the alarm's metric. */
  readonly label: string;
  /** The alarm's description: what failed and where to look. */
  readonly description: string;
}

/** Creates the alarm `FailedRuns` under `scope` on the failed, timed-out and aborted runs of `stateMachine`, notifying `actions`. */
export function createFailedRunsAlarm(scope: Construct, stateMachine: sfn.StateMachine, actions: readonly cloudwatch.IAlarmAction[], text: FailedRunsAlarmText): cloudwatch.Alarm {
  const period = FAILED_RUNS_ALARM_LEVEL.period;
  const alarm = new cloudwatch.Alarm(scope, 'FailedRuns', {
    metric: new cloudwatch.MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: stateMachine.metricFailed({ period, statistic: cloudwatch.Stats.SUM }),
        timedOut: stateMachine.metricTimedOut({ period, statistic: cloudwatch.Stats.SUM }),
        aborted: stateMachine.metricAborted({ period, statistic: cloudwatch.Stats.SUM }),
      },
      label: text.label,
      period,
    }),
    threshold: FAILED_RUNS_ALARM_LEVEL.failedRuns,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    // No run, no data point: silence is not a failure.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: text.description,
  });
  alarm.addAlarmAction(...actions);
  return alarm;
}

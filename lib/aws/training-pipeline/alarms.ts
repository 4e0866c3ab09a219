/**
 * The default alarm of a TrainingPipeline: a run that did not succeed. Levels are named data
 * here; the metrics come from the state machine's own metric methods.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * The alarm level: one failed, timed-out or aborted run in a 5-minute period is already a
 * missed model version (runs are hours apart), so the alarm fires on the first one.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html#cloudwatch-step-functions-execution-metrics
 */
export const PIPELINE_ALARM_LEVELS = {
  period: Duration.minutes(5),
  failedRuns: 1,
} as const;

/** Creates the failed-runs alarm `FailedRuns` under `scope`, notifying `actions`. */
export function createFailedRunsAlarm(scope: Construct, stateMachine: sfn.StateMachine, actions: readonly cloudwatch.IAlarmAction[]): cloudwatch.Alarm {
  const period = PIPELINE_ALARM_LEVELS.period;
  const alarm = new cloudwatch.Alarm(scope, 'FailedRuns', {
    metric: new cloudwatch.MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: stateMachine.metricFailed({ period, statistic: cloudwatch.Stats.SUM }),
        timedOut: stateMachine.metricTimedOut({ period, statistic: cloudwatch.Stats.SUM }),
        aborted: stateMachine.metricAborted({ period, statistic: cloudwatch.Stats.SUM }),
      },
      label: 'Runs failed, timed out or aborted',
      period,
    }),
    threshold: PIPELINE_ALARM_LEVELS.failedRuns,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    // No run, no data point: silence is not a failure.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: 'A training pipeline run failed, timed out or was aborted (a step failed, or the gate found the model below the bar: '
      + 'error ModelBelowBar). The execution\'s history in the Step Functions console names the failed step and its cause.',
  });
  alarm.addAlarmAction(...actions);
  return alarm;
}

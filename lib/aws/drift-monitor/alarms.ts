/**
 * The default alarms of a DriftMonitor: drift at the alarm level in the last window, and a run that
 * did not succeed. Two alarms per monitor whatever the number of monitored fields (an alarm costs
 * the same idle or not); per-field alarms can be built from `metricStatistic(field, statistic)`.
 */
import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { createFailedRunsAlarm, FAILED_RUNS_ALARM_LEVEL } from '../private/step-functions';

/**
 * The alarm levels. A run publishes one `Breaches` data point per window; the drift alarm reads
 * the largest in an hour and keeps its state between runs (missing data is ignored), so it stays in
 * ALARM until a window without breaches. One failed run in 5 minutes is already a missed window.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html#cloudwatch-step-functions-execution-metrics
 */
export const DRIFT_ALARM_LEVELS = {
  driftPeriod: Duration.hours(1),
  breaches: 1,
  runsPeriod: FAILED_RUNS_ALARM_LEVEL.period,
  failedRuns: FAILED_RUNS_ALARM_LEVEL.failedRuns,
} as const;

/** Creates the drift alarm `Drift` under `scope` on the monitor's `Breaches` metric, notifying `actions`. */
export function createDriftAlarm(scope: Construct, breaches: cloudwatch.IMetric, actions: readonly cloudwatch.IAlarmAction[]): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, 'Drift', {
    metric: breaches,
    threshold: DRIFT_ALARM_LEVELS.breaches,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    // One data point per window: between runs the alarm keeps the last window's state.
    treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    alarmDescription: 'Drift at the alarm level in the last window: at least one monitored field and statistic reached its alarm threshold. '
      + 'The rows with breached = true in the drift_results table name them; the per-field metrics of namespace MlopsConstructs/Drift show their history.',
  });
  alarm.addAlarmAction(...actions);
  return alarm;
}

/** Creates the failed-runs alarm `FailedRuns` under `scope`, notifying `actions` (lib/aws/private/step-functions.ts). */
export function createFailedMonitorRunsAlarm(scope: Construct, stateMachine: sfn.StateMachine, actions: readonly cloudwatch.IAlarmAction[]): cloudwatch.Alarm {
  return createFailedRunsAlarm(scope, stateMachine, actions, {
    label: 'Monitor runs failed, timed out or aborted',
    description: 'A drift monitor run failed, timed out or was aborted: the window was not computed (an Athena query failed, '
      + 'or the metrics could not be published). The execution\'s history in the Step Functions console names the failed state and its cause.',
  });
}

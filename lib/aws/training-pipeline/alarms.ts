/**
 * The default alarm of a TrainingPipeline: a run that did not succeed (lib/aws/private/step-functions.ts
 * holds the alarm both state-machine constructs raise; this is what the pipeline's says).
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Duration } from 'aws-cdk-lib/core';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { createFailedRunsAlarm as createStateMachineFailedRunsAlarm, FAILED_RUNS_ALARM_LEVEL } from '../private/step-functions';

/** The alarm level: one failed, timed-out or aborted run in a 5-minute period (a missed model version). */
export const PIPELINE_ALARM_LEVELS: { readonly period: Duration; readonly failedRuns: 1 } = FAILED_RUNS_ALARM_LEVEL;

/** Creates the failed-runs alarm `FailedRuns` under `scope`, notifying `actions`. */
export function createFailedRunsAlarm(scope: Construct, stateMachine: sfn.StateMachine, actions: readonly cloudwatch.IAlarmAction[]): cloudwatch.Alarm {
  return createStateMachineFailedRunsAlarm(scope, stateMachine, actions, {
    label: 'Runs failed, timed out or aborted',
    description: 'A training pipeline run failed, timed out or was aborted (a step failed, or the gate found the model below the bar: '
      + 'error ModelBelowBar). The execution\'s history in the Step Functions console names the failed step and its cause.',
  });
}

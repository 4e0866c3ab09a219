/**
 * The default alert policy of a TrainingPipeline: a workflow execution that did not succeed
 * (failed or cancelled), the alert lib/gcp/private/monitoring.ts builds for every workflow
 * construct, with what the pipeline's says.
 *
 * Nothing here is public API: the pipeline exposes the policy as `failedExecutionsAlert`.
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';
import { createFailedExecutionsAlert } from '../private/monitoring';

/** What the alert policy is about. */
export interface PipelineAlertTarget {
  readonly project?: string;
  readonly workflowName: string;
  readonly region: string;
  readonly pipeline: string;
  readonly notificationChannels?: string[];
  readonly labels: Record<string, string>;
}

/** The failed-executions alert policy under `scope` (`Alerts`). */
export function createPipelineAlerts(scope: Construct, target: PipelineAlertTarget): { failedExecutions: MonitoringAlertPolicy } {
  const failedExecutions = createFailedExecutionsAlert(scope, {
    ...target,
    displayName: `${target.workflowName}: a training run did not succeed`,
    documentation: `A run of the training pipeline \`${target.pipeline}\` (workflow \`${target.workflowName}\` in ${target.region}) failed or was cancelled. `
      + 'Open the execution in the Workflows console: its error names the step (`PrepareFailed`, `TrainingFailed`, `EvaluationFailed`, '
      + '`ModelBelowBar` when the model did not clear the bar, or the connector error of a call).',
  });
  return { failedExecutions };
}

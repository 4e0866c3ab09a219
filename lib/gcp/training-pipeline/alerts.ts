/**
 * The default alert policy of a TrainingPipeline: a workflow execution that did not succeed
 * (failed or cancelled). Built here, apart from the pipeline, as the other constructs build theirs.
 *
 * Nothing here is public API: the pipeline exposes the policy as `failedExecutionsAlert`.
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';

/**
 * Workflow executions that finished, by `status` (`SUCCEEDED`, `FAILED`, `CANCELLED`), on the
 * monitored resource `workflows.googleapis.com/Workflow` (labels `workflow_id`, `location`).
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-workflows
 */
export const FINISHED_EXECUTION_COUNT_METRIC = 'workflows.googleapis.com/finished_execution_count';

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
  const failedExecutions = new MonitoringAlertPolicy(scope, 'FailedExecutions', {
    project: target.project,
    displayName: `${target.workflowName}: a training run did not succeed`,
    combiner: 'OR',
    severity: 'ERROR',
    conditions: [{
      displayName: 'workflow executions finished with a status other than SUCCEEDED',
      conditionThreshold: {
        filter: `resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "${target.workflowName}" `
          + `AND resource.labels.location = "${target.region}" AND metric.type = "${FINISHED_EXECUTION_COUNT_METRIC}" AND metric.labels.status != "SUCCEEDED"`,
        comparison: 'COMPARISON_GT',
        thresholdValue: 0,
        duration: '0s',
        aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_SUM' }],
        trigger: { count: 1 },
      },
    }],
    notificationChannels: target.notificationChannels,
    documentation: {
      mimeType: 'text/markdown',
      content: `A run of the training pipeline \`${target.pipeline}\` (workflow \`${target.workflowName}\` in ${target.region}) failed or was cancelled. `
        + 'Open the execution in the Workflows console: its error names the step (`PrepareFailed`, `TrainingFailed`, `EvaluationFailed`, '
        + '`ModelBelowBar` when the model did not clear the bar, or the connector error of a call).',
    },
    userLabels: target.labels,
  });
  return { failedExecutions };
}

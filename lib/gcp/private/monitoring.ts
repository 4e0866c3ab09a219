/**
 * Cloud Monitoring, as the constructs with alert policies use it: the notification channels
 * their alerts go to, and the failed-executions alert of the constructs that run a workflow
 * (TrainingPipeline, DriftMonitor).
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';
import { MlopsValidationError, NamingRule, PathLike } from '../../core';
import { resolveName } from './validate';

/**
 * Workflow executions that finished, by `status` (`SUCCEEDED`, `FAILED`, `CANCELLED`), on the
 * monitored resource `workflows.googleapis.com/Workflow` (labels `workflow_id`, `location`).
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-workflows
 */
export const FINISHED_EXECUTION_COUNT_METRIC = 'workflows.googleapis.com/finished_execution_count';

/** The workflow a failed-executions alert watches, and what the alert says. */
export interface FailedExecutionsAlertProps {
  readonly project?: string;
  readonly workflowName: string;
  readonly region: string;
  /** The policy's display name. */
  readonly displayName: string;
  /** The policy's documentation (Markdown): what failed and where to look. */
  readonly documentation: string;
  readonly notificationChannels?: string[];
  readonly labels: Record<string, string>;
}

/** The alert policy `FailedExecutions` under `scope`: an execution of the workflow finished with a status other than SUCCEEDED. */
export function createFailedExecutionsAlert(scope: Construct, props: FailedExecutionsAlertProps): MonitoringAlertPolicy {
  return new MonitoringAlertPolicy(scope, 'FailedExecutions', {
    project: props.project,
    displayName: props.displayName,
    combiner: 'OR',
    severity: 'ERROR',
    conditions: [{
      displayName: 'workflow executions finished with a status other than SUCCEEDED',
      conditionThreshold: {
        filter: `resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "${props.workflowName}" `
          + `AND resource.labels.location = "${props.region}" AND metric.type = "${FINISHED_EXECUTION_COUNT_METRIC}" AND metric.labels.status != "SUCCEEDED"`,
        comparison: 'COMPARISON_GT',
        thresholdValue: 0,
        duration: '0s',
        aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_SUM' }],
        trigger: { count: 1 },
      },
    }],
    notificationChannels: props.notificationChannels,
    documentation: { mimeType: 'text/markdown', content: props.documentation },
    userLabels: props.labels,
  });
}

/**
 * Alert policy notification channels are named `projects/[PROJECT_ID]/notificationChannels/[CHANNEL_ID]`.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/monitoring_alert_policy#notification_channels
 */
export const NOTIFICATION_CHANNEL_RULE: NamingRule = {
  pattern: /^projects\/[^/\s]+\/notificationChannels\/[^/\s]+$/,
  description: 'a notification channel name "projects/<project>/notificationChannels/<channel id>" (a MonitoringNotificationChannel passes its name)',
};

/**
 * The `notificationChannels` prop: a copy of the list when each entry is a channel name (or a
 * token), `undefined` for none or an empty list; otherwise an error naming the entry.
 */
export function resolveNotificationChannels(scope: PathLike, value: unknown): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw new MlopsValidationError(scope, 'notificationChannels', value, `a list of ${NOTIFICATION_CHANNEL_RULE.description}`);
  }
  value.forEach((channel, i) => resolveName(scope, `notificationChannels[${i}]`, NOTIFICATION_CHANNEL_RULE, channel));
  return value.length === 0 ? undefined : [...value];
}

/**
 * The default alert policies of a DriftMonitor: a statistic at its alarm level, and a monitor
 * run that did not succeed. Built here, apart from the monitor, as the other constructs build
 * theirs; the monitor exposes them as `driftAlert` and `failedExecutionsAlert`.
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';
import { ITerraformDependable } from '../cdktf';
import { createFailedExecutionsAlert } from '../private/monitoring';

/** What the alert policies are about. */
export interface DriftAlertTarget {
  readonly project?: string;
  readonly workflowName: string;
  readonly region: string;
  /** The level metric type (-1 none (no thresholds), 0 ok, 1 warn, 2 alarm). */
  readonly levelMetricType: string;
  /** `project.dataset.table` of the results, for the documentation. */
  readonly resultsTable: string;
  readonly retraining: boolean;
  readonly notificationChannels?: string[];
  readonly labels: Record<string, string>;
  /** The metric descriptors the drift alert's filter names (an alert on an unknown metric type is refused). */
  readonly dependsOn: ITerraformDependable[];
}

/** The two alert policies under `scope` (`Alerts`). */
export function createDriftAlerts(scope: Construct, target: DriftAlertTarget): { drift: MonitoringAlertPolicy; failedExecutions: MonitoringAlertPolicy } {
  const drift = new MonitoringAlertPolicy(scope, 'Drift', {
    project: target.project,
    displayName: `${target.workflowName}: a drift statistic reached its alarm level`,
    combiner: 'OR',
    severity: 'WARNING',
    conditions: [{
      displayName: 'drift level is alarm (2) for a field and statistic',
      conditionThreshold: {
        filter: `resource.type = "global" AND metric.type = "${target.levelMetricType}"`,
        comparison: 'COMPARISON_GT',
        thresholdValue: 1.5,
        duration: '0s',
        aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_MAX' }],
        trigger: { count: 1 },
      },
    }],
    notificationChannels: target.notificationChannels,
    documentation: {
      mimeType: 'text/markdown',
      content: `The drift monitor \`${target.workflowName}\` (${target.region}) found a statistic at its alarm level: the incident's labels name the field and the statistic. `
        + `Every window's statistics, thresholds and levels are in the BigQuery table \`${target.resultsTable}\` (\`breached = TRUE\`). `
        + (target.retraining ? 'The monitor started the retraining pipeline; its gate promotes the new model only when it beats the champion.' : 'No retraining is configured: retrain or investigate by hand.'),
    },
    userLabels: target.labels,
    dependsOn: target.dependsOn,
  });
  const failedExecutions = createFailedExecutionsAlert(scope, {
    ...target,
    displayName: `${target.workflowName}: a drift monitor run did not succeed`,
    documentation: `A run of the drift monitor \`${target.workflowName}\` (${target.region}) failed or was cancelled: no statistics were written for its window. `
      + 'Open the execution in the Workflows console: `DriftQueryFailed` names the BigQuery job and its error; other errors are the connector\'s.',
  });
  return { drift, failedExecutions };
}

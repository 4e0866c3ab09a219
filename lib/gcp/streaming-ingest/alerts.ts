/**
 * The default alert policies of a StreamingIngest: the age of the oldest message not yet written
 * to BigQuery, and messages dead-lettered. Built here, apart from the ingest, so that the shape
 * (metric, threshold, documentation) is the one the next monitors reuse.
 *
 * Nothing here is public API: the ingest exposes the policies as `alertPolicies` and by name.
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';
import { Duration } from '../duration';
import { ALERT_GRANULARITY_SECONDS } from './private/limits';

/**
 * Age of the oldest message not yet written to BigQuery (`GAUGE`, seconds).
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_p_z (pubsub)
 */
const OLDEST_UNACKED_MESSAGE_AGE_METRIC = 'pubsub.googleapis.com/subscription/oldest_unacked_message_age';
/**
 * Messages Pub/Sub forwarded from the subscription to its dead-letter topic (`DELTA`).
 * @see https://cloud.google.com/pubsub/docs/monitoring (Monitor forwarded undeliverable messages)
 */
const DEAD_LETTER_MESSAGE_COUNT_METRIC = 'pubsub.googleapis.com/subscription/dead_letter_message_count';

/** Default alerting level on the age of the oldest unwritten message. */
export const DEFAULT_OLDEST_UNACKED_AGE_THRESHOLD = Duration.minutes(30);
/** How long the age must stay above its threshold before the alert opens: one slow batch does not page anyone. */
const OLDEST_UNACKED_AGE_ALERT_DURATION = '300s';
/** The dead-letter alert opens when at least this many messages were dead-lettered within {@link DEAD_LETTER_ALERT_WINDOW}. */
const DEAD_LETTER_ALERT_THRESHOLD = 0;
const DEAD_LETTER_ALERT_WINDOW = '300s';

/** What the alert policies are about, as the ingest resolved it. */
export interface IngestAlertTarget {
  readonly project?: string;
  /** The project id the metrics are filtered on (a reference to the ingest's project lookup). */
  readonly projectId: string;
  readonly topicId: string;
  readonly subscriptionId: string;
  /** The subscription's name (a reference), for the metric filters. */
  readonly subscriptionName: string;
  readonly deadLetterSubscriptionId: string;
  /** `<dataset>.<table>` the subscription writes to. */
  readonly tableName: string;
  readonly maxDeliveryAttempts: number;
  readonly messageRetention: Duration;
  readonly deadLetterRetention: Duration;
  readonly ageThreshold: Duration;
  readonly notificationChannels?: string[];
  readonly labels: Record<string, string>;
}

/** The two alert policies, under `scope` (`Alerts`). */
export function createIngestAlerts(scope: Construct, target: IngestAlertTarget): { oldestUnackedMessageAge: MonitoringAlertPolicy; deadLetteredMessages: MonitoringAlertPolicy } {
  const subscriptionMetric = (subscription: string, metric: string): string =>
    `resource.type = "pubsub_subscription" AND resource.labels.project_id = "${target.projectId}" `
    + `AND resource.labels.subscription_id = "${subscription}" AND metric.type = "${metric}"`;
  const ageSeconds = target.ageThreshold.toSeconds();
  const oldestUnackedMessageAge = new MonitoringAlertPolicy(scope, 'OldestUnackedMessageAge', {
    project: target.project,
    displayName: `${target.subscriptionId}: messages wait more than ${target.ageThreshold.toHumanString()} to reach BigQuery`,
    combiner: 'OR',
    severity: 'ERROR',
    conditions: [{
      displayName: `oldest unacked message age above ${ageSeconds}s for 5 minutes`,
      conditionThreshold: {
        filter: subscriptionMetric(target.subscriptionName, OLDEST_UNACKED_MESSAGE_AGE_METRIC),
        comparison: 'COMPARISON_GT',
        thresholdValue: ageSeconds,
        duration: OLDEST_UNACKED_AGE_ALERT_DURATION,
        aggregations: [{ alignmentPeriod: `${ALERT_GRANULARITY_SECONDS}s`, perSeriesAligner: 'ALIGN_MAX' }],
        trigger: { count: 1 },
      },
    }],
    notificationChannels: target.notificationChannels,
    documentation: {
      mimeType: 'text/markdown',
      content: `Messages published to \`${target.topicId}\` are not being written to the BigQuery table \`${target.tableName}\`. `
        + `Check the subscription \`${target.subscriptionId}\` for BigQuery errors (a permission denied on the table, a deleted or changed table). `
        + `Pub/Sub drops messages older than ${target.messageRetention.toHumanString()}.`,
    },
    userLabels: target.labels,
  });
  const deadLetteredMessages = new MonitoringAlertPolicy(scope, 'DeadLetteredMessages', {
    project: target.project,
    displayName: `${target.subscriptionId}: messages dead-lettered`,
    combiner: 'OR',
    severity: 'ERROR',
    conditions: [{
      displayName: 'messages forwarded to the dead-letter topic',
      conditionThreshold: {
        filter: subscriptionMetric(target.subscriptionName, DEAD_LETTER_MESSAGE_COUNT_METRIC),
        comparison: 'COMPARISON_GT',
        thresholdValue: DEAD_LETTER_ALERT_THRESHOLD,
        duration: '0s',
        aggregations: [{ alignmentPeriod: DEAD_LETTER_ALERT_WINDOW, perSeriesAligner: 'ALIGN_SUM' }],
        trigger: { count: 1 },
      },
    }],
    notificationChannels: target.notificationChannels,
    documentation: {
      mimeType: 'text/markdown',
      content: `BigQuery refused messages of \`${target.topicId}\` ${target.maxDeliveryAttempts} times; they are in the subscription \`${target.deadLetterSubscriptionId}\`. `
        + 'Each carries the attribute `CloudPubSubDeadLetterSourceDeliveryErrorMessage` with the reason. '
        + `They are kept ${target.deadLetterRetention.toHumanString()}.`,
    },
    userLabels: target.labels,
  });
  return { oldestUnackedMessageAge, deadLetteredMessages };
}

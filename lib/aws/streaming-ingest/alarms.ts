/**
 * The default alarms of a StreamingIngest: what is watched, at which level, and why. Thresholds
 * are named data here; the metrics come from the construct's `metricXxx` methods.
 */
import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** Period every default alarm evaluates (Firehose and Kinesis both publish per minute; 5 minutes smooths bursts). */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * The alarm levels.
 *
 * - Iterator age: when the oldest unread record is half the retention old, Firehose (or another
 *   consumer) has half the retention left before records expire unread. Firehose keeps retrying a
 *   failing S3 delivery until the stream's retention ends, so the retention is the budget.
 * - Throttling: a throttled record in each of three consecutive periods is sustained throttling,
 *   not a burst the SDK retries absorb.
 * - Data freshness: with dynamic partitioning the end-to-end delay can reach 1.5 × the buffering
 *   interval; the alarm fires at twice that.
 * - Delivery success: below 1 means some S3 puts failed; three consecutive periods rule out a
 *   single retried failure.
 * - Failed conversion and exceeded partition count: every such record went to the error prefix.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/troubleshooting.html (S3 delivery retried until the retention period ends)
 * @see https://docs.aws.amazon.com/firehose/latest/dev/buffering.html (delay up to 1.5 × the buffering interval)
 * @see https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html
 * @see https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html
 */
export const ALARM_LEVELS = {
  iteratorAgeFractionOfRetention: 0.5,
  throttlingEvaluationPeriods: 3,
  dataFreshnessMultipleOfBufferingInterval: 3,
  dataFreshnessEvaluationPeriods: 2,
  deliverySuccessEvaluationPeriods: 3,
} as const;

/** The metrics the default alarms watch. */
export interface IngestAlarmMetrics {
  readonly iteratorAge: cloudwatch.IMetric;
  readonly writeThrottled: cloudwatch.IMetric;
  readonly readThrottled: cloudwatch.IMetric;
  readonly dataFreshness: cloudwatch.IMetric;
  readonly deliverySuccess: cloudwatch.IMetric;
  readonly failedConversion: cloudwatch.IMetric;
  readonly partitionCountExceeded: cloudwatch.IMetric;
}

/** The inputs the levels depend on. */
export interface IngestAlarmInputs {
  /** Retention of the source stream. */
  readonly streamRetention: Duration;
  /** Buffering interval of the Firehose stream. */
  readonly bufferingInterval: Duration;
  /** Where the alarms notify. */
  readonly actions: readonly cloudwatch.IAlarmAction[];
}

/** The default alarms, one per metric of {@link IngestAlarmMetrics}. */
export type IngestAlarms = { readonly [metric in keyof IngestAlarmMetrics]: cloudwatch.Alarm };

/** Creates the default alarms under `scope`, in this order, each notifying `inputs.actions`. */
export function createIngestAlarms(scope: Construct, metrics: IngestAlarmMetrics, inputs: IngestAlarmInputs): IngestAlarms {
  const retentionMs = inputs.streamRetention.toMilliseconds();
  const freshnessSeconds = inputs.bufferingInterval.toSeconds() * ALARM_LEVELS.dataFreshnessMultipleOfBufferingInterval;
  const alarm = (id: string, metric: cloudwatch.IMetric, options: Omit<cloudwatch.CreateAlarmOptions, 'alarmDescription'>, description: string) => {
    const created = new cloudwatch.Alarm(scope, id, {
      metric,
      ...options,
      alarmDescription: description,
      // Both services publish these metrics only while records flow; silence is not a failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(...inputs.actions);
    return created;
  };
  return {
    iteratorAge: alarm('IteratorAge', metrics.iteratorAge, {
      threshold: retentionMs * ALARM_LEVELS.iteratorAgeFractionOfRetention,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, `The oldest unread record of the stream is at least ${ALARM_LEVELS.iteratorAgeFractionOfRetention * 100}% of the retention old: `
      + 'records expire unread when it reaches the retention. Check the delivery errors in the log group and the consumers.'),
    writeThrottled: alarm('WriteThrottled', metrics.writeThrottled, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: ALARM_LEVELS.throttlingEvaluationPeriods,
    }, 'Producers are throttled in every period: records they do not retry are lost. Spread partition keys or raise the stream capacity.'),
    readThrottled: alarm('ReadThrottled', metrics.readThrottled, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: ALARM_LEVELS.throttlingEvaluationPeriods,
    }, 'Consumers are throttled in every period and fall behind. Use enhanced fan-out for extra consumers.'),
    dataFreshness: alarm('DataFreshness', metrics.dataFreshness, {
      threshold: freshnessSeconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: ALARM_LEVELS.dataFreshnessEvaluationPeriods,
    }, `Records wait more than ${freshnessSeconds} s (${ALARM_LEVELS.dataFreshnessMultipleOfBufferingInterval} × the buffering interval) `
      + 'before reaching S3. Check the delivery errors in the log group.'),
    deliverySuccess: alarm('DeliverySuccess', metrics.deliverySuccess, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: ALARM_LEVELS.deliverySuccessEvaluationPeriods,
    }, 'Some S3 puts of the delivery stream fail in every period (permissions, key, bucket). Check the delivery errors in the log group.'),
    failedConversion: alarm('FailedConversion', metrics.failedConversion, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, 'Records did not match the Glue table and went to the error prefix (format-conversion-failed).'),
    partitionCountExceeded: alarm('PartitionCountExceeded', metrics.partitionCountExceeded, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, 'Too many active partitions: records went to the error prefix (activePartitionExceeded). Lower the partition key cardinality or raise the quota.'),
  };
}

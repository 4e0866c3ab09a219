/**
 * The Pub/Sub and Cloud Monitoring limits a StreamingIngest is validated against, as data with
 * the sentence that tells a user what is allowed.
 */
import { NamingRule } from '../../../core';

/**
 * Topic, subscription and schema ids: 3 to 255 characters, starting with a letter, not with
 * `goog`, made of letters, digits, `-`, `_`, `.`, `~`, `+` and `%`.
 * @see https://cloud.google.com/pubsub/docs/pubsub-basics
 */
export const PUBSUB_ID_RULE: NamingRule = {
  pattern: /^(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/,
  description: '3 to 255 characters of letters, digits, dashes, underscores, periods, tildes, plus and percent signs, starting with a letter and not with "goog"',
};

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * Message retention of topics (`message_retention_duration`: "Cannot be more than 31 days or less
 * than 10 minutes") and of subscriptions (same bounds, default 7 days), in seconds.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_topic#message_retention_duration
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_subscription#message_retention_duration
 */
export const PUBSUB_RETENTION_SECONDS = { min: 10 * MINUTE, max: 31 * DAY } as const;

/**
 * `dead_letter_policy.max_delivery_attempts`: "The value must be between 5 and 100"; Pub/Sub uses 5
 * when none is set.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_subscription#max_delivery_attempts
 */
export const PUBSUB_DELIVERY_ATTEMPTS = { min: 5, max: 100, serviceDefault: 5 } as const;

/**
 * Alert condition durations "that are a multiple of a minute--e.g., 0, 60, 120, or 300 seconds--are
 * supported"; the ingest's thresholds on message age are whole minutes for the same reason.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/monitoring_alert_policy#duration
 */
export const ALERT_GRANULARITY_SECONDS = MINUTE;

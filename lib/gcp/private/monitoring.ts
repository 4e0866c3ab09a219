/**
 * Cloud Monitoring, as the constructs with alert policies use it: the notification channels
 * their alerts go to.
 */
import { MlopsValidationError, NamingRule, PathLike } from '../../core';
import { resolveName } from './validate';

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

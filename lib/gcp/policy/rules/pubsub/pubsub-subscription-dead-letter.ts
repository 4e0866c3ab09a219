import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Pub/Sub subscriptions name a dead-letter topic (`dead_letter_policy.dead_letter_topic`), so that
 * a message its consumer keeps refusing — a row BigQuery rejects, a payload a worker cannot parse
 * — is set aside after `max_delivery_attempts` instead of being redelivered until its retention
 * expires and it is lost. A subscription attached to a dead-letter topic cannot meet the rule
 * usefully; acknowledge it there with that reason.
 *
 * Neither checkov nor the CIS Google Cloud benchmark has a control for it. Mirrors Aqua
 * CloudSploit's Google Pub/Sub plugin "Dead Lettering Enabled"
 * (`plugins/google/pubsub/deadLetteringEnabled.js`: a subscription passes when
 * `deadLetterPolicy.deadLetterTopic` is set) and gcpdiag's runbook step `pubsub/Dead Letter Topic`.
 *
 * @see https://cloud.google.com/pubsub/docs/handling-failures
 * @see https://github.com/aquasecurity/cloudsploit/blob/master/plugins/google/pubsub/deadLetteringEnabled.js
 * @see https://gcpdiag.dev/runbook/steps/pubsub/dead-letter-topic/
 */
export function pubsubSubscriptionDeadLetter(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_pubsub_subscription') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const topic = nestedBlock(resource.config, 'dead_letter_policy')?.dead_letter_topic;
  return typeof topic === 'string' && topic !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Pub/Sub topics are encrypted with a customer-managed key (`kms_key_name`), so that messages at
 * rest are readable only while the key is enabled and the project's Pub/Sub service agent may use it.
 *
 * Mirrors checkov CKV_GCP_83 (`CloudPubSubEncryptedWithCMK`, "Ensure PubSub Topics are encrypted
 * with Customer Supplied Encryption Keys (CSEK)"), which passes any `kms_key_name` value on a
 * `google_pubsub_topic`. The CIS Google Cloud benchmark has no Pub/Sub control.
 *
 * @see https://cloud.google.com/pubsub/docs/encryption
 */
export function pubsubTopicCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_pubsub_topic') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = resource.config.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyRuleDefinition } from '../../engine/pack';
import { pubsubNotPublic } from './pubsub-not-public';
import { pubsubSubscriptionDeadLetter } from './pubsub-subscription-dead-letter';
import { pubsubTopicCmek } from './pubsub-topic-cmek';

/**
 * The rules for Pub/Sub topics and subscriptions (`StreamingIngest`). GcpFoundationChecks lists
 * them after the storage rules.
 *
 * The CIS Google Cloud Platform Foundation Benchmark has no Pub/Sub control. Both checkov ids below
 * were read in checkov's source (`checkov/terraform/checks/resource/gcp/CloudPubSubEncryptedWithCMK.py`,
 * `PubSubPrivateTopic.py`); checkov has no Pub/Sub check beyond them, so the dead-letter rule cites
 * the tool that does check it (Aqua CloudSploit).
 *
 * | id      | rule                                                         | reference                                         |
 * |---------|--------------------------------------------------------------|---------------------------------------------------|
 * | GCP-PS1 | topic is encrypted with a CMEK                               | CKV_GCP_83                                        |
 * | GCP-PS2 | topic and subscription are not public (IAM member/binding/policy) | CKV_GCP_99 (topics; subscriptions alike)     |
 * | GCP-PS3 | subscription has a dead-letter topic                         | CloudSploit pubsub/deadLetteringEnabled           |
 */
export const PUBSUB_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-PS1',
    rule: pubsubTopicCmek,
    message: 'The Pub/Sub topic is not encrypted with a customer-managed key: set kms_key_name (StreamingIngest: pass encryptionKey or give the lake one) and grant the Pub/Sub service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.',
    reference: 'checkov CKV_GCP_83',
  },
  {
    id: 'GCP-PS2',
    rule: pubsubNotPublic,
    message: 'The Pub/Sub topic or subscription is granted to allUsers or allAuthenticatedUsers (IAM member, binding or policy): remove the public grant.',
    reference: 'checkov CKV_GCP_99 (topics; applied to subscriptions alike)',
  },
  {
    id: 'GCP-PS3',
    rule: pubsubSubscriptionDeadLetter,
    message: 'The Pub/Sub subscription has no dead-letter topic: set dead_letter_policy { dead_letter_topic } so that messages its consumer keeps refusing are set aside instead of expiring.',
    reference: 'Aqua CloudSploit Pub/Sub "Dead Lettering Enabled" (https://github.com/aquasecurity/cloudsploit/blob/master/plugins/google/pubsub/deadLetteringEnabled.js); no CIS control or checkov check',
  },
];

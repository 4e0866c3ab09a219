/**
 * The Pub/Sub rules of the GCP policy pack (GCP-PS1..3), on small Terraform JSON fixtures: a
 * compliant and a non-compliant case each, and not-applicable for what a rule does not judge.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { PUBSUB_RULES } from '../../../../lib/gcp/policy/rules/pubsub';
import { pubsubNotPublic } from '../../../../lib/gcp/policy/rules/pubsub/pubsub-not-public';
import { pubsubSubscriptionDeadLetter } from '../../../../lib/gcp/policy/rules/pubsub/pubsub-subscription-dead-letter';
import { pubsubTopicCmek } from '../../../../lib/gcp/policy/rules/pubsub/pubsub-topic-cmek';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;


const KEY = 'projects/p/locations/us/keyRings/r/cryptoKeys/k';
const topic = (overrides: Record<string, unknown> = {}) => ({ name: 'orders', kms_key_name: KEY, ...overrides });
const subscription = (overrides: Record<string, unknown> = {}) => ({
  name: 'orders-bigquery',
  topic: '${google_pubsub_topic.t.id}',
  dead_letter_policy: { dead_letter_topic: '${google_pubsub_topic.dlq.id}', max_delivery_attempts: 5 },
  ...overrides,
});

describe('GCP-PS1 pubsubTopicCmek (CKV_GCP_83)', () => {
  test('compliant with a KMS key, by reference or literal id', () => {
    expect(judge(pubsubTopicCmek, { google_pubsub_topic: { t: topic() } }, 'google_pubsub_topic.t')).toBe(COMPLIANT);
    expect(judge(pubsubTopicCmek, { google_pubsub_topic: { t: topic({ kms_key_name: '${google_kms_crypto_key.k.id}' }) } }, 'google_pubsub_topic.t')).toBe(COMPLIANT);
  });
  test.each([undefined, ''])('non-compliant with kms_key_name %j', (key) => {
    expect(judge(pubsubTopicCmek, { google_pubsub_topic: { t: topic({ kms_key_name: key }) } }, 'google_pubsub_topic.t')).toBe(NON_COMPLIANT);
  });
  test('not applicable to subscriptions', () => {
    expect(judge(pubsubTopicCmek, { google_pubsub_subscription: { s: subscription() } }, 'google_pubsub_subscription.s')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-PS2 pubsubNotPublic (CKV_GCP_99)', () => {
  const topicRef = '${google_pubsub_topic.t.name}';

  test('compliant topic and subscription with private grants only', () => {
    const resources = {
      google_pubsub_topic: { t: topic() },
      google_pubsub_subscription: { s: subscription() },
      google_pubsub_topic_iam_member: { m: { topic: topicRef, role: 'roles/pubsub.publisher', member: 'serviceAccount:app@p.iam.gserviceaccount.com' } },
      google_pubsub_subscription_iam_member: { m: { subscription: '${google_pubsub_subscription.s.name}', role: 'roles/pubsub.subscriber', member: 'group:ops@example.com' } },
    };
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_topic.t')).toBe(COMPLIANT);
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_subscription.s')).toBe(COMPLIANT);
  });

  test('a public topic member makes the topic non-compliant; the member itself is not judged twice', () => {
    const resources = {
      google_pubsub_topic: { t: topic() },
      google_pubsub_topic_iam_member: { m: { topic: topicRef, role: 'roles/pubsub.publisher', member: 'allUsers' } },
    };
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_topic.t')).toBe(NON_COMPLIANT);
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_topic_iam_member.m')).toBe(NOT_APPLICABLE);
  });

  test('bindings and policies count too, found by id reference or literal name', () => {
    const base = { google_pubsub_topic: { t: topic() } };
    expect(judge(pubsubNotPublic, { ...base, google_pubsub_topic_iam_binding: { b: { topic: 'orders', role: 'roles/pubsub.subscriber', members: ['group:a@example.com', 'allAuthenticatedUsers'] } } }, 'google_pubsub_topic.t')).toBe(NON_COMPLIANT);
    expect(judge(pubsubNotPublic, { ...base, google_pubsub_topic_iam_policy: { p: { topic: '${google_pubsub_topic.t.id}', policy_data: '${data.google_iam_policy.open.policy_data}' } } }, 'google_pubsub_topic.t',
      { google_iam_policy: { open: { binding: [{ role: 'roles/pubsub.publisher', members: ['allUsers'] }] } } })).toBe(NON_COMPLIANT);
  });

  test('a public subscription grant makes the subscription non-compliant (anyone could read the messages)', () => {
    const resources = {
      google_pubsub_subscription: { s: subscription() },
      google_pubsub_subscription_iam_binding: { b: { subscription: '${google_pubsub_subscription.s.name}', role: 'roles/pubsub.subscriber', members: ['allAuthenticatedUsers'] } },
    };
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_subscription.s')).toBe(NON_COMPLIANT);
  });

  test('a grant on a topic managed elsewhere is judged on the grant', () => {
    expect(judge(pubsubNotPublic, { google_pubsub_topic_iam_member: { m: { topic: 'projects/p/topics/elsewhere', role: 'roles/pubsub.publisher', member: 'allUsers' } } }, 'google_pubsub_topic_iam_member.m')).toBe(NON_COMPLIANT);
    expect(judge(pubsubNotPublic, { google_pubsub_topic_iam_member: { m: { topic: 'projects/p/topics/elsewhere', role: 'roles/pubsub.publisher', member: 'user:a@example.com' } } }, 'google_pubsub_topic_iam_member.m')).toBe(COMPLIANT);
  });

  test('a public grant on another topic does not taint this one', () => {
    const resources = {
      google_pubsub_topic: { t: topic(), other: topic({ name: 'other' }) },
      google_pubsub_topic_iam_member: { m: { topic: '${google_pubsub_topic.other.name}', role: 'roles/pubsub.publisher', member: 'allUsers' } },
    };
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_topic.t')).toBe(COMPLIANT);
    expect(judge(pubsubNotPublic, resources, 'google_pubsub_topic.other')).toBe(NON_COMPLIANT);
  });

  test('not applicable to other resources', () => {
    expect(judge(pubsubNotPublic, { google_pubsub_schema: { s: { name: 's', type: 'AVRO' } } }, 'google_pubsub_schema.s')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-PS3 pubsubSubscriptionDeadLetter (CloudSploit deadLetteringEnabled)', () => {
  test('compliant with a dead-letter topic, as an object or a one-element list', () => {
    expect(judge(pubsubSubscriptionDeadLetter, { google_pubsub_subscription: { s: subscription() } }, 'google_pubsub_subscription.s')).toBe(COMPLIANT);
    expect(judge(pubsubSubscriptionDeadLetter, { google_pubsub_subscription: { s: subscription({ dead_letter_policy: [{ dead_letter_topic: 'projects/p/topics/dlq' }] }) } }, 'google_pubsub_subscription.s')).toBe(COMPLIANT);
  });
  test.each([['no dead_letter_policy', undefined], ['a policy without a topic', { max_delivery_attempts: 10 }]])('non-compliant with %s', (_name, policy) => {
    expect(judge(pubsubSubscriptionDeadLetter, { google_pubsub_subscription: { s: subscription({ dead_letter_policy: policy }) } }, 'google_pubsub_subscription.s')).toBe(NON_COMPLIANT);
  });
  test('not applicable to topics', () => {
    expect(judge(pubsubSubscriptionDeadLetter, { google_pubsub_topic: { t: topic() } }, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

describe('PUBSUB_RULES in GcpFoundationChecks', () => {
  test('the pack runs GCP-PS1..3, each with a message and a reference to a real check', () => {
    const ids = new GcpFoundationChecks().rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['GCP-PS1', 'GCP-PS2', 'GCP-PS3']));
    expect(PUBSUB_RULES.map((r) => [r.id, r.reference])).toEqual([
      ['GCP-PS1', expect.stringMatching(/CKV_GCP_83/)],
      ['GCP-PS2', expect.stringMatching(/CKV_GCP_99/)],
      ['GCP-PS3', expect.stringMatching(/CloudSploit.*deadLetteringEnabled/)],
    ]);
  });
});

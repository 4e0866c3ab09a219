/**
 * The project's GCP policy pack (with the Pub/Sub rules) on whole stacks: a representative
 * StreamingIngest has zero findings, and a deliberately bad Pub/Sub "canary" shows the Pub/Sub
 * rules run in the pack, so that a silent pack cannot pass for a clean one.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct } from 'constructs';
import { DataLake, Duration, policyReport, StreamingIngest } from 'mlops-constructs/gcp';
import { newStack, ordersSchema } from '../support';

describe('GcpFoundationChecks on a StreamingIngest', () => {
  test('a representative ingest has zero findings; only the lake log bucket and the dead-letter subscription are acknowledged, with reasons', () => {
    // given a lake with a rotating key, its orders table, and an ingest with grants, alerts and an import
    const stack = newStack();
    const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
    const key = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key, tables: [{ zone: 'raw', schema: ordersSchema() }] });
    const ingest = new StreamingIngest(stack, 'Orders', {
      lake,
      schema: ordersSchema(),
      messageRetention: Duration.days(3),
      maxDeliveryAttempts: 10,
      notificationChannels: ['projects/acme-ops/notificationChannels/42'],
      iam: { 'roles/pubsub.viewer': ['group:data-ops@example.com'] },
    });
    ingest.grantWrite('serviceAccount:checkout@acme-ml.iam.gserviceaccount.com');
    ingest.grantReadDeadLetters('group:data-ops@example.com');
    StreamingIngest.fromStreamingIngestAttributes(stack, 'Clicks', { topicName: 'acme-ml-clicks', deadLetterSubscriptionName: 'acme-ml-clicks-dead-letter' })
      .grantWrite('serviceAccount:web@acme-ml.iam.gserviceaccount.com');
    // when the pack runs
    const report = policyReport(stack);
    // then nothing is found
    expect(report.findings).toEqual([]);
    expect(report.acknowledged.map((a) => `${a.ruleId} ${a.constructPath}`).sort()).toEqual([
      'GCP-GCS4 stack/Lake/AccessLogs/Bucket',
      'GCP-PS3 stack/Orders/DeadLetter/Subscription',
    ]);
    expect(report.acknowledged.find((a) => a.ruleId === 'GCP-PS3')?.reason).toMatch(/holds the messages the BigQuery subscription dead-lettered/);
  });

  test('without any key, GCP-PS1 reports both topics (CMEK is optional; the finding is honest)', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
    new StreamingIngest(stack, 'Orders', { lake, schema: ordersSchema() });
    const report = policyReport(stack);
    expect(report.findings.filter((f) => f.ruleId.startsWith('GCP-PS')).map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-PS1 stack/Orders/DeadLetter/Topic',
      'GCP-PS1 stack/Orders/Resource',
    ]);
  });

  test('canary: a bad Pub/Sub setup is reported by GCP-PS1, GCP-PS2 and GCP-PS3', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Canary');
    const topic = new PubsubTopic(scope, 'Topic', { name: 'open' });
    const subscription = new PubsubSubscription(scope, 'Subscription', { name: 'open-pull', topic: topic.id });
    new PubsubTopicIamMember(scope, 'PublicPublisher', { topic: topic.name, role: 'roles/pubsub.publisher', member: 'allUsers' });
    new PubsubSubscriptionIamMember(scope, 'PublicReader', { subscription: subscription.name, role: 'roles/pubsub.subscriber', member: 'allAuthenticatedUsers' });
    const report = policyReport(stack);
    expect(report.findings.map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-PS1 stack/Canary/Topic',
      'GCP-PS2 stack/Canary/Subscription',
      'GCP-PS2 stack/Canary/Topic',
      'GCP-PS3 stack/Canary/Subscription',
    ]);
    expect(report.acknowledged).toEqual([]);
  });
});

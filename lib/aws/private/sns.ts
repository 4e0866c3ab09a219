/**
 * The SNS topic a construct's default alarms notify when no `alarmActions` are given: encrypted
 * with the construct's key, TLS only, publishable by CloudWatch alarms of this account alone.
 * Used by StreamingIngest and TrainingPipeline.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * What CloudWatch alarms need on the key of an encrypted SNS topic they publish to (the AWS managed
 * `aws/sns` key does not allow it).
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 * @see https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
 */
const ALARM_TOPIC_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*'];

/**
 * Creates the alarm topic `Topic` under `scope`, encrypted with `key`, and lets CloudWatch use the
 * key (a statement on the key policy: `key` must be a `kms.Key` of this app or accept it otherwise).
 * @param displayName the topic's display name (cut to 100 characters)
 */
export function createAlarmTopic(scope: Construct, key: kms.IKey, displayName: string): sns.Topic {
  const stack = Stack.of(scope);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AlarmTopicEncryption',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ALARM_TOPIC_KEY_ACTIONS,
    resources: ['*'],
  }));
  const topic = new sns.Topic(scope, 'Topic', {
    displayName: displayName.slice(0, 100),
    masterKey: key,
    enforceSSL: true,
  });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudWatchAlarmsOfThisAccount',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    },
  }));
  return topic;
}

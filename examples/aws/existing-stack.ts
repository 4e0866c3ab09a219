/**
 * AWS example: a team's existing stack (a queue and a worker role it already had) that adds a
 * DataLake and lets its worker write raw data and run Athena queries.
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataLake } from 'mlops-constructs/aws';
import { orders } from '../schemas';

/** The stack the team had before: a queue of order events and the role of its worker. */
export class ExistingOrdersStack extends Stack {
  /** Role of the worker that drains the queue. */
  public readonly workerRole: iam.Role;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const queueKey = new kms.Key(this, 'QueueKey', { enableKeyRotation: true });
    // Retention set explicitly (the validator's I3013): the most SQS keeps, 14 days.
    const deadLetters = new sqs.Queue(this, 'OrderEventsDlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: queueKey, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(this, 'OrderEvents', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: queueKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    this.workerRole = new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    // A managed policy rather than queue.grantConsumeMessages, which writes an inline policy
    // (NIST 800-53 rev 5 IAMNoInlinePolicy).
    new iam.ManagedPolicy(this, 'ConsumeOrderEvents', {
      roles: [this.workerRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
          resources: [queue.queueArn],
        }),
        new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [queueKey.keyArn] }),
      ],
    });

    // What this example adds to the stack the team already had:
    const lake = new DataLake(this, 'Lake', { tables: [{ zone: 'raw', schema: orders }] });
    lake.grantWrite('raw', this.workerRole);
    lake.grantQuery(this.workerRole);
  }
}

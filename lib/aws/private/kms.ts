/**
 * The library's KMS keys: the hardened default every construct's own key gets, the warning when a
 * key passed in is weaker, and the key policy statement CloudWatch Logs needs to encrypt log
 * groups with a key.
 */
import { Annotations, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/**
 * The key default: rotation on (yearly, the KMS default period), and the default key policy
 * (the account administers the key, IAM policies grant its use) with no service principal:
 * the services that use a construct's key (S3 SSE-KMS with bucket keys, Athena SSE_KMS results,
 * Kinesis, SageMaker) use the caller's own IAM permissions, which the constructs' grants add;
 * service principals that need the key policy itself (CloudWatch Logs, CloudWatch alarms) are
 * added statement by statement.
 */
export const KEY_DEFAULTS = {
  enableKeyRotation: true,
} as const satisfies Partial<kms.KeyProps>;

/** The props of a key a construct creates when none is given. */
export function keyProps(description: string, removalPolicy: RemovalPolicy): kms.KeyProps {
  return { ...KEY_DEFAULTS, description, removalPolicy };
}

/** Who is warned about a key passed in, and how. */
export interface WeakenedKeyWarning {
  /** The stable warning id (`mlops-constructs:<Construct>.keyRotationDisabled`). */
  readonly warningId: string;
  /** The prop the key was passed as (`encryptionKey`). */
  readonly property: string;
  /** Whose default key rotates, in the message (`lake`: "the lake's default key"). */
  readonly owner: string;
}

/**
 * Warns when a key passed in is a key of this app (so its settings are visible) with rotation
 * off. A key imported by ARN is not inspectable, and gets no warning.
 */
export function flagWeakenedKey(scope: IConstruct, key: kms.IKey, warning: WeakenedKeyWarning): void {
  const cfn = key.node.defaultChild;
  if (cfn instanceof kms.CfnKey && cfn.enableKeyRotation !== true) {
    Annotations.of(scope).addWarningV2(warning.warningId,
      `${warning.property} ${key.node.path} has key rotation off; the ${warning.owner}'s default key rotates yearly. Pass a key with enableKeyRotation: true.`);
  }
}

/**
 * What CloudWatch Logs needs on the key of an encrypted log group, in the form the guide's key
 * policy gives it.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export const LOGS_KEY_ACTIONS: readonly string[] = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * The same permissions as {@link LOGS_KEY_ACTIONS}, each action named (the form the GPU training
 * cluster's key policy has always had; its template depends on it).
 */
export const LOGS_KEY_ACTIONS_NAMED: readonly string[] = [
  'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey',
];

/** Options of {@link logGroupKeyStatement}. */
export interface LogGroupKeyStatementOptions {
  /**
   * Statement id.
   * @default - none
   */
  readonly sid?: string;
  /**
   * The key actions allowed.
   * @default LOGS_KEY_ACTIONS
   */
  readonly actions?: readonly string[];
}

/**
 * The key policy statement that lets CloudWatch Logs of the account and region of `scope` use the
 * key for one log group, named by a constructed ARN (`ArnEquals`), or for every log group matching
 * a pattern with `*` (`ArnLike`). A constructed ARN, not the log group's attribute, so that the
 * key and the encrypted group do not depend on each other.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logGroupKeyStatement(scope: IConstruct, logGroupName: string, options: LogGroupKeyStatementOptions = {}): iam.PolicyStatement {
  const stack = Stack.of(scope);
  const logGroupArn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return new iam.PolicyStatement({
    sid: options.sid,
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: [...(options.actions ?? LOGS_KEY_ACTIONS)],
    resources: ['*'],
    conditions: { [logGroupName.includes('*') ? 'ArnLike' : 'ArnEquals']: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
  });
}

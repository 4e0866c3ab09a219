/**
 * Lambda functions of the library's constructs: the runtime they run on. Used by the S3 text
 * files writer and the training pipeline's gate.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The newest Node.js runtime this aws-cdk-lib knows (what cdk-nag AwsSolutions-L1 asks for). */
export function latestNodeRuntime(): lambda.Runtime {
  const node = lambda.Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name));
  return node.sort((a, b) => parseInt(a.name.slice(6), 10) - parseInt(b.name.slice(6), 10))[node.length - 1];
}

/**
 * mlops-constructs/aws — the AWS constructs (aws-cdk-lib).
 */
export * from './data-lake';

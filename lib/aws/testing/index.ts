/**
 * mlops-constructs/aws/testing — run the CloudFormation validator and rule packs (cdk-nag) on a
 * stack in a unit test, and read what they found.
 */
export * from './stack-checks';

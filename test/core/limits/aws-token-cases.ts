/**
 * What the AWS token tests (aws-numeric-tokens, aws-string-tokens) share: the case runner, which
 * builds a stack with one CloudFormation parameter in one prop and checks the outcome
 * (token-outcome.ts), and the imported network, lake and repository the cases build on.
 */
import { CfnParameter, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { DataLake } from 'mlops-constructs/aws';
import { newStack } from '../../aws/fixtures';
import { customers } from '../../aws/training-pipeline/fixtures';
import { expectPassedOnOrLiteralRequired } from './token-outcome';

/** A CloudFormation parameter of a stack, as the token a prop receives, and how a template refers to it. */
export interface AwsTokenKind<T> {
  /** The token, from a parameter of `stack`. */
  readonly token: (stack: Stack) => T;
  /** How a template refers to the parameter (`"Ref":"Number"`). */
  readonly reference: string;
}

/** A numeric CloudFormation parameter. */
export const NUMBER_PARAMETER: AwsTokenKind<number> = {
  token: (stack) => Token.asNumber(new CfnParameter(stack, 'Number', { type: 'Number' }).value),
  reference: '"Ref":"Number"',
};

/** A string CloudFormation parameter. */
export const STRING_PARAMETER: AwsTokenKind<string> = {
  token: (stack) => Token.asString(new CfnParameter(stack, 'Text', { type: 'String' }).value),
  reference: '"Ref":"Text"',
};

/** A prop path and how to build, under a stack, constructs with the token `t` in that prop. */
export type AwsTokenCase<T> = [property: string, build: (stack: Stack, t: T) => void];

/** One test per case: passed on (the template refers to the parameter), or the library's "a literal here". */
export function runAwsTokenCases<T>(kind: AwsTokenKind<T>, cases: AwsTokenCase<T>[], stackOf: () => Stack = () => newStack()): void {
  test.each(cases)('%s: passed on, or the library error says a literal is needed', (property, build) => {
    expectPassedOnOrLiteralRequired(property, () => {
      const stack = stackOf();
      build(stack, kind.token(stack));
      return JSON.stringify(Template.fromStack(stack).toJSON());
    }, kind.reference);
  });
}

/** An imported VPC with two private subnets in `region`. */
export const vpcOf = (stack: Stack, region = 'eu-west-1') => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-0123456789abcdef0', availabilityZones: [`${region}a`, `${region}b`], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
});
/** A lake with the customers table in its curated zone. */
export const lakeOf = (stack: Stack) => new DataLake(stack, 'Lake', { tables: [{ zone: 'curated', schema: customers }] });
/** An imported image repository. */
export const repoOf = (stack: Stack) => ecr.Repository.fromRepositoryName(stack, 'Repo', 'churn');

/**
 * The input checks of the delivery pipeline that no other construct makes: repositories, branch
 * names as git accepts them (both from lib/core/delivery, shared with Google Cloud), connection
 * ARNs, command lists. Each returns why a value is refused, or `undefined` when it is accepted.
 */
import { Token } from 'aws-cdk-lib/core';
import { repositoryParts } from '../../../core/delivery';

export { BRANCH_DESCRIPTION, branchNameProblem, REPOSITORY_DESCRIPTION } from '../../../core/delivery';

/** Whether `value` is an `owner/name` repository (lib/core/delivery/git.ts). */
export function isRepository(value: unknown): value is string {
  return repositoryParts(value) !== undefined;
}

/** What a connection ARN looks like, for error messages. */
export const CONNECTION_ARN_DESCRIPTION = 'the ARN of an AWS CodeConnections connection, '
  + '"arn:<partition>:codeconnections:<region>:<account>:connection/<id>" (or its older spelling with the service "codestar-connections")';

const CONNECTION_ARN = /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;

/** Whether `value` is a connection ARN of CodeConnections (either service prefix), or a token. */
export function isConnectionArn(value: unknown): boolean {
  return typeof value === 'string' && (Token.isUnresolved(value) || CONNECTION_ARN.test(value));
}

/** Why `value` is not a list of shell commands, or `undefined`. */
export function commandsProblem(value: unknown, allowEmpty: boolean): string | undefined {
  if (!Array.isArray(value) || value.some((c) => typeof c !== 'string' || c.trim() === '')) {
    return 'a list of non-empty shell commands (strings)';
  }
  if (!allowEmpty && value.length === 0) {
    return 'at least one command';
  }
  return undefined;
}

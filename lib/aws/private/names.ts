/**
 * Names of the resources the constructs create: the derived default prefix, and the one check of
 * a given name against a service's naming rule.
 */
import * as crypto from 'crypto';
import { Stack, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { namingProblem, NamingRule, PREFIX_RULE, throwIfProblems, ValidationProblem } from '../../core';

const HASH_LENGTH = 8;
const MAX_PREFIX_LENGTH = 30;

/**
 * A prefix for names that are unique per account and region (Glue databases, the Athena
 * workgroup), derived from the stack name and the construct's path in the stack, so that two
 * lakes in one account and region get different names, and a lake keeps its names across
 * synths. A short hash of the full identity keeps truncated names apart.
 *
 * Always follows {@link PREFIX_RULE}: `<readable, at most 21 chars>-<8 hex>`.
 */
export function defaultPrefix(scope: IConstruct): string {
  const stack = Stack.of(scope);
  const stackName = Token.isUnresolved(stack.stackName) ? stack.node.path : stack.stackName;
  const scopes = scope.node.scopes;
  const inStack = scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id).join('/');
  const identity = `${stackName}/${inStack}`;
  const hash = crypto.createHash('sha256').update(identity).digest('hex').slice(0, HASH_LENGTH);
  let readable = identity.toLowerCase()
    .replace(/goog/g, 'gog') // GCS reserves "goog" and "google"; the same prefix may name buckets on both clouds
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, MAX_PREFIX_LENGTH - HASH_LENGTH - 1)
    .replace(/-+$/, '');
  if (readable === '') {
    readable = 'lake';
  }
  const prefix = `${readable}-${hash}`;
  if (!PREFIX_RULE.pattern.test(prefix)) {
    // Unreachable by construction; a bug of ours, not bad input.
    throw new Error(`derived prefix "${prefix}" does not follow the prefix rule`);
  }
  return prefix;
}

/**
 * The problem of a name that does not follow `rule`, with `property` as its path; none for a
 * token (the service checks it at deploy time). `undefined` (a required name left out by a
 * JavaScript caller) fails the rule.
 * @param describe turns the rule's description into the problem's "allowed" text
 */
export function nameProblems(property: string, value: unknown, rule: NamingRule, describe: (rule: string) => string = (r) => r): ValidationProblem[] {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    return [];
  }
  const problem = namingProblem(rule, value);
  return problem === undefined ? [] : [{ property, value, allowed: describe(problem) }];
}

/**
 * `value`, when it follows `rule` (or is a token); throws an {@link MlopsValidationError} under
 * `scope` naming `property` otherwise (see {@link nameProblems}).
 */
export function resolveName(scope: IConstruct, property: string, value: string, rule: NamingRule, describe?: (rule: string) => string): string {
  throwIfProblems(scope, '', nameProblems(property, value, rule, describe));
  return value;
}

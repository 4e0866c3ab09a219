/**
 * Whether two constructs are in the same account and region, as far as synth can tell. Two
 * questions need two answers when a stack's environment is a token (an environment-agnostic
 * stack): "known to be the same" for what must not cross accounts silently (a grant written into a
 * policy of ours), "not known to differ" for what is only refused when it certainly would
 * (a consumer placed in another account than its lake).
 */
import { Stack, Token, TokenComparison } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';

/** How {@link sameEnvironment} treats accounts and regions that are tokens. */
export interface SameEnvironmentOptions {
  /**
   * `true`: the same only when both are equal literals or both are tokens (known to be the same as
   * far as synth can tell). `false`: the same unless both are literals that differ (not known to
   * differ; a token and a literal count as the same).
   */
  readonly strict: boolean;
}

/** Whether `a` and `b` are in the same account and region (see {@link SameEnvironmentOptions}). */
export function sameEnvironment(a: IConstruct, b: IConstruct, options: SameEnvironmentOptions): boolean {
  const same = options.strict
    ? (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y))
    : (x: string, y: string) => Token.compareStrings(x, y) !== TokenComparison.DIFFERENT;
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}

/**
 * Shared fixtures of the AWS tests: a fresh stack per test, and the AWS tests' schemas (defined with
 * the other cloud-neutral schemas in test/fixtures/schemas.ts).
 */
import { App, AppProps, Stack } from 'aws-cdk-lib';
import { ALLOW_DATA_DESTRUCTION_CONTEXT } from 'mlops-constructs';

export { countries, orders } from '../fixtures/schemas';

/** A stack in a fresh app, with a concrete environment so ARNs and account ids are readable. */
export function newStack(appProps: AppProps = {}): Stack {
  const app = new App(appProps);
  return new Stack(app, 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** A stack in an app that allows data destruction. */
export function newDestroyableStack(): Stack {
  return newStack({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } });
}

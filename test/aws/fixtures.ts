/**
 * Shared fixtures of the AWS tests: a fresh stack per test, and the AWS tests' schemas (defined with
 * the other cloud-neutral schemas in test/fixtures/schemas.ts).
 */
import { App, AppProps, Stack } from 'aws-cdk-lib';
import { ALLOW_DATA_DESTRUCTION_CONTEXT } from 'mlops-constructs';

export { countries, orders } from '../fixtures/schemas';

/**
 * A stack in a fresh app, with a concrete environment so ARNs and account ids are readable.
 * `region` is a literal, so the instance-type catalog checks that it offers the types used.
 */
export function newStack(appProps: AppProps = {}, region = 'eu-west-1'): Stack {
  const app = new App(appProps);
  return new Stack(app, 'TestStack', { env: { account: '111111111111', region } });
}

/** A stack in an app that allows data destruction. */
export function newDestroyableStack(region?: string): Stack {
  return newStack({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } }, region);
}

/** A region whose EC2 sells every GPU type of the accelerator catalog the tests use (P5, P4de, G5, G4dn). */
export const GPU_REGION = 'us-east-1';

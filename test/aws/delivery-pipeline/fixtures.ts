/**
 * Fixtures of the DeliveryPipeline tests: a pipeline stack and two stages in one App, each stage
 * holding a small stack, in the accounts the test asks for.
 */
import { App, AppProps, Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';

export const PIPELINE_ENV = { account: '111111111111', region: 'eu-west-1' };
export const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41';

/** A stage with one stack holding one rotating key (a resource every check accepts). */
export function newStage(scope: App, id: string, env?: { account?: string; region?: string }): Stage {
  const stage = new Stage(scope, id, { env });
  new kms.Key(new Stack(stage, 'Service'), 'Key', { enableKeyRotation: true });
  return stage;
}

/** An App with the pipeline stack and staging (account 222…) and production (account 333…) stages. */
export function newDelivery(appProps: AppProps = {}): { app: App; stack: Stack; staging: Stage; production: Stage } {
  const app = new App(appProps);
  const stack = new Stack(app, 'Tools', { env: PIPELINE_ENV });
  const staging = newStage(app, 'Staging', { account: '222222222222', region: 'eu-west-1' });
  const production = newStage(app, 'Production', { account: '333333333333', region: 'eu-west-1' });
  return { app, stack, staging, production };
}

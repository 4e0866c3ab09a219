/**
 * The AWS example app: every AWS example stack, in the one App that `cdk.json` runs, so
 * `npx cdk synth` and `npx cdk deploy <Stack>` work from the repository root.
 */
import { App } from 'aws-cdk-lib';
import { ContinuousTrainingStack } from './continuous-training-stack';
import { DeliveryStack } from './delivery-stack';
import { DriftMonitorStack } from './drift-monitor-stack';
import { ExistingOrdersStack } from './existing-stack';
import { FeaturesStack } from './features-stack';
import { LakeStack } from './lake-stack';
import { AWS_LEVELS, createLevelStack } from './levels';
import { TrainServeStack } from './train-serve-stack';

/** Adds the example stacks to `app`. */
export function buildAwsExamples(app: App): void {
  new LakeStack(app, 'MlopsLakeExample');
  new ExistingOrdersStack(app, 'MlopsExistingStackExample');
  new FeaturesStack(app, 'MlopsFeaturesExample');
  // The CLI's account; eu-west-2 because EC2 sells p5.48xlarge (H100) there, not in eu-west-1.
  new TrainServeStack(app, 'MlopsTrainServeExample', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'eu-west-2' } });
  new ContinuousTrainingStack(app, 'MlopsContinuousTrainingExample');
  // The CLI's account and region: those of MlopsContinuousTrainingExample, whose registry and lake it serves from.
  new DeliveryStack(app, 'MlopsDeliveryExample', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
  new DriftMonitorStack(app, 'MlopsDriftMonitorExample');
  for (const level of AWS_LEVELS) {
    createLevelStack(app, level);
  }
}

if (require.main === module) {
  const app = new App();
  buildAwsExamples(app);
  app.synth();
}

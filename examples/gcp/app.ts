/**
 * The Google Cloud example app. `npm run synth` writes it to cdktf.out/stacks/<stack>, where
 * `terraform init && terraform apply` deploys it.
 */
import { App } from 'cdktf';
import { GcpContinuousTrainingStack } from './continuous-training-stack';
import { GcpDeliveryStack } from './delivery-stack';
import { GcpDriftMonitorStack } from './drift-monitor-stack';
import { GcpExistingOrdersStack } from './existing-stack';
import { GcpFeaturesStack } from './features-stack';
import { GcpLakeStack } from './lake-stack';
import { createLevelStack, GCP_LEVELS } from './levels';
import { GcpTrainServeStack } from './train-serve-stack';

/** Adds the example stacks to `app`. */
export function buildGcpExamples(app: App): void {
  new GcpLakeStack(app, 'mlops-lake-example');
  new GcpExistingOrdersStack(app, 'mlops-existing-stack-example');
  new GcpFeaturesStack(app, 'mlops-features-example');
  new GcpTrainServeStack(app, 'mlops-train-serve-example');
  new GcpContinuousTrainingStack(app, 'mlops-continuous-training-example');
  new GcpDeliveryStack(app, 'mlops-delivery-example');
  new GcpDriftMonitorStack(app, 'mlops-drift-monitor-example');
  for (const level of GCP_LEVELS) {
    createLevelStack(app, level);
  }
}

if (require.main === module) {
  const app = new App({ outdir: 'cdktf.out' });
  buildGcpExamples(app);
  app.synth();
}

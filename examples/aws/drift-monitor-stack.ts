/**
 * AWS example: automated retraining (a level-3 loop). The continuous-training stack's lake,
 * network, training profile, registry and daily pipeline, plus an endpoint that serves the churn
 * model and captures its requests into the lake, and a drift monitor over those captures: every
 * day at 00:10 UTC a Step Functions run computes PSI, KS, the unseen-category share and the
 * missing rate of each input over the day that ended, against a baseline of the training table
 * (Athena, results in the lake's curated zone), publishes them to CloudWatch
 * (`MlopsConstructs/Drift`), and when a statistic reaches its alarm level starts the training
 * pipeline, whose gate registers and promotes the new version only if it beats the champion.
 *
 * The endpoint serves SageMaker's built-in XGBoost image of the stack's region, the image the
 * training pipeline trains with (examples/aws/xgboost-image.ts), and the model archive the team
 * copies to `models/churn/current/model.tar.gz` in the artifacts zone from the version the
 * pipeline registered. To serve your own image instead, push it to an ECR repository of the
 * account and pass `ModelEndpointImage.fromEcrRepository(repository, tag)`.
 */
import { StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DriftSpec, TableSchema } from 'mlops-constructs';
import { DriftBaseline, DriftMonitor, ModelEndpoint, ModelEndpointCapacity, ModelEndpointModel } from 'mlops-constructs/aws';
import { ContinuousTrainingStack, customerChurn } from './continuous-training-stack';
import { xgboostImage } from './xgboost-image';

/**
 * What the churn endpoint is sent (CSV: the model's features, in the schema's order) and when:
 * the training table's features without the label, keyed and timed as the training table.
 */
export const churnRequests = new TableSchema({
  name: 'churn_requests',
  description: 'Requests to the churn endpoint, parsed from its SageMaker data capture.',
  fields: customerChurn.fields.filter((f) => f.name !== 'churned_30d').map((f) => ({ name: f.name, type: f.type, description: f.description })),
  entityKeys: [...customerChurn.entityKeys],
  eventTime: customerChurn.eventTime,
});

/** Continuous training, an endpoint capturing its requests, and a drift monitor that retrains. */
export class DriftMonitorStack extends ContinuousTrainingStack {
  /** The endpoint serving the churn model. */
  public readonly endpoint: ModelEndpoint;
  /** The drift monitor. */
  public readonly monitor: DriftMonitor;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.endpoint = new ModelEndpoint(this, 'ChurnEndpoint', {
      model: ModelEndpointModel.fromLake({
        image: xgboostImage(this, 'ServingImages'),
        lake: this.lake,
        key: 'models/churn/current/model.tar.gz',
      }),
      capacity: ModelEndpointCapacity.instances({ instanceType: 'ml.m5.large', instanceCount: 2 }),
      vpc: this.vpc,
      captureLake: this.lake,
      captureSamplingPercentage: 25,
    });

    this.monitor = new DriftMonitor(this, 'ChurnDrift', {
      // Every input of the requests; PSI 0.1 warn / 0.2 alarm and the other defaults.
      spec: new DriftSpec({ schema: churnRequests }),
      lake: this.lake,
      endpoint: this.endpoint,
      baseline: DriftBaseline.fromLakeTable('curated', customerChurn.name, { baselineId: 'customer-churn-2026-12' }),
      retrain: this.pipeline,
    });
  }
}

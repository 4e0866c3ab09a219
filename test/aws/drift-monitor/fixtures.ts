/**
 * Shared fixtures of the DriftMonitor tests: the scored-customer schema the endpoint serves (the
 * training table's features plus the model's score), a stack with a lake holding the training
 * table, an endpoint capturing into the lake, a training pipeline to retrain, and a spec.
 */
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { DriftSpec, DriftSpecProps, FieldType, TableSchema } from 'mlops-constructs';
import { ModelEndpoint, ModelEndpointImage, ModelEndpointModel, ModelEndpointProps, TrainingPipeline } from 'mlops-constructs/aws';
import { churnSpec, customers, pipelineStack } from '../training-pipeline/fixtures';

/** What the endpoint is sent and answers: the training table's features, the score, the request id. */
export const scoredCustomers = new TableSchema({
  name: 'scored_customers',
  fields: [
    { name: 'request_id', type: FieldType.STRING },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.FLOAT64 },
    { name: 'segment', type: FieldType.STRING },
    { name: 'score', type: FieldType.FLOAT64 },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

export { customers };

/** The monitored inputs, which the training table also has (the baseline). */
export function driftSpec(extra: Partial<DriftSpecProps> = {}): DriftSpec {
  return new DriftSpec({ schema: scoredCustomers, fields: ['orders_7d', 'spend_7d', 'segment'], ...extra });
}

/** A stack with a lake (customers table), an endpoint capturing into its raw zone, and a training pipeline. */
export function monitorStack(endpointProps: Partial<ModelEndpointProps> = {}) {
  const { stack, lake, training, registry } = pipelineStack();
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'acme/churn');
  const endpoint = new ModelEndpoint(stack, 'Endpoint', {
    model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v3'), lake, key: 'models/churn/v3/model.tar.gz' }),
    endpointName: 'churn',
    captureLake: lake,
    captureSamplingPercentage: 50,
    ...endpointProps,
  });
  const pipeline = new TrainingPipeline(stack, 'Churn', { lake, training, registry, spec: churnSpec() });
  return { stack, lake, endpoint, pipeline, training, registry };
}

/**
 * What the drift monitor tests share: the training pipeline tests' platform (a regional lake with
 * a key and the curated `customer_daily` table, a training cluster, a registry, a pipeline), a
 * Vertex AI endpoint capturing into the lake's raw zone, and a drift spec over the captured
 * requests.
 */
import { TerraformStack } from 'cdktf';
import { DriftSpec, DriftSpecProps, FieldType, TableSchema } from 'mlops-constructs';
import { DriftBaseline, DriftMonitor, DriftMonitorProps, ModelEndpoint, ModelEndpointProps } from 'mlops-constructs/gcp';
import { pipeline } from '../training-pipeline/fixtures';

/** The requests the churn model receives, as captured: three inputs of `customer_daily`. */
export const churnRequests = new TableSchema({
  name: 'churn_requests',
  fields: [
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'vip', type: FieldType.BOOLEAN },
    { name: 'requested_at', type: FieldType.TIMESTAMP },
  ],
  eventTime: 'requested_at',
});

export function churnDrift(overrides: Partial<DriftSpecProps> = {}): DriftSpec {
  return new DriftSpec({ schema: churnRequests, ...overrides });
}

/** The pipeline platform, an endpoint capturing into it, and a monitor of the endpoint that retrains the pipeline. */
export function monitored(stack: TerraformStack, props: Partial<DriftMonitorProps> = {}, endpointProps: Partial<ModelEndpointProps> = {}) {
  const p = pipeline(stack);
  const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', region: 'europe-west4', captureLake: p.lake, captureSamplingPercentage: 50, ...endpointProps });
  const monitor = new DriftMonitor(stack, 'Drift', {
    spec: churnDrift(),
    lake: p.lake,
    endpoint,
    baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'churn-v1' }),
    retrain: p.pipeline,
    notificationChannels: ['projects/acme/notificationChannels/7'],
    ...props,
  });
  return { ...p, endpoint, monitor };
}

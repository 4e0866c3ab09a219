/**
 * Google Cloud example, maturity level 3 (the model retrains itself when the world drifts): a
 * Vertex AI endpoint logs its requests into the lake; every day, 15 minutes after midnight UTC, a
 * drift monitor computes PSI, KS, unseen-category share and missing rates of the requests of the
 * day against the training data (BigQuery), writes them to Cloud Monitoring, and starts the
 * training pipeline when one reaches its alarm level. The pipeline's gate promotes the retrained
 * model only when it beats the champion. The same spec drives the AWS twin.
 *
 * Deploys as it is: `terraform apply -var project=<project id> -var region=<region>
 * -var alert_email=<address>`. The stack creates the network the training jobs peer with, the
 * e-mail channel the alerts go to, and the account a dashboard reads the drift results as.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DriftSpec, EvaluationMetric, FieldType, PromotionPolicy, TableSchema, TrainingPipelineSpec, TrainingWindow } from 'mlops-constructs';
import {
  DataLake, DriftBaseline, DriftMonitor, GpuTrainingCluster, ModelEndpoint, ModelRegistry, TrainingPipeline,
} from 'mlops-constructs/gcp';
import { customerDaily } from '../schemas';
import { createAlertEmailChannel, createJobsNetwork, projectVariable, regionVariable } from './variables';

/** What the model receives per request, as the endpoint's request-response log holds it. */
export const customerSpendRequests = new TableSchema({
  name: 'customer_spend_requests',
  fields: [
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'avg_basket_30d', type: FieldType.FLOAT64 },
    { name: 'requested_at', type: FieldType.TIMESTAMP },
  ],
  eventTime: 'requested_at',
});

/** An endpoint with request-response logging, its training pipeline, and the drift monitor that closes the loop. */
export class GcpDriftMonitorStack extends TerraformStack {
  /** The lake: training data, captured requests, drift tables. */
  public readonly lake: DataLake;
  /** The endpoint whose captures are monitored. */
  public readonly endpoint: ModelEndpoint;
  /** The pipeline the monitor starts. */
  public readonly pipeline: TrainingPipeline;
  /** The drift monitor. */
  public readonly monitor: DriftMonitor;
  /** The account a dashboard (Looker Studio, Grafana) reads the drift results as. */
  public readonly resultsReader: ServiceAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this).stringValue;
    const region = regionVariable(this).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-drift', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: `${project}-drift`, location: region, encryptionKey: key, tables: [{ zone: 'curated', schema: customerDaily }],
    });
    const jobs = createJobsNetwork(this, { name: 'ml-drift' });
    // Vertex AI jobs only (no GKE cluster): nothing bills while no job runs.
    const training = new GpuTrainingCluster(this, 'Training', { lake: this.lake, location: region, network: jobs.network.id, gkeCluster: false, prefix: 'ml-drift' });
    const registry = new ModelRegistry(this, 'Registry', { lake: this.lake, modelId: 'customer-spend' });
    const oncall = [createAlertEmailChannel(this, 'OnCall', 'ML on-call (training and drift)').name];
    this.pipeline = new TrainingPipeline(this, 'Pipeline', {
      lake: this.lake,
      training,
      registry,
      spec: new TrainingPipelineSpec({
        name: 'customer-spend',
        schema: customerDaily,
        label: 'spend_7d',
        window: TrainingWindow.lastDays(90),
        metric: EvaluationMetric.RMSE,
        bar: 250,
        promotion: PromotionPolicy.whenBetter({ margin: 1 }),
      }),
      notificationChannels: oncall,
    });

    this.endpoint = new ModelEndpoint(this, 'Endpoint', {
      prefix: 'customer-spend',
      region,
      encryptionKey: key,
      captureLake: this.lake,
      captureSamplingPercentage: 25,
    });

    this.monitor = new DriftMonitor(this, 'Drift', {
      spec: new DriftSpec({
        schema: customerSpendRequests,
        fieldOptions: [{ field: 'spend_7d', bins: 20, thresholds: { psi: { alarm: 0.25 } } }],
      }),
      lake: this.lake,
      endpoint: this.endpoint,
      baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'customer-daily-2026-q4' }),
      retrain: this.pipeline,
      notificationChannels: oncall,
      prefix: 'customer-spend',
    });
    this.resultsReader = new ServiceAccount(this, 'ResultsReader', { accountId: 'drift-results-reader', displayName: 'Drift dashboard (reads the drift results)' });
    this.monitor.grantReadResults(this.resultsReader.member);
    new TerraformOutput(this, 'DriftWorkflowId', {
      description: 'Run the monitor now (or backfill a window with {"windowEnd": "<RFC 3339 time>"}): gcloud workflows run <name> --location <region>.',
      value: this.monitor.workflowId,
    });
  }
}

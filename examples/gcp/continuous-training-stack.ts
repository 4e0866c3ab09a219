/**
 * Google Cloud example, maturity level 1 (continuous training): every day at 03:00 UTC a Cloud
 * Workflows pipeline materializes a dataset version of the curated `customer_daily` table
 * (BigQuery EXPORT DATA), trains an XGBoost regressor on Vertex AI with the prebuilt container,
 * evaluates it, and registers it in the Vertex AI Model Registry when it clears the bar —
 * promoted to champion when it beats the current one. The same spec drives the AWS twin
 * (Step Functions, SageMaker).
 *
 * Deploys as it is: `terraform apply -var project=<project id> -var region=<region>
 * -var alert_email=<address>`. The stack creates the network the training jobs peer with, the
 * e-mail channel the pipeline's alerts go to, and the release account that may approve and start.
 * Only the Vertex AI jobs' launch profile is created (`gkeCluster: false`): nothing bills while no
 * job runs.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EvaluationMetric, PromotionPolicy, TrainingPipelineSpec, TrainingWindow } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline } from 'mlops-constructs/gcp';
import { customerDaily } from '../schemas';
import { createAlertEmailChannel, createJobsNetwork, projectVariable, regionVariable } from './variables';

/** A scheduled training pipeline over a CMEK-encrypted regional lake, registering into a model registry. */
export class GcpContinuousTrainingStack extends TerraformStack {
  /** The lake. */
  public readonly lake: DataLake;
  /** Training capacity and the custom-job profile. */
  public readonly training: GpuTrainingCluster;
  /** The model registry. */
  public readonly registry: ModelRegistry;
  /** The pipeline. */
  public readonly pipeline: TrainingPipeline;
  /** The account of the team's deployment pipeline, which promotes champions and starts runs by hand when needed. */
  public readonly releaseAccount: ServiceAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this).stringValue;
    const region = regionVariable(this).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-training', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: `${project}-ct`, location: region, encryptionKey: key, tables: [{ zone: 'curated', schema: customerDaily }],
    });
    const jobs = createJobsNetwork(this, { name: 'ml-training' });
    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      location: region,
      network: jobs.network.id, // with private services access: Vertex AI jobs peer with it
      gkeCluster: false,
      prefix: 'ml-ct',
    });
    this.releaseAccount = new ServiceAccount(this, 'Release', { accountId: 'ml-release', displayName: 'Release pipeline (approves champions, starts runs)' });
    const oncall = createAlertEmailChannel(this, 'OnCall', 'ML on-call (training pipeline)');
    this.registry = new ModelRegistry(this, 'Registry', { lake: this.lake, modelId: 'customer-spend' });
    this.registry.grantApprove(this.releaseAccount.member);

    this.pipeline = new TrainingPipeline(this, 'Pipeline', {
      lake: this.lake,
      training: this.training,
      registry: this.registry,
      spec: new TrainingPipelineSpec({
        name: 'customer-spend',
        schema: customerDaily,
        label: 'spend_7d',
        window: TrainingWindow.lastDays(90),
        metric: EvaluationMetric.RMSE,
        bar: 250,
        promotion: PromotionPolicy.whenBetter({ margin: 1 }),
      }),
      notificationChannels: [oncall.name],
    });
    this.pipeline.grantStart(this.releaseAccount.member);
    new TerraformOutput(this, 'WorkflowId', {
      description: 'Start a run: gcloud workflows run <name> --location <region>, or POST .../executions on this id.',
      value: this.pipeline.workflowId,
    });
  }
}

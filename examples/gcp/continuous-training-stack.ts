/**
 * Google Cloud example, maturity level 1 (continuous training): every day at 03:00 UTC a Cloud
 * Workflows pipeline materializes a dataset version of the curated `customer_daily` table
 * (BigQuery EXPORT DATA), trains an XGBoost regressor on Vertex AI with the prebuilt container,
 * evaluates it, and registers it in the Vertex AI Model Registry when it clears the bar —
 * promoted to champion when it beats the current one. The same spec drives the AWS twin
 * (Step Functions, SageMaker).
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EvaluationMetric, PromotionPolicy, TrainingPipelineSpec, TrainingWindow } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline } from 'mlops-constructs/gcp';
import { customerDaily } from '../schemas';

/** The service account of the team's deployment pipeline, which promotes champions by hand when needed. */
const RELEASE = 'serviceAccount:release@acme-ml-dev.iam.gserviceaccount.com';

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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'europe-west4';
    new GoogleProvider(this, 'google', { project: 'acme-ml-dev', region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'acme-ml-training', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: 'acme-ml-ct', location: region, encryptionKey: key, tables: [{ zone: 'curated', schema: customerDaily }],
    });
    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      location: region,
      network: 'ml-vpc', // with private services access: Vertex AI jobs peer with it
      subnetwork: 'ml-europe-west4',
    });
    this.registry = new ModelRegistry(this, 'Registry', { lake: this.lake, modelId: 'customer-spend' });
    this.registry.grantApprove(RELEASE);

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
      notificationChannels: ['projects/acme-ml-dev/notificationChannels/4242'],
    });
    this.pipeline.grantStart(RELEASE);
    new TerraformOutput(this, 'WorkflowId', {
      description: 'Start a run: gcloud workflows run <name> --location <region>, or POST .../executions on this id.',
      value: this.pipeline.workflowId,
    });
  }
}

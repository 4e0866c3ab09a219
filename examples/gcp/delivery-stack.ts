/**
 * Google Cloud example, maturity level 2 (CI/CD): the platform's cdktf app is delivered by Cloud
 * Build — each push to `main` is installed, tested, synthesized, planned and applied to the
 * staging project, then waits for a release manager's approval before the same steps run for
 * production — and its Cloud Run service rolls out through Cloud Deploy (staging, then a canary
 * in production that also needs approval). Each version the model registry announces as
 * `champion` goes through the same path. Terraform state lives in a CMEK-encrypted, versioned,
 * retained bucket this stack creates; the app's stacks point their GCS backend at it.
 *
 * Day one, by hand: authorize the GitHub connection in the console, apply this stack, then
 * migrate its own state into the bucket (README, "Delivery: day-one steps"). Every id is a
 * variable validated at plan time:
 *
 *     terraform apply -var project=<build project> -var region=<region> \
 *       -var staging_project=<project> -var production_project=<project> -var repository=<owner/name>
 *
 * (and `-var connection=<id>` when the connection is not named `github`). Production builds and
 * rollouts wait for an approval by whoever holds the approver roles on the build project (its
 * owners, or the release managers you grant `roles/cloudbuild.builds.approver` and
 * `roles/clouddeploy.approver`; `ProductionApproval.manual({ approvers: ['group:…'] })` grants
 * them from the stack).
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, DeliveryPipeline, ModelRegistry, ProductionApproval } from 'mlops-constructs/gcp';
import { connectionVariable, projectVariable, regionVariable, repositoryVariable } from './variables';

/** A delivery pipeline for the platform repository, with model delivery from the registry and Cloud Run rollouts. */
export class GcpDeliveryStack extends TerraformStack {
  /** The lake holding the registry's artifacts. */
  public readonly lake: DataLake;
  /** The model registry whose champions are delivered. */
  public readonly registry: ModelRegistry;
  /** The delivery pipeline. */
  public readonly delivery: DeliveryPipeline;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this, { description: 'The build project: triggers, build accounts, state bucket, registry and Cloud Deploy pipeline.' }).stringValue;
    const region = regionVariable(this).stringValue;
    const stagingProject = projectVariable(this, { name: 'staging_project', description: 'The project the staging stack deploys into.', namesBuckets: false }).stringValue;
    const productionProject = projectVariable(this, { name: 'production_project', description: 'The project the production stack deploys into (another than staging).', namesBuckets: false }).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-delivery', location: region });
    const key = new KmsCryptoKey(this, 'DeliveryKey', {
      name: 'delivery',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', { prefix: `${project}-cd`, location: region, encryptionKey: key });
    this.registry = new ModelRegistry(this, 'Registry', { lake: this.lake, modelId: 'churn' });

    this.delivery = new DeliveryPipeline(this, 'Delivery', {
      prefix: 'ml',
      bucketPrefix: `${project}-ml`, // bucket names are global: named after the project
      repository: repositoryVariable(this).stringValue,
      connection: connectionVariable(this).stringValue, // created and authorized once in the console
      region,
      encryptionKey: key,
      stagingProject,
      productionProject,
      // What the app's stacks create: Cloud Run services, Pub/Sub, BigQuery tables and their IAM.
      deployRoles: ['roles/run.developer', 'roles/pubsub.editor', 'roles/bigquery.dataEditor'],
      productionApproval: ProductionApproval.manual(),
      modelRegistry: this.registry,
      cloudRunDelivery: { imageName: 'churn-api', canaryPercentages: [10, 50] },
    });
    new TerraformOutput(this, 'StagingBackend', {
      description: 'The GCS backend of the staging stack: new GcsBackend(stack, { bucket, prefix }), or terraform init -backend-config=bucket=<bucket> -backend-config=prefix=<prefix>.',
      value: this.delivery.stagingBackend,
    });
    new TerraformOutput(this, 'ProductionBackend', {
      description: 'The GCS backend of the production stack.',
      value: this.delivery.productionBackend,
    });
  }
}

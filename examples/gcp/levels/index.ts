/**
 * The Google Cloud reference architectures of the maturity levels 0–3: one Terraform stack per
 * level, `mlops-level-<N>-gcp`, each an {@link MlopsPlatform} at that level over the shared churn
 * model (examples/schemas.ts).
 *
 * Zero literals to replace: the project and region (and, at levels 2 and 3, the repository) are
 * Terraform variables, validated at plan time, and the stack enables the APIs its level uses (`google_project_service`, never disabled
 * on destroy: other workloads of the project may use them). After `npm run synth`:
 *
 *     cd cdktf.out/stacks/mlops-level-1-gcp
 *     terraform init && terraform apply -var project=<project id> -var region=<region>
 *
 * (levels 2 and 3: also `-var repository=<owner/name>`, and `-var connection=<id>` when the
 * Cloud Build connection is not named `github`).
 *
 * Names do not depend on the level, so growing from level N to N+1 is re-synthesizing with the
 * next level and applying in the same state: the lake, the key, the topics and the feature store
 * are kept (tested). Key rings cannot be deleted in Cloud KMS: the key ring `mlops-platform` and
 * its key outlive a destroy, and a new apply in the same project and region imports them
 * (`terraform import`) instead of creating them.
 */
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, dependable, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { MlopsPlatform } from 'mlops-constructs/gcp';
import { churnRetraining, churnTraining, orders } from '../../schemas';
import { connectionVariable, createJobsNetwork, PROJECT_PATTERN, projectVariable, REGION_PATTERN, regionVariable, repositoryVariable } from '../variables';

/**
 * The APIs each level adds, by the level that first needs them: level N enables those of the
 * levels 0 to N.
 */
export const LEVEL_APIS: readonly (readonly string[])[] = [
  [
    'cloudresourcemanager.googleapis.com', // project lookups and project IAM members
    'iam.googleapis.com', // service accounts and custom roles
    'cloudkms.googleapis.com', // the platform key
    'storage.googleapis.com', // lake buckets
    'bigquery.googleapis.com', // lake datasets and tables
    'pubsub.googleapis.com', // the registry's announcement topic
    'aiplatform.googleapis.com', // the model registry and the endpoint
  ],
  [
    'compute.googleapis.com', // the jobs' network
    'servicenetworking.googleapis.com', // private services access for Vertex AI jobs
    'workflows.googleapis.com', // the training pipeline
    'cloudscheduler.googleapis.com', // its schedule
    'monitoring.googleapis.com', // the stream's and the pipeline's alert policies
    'logging.googleapis.com', // the workflow's logs
  ],
  [
    'cloudbuild.googleapis.com', // the delivery pipeline's triggers and 2nd-gen repository
  ],
  [
    // The drift monitor uses the APIs of level 1: Workflows, Cloud Scheduler, BigQuery, Cloud Monitoring.
  ],
];

/**
 * The repository and connection of the delivery pipeline (levels 2 and 3) are Terraform variables
 * too: `repository` (required, `owner/name`, validated) names the GitHub repository of the app the
 * pipeline delivers, `connection` (default `github`) the Cloud Build 2nd-gen connection that
 * reads it, created and authorized once in the console in the project and region. So the level-2
 * and level-3 command is `terraform apply -var project=… -var region=… -var repository=owner/name`.
 */
/** The APIs of `level`: those of the levels 0 to `level`. */
export function levelApis(level: number): string[] {
  return LEVEL_APIS.slice(0, level + 1).flat();
}

/** Project ids the reference stacks accept (see {@link PROJECT_PATTERN}). */
export const LEVEL_PROJECT_PATTERN = PROJECT_PATTERN;

/** Regions the reference stacks accept (see {@link REGION_PATTERN}). */
export const LEVEL_REGION_PATTERN = REGION_PATTERN;

/** A Terraform stack holding one MLOps platform at a level, its key, its network (level ≥ 1) and the APIs it needs. */
export class GcpMlopsLevelStack extends TerraformStack {
  /** The platform. */
  public readonly platform: MlopsPlatform;
  /** The project variable. */
  public readonly project: TerraformVariable;
  /** The region variable. */
  public readonly region: TerraformVariable;
  /** The repository variable (levels 2 and 3): the GitHub repository, `owner/name`, of the app the pipeline delivers. */
  public readonly repository?: TerraformVariable;
  /** The connection variable (levels 2 and 3): the Cloud Build 2nd-gen connection id that reads the repository. */
  public readonly connection?: TerraformVariable;
  /** The enabled APIs. */
  public readonly services: ProjectService[];
  /** The jobs' network (level ≥ 1). */
  public readonly network?: ComputeNetwork;

  constructor(scope: Construct, id: string, level: number) {
    super(scope, id);
    this.project = projectVariable(this, { description: 'The Google Cloud project id to deploy the platform into.' });
    this.region = regionVariable(this);
    if (level >= 2) {
      this.repository = repositoryVariable(this);
      this.connection = connectionVariable(this);
    }
    const project = this.project.stringValue;
    const region = this.region.stringValue;
    new GoogleProvider(this, 'google', { project, region });

    this.services = levelApis(level).map((service) => new ProjectService(this, `Api-${service.split('.')[0]}`, {
      project, service, disableOnDestroy: false,
    }));

    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'mlops-platform', location: region, dependsOn: this.services });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });

    let network: string | undefined;
    const peering: TerraformResource[] = [];
    if (level >= 1) {
      // Vertex AI custom jobs peer with this network through private services access; no
      // subnetwork is needed (the jobs get addresses from the reserved range).
      const jobs = createJobsNetwork(this, { name: 'mlops-platform', dependsOn: this.services });
      this.network = jobs.network;
      network = jobs.network.id;
      peering.push(jobs.peering);
    }

    this.platform = new MlopsPlatform(this, 'Platform', {
      level,
      prefix: 'mlops',
      lakePrefix: `${project}-mlops`,
      // Level 3 promotes a retrained version only when it beats the champion; the same model below.
      training: level >= 3 ? churnRetraining : churnTraining,
      events: orders,
      project,
      region,
      encryptionKey: key,
      network,
      // A reference stack lives in one project: the delivered app's staging and production stacks
      // share it (allowSharedEnvironment); give them projects of their own in a real setup.
      delivery: this.repository !== undefined && this.connection !== undefined ? {
        repository: this.repository.stringValue,
        connection: this.connection.stringValue,
        allowSharedEnvironment: true,
      } : undefined,
    });
    // Every resource and data source of the platform waits for the APIs (and the peering).
    const waitFor = [...this.services, ...peering].map((d) => dependable(d));
    for (const child of this.platform.node.findAll()) {
      if (child instanceof TerraformResource || child instanceof TerraformDataSource) {
        child.dependsOn = [...(child.dependsOn ?? []), ...waitFor];
      }
    }

    new TerraformOutput(this, 'EndpointResourceName', {
      description: 'The Vertex AI endpoint: deploy a registered version onto it with projects.locations.endpoints.deployModel.',
      value: this.platform.endpoint.endpointResourceName,
    });
    new TerraformOutput(this, 'ModelResourceName', {
      description: 'The registry\'s Vertex AI model: upload versions with models.upload (level 0: by hand; level 1: the pipeline).',
      value: this.platform.registry.modelResourceName,
    });
    if (this.platform.deliveryPipeline !== undefined) {
      new TerraformOutput(this, 'StagingBackend', {
        description: 'The GCS backend of the delivered app\'s staging stack (new GcsBackend(stack, { bucket, prefix })).',
        value: this.platform.deliveryPipeline.stagingBackend,
      });
    }
    if (this.platform.driftMonitor !== undefined) {
      new TerraformOutput(this, 'DriftWorkflowId', {
        description: 'Run the drift monitor now: gcloud workflows run <name> --location <region>.',
        value: this.platform.driftMonitor.workflowId,
      });
    }
    if (this.platform.pipeline !== undefined) {
      new TerraformOutput(this, 'WorkflowId', {
        description: 'Start a training run now: gcloud workflows run <name> --location <region>.',
        value: this.platform.pipeline.workflowId,
      });
    }
  }
}

/** The reference stack of `level`, `mlops-level-<level>-gcp`. */
export function createLevelStack(app: App, level: number): GcpMlopsLevelStack {
  return new GcpMlopsLevelStack(app, `mlops-level-${level}-gcp`, level);
}

/** The levels this build has reference stacks for. */
export const GCP_LEVELS: readonly number[] = [0, 1, 2, 3];

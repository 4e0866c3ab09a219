/**
 * The Google Cloud reference architectures of the maturity levels 0–3: one Terraform stack per
 * level, `mlops-level-<N>-gcp`, each an {@link MlopsPlatform} at that level over the shared churn
 * model (examples/schemas.ts).
 *
 * Zero literals to replace: the project and region are Terraform variables, validated at plan
 * time, and the stack enables the APIs its level uses (`google_project_service`, never disabled
 * on destroy: other workloads of the project may use them). After `npm run synth`:
 *
 *     cd cdktf.out/stacks/mlops-level-1-gcp
 *     terraform init && terraform apply -var project=<project id> -var region=<region>
 *
 * Names do not depend on the level, so growing from level N to N+1 is re-synthesizing with the
 * next level and applying in the same state: the lake, the key, the topics and the feature store
 * are kept (tested). Key rings cannot be deleted in Cloud KMS: the key ring `mlops-platform` and
 * its key outlive a destroy, and a new apply in the same project and region imports them
 * (`terraform import`) instead of creating them.
 */
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { App, dependable, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { VERTEX_PREBUILT_REPOSITORIES } from 'mlops-constructs';
import { MlopsPlatform } from 'mlops-constructs/gcp';
import { churnRetraining, churnTraining, orders } from '../../schemas';

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
 * The context keys naming what a delivery pipeline (levels 2 and 3) builds from: the app's
 * repository and the Cloud Build 2nd-gen connection that reads it (created and authorized once in
 * the console, in the region). Set them in cdktf.json's `context` (or `new App({ context })`).
 */
export const REPOSITORY_CONTEXT = 'mlops-constructs:repository';
/** See {@link REPOSITORY_CONTEXT}. */
export const CONNECTION_CONTEXT = 'mlops-constructs:connection';
/** The repository built when the context names none: this example's own layout, to be replaced by yours (the same default as the AWS stacks). */
export const DEFAULT_REPOSITORY = 'acme/ml-platform';
/** The connection id used when the context names none: create the connection under this id, or name yours in the context. */
export const DEFAULT_CONNECTION = 'github';

/** The APIs of `level`: those of the levels 0 to `level`. */
export function levelApis(level: number): string[] {
  return LEVEL_APIS.slice(0, level + 1).flat();
}

/**
 * Project ids the reference stack accepts: the plain form (the lake's bucket names start with
 * the project id, so a domain-scoped id, `example.com:proj`, cannot be one).
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin
 */
export const LEVEL_PROJECT_PATTERN = '^[a-z][a-z0-9-]{4,28}[a-z0-9]$';

/**
 * Regions the reference stack accepts: Compute Engine regions of the continents whose Artifact
 * Registry repositories publish Vertex AI's prebuilt XGBoost images (the pipeline's default
 * training image and the registry's serving image).
 */
export const LEVEL_REGION_PATTERN = `^(${Object.values(VERTEX_PREBUILT_REPOSITORIES).flat().join('|')})-[a-z]+[0-9]+$`;

/** A Terraform stack holding one MLOps platform at a level, its key, its network (level ≥ 1) and the APIs it needs. */
export class GcpMlopsLevelStack extends TerraformStack {
  /** The platform. */
  public readonly platform: MlopsPlatform;
  /** The project variable. */
  public readonly project: TerraformVariable;
  /** The region variable. */
  public readonly region: TerraformVariable;
  /** The enabled APIs. */
  public readonly services: ProjectService[];
  /** The jobs' network (level ≥ 1). */
  public readonly network?: ComputeNetwork;

  constructor(scope: Construct, id: string, level: number) {
    super(scope, id);
    this.project = new TerraformVariable(this, 'project', {
      type: 'string',
      description: 'The Google Cloud project id to deploy the platform into.',
      validation: [
        { condition: `\${can(regex("${LEVEL_PROJECT_PATTERN}", var.project))}`, errorMessage: 'project must be a project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (not domain-scoped).' },
        { condition: '${!startswith(var.project, "goog") && !strcontains(var.project, "google")}', errorMessage: 'project must not start with "goog" nor contain "google": the lake\'s bucket names start with it, and Cloud Storage refuses those.' },
      ],
    });
    this.region = new TerraformVariable(this, 'region', {
      type: 'string',
      description: 'The region of every resource, such as europe-west4 or us-central1.',
      validation: [
        { condition: `\${can(regex("${LEVEL_REGION_PATTERN}", var.region))}`, errorMessage: `region must be a Compute Engine region such as "us-central1" of a continent with Vertex AI's prebuilt images (${Object.values(VERTEX_PREBUILT_REPOSITORIES).flat().join(', ')}).` },
      ],
    });
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
      this.network = new ComputeNetwork(this, 'Network', { name: 'mlops-platform', autoCreateSubnetworks: false, dependsOn: this.services });
      const range = new ComputeGlobalAddress(this, 'PrivateServicesRange', {
        name: 'mlops-platform-private-services',
        purpose: 'VPC_PEERING',
        addressType: 'INTERNAL',
        prefixLength: 16,
        network: this.network.id,
      });
      const connection = new ServiceNetworkingConnection(this, 'PrivateServicesAccess', {
        network: this.network.id,
        service: 'servicenetworking.googleapis.com',
        reservedPeeringRanges: [range.name],
      });
      network = this.network.id;
      peering.push(connection);
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
      delivery: level >= 2 ? {
        repository: String(this.node.tryGetContext(REPOSITORY_CONTEXT) ?? DEFAULT_REPOSITORY),
        connection: String(this.node.tryGetContext(CONNECTION_CONTEXT) ?? DEFAULT_CONNECTION),
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

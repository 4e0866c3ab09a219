import type { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { CloudRunV2Service, CloudRunV2ServiceTraffic } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorOffering, acceleratorOfferingByInstanceType, acceleratorOfferings, AcceleratorPlatform, acceleratorProblems, AcceleratorRequest,
  MlopsValidationError, NamingRule, namingProblem, PREFIX_RULE, resolveAccelerator, throwIfProblems,
} from '../core';
import { Annotations, ITerraformDependable, TerraformResource, Token } from './cdktf';
import { cryptoKeyIdProblem, ICryptoKey } from './crypto-key';
import type { DataLake } from './data-lake';
import { flattenIamProps, GcpIamProps, iamMemberProblem } from './iam';
import {
  captureTableId, derivedVertexEndpointId, ENVIRONMENT_VARIABLE_NAME_RULE, invokerRoleId, MACHINE_TYPE_RULE, MODEL_ENDPOINT_REGION_RULE,
  servingAccountId, VERTEX_DEPLOYED_MODEL_ID_RULE, VERTEX_DISPLAY_NAME_MAX_LENGTH, VERTEX_ENDPOINT_ID_RULE, VERTEX_MODEL_NAME_RULE,
} from './private/model-endpoint-names';
import {
  cloudRunResourceProblems, percentProblems, revisionSuffixProblems, TrafficTargetSpec, trafficProblems,
} from './private/model-endpoint-validation';
import { GCP_PROJECT_ID_RULE } from './project';

// ---------------------------------------------------------------------------------------------
// Roles and permissions behind the grants.
// ---------------------------------------------------------------------------------------------

/**
 * `grantInvoke` on Cloud Run: call the service.
 * @see https://cloud.google.com/run/docs/securing/managing-access
 */
const CLOUD_RUN_INVOKER_ROLE = 'roles/run.invoker';
/**
 * `grantInvoke` on Vertex AI: the one permission online prediction needs, in a project custom role
 * (Google's advice for least privilege; the provider has no endpoint-level IAM resource).
 * @see https://cloud.google.com/vertex-ai/docs/general/access-control
 */
const VERTEX_PREDICT_PERMISSIONS = ['aiplatform.endpoints.predict'];
/**
 * `grantDeployModel`: act as the serving account, which deployModel requires of its caller.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#service_account
 */
const ACT_AS_ROLE = 'roles/iam.serviceAccountUser';
/** What service agents need on a customer-managed key. */
const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';
/** Writing captures: create the capture table and add rows to it, on the capture dataset only. */
const CAPTURE_WRITER_ROLE = 'roles/bigquery.dataEditor';

/**
 * Service agents, by their email domain: `service-<project number>@<domain>`.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint (example: the Vertex AI service agent on the key)
 * @see https://github.com/GoogleCloudPlatform/cloud-foundation-fabric/tree/master/modules/cloud-run-v2 (the Cloud Run service agent on the key)
 */
const VERTEX_SERVICE_AGENT_DOMAIN = 'gcp-sa-aiplatform.iam.gserviceaccount.com';
const CLOUD_RUN_SERVICE_AGENT_DOMAIN = 'serverless-robot-prod.iam.gserviceaccount.com';

// ---------------------------------------------------------------------------------------------
// Defaults, in one place.
// ---------------------------------------------------------------------------------------------

const DEFAULT_REGION = 'us-central1';
/** Vertex AI's own default machine for a deployed model. */
const DEFAULT_VERTEX_MACHINE_TYPE = 'n1-standard-2';
const DEFAULT_CLOUD_RUN_CPU = 2;
const DEFAULT_CLOUD_RUN_MEMORY_GIB = 4;
const DEFAULT_CLOUD_RUN_PORT = 8080;
const DEFAULT_CAPTURE_ZONE = 'raw';
const DEFAULT_CAPTURE_SAMPLING_PERCENTAGE = 100;
const LABELS: Record<string, string> = { 'managed-by': 'mlops-constructs' };
/**
 * Accelerator-optimized families carry their GPUs: a machine type of these families is always
 * deployed with its accelerators (N1 machines take attached GPUs or none).
 * @see https://cloud.google.com/compute/docs/accelerator-optimized-machines
 */
const GPU_BUNDLED_MACHINE_FAMILIES = ['a2', 'a3', 'g2'];
/** Environment variables the endpoint sets on a Cloud Run container that captures. */
const CAPTURE_TABLE_VARIABLE = 'MLOPS_CAPTURE_TABLE';
const CAPTURE_SAMPLING_VARIABLE = 'MLOPS_CAPTURE_SAMPLING_PERCENTAGE';

/**
 * Stable id of the synth-time warning a ModelEndpoint gets when it is reachable from the internet
 * (`ModelEndpointVertexAccess.DEDICATED_PUBLIC`, `ModelEndpointCloudRunIngress.ALL`).
 */
export const MODEL_ENDPOINT_PUBLIC_ACCESS_WARNING = 'mlops-constructs:model-endpoint-public-access';
/** Stable id of the synth-time warning a Cloud Run ModelEndpoint gets without deletion protection. */
export const MODEL_ENDPOINT_NO_DELETION_PROTECTION_WARNING = 'mlops-constructs:model-endpoint-no-deletion-protection';

/** Where a ModelEndpoint serves (enum). */
export enum ModelEndpointPlatform {
  /**
   * A Vertex AI endpoint. Terraform creates the endpoint; a pipeline deploys models onto it with
   * the Vertex AI API (see `ModelEndpoint.deployModelRequest`).
   */
  VERTEX_AI = 'vertex-ai',
  /** A Cloud Run (v2) service running a custom serving container, with an L4 GPU if asked. */
  CLOUD_RUN = 'cloud-run',
}

/** Which clients can reach a Vertex AI endpoint (enum). */
export enum ModelEndpointVertexAccess {
  /**
   * Private Service Connect, with IAM authorization (`enable_secure_private_service_connect`):
   * clients in the allowed projects reach it through a forwarding rule in their VPC network.
   * Google's recommendation for production.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/private-service-connect
   */
  PRIVATE_SERVICE_CONNECT = 'private-service-connect',
  /**
   * VPC Network Peering to `vertexNetwork` (private services access must be set up on it). Such
   * an endpoint serves one model: no traffic split, so no canary.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints
   */
  VPC_PEERING = 'vpc-peering',
  /**
   * A dedicated public endpoint: reachable from the internet, authorized by IAM. GCP-VAI6 reports
   * it; acknowledge it with the reason the endpoint must be public.
   * @see https://cloud.google.com/vertex-ai/docs/predictions/choose-endpoint-type
   */
  DEDICATED_PUBLIC = 'dedicated-public',
}

/**
 * Which sources may send requests to a Cloud Run service (enum).
 * @see https://cloud.google.com/run/docs/securing/ingress
 */
export enum ModelEndpointCloudRunIngress {
  /** VPC networks of the project, Shared VPC, VPC Service Controls perimeters, internal load balancers. */
  INTERNAL_ONLY = 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  /** Internal sources and Cloud Load Balancing (put Cloud Armor or IAP in front). */
  INTERNAL_AND_CLOUD_LOAD_BALANCING = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  /** The internet. GCP-RUN2 reports it; acknowledge it with the reason. */
  ALL = 'INGRESS_TRAFFIC_ALL',
}

/**
 * A share of a Cloud Run service's requests: to the latest ready revision, or to a revision named
 * by its suffix (`<service>-<suffix>`, see `cloudRunRevisionSuffix`).
 *
 * @example
 * // canary: 10 % to the revision this deployment creates, 90 % to the stable one
 * cloudRunRevisionSuffix: 'v2',
 * cloudRunTraffic: ModelEndpointTrafficTarget.canary('v1', 10),
 */
export class ModelEndpointTrafficTarget {
  /** `percent` of requests to the latest ready revision. */
  public static latest(percent: number): ModelEndpointTrafficTarget {
    return new ModelEndpointTrafficTarget(undefined, percent);
  }

  /** `percent` of requests to the revision `<service>-<revisionSuffix>`. */
  public static revision(revisionSuffix: string, percent: number): ModelEndpointTrafficTarget {
    return new ModelEndpointTrafficTarget(revisionSuffix, percent);
  }

  /**
   * A canary split: `canaryPercent` to the latest revision (the one this deployment creates),
   * the rest to the stable revision `<service>-<stableRevisionSuffix>`.
   */
  public static canary(stableRevisionSuffix: string, canaryPercent: number): ModelEndpointTrafficTarget[] {
    return [
      ModelEndpointTrafficTarget.latest(canaryPercent),
      ModelEndpointTrafficTarget.revision(stableRevisionSuffix, typeof canaryPercent === 'number' ? 100 - canaryPercent : canaryPercent),
    ];
  }

  private constructor(
    /** The revision suffix, or `undefined` for the latest ready revision. */
    public readonly revisionSuffix: string | undefined,
    /** Percent of requests, a whole number from 0 to 100. */
    public readonly percent: number,
  ) {}
}

/** The behavioural contract of a model endpoint. */
export interface IModelEndpoint extends IConstruct {
  /** Where it serves. */
  readonly platform: ModelEndpointPlatform;
  /**
   * The endpoint's resource name: `projects/<project>/locations/<region>/endpoints/<id>` (Vertex
   * AI) or `projects/<project>/locations/<region>/services/<name>` (Cloud Run).
   */
  readonly endpointName: string;
  /** The service account the model's container runs as. */
  readonly servingAccount: ServiceAccount;

  /**
   * Lets `member` send prediction requests. Cloud Run: `roles/run.invoker` on the service.
   * Vertex AI: a project custom role holding only `aiplatform.endpoints.predict`, granted on the
   * project — so it covers every endpoint of the project, because the google provider has no
   * endpoint-level IAM resource; keep endpoints that need separate callers in separate projects.
   * @returns the IAM resources, to depend on
   */
  grantInvoke(member: string): ITerraformDependable[];
}

/**
 * Props of {@link ModelEndpoint}.
 *
 * Props starting with `vertex` apply to `platform: VERTEX_AI`, props starting with `cloudRun` to
 * `platform: CLOUD_RUN`; giving one to the other platform is an error. The rest apply to both:
 *
 * | prop                       | Vertex AI                                          | Cloud Run                                      |
 * |----------------------------|----------------------------------------------------|------------------------------------------------|
 * | accelerator                | machine spec of the deployModel body (catalog)     | L4 on the revision (`nvidia-l4`, 1 per instance) |
 * | minReplicas / maxReplicas  | dedicatedResources min/maxReplicaCount (min ≥ 1)   | template scaling min/maxInstanceCount (min ≥ 0) |
 * | encryptionKey              | `encryption_spec` (key in the endpoint's region)   | `template.encryption_key`                      |
 * | captureLake / Zone / …     | request-response logging to BigQuery, by Vertex AI | grants + env vars; the container writes captures |
 * | iam                        | refused (no endpoint IAM resource in Terraform)    | `roles/run.*` roles on the service             |
 */
export interface ModelEndpointProps extends GcpIamProps {
  /**
   * Prefix of every name: the Vertex AI display name and the derived endpoint id, the Cloud Run
   * service name, the serving service account (`<prefix>-serving`), the capture table
   * (`<prefix_snake>_request_response_logging`). 1 to 30 characters of lowercase letters, digits
   * and hyphens, starting with a letter; unique per project and region. That fits the Cloud Run
   * service id rule (a letter first, no hyphen last, fewer than 50 characters). Must be literal:
   * the endpoint id is derived from it at synth time.
   * @see https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/create
   */
  readonly prefix: string;

  /**
   * Project of the endpoint, the service account and the grants.
   * @default - the provider's project
   */
  readonly project?: string;

  /**
   * Region of the endpoint or service. Cloud Run GPUs and Vertex AI machine types exist in some
   * regions only: check Google's lists for the region you choose.
   * @default 'us-central1'
   */
  readonly region?: string;

  /**
   * Where the model is served.
   * @default ModelEndpointPlatform.VERTEX_AI
   */
  readonly platform?: ModelEndpointPlatform;

  /**
   * GPUs of one replica, the same neutral request as on AWS. Vertex AI: the catalog's smallest
   * machine type carrying exactly that many GPUs of that type. Cloud Run: L4 only, one per
   * instance. `nodeCount` must be 1 (left out): scale with `minReplicas` / `maxReplicas`.
   * @default - no GPU
   */
  readonly accelerator?: AcceleratorRequest;

  /**
   * Replicas (Vertex AI machines, Cloud Run instances) kept running. At least 1 on Vertex AI, at
   * least 0 on Cloud Run (0 scales to zero: the first request waits for an instance).
   * @default 1
   */
  readonly minReplicas?: number;

  /**
   * Replicas at most, at least `minReplicas` and at least 1.
   * @default - minReplicas (at least 1)
   */
  readonly maxReplicas?: number;

  /**
   * Customer-managed key of the endpoint (Vertex AI: the endpoint and its deployed models, the key
   * must be in the endpoint's region) or of the container image (Cloud Run). The endpoint grants
   * the Vertex AI or Cloud Run service agent `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it.
   * @default - Google-managed encryption (GCP-VAI5 / GCP-RUN3 report it)
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * The lake that receives captured requests and responses, the input of drift monitoring, in the
   * BigQuery dataset of `captureZone`, table `<prefix_snake>_request_response_logging`.
   *
   * Vertex AI: request-response logging creates the table and writes sampled rows; the endpoint
   * grants the Vertex AI service agent `roles/bigquery.dataEditor` on that dataset. Cloud Run has
   * no request logging to BigQuery: the serving account gets the same role on the dataset and the
   * container receives the table (`MLOPS_CAPTURE_TABLE=<project>.<dataset>.<table>`) and the
   * sampling percentage (`MLOPS_CAPTURE_SAMPLING_PERCENTAGE`) to write its captures itself.
   * @default - no capture (GCP-VAI7 reports a Vertex AI endpoint without it)
   */
  readonly captureLake?: DataLake;

  /**
   * The lake zone whose dataset receives the captures.
   * @default 'raw'
   */
  readonly captureZone?: string;

  /**
   * Percent of requests captured, greater than 0 and at most 100 (Vertex AI `sampling_rate` is
   * this divided by 100, a fraction in (0, 1]).
   * @default 100
   */
  readonly captureSamplingPercentage?: number;

  /**
   * Vertex AI: which clients can reach the endpoint.
   * @default ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT
   */
  readonly vertexAccess?: ModelEndpointVertexAccess;

  /**
   * Vertex AI, with `vertexAccess: VPC_PEERING`: the peered network,
   * `projects/<project number>/global/networks/<name>`.
   * @default - none (required with VPC_PEERING)
   */
  readonly vertexNetwork?: string;

  /**
   * Vertex AI, with Private Service Connect: projects whose networks may connect.
   * @default - the endpoint's project
   */
  readonly vertexAllowedProjects?: string[];

  /**
   * Vertex AI: the endpoint id, 1 to 9 digits without a leading zero. Changing it replaces the
   * endpoint (and drops the models deployed on it).
   * @default - 9 digits derived from the prefix
   */
  readonly vertexEndpointId?: string;

  /**
   * Vertex AI: the endpoint's display name, 1 to 128 characters.
   * @default - the prefix
   */
  readonly vertexDisplayName?: string;

  /**
   * Vertex AI: the machine type of the deployModel body. With `accelerator`, one of the catalog's
   * machine types for that GPU count.
   * @default - with accelerator, the catalog's smallest machine for it; without, 'n1-standard-2'
   */
  readonly vertexMachineType?: string;

  /**
   * Cloud Run: the serving container image (Artifact Registry), required on Cloud Run.
   * @default - none
   */
  readonly cloudRunImage?: string;

  /**
   * Cloud Run: the port the container listens on.
   * @default 8080
   */
  readonly cloudRunPort?: number;

  /**
   * Cloud Run: environment variables of the container.
   * @default - none besides the capture variables
   */
  readonly cloudRunEnvironment?: { [name: string]: string };

  /**
   * Cloud Run: vCPUs per instance, 1, 2, 4, 6 or 8; at least 4 with a GPU.
   * @default - 4 with a GPU, else 2
   */
  readonly cloudRunCpu?: number;

  /**
   * Cloud Run: memory per instance in GiB, within what the CPU count allows; at least 16 with a GPU.
   * @default - 16 with a GPU, else 4
   */
  readonly cloudRunMemoryGiB?: number;

  /**
   * Cloud Run: which sources may send requests.
   * @default ModelEndpointCloudRunIngress.INTERNAL_ONLY
   */
  readonly cloudRunIngress?: ModelEndpointCloudRunIngress;

  /**
   * Cloud Run: the suffix of the revision this deployment creates (`<service>-<suffix>`), so that
   * traffic can name it later. Change it with every new image or setting.
   * @default - Cloud Run generates revision names
   */
  readonly cloudRunRevisionSuffix?: string;

  /**
   * Cloud Run: how requests are split between revisions; whole percents adding up to 100. Use
   * `ModelEndpointTrafficTarget.canary(stable, percent)` for a canary rollout, then set all
   * traffic to the latest revision to promote it or to the stable one to roll back.
   * @default - all requests to the latest ready revision
   */
  readonly cloudRunTraffic?: ModelEndpointTrafficTarget[];

  /**
   * Cloud Run with a GPU: keep instances in several zones of the region (costs more than
   * `false`, which the GPU quota of new projects may require).
   * @default true
   */
  readonly cloudRunGpuZonalRedundancy?: boolean;

  /**
   * Cloud Run: refuse to delete the service in Terraform.
   * @default true
   */
  readonly cloudRunDeletionProtection?: boolean;
}

/** Options of {@link ModelEndpoint.deployModelRequest}. */
export interface ModelEndpointDeployModelOptions {
  /**
   * The model to deploy: `projects/<project>/locations/<location>/models/<model>`, optionally
   * `@<version>` — what the pipeline registered.
   */
  readonly model: string;

  /**
   * Display name of the deployed model.
   * @default - the model's display name
   */
  readonly displayName?: string;

  /**
   * Percent of requests the new deployment receives while `stableDeployedModelId` keeps the rest
   * (1 to 99). Needs `stableDeployedModelId`.
   * @default - no canary: the new deployment receives all requests
   */
  readonly canaryTrafficPercentage?: number;

  /**
   * The id of the deployed model serving now (from the endpoint's `deployedModels`), which keeps
   * `100 - canaryTrafficPercentage` percent of requests.
   * @default - no canary
   */
  readonly stableDeployedModelId?: string;
}

/**
 * The machine of one replica in a deployModel body.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/MachineSpec
 */
export interface ModelEndpointMachineSpec {
  /** Machine type, e.g. `g2-standard-4`. */
  readonly machineType: string;
  /** Vertex AI accelerator type, e.g. `NVIDIA_L4`; absent without GPU. */
  readonly acceleratorType?: string;
  /** GPUs per replica; absent without GPU. */
  readonly acceleratorCount?: number;
}

/** The deployedModel of a deployModel body (Vertex AI REST v1 `DeployedModel`). */
export interface ModelEndpointDeployedModel {
  /** The model resource name. */
  readonly model: string;
  /** Display name, when given. */
  readonly displayName?: string;
  /** The serving service account's email: the container runs as it. */
  readonly serviceAccount: string;
  /** Access logs (timestamp and latency per request) to Cloud Logging. */
  readonly enableAccessLogging: boolean;
  /** Machines and replicas. */
  readonly dedicatedResources: {
    /** One replica's machine. */
    readonly machineSpec: ModelEndpointMachineSpec;
    /** Replicas kept running. */
    readonly minReplicaCount: number;
    /** Replicas at most. */
    readonly maxReplicaCount: number;
  };
}

/**
 * What a pipeline sends to deploy a model onto a Vertex AI endpoint:
 * `POST <url>` with `<body>` as JSON, authorized as a member given `grantDeployModel` and Vertex
 * AI's deploy permission (`aiplatform.endpoints.deploy`, e.g. in `roles/aiplatform.user`).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints/deployModel
 */
export interface ModelEndpointDeployModelRequest {
  /** `https://<region>-aiplatform.googleapis.com/v1/<endpoint resource name>:deployModel`. */
  readonly url: string;
  /** The request body. */
  readonly body: {
    /** The deployment. */
    readonly deployedModel: ModelEndpointDeployedModel;
    /** Deployed model id → percent of requests; `"0"` stands for the model being deployed. */
    readonly trafficSplit: { [deployedModelId: string]: number };
  };
}

/**
 * A model endpoint on Google Cloud: a Vertex AI endpoint, or a Cloud Run (v2) service running a
 * custom serving container with an NVIDIA L4 GPU.
 *
 * **Terraform cannot deploy a model onto a Vertex AI endpoint.** The google provider creates the
 * endpoint; deploying, canary traffic and undeploying are calls to the Vertex AI API. This
 * construct creates the endpoint, its serving account and grants, and gives the pipeline what it
 * needs: `endpointName`, and `deployModelRequest({ model, ... })`, the URL and JSON body of
 * `projects.locations.endpoints.deployModel` (machine spec from the accelerator catalog, replicas,
 * serving account, traffic split), which the pipeline POSTs after registering the model. The
 * library runs no gcloud or null_resource workaround.
 *
 * Secure by default:
 * - Vertex AI: Private Service Connect with IAM authorization, CMEK when `encryptionKey` is given
 *   (the service agent is granted the key and the endpoint waits for the grant), request-response
 *   logging into the lake when `captureLake` is given, a dedicated serving account with no roles.
 * - Cloud Run: ingress internal only, a dedicated service account with no roles (captures aside),
 *   CMEK when given, invoker grants only through `grantInvoke`/`iam` (public members refused),
 *   deletion protection, revision traffic split for canaries.
 * - Weakening a default (internet access, no deletion protection) adds a synth-time warning with
 *   a stable id (`MODEL_ENDPOINT_PUBLIC_ACCESS_WARNING`, `MODEL_ENDPOINT_NO_DELETION_PROTECTION_WARNING`);
 *   the policy pack reports internet access too (GCP-VAI6, GCP-RUN2).
 *
 * On Vertex AI the serving container image belongs to the Model the pipeline registers; on
 * Cloud Run it is `cloudRunImage`, and a new image or setting is a new revision.
 *
 * Construct ids: `Resource` (the endpoint or service), `ServingAccount`, `Encryption/*`,
 * `Capture/*`, `InvokerRole`, `Project` (a data source), `Iam/<role>=<member>`. No resource of
 * the endpoint holds data of its own: captures go to the lake's dataset, which the lake retains.
 *
 * What only a deploy can show: that the Vertex AI service agent exists (Google creates it when
 * the API is first used), that request-response logging writes with the granted role, and that
 * the region offers the chosen GPU.
 *
 * @example
 * const endpoint = new ModelEndpoint(stack, 'Churn', {
 *   prefix: 'churn', encryptionKey: key, captureLake: lake,
 *   accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
 * });
 * new TerraformOutput(stack, 'DeployModel', { value: endpoint.deployModelRequest({ model: modelName }) });
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service
 * @see https://cloud.google.com/run/docs/configuring/services/gpu
 */
export class ModelEndpoint extends Construct implements IModelEndpoint {
  /** Where the model is served. */
  public readonly platform: ModelEndpointPlatform;
  /** The name prefix. */
  public readonly prefix: string;
  /** The project given in props; `undefined` means the provider's project. */
  public readonly project?: string;
  /** The region. */
  public readonly region: string;
  /** The service account the model's container runs as. */
  public readonly servingAccount: ServiceAccount;
  /** The Vertex AI endpoint (platform VERTEX_AI). */
  public readonly vertexEndpoint?: VertexAiEndpoint;
  /** The Vertex AI endpoint id (platform VERTEX_AI). */
  public readonly vertexEndpointId?: string;
  /** The Cloud Run service (platform CLOUD_RUN). */
  public readonly cloudRunService?: CloudRunV2Service;
  /** The customer-managed key, when one was given. */
  public readonly encryptionKey?: ICryptoKey;
  /** `<project>.<dataset>.<table>` receiving captures, when capture is on. */
  public readonly captureTable?: string;

  /** Replicas kept running. */
  public readonly minReplicas: number;
  /** Replicas at most. */
  public readonly maxReplicas: number;

  private readonly vertexMachineSpec?: ModelEndpointMachineSpec;
  private readonly vertexAccess?: ModelEndpointVertexAccess;
  private readonly grants = new Map<string, TerraformResource>();
  private projectData?: DataGoogleProject;
  private invokerRole?: ProjectIamCustomRole;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a prefix');
    }
    this.prefix = this.literalName('prefix', PREFIX_RULE, props.prefix, 'the endpoint id and service account id are derived from it');
    this.project = props.project === undefined ? undefined : this.validName('project', GCP_PROJECT_ID_RULE, props.project);
    this.region = props.region === undefined ? DEFAULT_REGION : this.validName('region', MODEL_ENDPOINT_REGION_RULE, props.region);
    this.platform = this.validPlatform(props.platform);
    this.refuseOtherPlatformProps(props);
    this.encryptionKey = this.validEncryptionKey(props.encryptionKey);
    [this.minReplicas, this.maxReplicas] = this.validReplicas(props.minReplicas, props.maxReplicas);
    const capture = this.validCapture(props);
    const iamGrants = flattenIamProps(this, props.iam, (role) => this.iamRoleProblem(role));

    this.servingAccount = new ServiceAccount(this, 'ServingAccount', {
      project: this.project,
      accountId: servingAccountId(this.prefix),
      displayName: `${this.prefix} model serving`,
      description: `Runs the model container of the ${this.platform} endpoint "${this.prefix}" (mlops-constructs ModelEndpoint).`,
    });
    if (capture) {
      this.captureTable = `${capture.dataset.project}.${capture.dataset.datasetId}.${captureTableId(this.prefix)}`;
    }

    if (this.platform === ModelEndpointPlatform.VERTEX_AI) {
      this.vertexAccess = this.validVertexAccess(props);
      this.vertexMachineSpec = this.resolveVertexMachineSpec(props.accelerator, props.vertexMachineType);
      this.vertexEndpointId = props.vertexEndpointId === undefined
        ? derivedVertexEndpointId(this.prefix)
        : this.validName('vertexEndpointId', VERTEX_ENDPOINT_ID_RULE, props.vertexEndpointId);
      this.vertexEndpoint = this.createVertexEndpoint(props, capture);
    } else {
      this.cloudRunService = this.createCloudRunService(props, capture);
      for (const grant of iamGrants) {
        this.cloudRunGrant(grant.role, grant.member);
      }
    }
  }

  /**
   * The endpoint's resource name: `projects/<project>/locations/<region>/endpoints/<id>` (Vertex
   * AI) or `projects/<project>/locations/<region>/services/<name>` (Cloud Run).
   */
  public get endpointName(): string {
    return this.vertexEndpoint ? this.vertexEndpoint.id : this.cloudRunService!.id;
  }

  /** {@inheritDoc IModelEndpoint.grantInvoke} */
  public grantInvoke(member: string): ITerraformDependable[] {
    this.validateMember(member);
    if (this.cloudRunService) {
      return [this.cloudRunGrant(CLOUD_RUN_INVOKER_ROLE, member)];
    }
    this.invokerRole ??= new ProjectIamCustomRole(this, 'InvokerRole', {
      project: this.projectId(),
      roleId: invokerRoleId(this.prefix),
      title: `${this.prefix} endpoint invoker`,
      description: `Online prediction on the Vertex AI endpoints of the project (created for "${this.prefix}" by mlops-constructs).`,
      permissions: VERTEX_PREDICT_PERMISSIONS,
    });
    const role = this.invokerRole;
    return [this.grant('endpoint-invoker', member, (scope, id) => new ProjectIamMember(scope, id, { project: this.projectId(), role: role.name, member }))];
  }

  /**
   * Vertex AI: lets `member` (the pipeline) deploy models that run as the serving account:
   * `roles/iam.serviceAccountUser` on it. The member also needs Vertex AI's deploy permission on
   * the project, granted outside this construct.
   * @returns the IAM resources, to depend on
   * @throws MlopsValidationError on Cloud Run, where Terraform deploys the container
   */
  public grantDeployModel(member: string): ITerraformDependable[] {
    this.requireVertex('grantDeployModel');
    this.validateMember(member);
    return [this.grant(ACT_AS_ROLE, member, (scope, id) => new ServiceAccountIamMember(scope, id, {
      serviceAccountId: this.servingAccount.name, role: ACT_AS_ROLE, member,
    }))];
  }

  /**
   * Vertex AI: the URL and body of `projects.locations.endpoints.deployModel` that a pipeline
   * sends to deploy `model` onto this endpoint (Terraform cannot). The body carries the machine
   * spec, replicas and serving account of this endpoint, access logging on, and the traffic split:
   * all requests to the new deployment, or a canary split with the stable deployment.
   *
   * Values are tokens until synthesis: put the result in a `TerraformOutput` (or a pipeline
   * parameter) so that Terraform resolves the endpoint name and account email.
   *
   * @throws MlopsValidationError on Cloud Run, for a model that is not a model resource name, and
   * for canary settings that cannot work (percent outside 1–99, a missing or malformed stable
   * deployed model id, a VPC-peered endpoint, which cannot split traffic)
   */
  public deployModelRequest(options: ModelEndpointDeployModelOptions): ModelEndpointDeployModelRequest {
    this.requireVertex('deployModelRequest');
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, 'deployModelRequest.options', options, 'an object with at least a model');
    }
    const model = Token.isUnresolved(options.model) ? options.model : this.checkedName('deployModelRequest.model', VERTEX_MODEL_NAME_RULE, options.model);
    const trafficSplit = this.trafficSplit(options);
    const machineSpec = this.vertexMachineSpec!;
    return {
      url: `https://${this.region}-aiplatform.googleapis.com/v1/${this.vertexEndpoint!.id}:deployModel`,
      body: {
        deployedModel: {
          model,
          ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
          serviceAccount: this.servingAccount.email,
          enableAccessLogging: true,
          dedicatedResources: { machineSpec: { ...machineSpec }, minReplicaCount: this.minReplicas, maxReplicaCount: this.maxReplicas },
        },
        trafficSplit,
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Vertex AI
  // -------------------------------------------------------------------------------------------

  private createVertexEndpoint(props: ModelEndpointProps, capture: CaptureTarget | undefined): VertexAiEndpoint {
    const displayName = props.vertexDisplayName ?? this.prefix;
    if (typeof displayName !== 'string' || displayName.length === 0 || [...displayName].length > VERTEX_DISPLAY_NAME_MAX_LENGTH) {
      throw new MlopsValidationError(this, 'vertexDisplayName', displayName, `1 to ${VERTEX_DISPLAY_NAME_MAX_LENGTH} characters`);
    }
    const agent = this.serviceAgent(VERTEX_SERVICE_AGENT_DOMAIN);
    const dependsOn: ITerraformDependable[] = [];
    if (this.encryptionKey) {
      dependsOn.push(this.keyGrant('VertexServiceAgentKeyAccess', agent));
    }
    if (capture) {
      dependsOn.push(this.captureGrant('VertexServiceAgentWriter', capture, agent));
    }
    const access = this.vertexAccess!;
    if (access === ModelEndpointVertexAccess.DEDICATED_PUBLIC) {
      Annotations.of(this).addWarning(`[${MODEL_ENDPOINT_PUBLIC_ACCESS_WARNING}] The Vertex AI endpoint "${this.prefix}" is reachable from the internet `
        + '(DEDICATED_PUBLIC); only IAM stands between it and any caller. Prefer PRIVATE_SERVICE_CONNECT.');
    }
    return new VertexAiEndpoint(this, 'Resource', {
      project: this.project,
      name: this.vertexEndpointId!,
      displayName,
      description: `Model endpoint "${this.prefix}" (mlops-constructs ModelEndpoint). Models are deployed by the pipeline through the Vertex AI API.`,
      location: this.region,
      region: this.region,
      labels: LABELS,
      encryptionSpec: this.encryptionKey ? { kmsKeyName: this.encryptionKey.id } : undefined,
      privateServiceConnectConfig: access === ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT
        ? { enablePrivateServiceConnect: true, enableSecurePrivateServiceConnect: true, projectAllowlist: props.vertexAllowedProjects ?? [this.projectId()] }
        : undefined,
      network: access === ModelEndpointVertexAccess.VPC_PEERING ? props.vertexNetwork : undefined,
      dedicatedEndpointEnabled: access === ModelEndpointVertexAccess.DEDICATED_PUBLIC ? true : undefined,
      predictRequestResponseLoggingConfig: capture ? {
        enabled: true,
        samplingRate: capture.samplingPercentage / 100,
        bigqueryDestination: { outputUri: `bq://${this.captureTable}` },
      } : undefined,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }

  private validVertexAccess(props: ModelEndpointProps): ModelEndpointVertexAccess {
    const access = props.vertexAccess ?? ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT;
    if (!(Object.values(ModelEndpointVertexAccess) as string[]).includes(access)) {
      throw new MlopsValidationError(this, 'vertexAccess', access, `one of ${Object.keys(ModelEndpointVertexAccess).map((k) => `ModelEndpointVertexAccess.${k}`).join(', ')}`);
    }
    const network = props.vertexNetwork;
    if (access === ModelEndpointVertexAccess.VPC_PEERING) {
      if (typeof network !== 'string' || (!Token.isUnresolved(network) && !/^projects\/[0-9]+\/global\/networks\/[a-z]([-a-z0-9]*[a-z0-9])?$/.test(network))) {
        throw new MlopsValidationError(this, 'vertexNetwork', network,
          'with VPC_PEERING, the peered network "projects/<project number>/global/networks/<name>" (a project number, not an id)');
      }
    } else if (network !== undefined) {
      throw new MlopsValidationError(this, 'vertexNetwork', network, 'no network unless vertexAccess is ModelEndpointVertexAccess.VPC_PEERING');
    }
    const allowed = props.vertexAllowedProjects;
    if (allowed !== undefined) {
      if (access !== ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT) {
        throw new MlopsValidationError(this, 'vertexAllowedProjects', allowed, 'no allowed projects unless vertexAccess is ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT');
      }
      if (!Array.isArray(allowed) || allowed.length === 0) {
        throw new MlopsValidationError(this, 'vertexAllowedProjects', allowed, 'a non-empty list of project ids');
      }
      allowed.forEach((p, i) => this.validName(`vertexAllowedProjects[${i}]`, GCP_PROJECT_ID_RULE, p));
    }
    return access;
  }

  /** The deployModel machine spec: from the catalog with an accelerator, else a CPU machine type. */
  private resolveVertexMachineSpec(accelerator: AcceleratorRequest | undefined, machineType: string | undefined): ModelEndpointMachineSpec {
    if (accelerator === undefined) {
      const type = machineType ?? DEFAULT_VERTEX_MACHINE_TYPE;
      this.checkedName('vertexMachineType', MACHINE_TYPE_RULE, type);
      if (GPU_BUNDLED_MACHINE_FAMILIES.includes(type.split('-')[0])) {
        const offering = acceleratorOfferingByInstanceType(AcceleratorPlatform.GCP_VERTEX, type);
        throw new MlopsValidationError(this, 'vertexMachineType', type,
          `a machine type without built-in GPUs, or also set accelerator${offering ? ` ({ gpu: GpuType.${offering.gpu.name.replace('-', '_')}, gpusPerNode: ${offering.gpusPerNode} })` : ''}: ${type} always carries GPUs`);
      }
      return { machineType: type };
    }
    const offering = this.resolveAccelerator(accelerator, AcceleratorPlatform.GCP_VERTEX);
    let chosen: AcceleratorOffering = offering;
    if (machineType !== undefined) {
      const byType = acceleratorOfferingByInstanceType(AcceleratorPlatform.GCP_VERTEX, machineType);
      if (byType === undefined || byType.gpu !== offering.gpu || byType.gpusPerNode !== offering.gpusPerNode) {
        const fits = acceleratorOfferings(offering.gpu, AcceleratorPlatform.GCP_VERTEX).filter((o) => o.gpusPerNode === offering.gpusPerNode);
        throw new MlopsValidationError(this, 'vertexMachineType', machineType,
          `a machine type carrying ${offering.gpusPerNode} × ${offering.gpu.name}: ${fits.map((o) => o.instanceType).join(', ')}`);
      }
      chosen = byType;
    }
    return { machineType: chosen.instanceType, acceleratorType: chosen.vertexAcceleratorType, acceleratorCount: chosen.gpusPerNode };
  }

  private trafficSplit(options: ModelEndpointDeployModelOptions): { [deployedModelId: string]: number } {
    const { canaryTrafficPercentage: canary, stableDeployedModelId: stable } = options;
    if (canary === undefined && stable === undefined) {
      return { 0: 100 };
    }
    throwIfProblems(this, '', percentProblems(canary, 'deployModelRequest.canaryTrafficPercentage', 1, 99,
      'a whole percent from 1 to 99 for the new deployment (with stableDeployedModelId, which keeps the rest)'));
    const stableId = this.checkedName('deployModelRequest.stableDeployedModelId', VERTEX_DEPLOYED_MODEL_ID_RULE, stable);
    if (this.vertexAccess === ModelEndpointVertexAccess.VPC_PEERING) {
      throw new MlopsValidationError(this, 'deployModelRequest.canaryTrafficPercentage', canary,
        'no canary on a VPC-peered endpoint: private endpoints serve one model and cannot split traffic (use PRIVATE_SERVICE_CONNECT)');
    }
    return { 0: canary!, [stableId]: 100 - canary! };
  }

  // -------------------------------------------------------------------------------------------
  // Cloud Run
  // -------------------------------------------------------------------------------------------

  private createCloudRunService(props: ModelEndpointProps, capture: CaptureTarget | undefined): CloudRunV2Service {
    const image = props.cloudRunImage;
    if (typeof image !== 'string' || image.trim() === '') {
      throw new MlopsValidationError(this, 'cloudRunImage', image, 'the serving container image (required on Cloud Run), e.g. "us-docker.pkg.dev/<project>/<repository>/<image>:<tag>"');
    }
    const gpu = props.accelerator === undefined ? undefined : this.resolveAccelerator(props.accelerator, AcceleratorPlatform.GCP_CLOUD_RUN);
    const cpu = props.cloudRunCpu ?? (gpu ? gpu.vcpus : DEFAULT_CLOUD_RUN_CPU);
    const memoryGiB = props.cloudRunMemoryGiB ?? (gpu ? gpu.memoryGiB : DEFAULT_CLOUD_RUN_MEMORY_GIB);
    throwIfProblems(this, '', cloudRunResourceProblems(cpu, memoryGiB, gpu !== undefined));
    const port = props.cloudRunPort ?? DEFAULT_CLOUD_RUN_PORT;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new MlopsValidationError(this, 'cloudRunPort', port, 'a port number from 1 to 65535');
    }
    const ingress = props.cloudRunIngress ?? ModelEndpointCloudRunIngress.INTERNAL_ONLY;
    if (!(Object.values(ModelEndpointCloudRunIngress) as string[]).includes(ingress)) {
      throw new MlopsValidationError(this, 'cloudRunIngress', ingress,
        `one of ${Object.keys(ModelEndpointCloudRunIngress).map((k) => `ModelEndpointCloudRunIngress.${k}`).join(', ')}`);
    }
    const serviceName = this.prefix;
    const suffix = props.cloudRunRevisionSuffix;
    if (suffix !== undefined) {
      throwIfProblems(this, '', revisionSuffixProblems(suffix, serviceName, 'cloudRunRevisionSuffix'));
    }
    if (ingress === ModelEndpointCloudRunIngress.ALL) {
      Annotations.of(this).addWarning(`[${MODEL_ENDPOINT_PUBLIC_ACCESS_WARNING}] The Cloud Run service "${serviceName}" accepts requests from the internet `
        + '(ingress ALL); only IAM stands between it and any caller. Prefer INTERNAL_ONLY or INTERNAL_AND_CLOUD_LOAD_BALANCING.');
    }
    const deletionProtection = props.cloudRunDeletionProtection ?? true;
    if (!deletionProtection) {
      Annotations.of(this).addWarning(`[${MODEL_ENDPOINT_NO_DELETION_PROTECTION_WARNING}] The Cloud Run service "${serviceName}" has no deletion protection: `
        + 'a Terraform change can delete the serving endpoint.');
    }
    const traffic = this.validTraffic(props.cloudRunTraffic, serviceName, suffix);
    const environment = this.validEnvironment(props.cloudRunEnvironment, capture);

    const dependsOn: ITerraformDependable[] = [];
    if (this.encryptionKey) {
      dependsOn.push(this.keyGrant('CloudRunServiceAgentKeyAccess', this.serviceAgent(CLOUD_RUN_SERVICE_AGENT_DOMAIN)));
    }
    if (capture) {
      dependsOn.push(this.captureGrant('ServingAccountWriter', capture, this.servingAccount.member));
    }
    const limits: Record<string, string> = { cpu: String(cpu), memory: `${memoryGiB}Gi` };
    if (gpu) {
      limits['nvidia.com/gpu'] = String(gpu.gpusPerNode);
    }
    return new CloudRunV2Service(this, 'Resource', {
      project: this.project,
      name: serviceName,
      location: this.region,
      description: `Model endpoint "${this.prefix}" (mlops-constructs ModelEndpoint).`,
      labels: LABELS,
      ingress,
      deletionProtection,
      template: {
        revision: suffix === undefined ? undefined : `${serviceName}-${suffix}`,
        labels: LABELS,
        serviceAccount: this.servingAccount.email,
        encryptionKey: this.encryptionKey?.id,
        scaling: { minInstanceCount: this.minReplicas, maxInstanceCount: this.maxReplicas },
        nodeSelector: gpu ? { accelerator: gpu.gcpAcceleratorType ?? gpu.instanceType } : undefined,
        gpuZonalRedundancyDisabled: gpu ? !(props.cloudRunGpuZonalRedundancy ?? true) : undefined,
        containers: [{
          image,
          ports: { containerPort: port },
          env: environment.length > 0 ? environment : undefined,
          // A GPU needs CPU always allocated (instance-based billing): cpu_idle false.
          resources: { limits, cpuIdle: gpu === undefined, startupCpuBoost: true },
        }],
      },
      traffic,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }

  private validTraffic(traffic: ModelEndpointTrafficTarget[] | undefined, serviceName: string, suffix: string | undefined): CloudRunV2ServiceTraffic[] {
    if (traffic === undefined) {
      return [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }];
    }
    if (!Array.isArray(traffic) || traffic.some((t) => !(t instanceof ModelEndpointTrafficTarget))) {
      throw new MlopsValidationError(this, 'cloudRunTraffic', traffic, 'a list of ModelEndpointTrafficTarget (latest, revision or canary)');
    }
    const specs: TrafficTargetSpec[] = traffic.map((t) => ({ revisionSuffix: t.revisionSuffix, percent: t.percent }));
    // Problem paths are '' (the whole list) or '[i].percent': appended to the prop name as they are.
    throwIfProblems(this, '', trafficProblems(specs, serviceName).map((p) => ({ ...p, property: `cloudRunTraffic${p.property}` })));
    const latest = traffic.find((t) => t.revisionSuffix === undefined);
    const same = traffic.find((t) => t.revisionSuffix !== undefined && t.revisionSuffix === suffix);
    if (latest && latest.percent > 0 && same && same.percent > 0) {
      throw new MlopsValidationError(this, 'cloudRunTraffic', specs.map((t) => `${t.revisionSuffix ?? 'LATEST'}=${t.percent}`).join(', '),
        `a split between different revisions: "${suffix}" is the revision this deployment creates, which is also the latest; name the stable revision instead`);
    }
    return traffic.map((t) => t.revisionSuffix === undefined
      ? { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: t.percent }
      : { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: `${serviceName}-${t.revisionSuffix}`, percent: t.percent });
  }

  private validEnvironment(environment: { [name: string]: string } | undefined, capture: CaptureTarget | undefined): Array<{ name: string; value: string }> {
    if (environment !== undefined && (environment === null || typeof environment !== 'object' || Array.isArray(environment))) {
      throw new MlopsValidationError(this, 'cloudRunEnvironment', environment, 'an object mapping variable names to values');
    }
    const reserved = capture ? [CAPTURE_TABLE_VARIABLE, CAPTURE_SAMPLING_VARIABLE] : [];
    const variables = Object.entries(environment ?? {}).map(([name, value]) => {
      this.checkedName(`cloudRunEnvironment[${JSON.stringify(name)}]`, ENVIRONMENT_VARIABLE_NAME_RULE, name);
      if (reserved.includes(name)) {
        throw new MlopsValidationError(this, `cloudRunEnvironment[${JSON.stringify(name)}]`, name, `a name other than ${reserved.join(' and ')}, which the endpoint sets for capture`);
      }
      if (typeof value !== 'string') {
        throw new MlopsValidationError(this, `cloudRunEnvironment[${JSON.stringify(name)}]`, value, 'a string value');
      }
      return { name, value };
    });
    if (capture) {
      variables.push({ name: CAPTURE_TABLE_VARIABLE, value: this.captureTable! }, { name: CAPTURE_SAMPLING_VARIABLE, value: String(capture.samplingPercentage) });
    }
    return variables;
  }

  private cloudRunGrant(role: string, member: string): TerraformResource {
    const service = this.cloudRunService!;
    return this.grant(role, member, (scope, id) => new CloudRunV2ServiceIamMember(scope, id, {
      project: this.project, location: this.region, name: service.name, role, member,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Shared helpers
  // -------------------------------------------------------------------------------------------

  private resolveAccelerator(request: AcceleratorRequest, platform: AcceleratorPlatform): AcceleratorOffering {
    if (request === null || typeof request !== 'object') {
      throw new MlopsValidationError(this, 'accelerator', request, 'an AcceleratorRequest { gpu, gpusPerNode }');
    }
    if (request.nodeCount !== undefined && request.nodeCount !== 1) {
      throw new MlopsValidationError(this, 'accelerator.nodeCount', request.nodeCount,
        '1 or left out: a replica is one machine; scale with minReplicas and maxReplicas');
    }
    throwIfProblems(this, 'accelerator', acceleratorProblems(request, platform));
    return resolveAccelerator(request, platform);
  }

  private validCapture(props: ModelEndpointProps): CaptureTarget | undefined {
    const lake = props.captureLake;
    if (lake === undefined) {
      for (const prop of ['captureZone', 'captureSamplingPercentage'] as const) {
        if (props[prop] !== undefined) {
          throw new MlopsValidationError(this, prop, props[prop], 'no value without captureLake (captures go to a lake)');
        }
      }
      return undefined;
    }
    if (lake === null || typeof lake !== 'object' || typeof lake.dataset !== 'function' || !Array.isArray(lake.zoneNames)) {
      throw new MlopsValidationError(this, 'captureLake', lake, 'a DataLake of mlops-constructs/gcp');
    }
    const zone = props.captureZone ?? DEFAULT_CAPTURE_ZONE;
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'captureZone', zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const samplingPercentage = props.captureSamplingPercentage ?? DEFAULT_CAPTURE_SAMPLING_PERCENTAGE;
    if (typeof samplingPercentage !== 'number' || !(samplingPercentage > 0 && samplingPercentage <= 100)) {
      throw new MlopsValidationError(this, 'captureSamplingPercentage', samplingPercentage,
        'a percentage greater than 0 and at most 100 (Vertex AI samples a fraction in (0, 1]); to capture nothing, leave captureLake out');
    }
    return { dataset: lake.dataset(zone), samplingPercentage };
  }

  private validReplicas(min: unknown, max: unknown): [number, number] {
    const floor = this.platform === ModelEndpointPlatform.VERTEX_AI ? 1 : 0;
    const minReplicas = min ?? 1;
    if (typeof minReplicas !== 'number' || !Number.isInteger(minReplicas) || minReplicas < floor) {
      throw new MlopsValidationError(this, 'minReplicas', minReplicas,
        `a whole number, at least ${floor} on ${this.platform}${floor === 1 ? ' (Vertex AI keeps at least one replica of a deployed model)' : ''}`);
    }
    const maxReplicas = max ?? Math.max(minReplicas, 1);
    if (typeof maxReplicas !== 'number' || !Number.isInteger(maxReplicas) || maxReplicas < Math.max(minReplicas, 1)) {
      throw new MlopsValidationError(this, 'maxReplicas', maxReplicas, `a whole number at least minReplicas (${minReplicas}) and at least 1`);
    }
    return [minReplicas, maxReplicas];
  }

  private validPlatform(platform: unknown): ModelEndpointPlatform {
    if (platform === undefined) {
      return ModelEndpointPlatform.VERTEX_AI;
    }
    if (!(Object.values(ModelEndpointPlatform) as unknown[]).includes(platform)) {
      throw new MlopsValidationError(this, 'platform', platform, 'ModelEndpointPlatform.VERTEX_AI or ModelEndpointPlatform.CLOUD_RUN');
    }
    return platform as ModelEndpointPlatform;
  }

  /** Props of one platform given to the other are mistakes, not silently ignored settings. */
  private refuseOtherPlatformProps(props: ModelEndpointProps): void {
    const [foreignPrefix, own] = this.platform === ModelEndpointPlatform.VERTEX_AI ? ['cloudRun', 'VERTEX_AI'] : ['vertex', 'CLOUD_RUN'];
    const foreign = Object.entries(props).find(([key, value]) => key.startsWith(foreignPrefix) && value !== undefined);
    if (foreign) {
      throw new MlopsValidationError(this, foreign[0], foreign[1],
        `no ${foreignPrefix}* props with platform ${own}; set platform: ModelEndpointPlatform.${own === 'VERTEX_AI' ? 'CLOUD_RUN' : 'VERTEX_AI'} to use them`);
    }
  }

  private validEncryptionKey(key: unknown): ICryptoKey | undefined {
    if (key === undefined) {
      return undefined;
    }
    const id = key !== null && typeof key === 'object' ? (key as ICryptoKey).id : undefined;
    if (typeof id === 'string' && Token.isUnresolved(id)) {
      return key as ICryptoKey;
    }
    const problem = cryptoKeyIdProblem(id);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'encryptionKey.id', id, problem);
    }
    // Vertex AI: "The key needs to be in the same region as where the compute resource is created."
    const keyLocation = (id as string).split('/')[3];
    if (this.platform === ModelEndpointPlatform.VERTEX_AI && !Token.isUnresolved(this.region) && keyLocation !== this.region) {
      throw new MlopsValidationError(this, 'encryptionKey.id', id,
        `a key in the endpoint's region "${this.region}" (Vertex AI needs the key where the endpoint is; this key is in "${keyLocation}")`);
    }
    return key as ICryptoKey;
  }

  private iamRoleProblem(role: string): string | undefined {
    if (this.platform === ModelEndpointPlatform.VERTEX_AI) {
      return 'no iam on a Vertex AI endpoint: the Terraform provider has no endpoint IAM resource; use grantInvoke(member)';
    }
    return role.startsWith('roles/run.') ? undefined : 'a roles/run.* role (granted on the Cloud Run service)';
  }

  private requireVertex(method: string): void {
    if (this.platform !== ModelEndpointPlatform.VERTEX_AI) {
      throw new MlopsValidationError(this, method, this.platform, 'a Vertex AI endpoint (on Cloud Run, Terraform deploys the container and traffic)');
    }
  }

  private keyGrant(id: string, member: string): KmsCryptoKeyIamMember {
    const scope = (this.node.tryFindChild('Encryption') as Construct | undefined) ?? new Construct(this, 'Encryption');
    return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId: this.encryptionKey!.id, role: KMS_ENCRYPTER_DECRYPTER_ROLE, member });
  }

  private captureGrant(id: string, capture: CaptureTarget, member: string): BigqueryDatasetIamMember {
    const scope = (this.node.tryFindChild('Capture') as Construct | undefined) ?? new Construct(this, 'Capture');
    return new BigqueryDatasetIamMember(scope, id, {
      project: capture.dataset.project, datasetId: capture.dataset.datasetId, role: CAPTURE_WRITER_ROLE, member,
    });
  }

  /** `serviceAccount:service-<project number>@<domain>`. */
  private serviceAgent(domain: string): string {
    return `serviceAccount:service-${this.projectLookup().number}@${domain}`;
  }

  private projectId(): string {
    return this.project ?? this.projectLookup().projectId;
  }

  private projectLookup(): DataGoogleProject {
    this.projectData ??= new DataGoogleProject(this, 'Project', { projectId: this.project });
    return this.projectData;
  }

  /**
   * One IAM resource per (role, member), created once, under `Iam` with id `<role>=<member>`; a
   * member holding a token gets `<role>=member-<n>`, since token strings are not stable.
   */
  private grant(role: string, member: string, create: (scope: Construct, id: string) => TerraformResource): TerraformResource {
    const key = `${role}|${member}`;
    const existing = this.grants.get(key);
    if (existing) {
      return existing;
    }
    const scope = (this.node.tryFindChild('Iam') as Construct | undefined) ?? new Construct(this, 'Iam');
    const id = Token.isUnresolved(member)
      ? `${role}=member-${scope.node.children.filter((c) => c.node.id.startsWith(`${role.replace(/\//g, '--')}=member-`)).length + 1}`
      : `${role}=${member}`;
    const resource = create(scope, id);
    this.grants.set(key, resource);
    return resource;
  }

  private validateMember(member: unknown): void {
    const problem = iamMemberProblem(member);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'member', member, problem);
    }
  }

  /** `value` when it follows `rule` or is an unresolved token; otherwise an error naming `property`. */
  private validName(property: string, rule: NamingRule, value: unknown): string {
    return typeof value === 'string' && Token.isUnresolved(value) ? value : this.checkedName(property, rule, value);
  }

  /** `value` when it follows `rule`, tokens included (they never do); otherwise an error naming `property`. */
  private checkedName(property: string, rule: NamingRule, value: unknown): string {
    const problem = namingProblem(rule, value);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, property, value, problem);
    }
    return value as string;
  }

  /** A name that must be literal at synth time, because others are derived from it. */
  private literalName(property: string, rule: NamingRule, value: unknown, why: string): string {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      throw new MlopsValidationError(this, property, value, `a literal value, not a token: ${why}`);
    }
    return this.checkedName(property, rule, value);
  }
}

/** Where captures go, once validated. */
interface CaptureTarget {
  readonly dataset: BigqueryDataset;
  readonly samplingPercentage: number;
}

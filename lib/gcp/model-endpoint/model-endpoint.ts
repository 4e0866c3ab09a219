import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorPlatform, AcceleratorRequest, MlopsValidationError, PREFIX_RULE, resolveAcceleratorOffering, ResolvedAccelerator,
  throwIfProblems, UNRESOLVED_TOKEN, unwrap,
} from '../../core';
import { ITerraformDependable, TerraformResource, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { Duration } from '../duration';
import { GcpIamProps } from '../iam';
import { childScope, CUSTOM_ROLE_ID_RULE, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { createKeyAccess, createProjectLookup, serviceAgentMember } from '../private/service-agents';
import { resolveEncryptionKey, resolveLake, resolveLiteralName, resolveMember, resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { VertexAiMachineSpec } from '../vertex-ai-api';
import { ModelEndpointDeployModelOptions, ModelEndpointDeployModelRequest } from './deploy-model-request';
import { ModelEndpointDeployment } from './deployment';
import { ModelEndpointPlatform } from './platform';
import { ResolvedCanaryRollout } from './private/canary-rollout';
import { createCloudRunService } from './private/cloud-run';
import { CaptureTarget, EndpointContext } from './private/context';
import {
  captureTableId, CLOUD_RUN_SERVICE_NAME_RULE, derivedVertexEndpointId, invokerRoleId, MODEL_ENDPOINT_REGION_RULE, servingAccountId,
  VERTEX_ENDPOINT_ID_RULE, VERTEX_MODEL_NAME_RULE,
} from './private/names';
import { PlatformKind } from './private/variant';
import { createCanaryRollout } from './private/rollout';
import { createVertexEndpoint, renderTrafficSplit, resolveVertexMachineSpec } from './private/vertex-ai';
import { ModelEndpointVertexAccess } from './vertex-ai';

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
/** How the Vertex AI invoker grants are named: `Iam/endpoint-invoker=<member>`. */
const VERTEX_INVOKER_GRANT = 'endpoint-invoker';
/**
 * `grantDeployModel`: act as the serving account, which deployModel requires of its caller.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#service_account
 */
const ACT_AS_ROLE = 'roles/iam.serviceAccountUser';
/** Writing captures: create the capture table and add rows to it, on the capture dataset only. */
const CAPTURE_WRITER_ROLE = 'roles/bigquery.dataEditor';

const DEFAULT_REGION = 'us-central1';
const DEFAULT_CAPTURE_ZONE = 'raw';
const DEFAULT_CAPTURE_SAMPLING_PERCENTAGE = 100;
/** Rollback levels when none is given: those of the AWS endpoint's rollback alarms. */
const DEFAULT_ERROR_RATE_ALARM_THRESHOLD = 0.01;
const DEFAULT_MODEL_LATENCY_ALARM_THRESHOLD_MS = 1000;
/**
 * `grantStartRollout`: create executions of the rollout workflow (the provider has no
 * workflow-level IAM resource, so the project is the narrowest scope).
 */
const START_ROLLOUT_ROLE = 'roles/workflows.invoker';

/**
 * The synth-time warnings of a ModelEndpoint, by id. Users acknowledge them by these ids.
 */
export const MODEL_ENDPOINT_WARNINGS = {
  /** The endpoint is reachable from the internet (`ModelEndpointVertexAccess.DEDICATED_PUBLIC`, `ModelEndpointCloudRunIngress.ALL`). */
  publicAccess: 'mlops-constructs:model-endpoint-public-access',
  /** A Cloud Run endpoint without deletion protection. */
  noDeletionProtection: 'mlops-constructs:model-endpoint-no-deletion-protection',
} as const;

/** The behavioural contract of a model endpoint. */
export interface IModelEndpoint extends IConstruct {
  /** The endpoint's short name: the Vertex AI endpoint id, or the Cloud Run service name. */
  readonly endpointName: string;
  /**
   * The endpoint's resource name: `projects/<project>/locations/<region>/endpoints/<id>` (Vertex
   * AI) or `projects/<project>/locations/<region>/services/<name>` (Cloud Run).
   */
  readonly endpointResourceName: string;
  /** Email of the service account the model's container runs as. */
  readonly servingAccountEmail: string;
  /**
   * Where captured requests and responses land, when capture is on: the input of a DriftMonitor.
   * @default - no capture
   */
  readonly capture?: ModelEndpointCapture;

  /**
   * Lets `member` send prediction requests. Cloud Run: `roles/run.invoker` on the service.
   * Vertex AI: a project custom role holding only `aiplatform.endpoints.predict`, granted on the
   * project — so it covers every endpoint of the project, because the google provider has no
   * endpoint-level IAM resource; keep endpoints that need separate callers in separate projects.
   * @returns the IAM resources, to depend on
   */
  grantInvoke(member: string): ITerraformDependable[];
}

/** Where an endpoint's captured requests and responses land (see `ModelEndpointProps.captureLake`). */
export interface ModelEndpointCapture {
  /** Project of the capture dataset. */
  readonly project: string;
  /** The capture dataset (the capture zone's dataset of the lake). */
  readonly datasetId: string;
  /** The capture table (`<prefix_snake>_request_response_logging`). */
  readonly tableId: string;
  /** Percent of requests captured, greater than 0 and at most 100. */
  readonly samplingPercentage: number;
  /**
   * Whether Vertex AI request-response logging writes the table, in its own layout
   * (`logging_time`, `request_payload`, `response_payload`, ...); `false` when the serving
   * container writes its captures itself (Cloud Run), in a layout of its own.
   */
  readonly vertexRequestResponseLogging: boolean;
}

/** What {@link ModelEndpoint.fromModelEndpointAttributes} needs to grant on an endpoint defined elsewhere. */
export interface ModelEndpointAttributes {
  /** The endpoint's short name: the Vertex AI endpoint id, or the Cloud Run service name. */
  readonly endpointName: string;
  /** The region of the endpoint or service, such as `us-central1`. */
  readonly region: string;
  /** Email of the service account the model's container runs as. */
  readonly servingAccountEmail: string;
  /**
   * Where the endpoint serves; only which platform matters (`ModelEndpointPlatform.CLOUD_RUN` for
   * a Cloud Run service).
   * @default ModelEndpointPlatform.VERTEX_AI
   */
  readonly platform?: ModelEndpointPlatform;
  /**
   * Project of the endpoint, and of the grants.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * Vertex AI: the custom role holding `aiplatform.endpoints.predict`
   * (`projects/<project>/roles/<id>`), such as the `<prefix>EndpointInvoker` role of the
   * ModelEndpoint that made the endpoint.
   * @default - the import creates its own one-permission custom role, `endpoint<endpointName>Invoker`
   */
  readonly invokerRole?: string;
  /**
   * Where the endpoint's captures land, for a DriftMonitor reading them.
   * @default - no capture known
   */
  readonly capture?: ModelEndpointCapture;
}

/**
 * The invoke grant of an endpoint, written only against what an import also has (the platform,
 * the service name, the project and the role that predicts), so that a created endpoint and an
 * imported one grant the same way.
 */
abstract class ModelEndpointBase extends Construct implements IModelEndpoint {
  public abstract readonly endpointName: string;
  public abstract readonly endpointResourceName: string;
  public abstract readonly servingAccountEmail: string;
  /** The region of the endpoint or service. */
  public abstract readonly region: string;
  protected abstract readonly kind: PlatformKind;
  /** Project of the endpoint; `undefined` means the provider's project. */
  protected abstract readonly resourceProject?: string;

  protected readonly iamMembers = new IamMemberRegistry();
  private projectData?: DataGoogleProject;

  /** {@inheritDoc IModelEndpoint.grantInvoke} */
  public grantInvoke(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    if (this.kind === PlatformKind.CLOUD_RUN) {
      return [this.cloudRunGrant(CLOUD_RUN_INVOKER_ROLE, member)];
    }
    const role = this.invokerRoleName();
    return [this.grant(VERTEX_INVOKER_GRANT, member, (scope, id) => new ProjectIamMember(scope, id, { project: this.projectId(), role, member }))];
  }

  /** The name of the role that lets members predict (Vertex AI), created the first time if need be. */
  protected abstract invokerRoleName(): string;

  /** The Cloud Run service's name, as IAM grants reference it. */
  protected abstract cloudRunServiceName(): string;

  protected cloudRunGrant(role: string, member: string): TerraformResource {
    return this.grant(role, member, (scope, id) => new CloudRunV2ServiceIamMember(scope, id, {
      project: this.resourceProject, location: this.region, name: this.cloudRunServiceName(), role, member,
    }));
  }

  /**
   * One IAM resource per (role, member), created once, under `Iam` with id `<role>=<member>`; a
   * member holding a token gets `<role>=member-<n>`, since token strings are not stable.
   */
  protected grant(role: string, member: string, create: (scope: Construct, id: string) => TerraformResource): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(this, 'Iam'), prefix: `${role}=` }, member, create);
  }

  protected projectId(): string {
    return this.resourceProject ?? this.projectLookup().projectId;
  }

  /** The endpoint's `google_project` data source (`Project`), created the first time it is needed. */
  protected projectLookup(): DataGoogleProject {
    this.projectData ??= createProjectLookup(this, 'Project', this.resourceProject);
    return this.projectData;
  }
}

/** The canary rollout settings of an endpoint, defaults applied (see `ModelEndpoint.rollout`). */
export interface ModelEndpointRolloutSettings {
  /** Percent of requests the new deployed model receives during the bake. */
  readonly canaryPercent: number;
  /** The canary's baking period. */
  readonly bakeTime: Duration;
  /** The final baking period at 100 % before the old deployed model is undeployed (0: none). */
  readonly terminationWait: Duration;
  /** The error-rate level that rolls back. */
  readonly errorRateAlarmThreshold: number;
  /** The mean model latency level that rolls back. */
  readonly modelLatencyAlarmThreshold: Duration;
}

/**
 * Props of {@link ModelEndpoint}.
 *
 * The platform's own settings are in `platform` (`ModelEndpointPlatform.vertexAi({...})` or
 * `.cloudRun({...})`). The rest apply to both:
 *
 * | prop                       | Vertex AI                                          | Cloud Run                                      |
 * |----------------------------|----------------------------------------------------|------------------------------------------------|
 * | accelerator                | machine spec of the deployModel body (catalog)     | L4 on the revision (`nvidia-l4`, 1 per instance) |
 * | minReplicas / maxReplicas  | dedicatedResources min/maxReplicaCount (min ≥ 1)   | template scaling min/maxInstanceCount (min ≥ 0) |
 * | encryptionKey              | `encryption_spec` (key in the endpoint's region)   | `template.encryption_key`                      |
 * | captureLake / Zone / …     | request-response logging to BigQuery, by Vertex AI | grants + env vars; the container writes captures |
 * | iam                        | refused (no endpoint IAM resource in Terraform)    | `roles/run.*` roles on the service             |
 * | deployment, *AlarmThreshold | canary rollout workflow with metric rollback      | refused (the canary is the platform's `traffic`) |
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
   * Where the model is served, with that platform's settings.
   * @default ModelEndpointPlatform.VERTEX_AI
   */
  readonly platform?: ModelEndpointPlatform;

  /**
   * GPUs of one replica, the same neutral request as on AWS. Vertex AI: the catalog's smallest
   * machine type carrying exactly that many GPUs of that type. Cloud Run: L4 only, one per
   * instance. `nodeCount` is the initial (minimum) number of replicas, as on AWS: it is the
   * default of `minReplicas`, and must equal it when both are given.
   * @default - no GPU
   */
  readonly accelerator?: AcceleratorRequest;

  /**
   * Replicas (Vertex AI machines, Cloud Run instances) kept running. At least 1 on Vertex AI, at
   * least 0 on Cloud Run (0 scales to zero: the first request waits for an instance).
   * @default - accelerator.nodeCount, else 1
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
   * BigQuery dataset of `captureZone`, table `<prefix_snake>_request_response_logging`. Created or
   * imported.
   *
   * Vertex AI: request-response logging creates the table and writes sampled rows; the endpoint
   * grants the Vertex AI service agent `roles/bigquery.dataEditor` on that dataset. Cloud Run has
   * no request logging to BigQuery: the serving account gets the same role on the dataset and the
   * container receives the table (`MLOPS_CAPTURE_TABLE=<project>.<dataset>.<table>`) and the
   * sampling percentage (`MLOPS_CAPTURE_SAMPLING_PERCENTAGE`) to write its captures itself.
   * @default - no capture (GCP-VAI7 reports a Vertex AI endpoint without it)
   */
  readonly captureLake?: IDataLake;

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
   * Vertex AI: how model versions reach the endpoint — `ModelEndpointDeployment.canary({ ... })`
   * creates the rollout workflow (`rolloutWorkflow`), which deploys a version to a canary share
   * of the traffic, bakes, reads the rollback metrics, and promotes it or rolls it back.
   * Refused on Cloud Run (its canary is the revision `traffic`) and on a VPC-peered endpoint
   * (no traffic split).
   * @default - no rollout workflow: models are deployed by `deployModelRequest` bodies the pipeline sends
   */
  readonly deployment?: ModelEndpointDeployment;

  /**
   * Rollback level of the rollout: share of the new deployed model's requests answered with an
   * error (`prediction/online/error_count` over `prediction_count`) during a baking period, more
   * than 0 and at most 1. Needs `deployment`.
   * @default 0.01
   */
  readonly errorRateAlarmThreshold?: number;

  /**
   * Rollback level of the rollout: mean model latency of the new deployed model
   * (`prediction/online/prediction_latencies`, `latency_type = model`) during a baking period,
   * 1 ms to 1 hour. Needs `deployment`.
   * @default Duration.seconds(1)
   */
  readonly modelLatencyAlarmThreshold?: Duration;
}

/**
 * A model endpoint on Google Cloud: a Vertex AI endpoint, or a Cloud Run (v2) service running a
 * custom serving container with an NVIDIA L4 GPU (`platform`).
 *
 * **Terraform cannot deploy a model onto a Vertex AI endpoint.** The google provider creates the
 * endpoint; deploying, canary traffic and undeploying are calls to the Vertex AI API. This
 * construct creates the endpoint, its serving account and grants, and gives the pipeline what it
 * needs: `endpointResourceName`, and `deployModelRequest({ model, ... })`, the URL and JSON body of
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
 *   a stable id (`MODEL_ENDPOINT_WARNINGS.publicAccess`, `MODEL_ENDPOINT_WARNINGS.noDeletionProtection`);
 *   the policy pack reports internet access too (GCP-VAI6, GCP-RUN2).
 *
 * On Vertex AI the serving container image belongs to the Model the pipeline registers; on
 * Cloud Run it is the platform's `image`, and a new image or setting is a new revision.
 *
 * Construct ids: `Resource` (the endpoint or service), `ServingAccount`, `Encryption/*`,
 * `Capture/*`, `InvokerRole`, `Project` (a data source), `Iam/<role>=<member>`, and with
 * `deployment` `Rollout/{Resource, ServiceAccount, Role, Access/*}`. No resource of
 * the endpoint holds data of its own: captures go to the lake's dataset, which the lake retains.
 *
 * **Canary rollout with metric rollback** (Vertex AI, `deployment: ModelEndpointDeployment.canary()`,
 * the counterpart of the AWS endpoint's blue/green canary): the endpoint creates a Cloud
 * Workflows workflow `<prefix>-rollout` (`rolloutWorkflow`) that a pipeline starts with
 * `{"model": "<model resource name>", "modelVersion": "<version>"}`. It deploys the version with
 * a traffic split (canary percent to it, the rest to the deployed model serving most traffic
 * now), waits `bakeTime`, reads the new deployed model's Cloud Monitoring metrics over the bake
 * (`prediction/online/error_count` over `prediction_count`, mean `prediction_latencies` of
 * `latency_type = model`), then promotes it (100 %; after `terminationWait` and a second check
 * the old deployed model is undeployed) or rolls back (undeploys the new one, 100 % back to the
 * stable one, and the run fails with `CanaryRolledBack`). A first deployment takes all traffic.
 * No data during a bake is not a breach (as a CloudWatch alarm with missing data does not fire).
 * The workflow runs as `<prefix>-rollout`, with a project custom role of the six permissions its
 * calls need and `roles/iam.serviceAccountUser` on the serving account only;
 * `grantStartRollout(member)` lets a pipeline start it.
 *
 * What only a deploy can show: that the Vertex AI service agent exists (Google creates it when
 * the API is first used), that request-response logging writes with the granted role, and that
 * the region offers the chosen GPU. For the rollout: that the connectors accept the generated
 * calls as written (the tests read the generated steps, nothing runs them), that the metric
 * types and labels (`deployed_model_id`, `latency_type`) and the aligners hold as Google
 * documents them, that the six permissions are all the calls need, and that a rollback restores
 * the traffic split — nothing is deployed by this library's tests.
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
export class ModelEndpoint extends ModelEndpointBase {
  /**
   * An endpoint defined elsewhere, to let members call it.
   * @throws MlopsValidationError for a bad name, region, project, email or role name
   */
  public static fromModelEndpointAttributes(scope: Construct, id: string, attrs: ModelEndpointAttributes): IModelEndpoint {
    return new ImportedModelEndpoint(scope, id, attrs);
  }

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
  /** {@inheritDoc IModelEndpoint.servingAccountEmail} */
  public readonly servingAccountEmail: string;
  /** The Vertex AI endpoint (Vertex AI). */
  public readonly vertexEndpoint?: VertexAiEndpoint;
  /** The Vertex AI endpoint id (Vertex AI). */
  public readonly vertexEndpointId?: string;
  /** The Cloud Run service (Cloud Run). */
  public readonly cloudRunService?: CloudRunV2Service;
  /** The customer-managed key, when one was given. */
  public readonly encryptionKey?: ICryptoKey;
  /** `<project>.<dataset>.<table>` receiving captures, when capture is on. */
  public readonly captureTable?: string;
  /** {@inheritDoc IModelEndpoint.capture} */
  public readonly capture?: ModelEndpointCapture;

  /**
   * The canary rollout workflow (Vertex AI with `deployment`): start an execution with the
   * argument `{"model": "projects/<p>/locations/<r>/models/<id>", "modelVersion": "<version>"}`.
   */
  public readonly rolloutWorkflow?: WorkflowsWorkflow;
  /** `projects/<project>/locations/<region>/workflows/<name>` of the rollout workflow (with `deployment`). */
  public readonly rolloutWorkflowId?: string;
  /** The service account the rollout workflow runs as (with `deployment`). */
  public readonly rolloutServiceAccount?: ServiceAccount;
  /** The rollout workflow's source, as generated (JSON, which Workflows reads as YAML), with `deployment`. */
  public readonly rolloutWorkflowSource?: string;
  /** The canary settings in force, with `deployment`. */
  public readonly rollout?: ModelEndpointRolloutSettings;

  /** Replicas kept running. */
  public readonly minReplicas: number;
  /** Replicas at most. */
  public readonly maxReplicas: number;

  protected readonly kind: PlatformKind;
  protected readonly resourceProject?: string;
  private readonly context: EndpointContext;
  private readonly vertexMachineSpec?: VertexAiMachineSpec;
  private invokerRole?: ProjectIamCustomRole;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a prefix');
    }
    if (typeof props.prefix === 'string' && Token.isUnresolved(props.prefix)) {
      throw new MlopsValidationError(this, 'prefix', props.prefix, 'a literal value, not a token: the endpoint id and service account id are derived from it');
    }
    this.prefix = resolveLiteralName(this, 'prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.resourceProject = this.project;
    this.region = props.region === undefined ? DEFAULT_REGION : resolveName(this, 'region', MODEL_ENDPOINT_REGION_RULE, props.region);
    this.platform = this.resolvePlatform(props.platform);
    const variant = this.platform._variant();
    this.kind = variant.kind;
    this.encryptionKey = resolveEncryptionKey(this, props.encryptionKey, (keyId) => this.keyLocationProblem(keyId));
    const accelerator = this.resolveAccelerator(props.accelerator, variant.kind === PlatformKind.VERTEX_AI ? variant.options.machineType : undefined);
    [this.minReplicas, this.maxReplicas] = this.resolveReplicas(props.minReplicas, props.maxReplicas, accelerator === undefined ? undefined : props.accelerator?.nodeCount);
    const capture = this.resolveCapture(props);
    const iamGrants = resolveIamGrants(this, props.iam, (role) => this.iamRoleProblem(role));
    const rollout = this.resolveRollout(props);

    this.servingAccount = new ServiceAccount(this, 'ServingAccount', {
      project: this.project,
      accountId: servingAccountId(this.prefix),
      displayName: `${this.prefix} model serving`,
      description: `Runs the model container of the ${this.kind} endpoint "${this.prefix}" (mlops-constructs ModelEndpoint).`,
    });
    this.servingAccountEmail = this.servingAccount.email;
    this.captureTable = capture?.table;
    this.capture = capture === undefined ? undefined : {
      project: capture.dataset.project,
      datasetId: capture.dataset.datasetId,
      tableId: captureTableId(this.prefix),
      samplingPercentage: capture.samplingPercentage,
      vertexRequestResponseLogging: this.kind === PlatformKind.VERTEX_AI,
    };
    this.context = {
      scope: this,
      prefix: this.prefix,
      project: this.project,
      region: this.region,
      servingAccount: this.servingAccount,
      encryptionKey: this.encryptionKey,
      capture,
      accelerator,
      minReplicas: this.minReplicas,
      maxReplicas: this.maxReplicas,
      keyGrant: (grantId, member) => createKeyAccess(childScope(this, 'Encryption'), grantId, this.encryptionKey!, member),
      captureGrant: (grantId, member) => new BigqueryDatasetIamMember(childScope(this, 'Capture'), grantId, {
        project: capture!.dataset.project, datasetId: capture!.dataset.datasetId, role: CAPTURE_WRITER_ROLE, member,
      }),
      serviceAgent: (domain) => serviceAgentMember(this.projectLookup(), domain),
      projectId: () => this.projectId(),
    };

    if (variant.kind === PlatformKind.VERTEX_AI) {
      const options = variant.options;
      this.vertexMachineSpec = resolveVertexMachineSpec(this.context, options.machineType);
      this.vertexEndpointId = options.endpointId ?? derivedVertexEndpointId(this.prefix);
      this.vertexEndpoint = createVertexEndpoint(this.context, options, this.vertexEndpointId, MODEL_ENDPOINT_WARNINGS.publicAccess);
      if (rollout !== undefined) {
        const created = createCanaryRollout(this.context, {
          rollout: rollout.settings,
          endpointId: this.vertexEndpointId,
          endpointResourceName: this.vertexEndpoint.id,
          machineSpec: this.vertexMachineSpec,
          errorRateThreshold: rollout.errorRateThreshold,
          modelLatencyThresholdMs: rollout.modelLatencyThresholdMs,
          dependsOn: [this.vertexEndpoint],
        });
        this.rolloutWorkflow = created.workflow;
        this.rolloutWorkflowId = created.workflow.id;
        this.rolloutServiceAccount = created.serviceAccount;
        this.rolloutWorkflowSource = created.source;
        this.rollout = {
          canaryPercent: rollout.settings.canaryPercent,
          bakeTime: Duration.seconds(rollout.settings.bakeSeconds),
          terminationWait: Duration.seconds(rollout.settings.terminationWaitSeconds),
          errorRateAlarmThreshold: rollout.errorRateThreshold,
          modelLatencyAlarmThreshold: Duration.seconds(rollout.modelLatencyThresholdMs / 1000),
        };
      }
    } else {
      this.cloudRunService = createCloudRunService(this.context, variant.options, MODEL_ENDPOINT_WARNINGS);
      for (const grant of iamGrants) {
        this.cloudRunGrant(grant.role, grant.member);
      }
    }
  }

  /** {@inheritDoc IModelEndpoint.endpointName} */
  public get endpointName(): string {
    return this.vertexEndpoint ? this.vertexEndpoint.name : this.cloudRunService!.name;
  }

  /** {@inheritDoc IModelEndpoint.endpointResourceName} */
  public get endpointResourceName(): string {
    return this.vertexEndpoint ? this.vertexEndpoint.id : this.cloudRunService!.id;
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
    resolveMember(this, member);
    return [this.grant(ACT_AS_ROLE, member, (scope, grantId) => new ServiceAccountIamMember(scope, grantId, {
      serviceAccountId: this.servingAccount.name, role: ACT_AS_ROLE, member,
    }))];
  }

  /**
   * Lets `member` (a delivery pipeline's production build) start the canary rollout workflow:
   * `roles/workflows.invoker` on the project (the provider has no workflow-level IAM resource).
   * @returns the IAM resources, to depend on
   * @throws MlopsValidationError without `deployment` (no rollout workflow)
   */
  public grantStartRollout(member: string): ITerraformDependable[] {
    if (this.rolloutWorkflow === undefined) {
      throw new MlopsValidationError(this, 'grantStartRollout', member,
        'an endpoint with deployment: ModelEndpointDeployment.canary(), which creates the rollout workflow');
    }
    resolveMember(this, member);
    return [this.grant(START_ROLLOUT_ROLE, member, (scope, grantId) => new ProjectIamMember(scope, grantId, {
      project: this.projectId(), role: START_ROLLOUT_ROLE, member,
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
    const model = Token.isUnresolved(options.model) ? options.model : resolveLiteralName(this, 'deployModelRequest.model', VERTEX_MODEL_NAME_RULE, options.model);
    const variant = this.platform._variant();
    const vertex = variant.kind === PlatformKind.VERTEX_AI ? variant.options : {};
    const trafficSplit = renderTrafficSplit(this.context, options, vertex.access ?? ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT);
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

  protected invokerRoleName(): string {
    this.invokerRole ??= new ProjectIamCustomRole(this, 'InvokerRole', {
      project: this.projectId(),
      roleId: invokerRoleId(this.prefix),
      title: `${this.prefix} endpoint invoker`,
      description: `Online prediction on the Vertex AI endpoints of the project (created for "${this.prefix}" by mlops-constructs).`,
      permissions: VERTEX_PREDICT_PERMISSIONS,
    });
    return this.invokerRole.name;
  }

  protected cloudRunServiceName(): string {
    return this.cloudRunService!.name;
  }

  private resolvePlatform(platform: unknown): ModelEndpointPlatform {
    if (platform === undefined) {
      return ModelEndpointPlatform.VERTEX_AI;
    }
    if (!(platform instanceof ModelEndpointPlatform)) {
      throw new MlopsValidationError(this, 'platform', platform, 'ModelEndpointPlatform.vertexAi({ ... }) or ModelEndpointPlatform.cloudRun({ image, ... })');
    }
    throwIfProblems(this, 'platform', platform.problems());
    return platform;
  }

  /**
   * The GPUs of a replica from the catalog, on the platform's catalog rows (Vertex AI: with the
   * platform's machine type, which must carry them).
   */
  private resolveAccelerator(request: AcceleratorRequest | undefined, machineType: string | undefined): ResolvedAccelerator | undefined {
    if (request === undefined) {
      return undefined;
    }
    const vertex = this.kind === PlatformKind.VERTEX_AI;
    return unwrap(this, '', resolveAcceleratorOffering(request, vertex ? AcceleratorPlatform.GCP_VERTEX : AcceleratorPlatform.GCP_CLOUD_RUN, {
      instanceType: vertex ? machineType : undefined,
      requestProperty: 'accelerator',
      instanceTypeProperty: 'platform.machineType',
    }));
  }

  /** @param nodeCount the accelerator's `nodeCount`, when one was given (a valid count: the accelerator is resolved) */
  private resolveReplicas(min: unknown, max: unknown, nodeCount: number | undefined): [number, number] {
    const floor = this.kind === PlatformKind.VERTEX_AI ? 1 : 0;
    const minReplicas = min ?? nodeCount ?? 1;
    if (typeof minReplicas !== 'number' || !Number.isInteger(minReplicas) || minReplicas < floor) {
      throw new MlopsValidationError(this, 'minReplicas', minReplicas,
        `a whole number, at least ${floor} on ${this.kind}${floor === 1 ? ' (Vertex AI keeps at least one replica of a deployed model)' : ''}`);
    }
    if (nodeCount !== undefined && min !== undefined && nodeCount !== minReplicas) {
      throw new MlopsValidationError(this, 'accelerator.nodeCount', nodeCount,
        `minReplicas (${minReplicas}) or left out: the accelerator's nodeCount is the initial (minimum) number of replicas, as minReplicas is`);
    }
    const maxReplicas = max ?? Math.max(minReplicas, 1);
    if (typeof maxReplicas !== 'number' || !Number.isInteger(maxReplicas) || maxReplicas < Math.max(minReplicas, 1)) {
      throw new MlopsValidationError(this, 'maxReplicas', maxReplicas, `a whole number at least minReplicas (${minReplicas}) and at least 1`);
    }
    return [minReplicas, maxReplicas];
  }

  /**
   * The canary rollout settings, or `undefined` without `deployment`.
   *
   * | given                                     | result                                             |
   * |-------------------------------------------|----------------------------------------------------|
   * | no deployment, no threshold               | no rollout workflow                                |
   * | a threshold without deployment            | error: the levels are the rollout's                |
   * | deployment on Cloud Run or VPC peering    | error: no traffic split between deployed models    |
   * | deployment (Vertex AI, PSC or public)     | the workflow, with the thresholds or their defaults |
   */
  private resolveRollout(props: ModelEndpointProps): { settings: ResolvedCanaryRollout; errorRateThreshold: number; modelLatencyThresholdMs: number } | undefined {
    const { deployment, errorRateAlarmThreshold: errorRate, modelLatencyAlarmThreshold: latency } = props;
    if (deployment === undefined) {
      for (const prop of ['errorRateAlarmThreshold', 'modelLatencyAlarmThreshold'] as const) {
        if (props[prop] !== undefined) {
          // Any value is refused here, a variable too: shown as one, so the error does not read as "a literal is needed".
          const given = Token.isUnresolved(props[prop]) ? UNRESOLVED_TOKEN : props[prop];
          throw new MlopsValidationError(this, prop, given, 'no value without deployment: the level rolls back a canary rollout (deployment: ModelEndpointDeployment.canary())');
        }
      }
      return undefined;
    }
    if (!(deployment instanceof ModelEndpointDeployment)) {
      throw new MlopsValidationError(this, 'deployment', deployment, 'ModelEndpointDeployment.canary({ size?, bakeTime?, terminationWait? })');
    }
    if (this.kind !== PlatformKind.VERTEX_AI) {
      throw new MlopsValidationError(this, 'deployment', 'ModelEndpointDeployment.canary()',
        'no deployment on Cloud Run: Terraform deploys the revisions, and the canary is the platform\'s traffic (ModelEndpointTraffic.canary(...))');
    }
    const variant = this.platform._variant();
    if (variant.kind === PlatformKind.VERTEX_AI && variant.options.access === ModelEndpointVertexAccess.VPC_PEERING) {
      throw new MlopsValidationError(this, 'deployment', 'ModelEndpointDeployment.canary()',
        'no canary on a VPC-peered endpoint: private endpoints serve one model and cannot split traffic (use PRIVATE_SERVICE_CONNECT)');
    }
    const settings = unwrap(this, 'deployment', deployment._resolve());
    const errorRateThreshold = errorRate ?? DEFAULT_ERROR_RATE_ALARM_THRESHOLD;
    if (typeof errorRateThreshold !== 'number' || !(errorRateThreshold > 0 && errorRateThreshold <= 1)) {
      throw new MlopsValidationError(this, 'errorRateAlarmThreshold', errorRate, 'a share of requests greater than 0 and at most 1 (0.01 is 1 %)');
    }
    let modelLatencyThresholdMs = DEFAULT_MODEL_LATENCY_ALARM_THRESHOLD_MS;
    if (latency !== undefined) {
      const ms = latency instanceof Duration ? latency.toSeconds() * 1000 : undefined;
      if (ms === undefined || !Number.isFinite(ms) || ms < 1 || ms > 3_600_000) {
        throw new MlopsValidationError(this, 'modelLatencyAlarmThreshold', ms === undefined ? latency : `${ms} ms`, 'a Duration from 1 millisecond to 1 hour (Duration.seconds(0.5), Duration.seconds(2))');
      }
      modelLatencyThresholdMs = ms;
    }
    return { settings, errorRateThreshold, modelLatencyThresholdMs };
  }

  private resolveCapture(props: ModelEndpointProps): CaptureTarget | undefined {
    if (props.captureLake === undefined) {
      for (const prop of ['captureZone', 'captureSamplingPercentage'] as const) {
        if (props[prop] !== undefined) {
          throw new MlopsValidationError(this, prop, props[prop], 'no value without captureLake (captures go to a lake)');
        }
      }
      return undefined;
    }
    const lake = resolveLake(this, 'captureLake', props.captureLake);
    const zone = props.captureZone ?? DEFAULT_CAPTURE_ZONE;
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'captureZone', zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const samplingPercentage = props.captureSamplingPercentage ?? DEFAULT_CAPTURE_SAMPLING_PERCENTAGE;
    if (typeof samplingPercentage !== 'number' || !(samplingPercentage > 0 && samplingPercentage <= 100)) {
      throw new MlopsValidationError(this, 'captureSamplingPercentage', samplingPercentage,
        'a percentage greater than 0 and at most 100 (Vertex AI samples a fraction in (0, 1]); to capture nothing, leave captureLake out');
    }
    const dataset = lake.dataset(zone);
    return { dataset, samplingPercentage, table: `${dataset.project}.${dataset.datasetId}.${captureTableId(this.prefix)}` };
  }

  /** Vertex AI: "The key needs to be in the same region as where the compute resource is created." */
  private keyLocationProblem(keyId: string): string | undefined {
    const keyLocation = keyId.split('/')[3];
    if (this.kind === PlatformKind.VERTEX_AI && !Token.isUnresolved(this.region) && keyLocation !== this.region) {
      return `a key in the endpoint's region "${this.region}" (Vertex AI needs the key where the endpoint is; this key is in "${keyLocation}")`;
    }
    return undefined;
  }

  private iamRoleProblem(role: string): string | undefined {
    if (this.kind === PlatformKind.VERTEX_AI) {
      return 'no iam on a Vertex AI endpoint: the Terraform provider has no endpoint IAM resource; use grantInvoke(member)';
    }
    return role.startsWith('roles/run.') ? undefined : 'a roles/run.* role (granted on the Cloud Run service)';
  }

  private requireVertex(method: string): void {
    if (this.kind !== PlatformKind.VERTEX_AI) {
      throw new MlopsValidationError(this, method, this.kind, 'a Vertex AI endpoint (on Cloud Run, Terraform deploys the container and traffic)');
    }
  }
}

/** An endpoint made elsewhere, known by its name (see {@link ModelEndpoint.fromModelEndpointAttributes}). */
class ImportedModelEndpoint extends ModelEndpointBase {
  public readonly endpointName: string;
  public readonly region: string;
  public readonly servingAccountEmail: string;
  public readonly capture?: ModelEndpointCapture;
  protected readonly kind: PlatformKind;
  protected readonly resourceProject?: string;
  private readonly givenRole?: string;
  private role?: ProjectIamCustomRole;

  constructor(scope: Construct, id: string, attrs: ModelEndpointAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with endpointName, region and servingAccountEmail');
    }
    if (attrs.platform !== undefined && !(attrs.platform instanceof ModelEndpointPlatform)) {
      throw new MlopsValidationError(this, 'platform', attrs.platform, 'ModelEndpointPlatform.VERTEX_AI or ModelEndpointPlatform.CLOUD_RUN');
    }
    this.kind = (attrs.platform ?? ModelEndpointPlatform.VERTEX_AI)._variant().kind;
    const nameRule = this.kind === PlatformKind.VERTEX_AI ? VERTEX_ENDPOINT_ID_RULE : CLOUD_RUN_SERVICE_NAME_RULE;
    this.endpointName = resolveName(this, 'endpointName', nameRule, attrs.endpointName);
    this.region = resolveName(this, 'region', MODEL_ENDPOINT_REGION_RULE, attrs.region);
    this.resourceProject = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
    if (typeof attrs.servingAccountEmail !== 'string' || !(Token.isUnresolved(attrs.servingAccountEmail) || /^[^\s@]+@[^\s@]+$/.test(attrs.servingAccountEmail))) {
      throw new MlopsValidationError(this, 'servingAccountEmail', attrs.servingAccountEmail, 'a service account email such as "churn-serving@acme-ml.iam.gserviceaccount.com"');
    }
    this.servingAccountEmail = attrs.servingAccountEmail;
    if (attrs.invokerRole !== undefined && (this.kind !== PlatformKind.VERTEX_AI || typeof attrs.invokerRole !== 'string' || attrs.invokerRole.trim() === '')) {
      throw new MlopsValidationError(this, 'invokerRole', attrs.invokerRole, 'on a Vertex AI endpoint only, a custom role name "projects/<project>/roles/<id>"');
    }
    this.givenRole = attrs.invokerRole;
    if (attrs.capture !== undefined && (attrs.capture === null || typeof attrs.capture !== 'object')) {
      throw new MlopsValidationError(this, 'capture', attrs.capture, 'an object { project, datasetId, tableId, samplingPercentage, vertexRequestResponseLogging }');
    }
    this.capture = attrs.capture === undefined ? undefined : { ...attrs.capture };
    if (this.kind === PlatformKind.VERTEX_AI && this.givenRole === undefined && !Token.isUnresolved(this.endpointName)) {
      resolveName(this, 'endpointName', CUSTOM_ROLE_ID_RULE, `endpoint${this.endpointName}Invoker`);
    }
  }

  public get endpointResourceName(): string {
    const collection = this.kind === PlatformKind.VERTEX_AI ? 'endpoints' : 'services';
    return `projects/${this.projectId()}/locations/${this.region}/${collection}/${this.endpointName}`;
  }

  protected invokerRoleName(): string {
    if (this.givenRole !== undefined) {
      return this.givenRole;
    }
    this.role ??= new ProjectIamCustomRole(this, 'InvokerRole', {
      project: this.projectId(),
      roleId: `endpoint${this.endpointName}Invoker`,
      title: `Endpoint ${this.endpointName} invoker`,
      description: `Online prediction on the Vertex AI endpoints of the project (created for endpoint "${this.endpointName}" by mlops-constructs).`,
      permissions: VERTEX_PREDICT_PERMISSIONS,
    });
    return this.role.name;
  }

  protected cloudRunServiceName(): string {
    return this.endpointName;
  }
}

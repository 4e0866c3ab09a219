import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { CloudbuildTrigger, CloudbuildTriggerBuild, CloudbuildTriggerBuildStep } from '@cdktf/provider-google/lib/cloudbuild-trigger';
import { Cloudbuildv2Repository } from '@cdktf/provider-google/lib/cloudbuildv2-repository';
import { ClouddeployDeliveryPipeline } from '@cdktf/provider-google/lib/clouddeploy-delivery-pipeline';
import { ClouddeployDeliveryPipelineIamMember } from '@cdktf/provider-google/lib/clouddeploy-delivery-pipeline-iam-member';
import { ClouddeployTarget } from '@cdktf/provider-google/lib/clouddeploy-target';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct, IConstruct } from 'constructs';
import { MlopsValidationError, NamingRule, PREFIX_RULE, throwIfProblems } from '../../core';
import { Fn, ITerraformDependable, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { GcpIamProps } from '../iam';
import { IModelRegistry } from '../model-registry/model-registry';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { iamRoleProblem, resolveIamGrants } from '../private/iam-members';
import { managedLabels } from '../private/labels';
import { GCP_REGION_RULE } from '../private/regions';
import { resolveRemovalPolicy, retainLifecycle } from '../private/removal-policy';
import { createKeyAccess, createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveServiceAccountId } from '../private/service-accounts';
import { resolveBoolean, resolveEncryptionKey, resolveName, resolveStrings } from '../private/validate';
import { warn } from '../private/warnings';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { ProductionApproval } from './production-approval';
import { DELIVERY_IMAGES, DELIVERY_SUBSTITUTIONS, stageSteps, StageBuild } from './private/build-steps';
import {
  BRANCH_DESCRIPTION, branchNameProblem, CONNECTION_DESCRIPTION, CONNECTION_FULL_NAME, connectionRegion, repositoryParts, re2Problem, REPOSITORY_DESCRIPTION,
} from './private/validation';

/** The synth-time warnings of a DeliveryPipeline, by id. */
export const DELIVERY_PIPELINE_WARNINGS = {
  /** `ProductionApproval.waived(reason)`: production deploys without a person approving. */
  approvalWaived: 'mlops-constructs:DeliveryPipeline.approvalWaived',
} as const;

/** The label the Terraform state bucket carries: the policy pack's state-bucket rules (GCP-GCS6, GCP-GCS7) find it by it. */
export const TERRAFORM_STATE_LABEL = { purpose: 'terraform-state' } as const;

/** The Artifact Registry service agent's domain (repository CMEK). */
const ARTIFACT_REGISTRY_AGENT_DOMAIN = 'gcp-sa-artifactregistry.iam.gserviceaccount.com';

/**
 * cdktf stack names, as the build finds them under `cdktf.out/stacks/<stack>`.
 * @see https://developer.hashicorp.com/terraform/cdktf/concepts/stacks
 */
export const CDKTF_STACK_NAME_RULE: NamingRule = {
  pattern: /^[A-Za-z0-9_-]{1,100}$/,
  description: '1 to 100 letters, digits, hyphens and underscores (a cdktf stack name: the build runs Terraform in cdktf.out/stacks/<stack>)',
};

/** Roles of the build service accounts, each with why (see {@link DeliveryPipeline}). */
export const DELIVERY_PIPELINE_ROLES = {
  /** Build project: write the build's logs (the builds log to Cloud Logging only). */
  logWriter: 'roles/logging.logWriter',
  /** State bucket, the stage's own prefix only (IAM condition): read, write and lock the Terraform state. */
  state: 'roles/storage.objectUser',
  /** Promotion topic (staging): publish the promotion of a tested commit. */
  promote: 'roles/pubsub.publisher',
  /** Artifact Registry repository (staging): push the image. */
  pushImage: 'roles/artifactregistry.writer',
  /** Artifact Registry repository: the Cloud Run service agent of each target's project pulls the image. */
  pullImage: 'roles/artifactregistry.reader',
  /** Release sources bucket (staging): gcloud uploads each release's source there. */
  releaseSources: 'roles/storage.objectUser',
  /** Release sources bucket: the execution accounts read the source they render. */
  readReleaseSources: 'roles/storage.objectViewer',
  /** Cloud Deploy delivery pipeline: create releases (staging) and promote them (production). */
  release: 'roles/clouddeploy.releaser',
  /** The Cloud Deploy execution account of the stage's target: act as it when creating or promoting a release. */
  actAs: 'roles/iam.serviceAccountUser',
  /** Cloud Deploy execution accounts, on the pipeline's project: render and deploy jobs. */
  jobRunner: 'roles/clouddeploy.jobRunner',
  /** Cloud Deploy execution accounts, on the target's project: deploy Cloud Run revisions. */
  runDeveloper: 'roles/run.developer',
  /** Approvers, on the build project: approve pending production builds. */
  buildApprover: 'roles/cloudbuild.builds.approver',
  /** Approvers, on the delivery pipeline: approve production rollouts. */
  rolloutApprover: 'roles/clouddeploy.approver',
} as const;

/** Where one stage keeps its Terraform state: the values of the app's `GcsBackend` and of `terraform init -backend-config=…`. */
export interface DeliveryPipelineBackend {
  /** The state bucket. */
  readonly bucket: string;
  /** The stage's prefix in it (`staging`, `production`). */
  readonly prefix: string;
}

/**
 * A delivery pipeline on Google Cloud.
 *
 * There is no `fromDeliveryPipelineAttributes`: nothing in the library consumes a delivery
 * pipeline (it is the root of delivery, and a stack holds one per repository), so an import would
 * have no use.
 */
export interface IDeliveryPipeline extends IConstruct {
  /** The customer-managed key of the state bucket, the promotion topic and the image repository. */
  readonly encryptionKey: ICryptoKey;
  /** The Terraform state bucket's name. */
  readonly stateBucketName: string;
  /** Staging's backend (`<state bucket>`, `staging`). */
  readonly stagingBackend: DeliveryPipelineBackend;
  /** Production's backend (`<state bucket>`, `production`). */
  readonly productionBackend: DeliveryPipelineBackend;
  /** The staging builds' service account email. */
  readonly stagingServiceAccountEmail: string;
  /** The production builds' service account email. */
  readonly productionServiceAccountEmail: string;
}

/** Options of `cloudRunDelivery`: the image the builds make and Cloud Deploy rolls out to Cloud Run. */
export interface DeliveryPipelineCloudRunOptions {
  /**
   * The image name in the repository, and the name the Skaffold/Cloud Run manifests refer to it by
   * (`--images=<imageName>=<uri>`).
   * @default 'app'
   */
  readonly imageName?: string;
  /**
   * The directory of the repository holding the `Dockerfile`, `skaffold.yaml` and the Cloud Run
   * service manifest.
   * @default '.'
   */
  readonly sourceDirectory?: string;
  /**
   * The canary phases of the production rollout: the percentages of traffic the new revision
   * gets before 100 (strictly increasing, 1 to 99).
   * @default [25, 50]
   */
  readonly canaryPercentages?: number[];
}

/**
 * Props of {@link DeliveryPipeline}.
 *
 * `iam` (from {@link GcpIamProps}): no role is accepted; approvers are named in
 * `ProductionApproval.manual({ approvers })`.
 */
/**
 * What the production build starts to roll an announced model version out: a Vertex AI
 * `ModelEndpoint` with `deployment: ModelEndpointDeployment.canary()` (its canary rollout workflow).
 */
export interface DeliveryPipelineModelRollout {
  /** `projects/<project>/locations/<region>/workflows/<name>` of the rollout workflow. */
  readonly rolloutWorkflowId?: string;
  /** Lets `member` start the workflow. */
  grantStartRollout(member: string): ITerraformDependable[];
}

export interface DeliveryPipelineProps extends GcpIamProps {
  /** Prefix of every name: `<prefix>-tfstate`, `<prefix>-staging` (trigger and account), … (at most 18 characters with `cloudRunDelivery`, 19 without). */
  readonly prefix: string;
  /**
   * Prefix of the bucket names instead (`<bucketPrefix>-tfstate`, `-tfstate-logs`,
   * `-release-src`): Cloud Storage bucket names are global, so a stack that cannot choose a
   * unique `prefix` (a reference stack: `<project id>-<prefix>`) names its buckets apart. May be a
   * Terraform value.
   * @default - the prefix
   */
  readonly bucketPrefix?: string;
  /**
   * The repository, `owner/name`. May be a Terraform value (a variable): its owner and name are
   * then split out by Terraform (`element(split("/", …), 1)`), and it is not checked at synth —
   * its value is known only at plan, so give the variable a validation of the `owner/name` shape
   * (the Google Cloud reference stacks do).
   */
  readonly repository: string;
  /**
   * The Cloud Build 2nd-gen GitHub connection the repository is linked through (the repository's
   * remote is `https://github.com/<owner>/<name>.git`): its id (in `project` and `region`) or its
   * resource name `projects/<project>/locations/<region>/connections/<id>`. It is created and
   * authorized once in the console (see the README's day-one steps).
   */
  readonly connection: string;
  /**
   * The branch whose pushes are delivered (production builds it).
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * The RE2 regular expression of branch names whose pushes start a staging build; it must match
   * `branch`.
   * @default - `^<branch>$`
   */
  readonly branchFilter?: string;
  /**
   * Commands that install dependencies.
   * @default ['npm ci']
   */
  readonly installCommands?: string[];
  /**
   * Commands that test the app; a failure stops the build before any apply.
   * @default ['npm test']
   */
  readonly testCommands?: string[];
  /**
   * Commands that synthesize the app to `cdktf.out`.
   * @default ['npx cdktf synth']
   */
  readonly synthCommands?: string[];
  /** The project of the staging environment (where its deployer gets `deployRoles`). */
  readonly stagingProject: string;
  /** The project of the production environment. */
  readonly productionProject: string;
  /**
   * The cdktf stack of the staging environment.
   * @default 'staging'
   */
  readonly stagingStack?: string;
  /**
   * The cdktf stack of the production environment.
   * @default 'production'
   */
  readonly productionStack?: string;
  /**
   * Roles each stage's deployer account gets on its environment's project, to apply the stack.
   * What a stack needs depends on what it creates, so the list is yours; an administrator role
   * is reported by GCP-IAM2.
   * @default - none: grant the roles your stacks need (a plan that lacks one fails with the missing permission)
   */
  readonly deployRoles?: string[];
  /**
   * Whether production waits for a person.
   * @default ProductionApproval.manual()
   */
  readonly productionApproval?: ProductionApproval;
  /**
   * Lets staging and production be the same project.
   * @default false
   */
  readonly allowSharedEnvironment?: boolean;
  /**
   * Model delivery: each version the registry announces as `champion` starts a staging build of
   * `branch` with the version in `MLOPS_MODEL_VERSION`, then the same approval and production.
   * @default - no model trigger
   */
  readonly modelRegistry?: IModelRegistry;
  /**
   * Model rollout (with `modelRegistry`): after the production apply of an announced version, the
   * production build starts this endpoint's canary rollout workflow with the version
   * (`gcloud workflows run`, waiting for it) and fails when the rollout did not succeed (rolled
   * back by its metrics, or failed). The production account gets `grantStartRollout`.
   * @default - no rollout step: the app deploys the version itself
   */
  readonly modelRollout?: DeliveryPipelineModelRollout;
  /**
   * Serving on Cloud Run through Cloud Deploy: an image repository, a delivery pipeline with a
   * staging and a production target (approval required, canary rollout).
   * @default - no Cloud Deploy pipeline
   */
  readonly cloudRunDelivery?: DeliveryPipelineCloudRunOptions;
  /**
   * Project of the triggers, accounts, state bucket, topic and Cloud Deploy pipeline.
   * @default - the provider's project
   */
  readonly project?: string;
  /** Region of the triggers (that of the connection), the state bucket, the image repository and the Cloud Deploy pipeline. */
  readonly region: string;
  /** Customer-managed key of the state bucket, the promotion topic and the image repository, in `region`. */
  readonly encryptionKey: ICryptoKey;
  /**
   * What happens to the state bucket, its log bucket, the topic and the image repository on
   * destroy. `DESTROY` also needs the app context `"mlops-constructs:allowDataDestruction": true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Image of the install, test and synth steps.
   * @default 'node:22'
   */
  readonly nodeImage?: string;
  /**
   * Image of the Terraform steps.
   * @default 'hashicorp/terraform:1.11'
   */
  readonly terraformImage?: string;
}

/**
 * CI/CD for a cdktf app and its models on Google Cloud: Cloud Build triggers on a 2nd-gen
 * repository, Terraform state in a bucket the construct creates, an approval before production,
 * and — for Cloud Run serving — a Cloud Deploy pipeline with a canary rollout.
 *
 * **The path.** A push to `branch` (matching `branchFilter`) starts the staging trigger:
 * install → test → synth → `terraform init` (GCS backend, prefix `staging`) → `plan` → `apply`
 * of `stagingStack` (→ image build, push and Cloud Deploy release, which rolls out to the staging
 * target, with `cloudRunDelivery`) → publish the tested commit to the promotion topic. The
 * production trigger listens on that topic and requires approval
 * (`approval_config.approval_required`, unless `ProductionApproval.waived(reason)`); once
 * approved it checks that `branch` is still at the tested commit, then runs the same steps for
 * `productionStack` (prefix `production`) and, with `cloudRunDelivery`, promotes the release to
 * the production target (canary, `require_approval`). **Model delivery**: with `modelRegistry`, a
 * Pub/Sub trigger on the registry's announcement topic, filtered to `alias = champion`, runs the
 * staging build of `branch` with `MLOPS_MODEL` and `MLOPS_MODEL_VERSION` set, and the version
 * travels in the promotion to production: the app pins the version it deploys from them (and
 * deploys `<model>@champion` when they are empty).
 *
 * **Build logs: Cloud Logging only** (`options.logging = CLOUD_LOGGING_ONLY`), in the build
 * project's `_Default` log bucket (30 days unless its retention is raised; CMEK when the
 * project's Logging settings have a key). Not a Cloud Storage bucket: that needs broader
 * storage roles on the build accounts and a second bucket to secure.
 *
 * **Accounts and their roles (least privilege).** One deployer per stage, so that staging cannot
 * touch production: `<prefix>-staging` and `<prefix>-production`. Each gets
 * `roles/logging.logWriter` on the build project (its build logs); `roles/storage.objectUser` on
 * the state bucket with an IAM condition limiting objects to its stage's prefix (list on the
 * bucket stays, which the GCS backend needs); `deployRoles` on its environment project. Staging
 * also gets `roles/pubsub.publisher` on the promotion topic and the registry's read grant (the
 * app reads the champion at synth); with `cloudRunDelivery`, staging gets
 * `roles/artifactregistry.writer` on the repository, both get `roles/clouddeploy.releaser` on the
 * Cloud Deploy pipeline and `roles/iam.serviceAccountUser` on their own target's execution
 * account only; staging gets `roles/storage.objectUser` on the release sources bucket
 * (`<prefix>-release-src`, where gcloud stages each release's source), which the execution
 * accounts read (`roles/storage.objectViewer`). The execution accounts (`<prefix>-deploy-stg`, `<prefix>-deploy-prd`) get
 * `roles/clouddeploy.jobRunner` on the build project and `roles/run.developer` on their target's
 * project; the Cloud Run service agent of each target's project gets `roles/artifactregistry.reader` on
 * the repository (it pulls the image). Approvers get `roles/cloudbuild.builds.approver` on the build project and
 * `roles/clouddeploy.approver` on the Cloud Deploy pipeline.
 *
 * **State.** `<prefix>-tfstate`: versioned, CMEK, retained, uniform bucket-level access, public
 * access prevention enforced, access logs to `<prefix>-tfstate-logs`. The app's stacks declare
 * the backend the builds initialize (`stagingBackend`, `productionBackend`):
 * `new GcsBackend(stack, pipeline.stagingBackend)`; by hand, `terraform init
 * -backend-config=bucket=<bucket> -backend-config=prefix=staging`.
 *
 * Only a deploy shows: that the connection is authorized and reaches the repository, that the
 * deployer's `deployRoles` are enough for the stacks, that Cloud Build may act as the accounts
 * (the identity applying this stack needs `iam.serviceAccounts.actAs` on them), and the rollout.
 *
 * Construct ids: `Repository`, `StateBucket` and `StateAccessLogs` (stateful), `Promotions`
 * (stateful), `StagingServiceAccount`, `ProductionServiceAccount`, `StagingTrigger`,
 * `ProductionTrigger`, `ModelTrigger`, `Access/*`, `ServiceAgent/*`, `Approvers/*`,
 * `ReleaseSources` (stateful), `CloudRun/{Images (stateful), Resource, StagingTarget, ProductionTarget, …}`.
 *
 * @see https://cloud.google.com/build/docs/automating-builds/create-manage-triggers
 * @see https://cloud.google.com/build/docs/securing-builds/gate-builds-on-approval
 * @see https://cloud.google.com/deploy/docs/deployment-strategies/canary
 * @see https://developer.hashicorp.com/terraform/language/backend/gcs
 */
export class DeliveryPipeline extends Construct implements IDeliveryPipeline {
  public readonly encryptionKey: ICryptoKey;
  public readonly stateBucketName: string;
  public readonly stagingBackend: DeliveryPipelineBackend;
  public readonly productionBackend: DeliveryPipelineBackend;
  public readonly stagingServiceAccountEmail: string;
  public readonly productionServiceAccountEmail: string;
  /** The repository, `owner/name` (a Terraform value when `repository` is one). */
  public readonly repositoryName: string;
  /** The branch production builds. */
  public readonly branch: string;
  /** The branch filter of the staging trigger (RE2). */
  public readonly branchFilter: string;
  /** The build project; `undefined` means the provider's. */
  public readonly project?: string;
  /** The region. */
  public readonly region: string;
  /** The 2nd-gen repository. */
  public readonly repository: Cloudbuildv2Repository;
  /** The Terraform state bucket. */
  public readonly stateBucket: StorageBucket;
  /** The bucket receiving the state bucket's access logs. */
  public readonly stateAccessLogsBucket: StorageBucket;
  /** The topic staging publishes tested commits to, and the production trigger listens on. */
  public readonly promotionTopic: PubsubTopic;
  /** The staging builds' account. */
  public readonly stagingServiceAccount: ServiceAccount;
  /** The production builds' account. */
  public readonly productionServiceAccount: ServiceAccount;
  /** The push trigger of staging. */
  public readonly stagingTrigger: CloudbuildTrigger;
  /** The production trigger (approval required unless waived). */
  public readonly productionTrigger: CloudbuildTrigger;
  /** The model announcement trigger, with `modelRegistry`. */
  public readonly modelTrigger?: CloudbuildTrigger;
  /** The image repository, with `cloudRunDelivery`. */
  public readonly imageRepository?: ArtifactRegistryRepository;
  /** The bucket releases' sources are staged in, with `cloudRunDelivery`. */
  public readonly releaseSourcesBucket?: StorageBucket;
  /** The Cloud Deploy delivery pipeline, with `cloudRunDelivery`. */
  public readonly deliveryPipeline?: ClouddeployDeliveryPipeline;
  /** The Cloud Deploy staging target, with `cloudRunDelivery`. */
  public readonly stagingTarget?: ClouddeployTarget;
  /** The Cloud Deploy production target, with `cloudRunDelivery`. */
  public readonly productionTarget?: ClouddeployTarget;
  /** The removal policy of the stateful resources. */
  public readonly removalPolicy: RemovalPolicy;
  /** Whether production builds wait for approval. */
  public readonly approvalRequired: boolean;

  private readonly projectData: DataGoogleProject;

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props,
        'an object with prefix, repository, connection, stagingProject, productionProject, region and encryptionKey');
    }
    const prefix = resolveName(this, 'prefix', PREFIX_RULE, props.prefix);
    const bucketPrefix = props.bucketPrefix === undefined ? prefix : resolveName(this, 'bucketPrefix', PREFIX_RULE, props.bucketPrefix);
    const repo = this.resolveRepository(props.repository);
    this.repositoryName = repo.full;
    this.branch = props.branch === undefined ? 'main' : props.branch;
    const branchProblem = branchNameProblem(this.branch)
      ?? (/[$%]\{/.test(this.branch) ? 'no "${" or "%{" (Terraform would read it as its own template syntax)' : undefined);
    if (branchProblem !== undefined) {
      throw new MlopsValidationError(this, 'branch', props.branch, `${BRANCH_DESCRIPTION}: ${branchProblem}`);
    }
    this.branchFilter = this.resolveBranchFilter(props.branchFilter);
    this.project = props.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.region = resolveName(this, 'region', GCP_REGION_RULE, props.region);
    const connection = this.resolveConnection(props.connection);
    const stagingProject = resolveName(this, 'stagingProject', GCP_PROJECT_ID_RULE, props.stagingProject);
    const productionProject = resolveName(this, 'productionProject', GCP_PROJECT_ID_RULE, props.productionProject);
    const shared = resolveBoolean(this, 'allowSharedEnvironment', props.allowSharedEnvironment) ?? false;
    if (!shared && !Token.isUnresolved(stagingProject) && stagingProject === productionProject) {
      throw new MlopsValidationError(this, 'productionProject', productionProject,
        `a project other than stagingProject ("${stagingProject}"): staging and production in one project share quotas, IAM and blast radius; `
        + 'set allowSharedEnvironment: true to accept that');
    }
    const stagingStack = resolveName(this, 'stagingStack', CDKTF_STACK_NAME_RULE, props.stagingStack === undefined ? 'staging' : props.stagingStack);
    const productionStack = resolveName(this, 'productionStack', CDKTF_STACK_NAME_RULE, props.productionStack === undefined ? 'production' : props.productionStack);
    if (stagingStack === productionStack) {
      throw new MlopsValidationError(this, 'productionStack', productionStack, `a stack other than stagingStack ("${stagingStack}"): each stack configures one environment`);
    }
    const commands = (property: 'installCommands' | 'testCommands' | 'synthCommands', fallback: string[]): string[] => {
      const value = resolveStrings(this, property, props[property]) ?? fallback;
      if (value.length === 0 || value.some((c) => c.trim() === '')) {
        throw new MlopsValidationError(this, property, props[property], 'a non-empty list of non-empty shell commands');
      }
      return value;
    };
    const installCommands = commands('installCommands', ['npm ci']);
    const testCommands = commands('testCommands', ['npm test']);
    const synthCommands = commands('synthCommands', ['npx cdktf synth']);
    const deployRoles = resolveStrings(this, 'deployRoles', props.deployRoles) ?? [];
    deployRoles.forEach((role, i) => {
      const problem = iamRoleProblem(role);
      if (problem !== undefined) {
        throw new MlopsValidationError(this, `deployRoles[${i}]`, role, problem);
      }
    });
    const approval = props.productionApproval ?? ProductionApproval.manual();
    if (!(approval instanceof ProductionApproval)) {
      throw new MlopsValidationError(this, 'productionApproval', approval, 'ProductionApproval.manual(options?) or ProductionApproval.waived(reason)');
    }
    throwIfProblems(this, 'productionApproval', approval.problems());
    const approvalSpec = approval._render();
    this.approvalRequired = approvalSpec.approvalRequired;
    const registry = this.resolveRegistry(props.modelRegistry);
    const rollout = props.modelRollout;
    if (rollout !== undefined && (rollout === null || typeof rollout !== 'object' || typeof rollout.rolloutWorkflowId !== 'string'
      || typeof rollout.grantStartRollout !== 'function' || registry === undefined)) {
      throw new MlopsValidationError(this, 'modelRollout', rollout,
        'a Vertex AI ModelEndpoint with deployment: ModelEndpointDeployment.canary() (it has a rollout workflow), together with modelRegistry (whose announcements it rolls out)');
    }
    const cloudRun = this.resolveCloudRun(props.cloudRunDelivery);
    this.encryptionKey = this.resolveKey(props.encryptionKey);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    resolveIamGrants(this, props.iam, () => 'no role: approvers are named in ProductionApproval.manual({ approvers }), deployers get deployRoles');
    const image = (property: 'nodeImage' | 'terraformImage', fallback: string): string => {
      const value = props[property] ?? fallback;
      if (typeof value !== 'string' || !/^\S+$/.test(value)) {
        throw new MlopsValidationError(this, property, props[property], 'a container image reference such as "node:22" or "europe-docker.pkg.dev/<project>/<repo>/<image>:<tag>"');
      }
      return value;
    };
    const nodeImage = image('nodeImage', DELIVERY_IMAGES.node);
    const terraformImage = image('terraformImage', DELIVERY_IMAGES.terraform);
    const accountId = (suffix: string) => resolveServiceAccountId(this, prefix, suffix);
    const stagingAccountId = accountId('staging');
    const productionAccountId = accountId('production');
    const deployAccountIds = cloudRun ? { staging: accountId('deploy-stg'), production: accountId('deploy-prd') } : undefined;
    const labels = managedLabels({ 'delivery-pipeline': prefix });
    const destroys = this.removalPolicy === RemovalPolicy.DESTROY;

    const agents = new Construct(this, 'ServiceAgent');
    this.projectData = createProjectLookup(agents, 'Project', this.project);
    const buildProject = this.project ?? this.projectData.projectId;

    // Source: the repository lives in the connection's project and region.
    const full = typeof connection === 'string' ? CONNECTION_FULL_NAME.exec(connection) : null;
    this.repository = new Cloudbuildv2Repository(this, 'Repository', {
      project: full !== null ? full[1] : this.project,
      location: this.region,
      parentConnection: full !== null ? full[3] : connection,
      name: repo.name,
      remoteUri: `https://github.com/${repo.full}.git`,
    });

    // State
    const storageAgent = new DataGoogleStorageProjectServiceAccount(agents, 'StorageServiceAgent', { project: this.project });
    const storageKeyAccess = createKeyAccess(agents, 'StorageKeyAccess', this.encryptionKey, storageAgent.member);
    const bucket = (scopeId: string, name: string, purpose: Record<string, string>, logging: { logBucket: string; logObjectPrefix: string } | undefined) =>
      new StorageBucket(this, scopeId, {
        project: this.project,
        name,
        location: this.region,
        storageClass: 'STANDARD',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        encryption: { defaultKmsKeyName: this.encryptionKey.id },
        logging,
        labels: managedLabels({ ...purpose, 'delivery-pipeline': prefix }),
        // Old state versions: kept 90 days after they are replaced, the newest 20 always.
        lifecycleRule: [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 90, numNewerVersions: 20, withState: 'ARCHIVED' } }],
        forceDestroy: destroys,
        dependsOn: [storageKeyAccess],
        lifecycle: retainLifecycle(this.removalPolicy),
      });
    this.stateAccessLogsBucket = bucket('StateAccessLogs', `${bucketPrefix}-tfstate-logs`, { purpose: 'access-logs' }, undefined);
    new StorageBucketIamMember(this.stateAccessLogsBucket, 'AnalyticsWriter', {
      bucket: this.stateAccessLogsBucket.name, role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com',
    });
    GcpChecks.acknowledge(this.stateAccessLogsBucket, {
      id: 'GCP-GCS4',
      reason: 'This bucket receives the usage logs of the state bucket; it cannot log to itself, and logging it elsewhere would only move the requirement to another bucket.',
    });
    const stateBucketName = `${bucketPrefix}-tfstate`;
    this.stateBucket = bucket('StateBucket', stateBucketName, TERRAFORM_STATE_LABEL, { logBucket: this.stateAccessLogsBucket.name, logObjectPrefix: 'tfstate' });
    this.stateBucketName = stateBucketName;
    this.stagingBackend = { bucket: stateBucketName, prefix: 'staging' };
    this.productionBackend = { bucket: stateBucketName, prefix: 'production' };

    // Accounts
    const account = (id: string, accountIdValue: string, what: string) => new ServiceAccount(this, id, {
      project: this.project,
      accountId: accountIdValue,
      displayName: `${what} of ${this.repositoryName}`,
      description: `Cloud Build runs the ${what.toLowerCase()} of ${this.repositoryName} as this account (mlops-constructs DeliveryPipeline ${prefix}).`,
    });
    this.stagingServiceAccount = account('StagingServiceAccount', stagingAccountId, 'Staging builds');
    this.productionServiceAccount = account('ProductionServiceAccount', productionAccountId, 'Production builds');
    this.stagingServiceAccountEmail = this.stagingServiceAccount.email;
    this.productionServiceAccountEmail = this.productionServiceAccount.email;

    const pubsubKeyAccess = createKeyAccess(agents, 'PubSubKeyAccess', this.encryptionKey, serviceAgentMember(this.projectData, SERVICE_AGENT_DOMAINS.pubsub));
    this.promotionTopic = new PubsubTopic(this, 'Promotions', {
      project: this.project,
      name: `${prefix}-promotions`,
      kmsKeyName: this.encryptionKey.id,
      labels,
      dependsOn: [pubsubKeyAccess],
      lifecycle: retainLifecycle(this.removalPolicy),
    });

    const access = new Construct(this, 'Access');
    const grants: Record<'staging' | 'production', ITerraformDependable[]> = { staging: [], production: [] };
    const stages = [
      { stage: 'staging' as const, sa: this.stagingServiceAccount, project: stagingProject, backend: this.stagingBackend },
      { stage: 'production' as const, sa: this.productionServiceAccount, project: productionProject, backend: this.productionBackend },
    ];
    for (const { stage, sa, project, backend } of stages) {
      const at = new Construct(access, stage === 'staging' ? 'Staging' : 'Production');
      grants[stage].push(
        new ProjectIamMember(at, 'LogWriter', { project: buildProject, role: DELIVERY_PIPELINE_ROLES.logWriter, member: sa.member }),
        new StorageBucketIamMember(at, 'State', {
          bucket: this.stateBucket.name,
          role: DELIVERY_PIPELINE_ROLES.state,
          member: sa.member,
          condition: {
            title: `${stage} state only`,
            description: `Objects under ${backend.prefix}/ (the ${stage} Terraform state and lock); listing the bucket, which the GCS backend does.`,
            expression: `resource.type == "storage.googleapis.com/Bucket" || resource.name.startsWith("projects/_/buckets/${stateBucketName}/objects/${backend.prefix}/")`,
          },
        }),
        ...deployRoles.map((role) => new ProjectIamMember(at, `Deploy-${role.replace(/\//g, '--')}`, { project, role, member: sa.member })),
      );
    }
    grants.staging.push(new PubsubTopicIamMember(new Construct(access, 'Promote'), 'Staging', {
      topic: this.promotionTopic.id, role: DELIVERY_PIPELINE_ROLES.promote, member: this.stagingServiceAccount.member,
    }));
    if (registry !== undefined) {
      grants.staging.push(...registry.grantRead(this.stagingServiceAccount.member));
    }
    if (rollout !== undefined) {
      grants.production.push(...rollout.grantStartRollout(this.productionServiceAccount.member));
    }

    // Cloud Run through Cloud Deploy
    let run: StageBuild['cloudRun'];
    if (cloudRun !== undefined && deployAccountIds !== undefined) {
      const crScope = new Construct(this, 'CloudRun');
      const arKeyAccess = createKeyAccess(agents, 'ArtifactRegistryKeyAccess', this.encryptionKey, serviceAgentMember(this.projectData, ARTIFACT_REGISTRY_AGENT_DOMAIN));
      const repositoryId = `${prefix}-images`;
      const imageRepository = new ArtifactRegistryRepository(crScope, 'Images', {
        project: this.project,
        location: this.region,
        repositoryId,
        format: 'DOCKER',
        description: `Images of ${this.repositoryName}, built by its staging builds (mlops-constructs DeliveryPipeline ${prefix}).`,
        kmsKeyName: this.encryptionKey.id,
        dockerConfig: { immutableTags: true },
        labels,
        dependsOn: [arKeyAccess],
        lifecycle: retainLifecycle(this.removalPolicy),
      });
      this.imageRepository = imageRepository;
      // gcloud stages each release's source in a bucket; this one, so that the staging account needs no bucket creation.
      const releaseSources = bucket('ReleaseSources', `${bucketPrefix}-release-src`, { purpose: 'release-sources' },
        { logBucket: this.stateAccessLogsBucket.name, logObjectPrefix: 'release-src' });
      this.releaseSourcesBucket = releaseSources;
      grants.staging.push(new StorageBucketIamMember(new Construct(access, 'ReleaseSources'), 'Staging', {
        bucket: releaseSources.name, role: DELIVERY_PIPELINE_ROLES.releaseSources, member: this.stagingServiceAccount.member,
      }));
      const targets: Record<'staging' | 'production', ClouddeployTarget> = {} as Record<'staging' | 'production', ClouddeployTarget>;
      const executionAccounts: Record<'staging' | 'production', ServiceAccount> = {} as Record<'staging' | 'production', ServiceAccount>;
      for (const { stage, project } of stages) {
        const Stage = stage === 'staging' ? 'Staging' : 'Production';
        const executionAccount = new ServiceAccount(crScope, `${Stage}ExecutionServiceAccount`, {
          project: this.project,
          accountId: deployAccountIds[stage],
          displayName: `Cloud Deploy ${stage} rollouts of ${this.repositoryName}`,
          description: `Cloud Deploy renders and deploys to the ${stage} Cloud Run target as this account (mlops-constructs DeliveryPipeline ${prefix}).`,
        });
        executionAccounts[stage] = executionAccount;
        const at = new Construct(access, `${Stage}Rollout`);
        new ProjectIamMember(at, 'JobRunner', { project: buildProject, role: DELIVERY_PIPELINE_ROLES.jobRunner, member: executionAccount.member });
        new ProjectIamMember(at, 'RunDeveloper', { project, role: DELIVERY_PIPELINE_ROLES.runDeveloper, member: executionAccount.member });
        new StorageBucketIamMember(at, 'ReadReleaseSources', { bucket: releaseSources.name, role: DELIVERY_PIPELINE_ROLES.readReleaseSources, member: executionAccount.member });
        const stageAccount = stage === 'staging' ? this.stagingServiceAccount : this.productionServiceAccount;
        grants[stage].push(new ServiceAccountIamMember(at, 'ActAsExecution', {
          serviceAccountId: executionAccount.name, role: DELIVERY_PIPELINE_ROLES.actAs, member: stageAccount.member,
        }));
        // Cloud Run in the target's project pulls the image as its service agent.
        const targetProject = createProjectLookup(agents, `${Stage}Project`, project);
        new ArtifactRegistryRepositoryIamMember(at, 'PullImage', {
          project: this.project, location: this.region, repository: imageRepository.name, role: DELIVERY_PIPELINE_ROLES.pullImage,
          member: serviceAgentMember(targetProject, SERVICE_AGENT_DOMAINS.cloudRun),
        });
        targets[stage] = new ClouddeployTarget(crScope, `${Stage}Target`, {
          project: this.project,
          location: this.region,
          name: `${prefix}-${stage}`,
          description: `Cloud Run in ${project} (${stage}).`,
          run: { location: `projects/${project}/locations/${this.region}` },
          requireApproval: stage === 'production' && this.approvalRequired,
          executionConfigs: [{ usages: ['RENDER', 'DEPLOY'], serviceAccount: executionAccount.email }],
          labels,
        });
      }
      this.stagingTarget = targets.staging;
      this.productionTarget = targets.production;
      const pipelineName = prefix;
      this.deliveryPipeline = new ClouddeployDeliveryPipeline(crScope, 'Resource', {
        project: this.project,
        location: this.region,
        name: pipelineName,
        description: `Rollouts of ${this.repositoryName}: staging, then production (canary ${cloudRun.canaryPercentages.join(', ')} %).`,
        labels,
        serialPipeline: {
          stages: [
            { targetId: targets.staging.name, strategy: { standard: { verify: false } } },
            {
              targetId: targets.production.name,
              strategy: {
                canary: {
                  runtimeConfig: { cloudRun: { automaticTrafficControl: true } },
                  canaryDeployment: { percentages: cloudRun.canaryPercentages, verify: false },
                },
              },
            },
          ],
        },
      });
      const releasers = new Construct(access, 'Release');
      for (const { stage, sa } of stages) {
        grants[stage].push(new ClouddeployDeliveryPipelineIamMember(releasers, stage === 'staging' ? 'Staging' : 'Production', {
          project: this.project, location: this.region, name: this.deliveryPipeline.name, role: DELIVERY_PIPELINE_ROLES.release, member: sa.member,
        }));
      }
      grants.staging.push(new ArtifactRegistryRepositoryIamMember(new Construct(access, 'PushImage'), 'Staging', {
        project: this.project, location: this.region, repository: imageRepository.name, role: DELIVERY_PIPELINE_ROLES.pushImage, member: this.stagingServiceAccount.member,
      }));
      run = {
        imageUri: `${this.region}-docker.pkg.dev/${buildProject}/${repositoryId}/${cloudRun.imageName}:$COMMIT_SHA`,
        imageName: cloudRun.imageName,
        sourceDirectory: cloudRun.sourceDirectory,
        sourceStagingDir: `gs://${bucketPrefix}-release-src/source`,
        deliveryPipeline: pipelineName,
        region: this.region,
        project: buildProject,
        productionTarget: `${prefix}-production`,
      };
    }

    // Approvers
    if (approvalSpec.approvers.length > 0) {
      const approvers = new Construct(this, 'Approvers');
      for (const member of approvalSpec.approvers) {
        new ProjectIamMember(approvers, `Builds=${member}`, { project: buildProject, role: DELIVERY_PIPELINE_ROLES.buildApprover, member });
        if (this.deliveryPipeline !== undefined) {
          new ClouddeployDeliveryPipelineIamMember(approvers, `Rollouts=${member}`, {
            project: this.project, location: this.region, name: this.deliveryPipeline.name, role: DELIVERY_PIPELINE_ROLES.rolloutApprover, member,
          });
        }
      }
    }

    // Triggers
    const common = { installCommands, testCommands, synthCommands, stateBucket: stateBucketName, nodeImage, terraformImage, cloudRun: run };
    const stagingBuild = this.build(stageSteps({ ...common, stage: 'staging', stack: stagingStack, statePrefix: 'staging', promotionTopic: this.promotionTopic.id }));
    const productionBuild = this.build(stageSteps({
      ...common, stage: 'production', stack: productionStack, statePrefix: 'production', verifyCommit: { branch: this.branch },
      modelRolloutWorkflow: rollout?.rolloutWorkflowId,
    }));
    const S = DELIVERY_SUBSTITUTIONS;
    const sourceToBuild = { repository: this.repository.id, ref: `refs/heads/${this.branch}`, repoType: 'GITHUB' };
    this.stagingTrigger = new CloudbuildTrigger(this, 'StagingTrigger', {
      project: this.project,
      location: this.region,
      name: `${prefix}-staging`,
      description: `Pushes to ${this.repositoryName} ${this.branchFilter}: install, test, synth, plan and apply ${stagingStack}, then promote.`,
      serviceAccount: this.stagingServiceAccount.id,
      repositoryEventConfig: { repository: this.repository.id, push: { branch: this.branchFilter } },
      substitutions: { [S.model]: '', [S.modelVersion]: '' },
      buildAttribute: stagingBuild,
      tags: ['mlops-delivery', 'staging'],
      dependsOn: grants.staging,
    });
    if (registry !== undefined) {
      this.modelTrigger = new CloudbuildTrigger(this, 'ModelTrigger', {
        project: this.project,
        location: this.region,
        name: `${prefix}-model`,
        description: `New champion versions of ${registry.modelId}: the staging build of ${this.branch} with the version, then promote.`,
        serviceAccount: this.stagingServiceAccount.id,
        pubsubConfig: { topic: registry.announcementTopicId },
        sourceToBuild,
        substitutions: {
          _ALIAS: `$(body.message.data.${ANNOUNCEMENT_DATA.alias})`,
          [S.model]: `$(body.message.data.${ANNOUNCEMENT_DATA.model})`,
          [S.modelVersion]: `$(body.message.data.${ANNOUNCEMENT_DATA.modelVersion})`,
        },
        filter: '_ALIAS.matches("^champion$")',
        buildAttribute: stagingBuild,
        tags: ['mlops-delivery', 'staging', 'model'],
        dependsOn: grants.staging,
      });
    }
    this.productionTrigger = new CloudbuildTrigger(this, 'ProductionTrigger', {
      project: this.project,
      location: this.region,
      name: `${prefix}-production`,
      description: approvalSpec.approvalRequired
        ? `Promotions of ${this.repositoryName}, after approval: plan and apply ${productionStack}.`
        : `Promotions of ${this.repositoryName}, WITHOUT approval (${approvalSpec.waiverReason}): plan and apply ${productionStack}.`,
      serviceAccount: this.productionServiceAccount.id,
      pubsubConfig: { topic: this.promotionTopic.id },
      sourceToBuild,
      approvalConfig: { approvalRequired: approvalSpec.approvalRequired },
      substitutions: {
        [S.commit]: '$(body.message.data.commit)',
        [S.model]: '$(body.message.data.model)',
        [S.modelVersion]: '$(body.message.data.modelVersion)',
        [S.release]: '$(body.message.data.release)',
      },
      buildAttribute: productionBuild,
      tags: ['mlops-delivery', 'production'],
      dependsOn: grants.production,
    });
    if (!approvalSpec.approvalRequired) {
      warn(this, DELIVERY_PIPELINE_WARNINGS.approvalWaived, `Production deploys without approval: ${approvalSpec.waiverReason}`);
    }
  }

  // -------------------------------------------------------------------------------------------

  private build(steps: CloudbuildTriggerBuildStep[]): CloudbuildTriggerBuild {
    return {
      step: steps,
      timeout: '3600s',
      options: { logging: 'CLOUD_LOGGING_ONLY', substitutionOption: 'ALLOW_LOOSE' },
    };
  }

  private resolveBranchFilter(value: unknown): string {
    if (value === undefined) {
      return `^${this.branch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
    }
    const problem = re2Problem(value);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'branchFilter', value, problem);
    }
    if (!new RegExp(value as string).test(this.branch)) {
      throw new MlopsValidationError(this, 'branchFilter', value, `a regular expression that matches branch ("${this.branch}"), the branch production builds`);
    }
    return value as string;
  }

  /**
   * The repository, its owner and its name. A literal is checked here; a token (a Terraform
   * variable) is known only at plan, so it is split by Terraform and left to the variable's own
   * validation — and never echoed, since its text here is cdktf's encoding, not the value.
   */
  private resolveRepository(value: unknown): { full: string; name: string } {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      return { full: value, name: Fn.element(Fn.split('/', value), 1) };
    }
    const repo = repositoryParts(value);
    if (repo === undefined) {
      throw new MlopsValidationError(this, 'repository', value, REPOSITORY_DESCRIPTION);
    }
    return { full: `${repo.owner}/${repo.name}`, name: repo.name };
  }

  private resolveConnection(value: unknown): string {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      return value;
    }
    const region = connectionRegion(value);
    if (region === undefined) {
      throw new MlopsValidationError(this, 'connection', value, CONNECTION_DESCRIPTION);
    }
    if (region !== null && !Token.isUnresolved(this.region) && region !== this.region) {
      throw new MlopsValidationError(this, 'connection', value,
        `a connection in the region "${this.region}": a 2nd-gen repository and its triggers live in the connection's region`);
    }
    const project = CONNECTION_FULL_NAME.exec(value as string)?.[1];
    if (project !== undefined && this.project !== undefined && !Token.isUnresolved(this.project) && project !== this.project) {
      throw new MlopsValidationError(this, 'connection', value,
        `a connection in the project "${this.project}": the triggers build a 2nd-gen repository of their own project`);
    }
    return value as string;
  }

  private resolveKey(value: unknown): ICryptoKey {
    if (value === undefined) {
      throw new MlopsValidationError(this, 'encryptionKey', value, `a Cloud KMS key in "${this.region}" (the state bucket, topic and image repository are encrypted with it)`);
    }
    return resolveEncryptionKey(this, value, (id) => (/\/locations\/([^/]+)\//.exec(id)?.[1] === this.region
      ? undefined
      : `a Cloud KMS key in the pipeline's region "${this.region}": a bucket and a repository are encrypted with keys of their location`))!;
  }

  private resolveRegistry(value: unknown): IModelRegistry | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (value === null || typeof value !== 'object' || typeof (value as IModelRegistry).announcementTopicId !== 'string'
      || typeof (value as IModelRegistry).grantRead !== 'function') {
      throw new MlopsValidationError(this, 'modelRegistry', value, 'a ModelRegistry of mlops-constructs/gcp, created or imported');
    }
    return value as IModelRegistry;
  }

  private resolveCloudRun(value: unknown): Required<DeliveryPipelineCloudRunOptions> | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new MlopsValidationError(this, 'cloudRunDelivery', value, 'an object { imageName?, sourceDirectory?, canaryPercentages? }');
    }
    const options = value as DeliveryPipelineCloudRunOptions;
    const imageName = options.imageName ?? 'app';
    if (typeof imageName !== 'string' || !/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(imageName)) {
      throw new MlopsValidationError(this, 'cloudRunDelivery.imageName', options.imageName, 'an image name of lowercase letters and digits, separated by ".", "_" or "-"');
    }
    const sourceDirectory = options.sourceDirectory ?? '.';
    if (typeof sourceDirectory !== 'string' || sourceDirectory === '' || sourceDirectory.startsWith('/') || sourceDirectory.split('/').includes('..')) {
      throw new MlopsValidationError(this, 'cloudRunDelivery.sourceDirectory', options.sourceDirectory, 'a directory of the repository, relative, without ".."');
    }
    const percentages = options.canaryPercentages ?? [25, 50];
    // Literal only: the phases are compared with each other and named in the pipeline's description at synth.
    const variableAt = Array.isArray(percentages) ? percentages.findIndex((p) => Token.isUnresolved(p)) : -1;
    if (variableAt >= 0) {
      throw new MlopsValidationError(this, `cloudRunDelivery.canaryPercentages[${variableAt}]`, percentages[variableAt],
        'a whole percentage from 1 to 99, above the phase before it (the phases are compared and named at synth)');
    }
    if (!Array.isArray(percentages) || percentages.length === 0
      || percentages.some((p, i) => !Number.isInteger(p) || p < 1 || p > 99 || (i > 0 && p <= percentages[i - 1]))) {
      throw new MlopsValidationError(this, 'cloudRunDelivery.canaryPercentages', options.canaryPercentages,
        'a non-empty list of strictly increasing whole percentages from 1 to 99 (100 is the last phase, always)');
    }
    return { imageName, sourceDirectory, canaryPercentages: [...percentages] };
  }
}

/**
 * The announcement's data fields the model trigger binds (the data is JSON with camelCase keys;
 * its attributes, `MODEL_VERSION_ANNOUNCEMENT_ATTRIBUTES`, are kebab-case, which Cloud Build's
 * `$(body.message.…)` paths do not read as one key).
 */
const ANNOUNCEMENT_DATA = { alias: 'alias', model: 'model', modelVersion: 'modelVersion' } as const;

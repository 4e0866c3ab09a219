import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct, IConstruct } from 'constructs';
import {
  MlopsValidationError, MODEL_VERSION_ALIASES, MODEL_VERSION_METADATA, NamingRule, toSnakeCase,
} from '../../core';
import { ITerraformDependable, TerraformResource, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { GcpIamProps } from '../iam';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { managedLabels } from '../private/labels';
import { GCP_REGION_RULE } from '../private/regions';
import { resolveRegionalKey } from '../private/kms';
import { resolveRemovalPolicy, retainLifecycle } from '../private/removal-policy';
import { xgboostImageUri } from '../private/vertex-ai-images';
import { resolveServiceAccountId } from '../private/service-accounts';
import { createKeyAccess, createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveEncryptionKey, resolveLake, resolveMember, resolveName } from '../private/validate';
import { isWorkflowsExpression, workflowsConcat } from '../private/workflows';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { VertexAiUploadModelRequest } from '../vertex-ai-api';

/** The synth-time warnings of a ModelRegistry, by id (none yet). */
export const MODEL_REGISTRY_WARNINGS = {} as const;

/**
 * Model ids of a registry: the Vertex AI model id (`[a-z0-9_-]`, not starting with a digit or a
 * hyphen, at most 63), kept to 40 lowercase letters, digits and hyphens so that the names derived
 * from it fit: the topic `<name>-model-versions` and the custom roles `<name_snake>_model_register`
 * (IAM role ids: at most 64).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.models/upload (modelId)
 */
export const VERTEX_MODEL_ID_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
  description: '1 to 40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/**
 * What each grant's custom role allows, on every model of the project (Vertex AI has no
 * model-level IAM). Register: upload a version, read versions, move aliases (`models.update`,
 * which `mergeVersionAliases` needs), and poll the upload's long-running operation.
 * @see https://cloud.google.com/vertex-ai/docs/general/access-control
 */
export const MODEL_REGISTRY_PERMISSIONS = {
  register: ['aiplatform.models.get', 'aiplatform.models.list', 'aiplatform.models.update', 'aiplatform.models.upload', 'aiplatform.operations.get', 'aiplatform.operations.list'],
  read: ['aiplatform.models.get', 'aiplatform.models.list'],
  approve: ['aiplatform.models.get', 'aiplatform.models.list', 'aiplatform.models.update'],
} as const;

const PUBLISH_ROLE = 'roles/pubsub.publisher';
const SUBSCRIBE_ROLE = 'roles/pubsub.subscriber';
const ACT_AS_ROLE = 'roles/iam.serviceAccountUser';

/**
 * The Eventarc event type of a message published to the announcement topic: an Eventarc trigger
 * with `transport.pubsub.topic = announcementTopicId` and this type receives each announcement.
 * @see https://cloud.google.com/eventarc/docs/creating-triggers (Pub/Sub)
 */
export const MODEL_VERSION_ANNOUNCEMENT_EVENT_TYPE = 'google.cloud.pubsub.topic.v1.messagePublished';

/**
 * The attributes of an announcement message (its data is the same as JSON): filter a subscription
 * on `attributes.alias = "champion"` for the versions promoted to champion.
 */
export const MODEL_VERSION_ANNOUNCEMENT_ATTRIBUTES = {
  /** `champion` or `challenger`. */
  alias: 'alias',
  /** The registered version id. */
  modelVersion: 'model-version',
  /** The model resource name. */
  model: 'model',
  /** The dataset version the version was trained on. */
  datasetVersion: MODEL_VERSION_METADATA.datasetVersion,
  /** The metric's name. */
  metricName: MODEL_VERSION_METADATA.metricName,
  /** The metric's value, as a decimal string. */
  metricValue: MODEL_VERSION_METADATA.metricValue,
} as const;

/**
 * The text a metric value takes in a version label. Label values allow only lowercase letters,
 * digits, `_` and `-`: the decimal point is written `_` and an exponent's `+` left out
 * (`0.8123` → `0_8123`, `1.5e-05` → `1_5e-05`). {@link metricFromLabelValue} reads it back.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.models#Model (labels)
 */
export function metricLabelValue(value: number): string {
  return String(value).toLowerCase().replace('.', '_').replace('+', '');
}

/** The number a label written by {@link metricLabelValue} holds, or `undefined` when it holds none. */
export function metricFromLabelValue(label: string | undefined): number | undefined {
  if (typeof label !== 'string' || label === '') {
    return undefined;
  }
  const value = Number(label.replace('_', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A model registry on Google Cloud: one Vertex AI model whose versions a pipeline uploads, and
 * what Terraform can declare around it. Created by {@link ModelRegistry} or imported with
 * {@link ModelRegistry.fromModelRegistryAttributes}.
 */
export interface IModelRegistry extends IConstruct {
  /** The Vertex AI model id (the registry's name). */
  readonly modelId: string;
  /** The Vertex AI region of the model. */
  readonly region: string;
  /** The project; `undefined` means the provider's project. */
  readonly project?: string;
  /** `projects/<project>/locations/<region>/models/<modelId>`. */
  readonly modelResourceName: string;
  /** Where version artifacts go in the lake: `gs://<artifacts bucket>/models/<modelId>` (one folder per version below it). */
  readonly artifactsUri: string;
  /** The service account Vertex AI reads uploaded artifacts as (`UploadModelRequest.serviceAccount`). */
  readonly uploaderServiceAccountEmail: string;
  /** The announcement topic, `projects/<project>/topics/<name>`: an Eventarc trigger's `transport.pubsub.topic`. */
  readonly announcementTopicId: string;
  /** The customer-managed key of model versions and the topic, when one is known. */
  readonly encryptionKey?: ICryptoKey;

  /**
   * Lets `member` register versions: the registry's register role on the project (upload, read,
   * move aliases), `roles/iam.serviceAccountUser` on the uploader account, `roles/pubsub.publisher`
   * on the announcement topic.
   * @returns the IAM member resources, to depend on
   */
  grantRegister(member: string): ITerraformDependable[];

  /**
   * Lets `member` read versions (the read role on the project) and subscribe to announcements
   * (`roles/pubsub.subscriber` on the topic).
   * @returns the IAM member resources, to depend on
   */
  grantRead(member: string): ITerraformDependable[];

  /**
   * Lets `member` promote a version (move the `champion` alias: the approve role on the project)
   * and announce it (`roles/pubsub.publisher` on the topic).
   * @returns the IAM member resources, to depend on
   */
  grantApprove(member: string): ITerraformDependable[];

  /** The body of `projects.locations.models.upload` for one version (see {@link ModelRegistryUploadOptions}). */
  uploadModelRequest(options: ModelRegistryUploadOptions): VertexAiUploadModelRequest;
}

/** Options of {@link IModelRegistry.uploadModelRequest}. Values may be Workflows expressions (`${…}`): they pass unchecked. */
export interface ModelRegistryUploadOptions {
  /** The `gs://` directory holding the model (`model.bst` for the default serving image). */
  readonly artifactUri: string;
  /** `champion` or `challenger` (`MODEL_VERSION_ALIASES`). */
  readonly alias: string;
  /** The dataset version the model was trained on. */
  readonly datasetVersion: string;
  /** The evaluation metric's name. */
  readonly metricName: string;
  /** The metric's value as a label value (see {@link metricLabelValue}). */
  readonly metricValue: string;
  /**
   * The pipeline that trained it (label `training-pipeline`).
   * @default - no pipeline label
   */
  readonly pipeline?: string;
  /**
   * Whether this is the model's first version (`modelId`) rather than a new version of it (`parentModel`).
   * @default false
   */
  readonly firstVersion?: boolean;
  /**
   * The serving image.
   * @default - Vertex AI's prebuilt XGBoost 1.7 serving image for the region
   */
  readonly servingImageUri?: string;
}

/** What {@link ModelRegistry.fromModelRegistryAttributes} needs. */
export interface ModelRegistryAttributes {
  /** The Vertex AI model id. */
  readonly modelId: string;
  /** The Vertex AI region. */
  readonly region: string;
  /**
   * The project.
   * @default - the provider's project
   */
  readonly project?: string;
  /** `gs://<bucket>/<path>` where version artifacts go. */
  readonly artifactsUri: string;
  /** The uploader service account's email. */
  readonly uploaderServiceAccountEmail: string;
  /** The announcement topic, `projects/<project>/topics/<name>`. */
  readonly announcementTopicId: string;
  /**
   * The key of model versions.
   * @default - none: Google-managed encryption
   */
  readonly encryptionKey?: ICryptoKey;
}

/** A role of the registry's grants. */
type GrantKind = keyof typeof MODEL_REGISTRY_PERMISSIONS;

/** Grants and request bodies, written only against attributes, so that a created and an imported registry behave the same. */
abstract class ModelRegistryBase extends Construct implements IModelRegistry {
  public abstract readonly modelId: string;
  public abstract readonly region: string;
  public abstract readonly project?: string;
  public abstract readonly artifactsUri: string;
  public abstract readonly uploaderServiceAccountEmail: string;
  public abstract readonly announcementTopicId: string;
  public abstract readonly encryptionKey?: ICryptoKey;
  private readonly iamMembers = new IamMemberRegistry();

  public get modelResourceName(): string {
    return `projects/${this.projectId()}/locations/${this.region}/models/${this.modelId}`;
  }

  /** {@inheritDoc IModelRegistry.grantRegister} */
  public grantRegister(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [
      this.projectGrant('register', member),
      this.iamMembers.grant({ scope: childScope(this, 'Register'), prefix: 'ActAsUploader=' }, member, (scope, id) =>
        new ServiceAccountIamMember(scope, id, { serviceAccountId: this.uploaderAccountName(), role: ACT_AS_ROLE, member })),
      this.topicGrant('Register', 'Announcements=', PUBLISH_ROLE, member),
    ];
  }

  /** {@inheritDoc IModelRegistry.grantRead} */
  public grantRead(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.projectGrant('read', member), this.topicGrant('Read', 'Announcements=', SUBSCRIBE_ROLE, member)];
  }

  /** {@inheritDoc IModelRegistry.grantApprove} */
  public grantApprove(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.projectGrant('approve', member), this.topicGrant('Approve', 'Announcements=', PUBLISH_ROLE, member)];
  }

  /**
   * The body of `projects.locations.models.upload` for one version (see {@link ModelRegistryUploadOptions}).
   *
   * The version carries the labels every version carries (`MODEL_VERSION_METADATA`: dataset
   * version, metric name and value, pipeline), the alias, the registry's key, and reads its
   * artifacts as the uploader account.
   *
   * @throws MlopsValidationError for an alias other than champion/challenger, a label value a
   * label cannot hold, or a non-`gs://` artifact URI (each unless a Workflows expression)
   */
  public uploadModelRequest(options: ModelRegistryUploadOptions): VertexAiUploadModelRequest {
    const at = 'uploadModelRequest';
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, `${at}.options`, options, 'an object with artifactUri, alias, datasetVersion, metricName and metricValue');
    }
    const literal = (value: unknown): value is string => typeof value === 'string' && !isWorkflowsExpression(value) && !Token.isUnresolved(value);
    const aliases = Object.values(MODEL_VERSION_ALIASES) as string[];
    if (typeof options.alias !== 'string' || (literal(options.alias) && !aliases.includes(options.alias))) {
      throw new MlopsValidationError(this, `${at}.alias`, options.alias, `one of ${aliases.join(', ')} (or a Workflows expression)`);
    }
    if (typeof options.artifactUri !== 'string' || (literal(options.artifactUri) && !/^gs:\/\/[^/\s]+(\/\S*)?$/.test(options.artifactUri))) {
      throw new MlopsValidationError(this, `${at}.artifactUri`, options.artifactUri, 'a gs:// directory such as "gs://bucket/models/churn/v1"');
    }
    const labels: Record<string, string> = {};
    const label = (key: string, property: keyof ModelRegistryUploadOptions, value: unknown) => {
      if (typeof value !== 'string' || (literal(value) && !/^[a-z0-9_-]{0,63}$/.test(value))) {
        throw new MlopsValidationError(this, `${at}.${property}`, value,
          'a label value: at most 63 lowercase letters, digits, underscores and hyphens (a metric value as metricLabelValue(x) writes it), or a Workflows expression');
      }
      labels[key] = value;
    };
    label(MODEL_VERSION_METADATA.datasetVersion, 'datasetVersion', options.datasetVersion);
    label(MODEL_VERSION_METADATA.metricName, 'metricName', options.metricName);
    label(MODEL_VERSION_METADATA.metricValue, 'metricValue', options.metricValue);
    if (options.pipeline !== undefined) {
      label(MODEL_VERSION_METADATA.pipeline, 'pipeline', options.pipeline);
    }
    const servingImageUri = options.servingImageUri ?? xgboostImageUri('prediction', this.region);
    if (typeof servingImageUri !== 'string' || servingImageUri.trim() === '') {
      throw new MlopsValidationError(this, `${at}.servingImageUri`, options.servingImageUri,
        `a serving image URI (Vertex AI publishes no prebuilt image for the region "${this.region}")`);
    }
    const firstVersion = options.firstVersion === true;
    return {
      ...(firstVersion ? { modelId: this.modelId } : { parentModel: this.modelResourceName }),
      model: {
        displayName: this.modelId,
        versionDescription: workflowsConcat(['Trained on dataset version ', options.datasetVersion, '; ', options.metricName, ' ', options.metricValue, '.']),
        artifactUri: options.artifactUri,
        containerSpec: { imageUri: servingImageUri },
        versionAliases: [options.alias],
        labels: managedLabels(labels),
        ...(this.encryptionKey ? { encryptionSpec: { kmsKeyName: this.encryptionKey.id } } : {}),
      },
      serviceAccount: this.uploaderServiceAccountEmail,
    };
  }

  // -------------------------------------------------------------------------------------------

  /** The project id, for resource names and IAM. */
  protected abstract projectId(): string;
  /** The uploader account, as `service_account_id` of an IAM member. */
  protected abstract uploaderAccountName(): string;
  /** The custom role of `kind`, created the first time. */
  protected abstract roleName(kind: GrantKind): string;

  private projectGrant(kind: GrantKind, member: string): TerraformResource {
    const role = this.roleName(kind);
    const scope = childScope(this, kind === 'register' ? 'Register' : kind === 'read' ? 'Read' : 'Approve');
    return this.iamMembers.grant({ scope, prefix: 'Models=' }, member, (s, id) =>
      new ProjectIamMember(s, id, { project: this.projectId(), role, member }));
  }

  protected topicGrant(scopeId: string, prefix: string, role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(this, scopeId), prefix }, member, (scope, id) =>
      new PubsubTopicIamMember(scope, id, { topic: this.announcementTopicId, role, member }));
  }
}

/**
 * Props of {@link ModelRegistry}.
 *
 * `iam` (from {@link GcpIamProps}): Pub/Sub roles (`roles/pubsub.*`), granted on the announcement
 * topic; use the grants for model access.
 */
export interface ModelRegistryProps extends GcpIamProps {
  /** The lake whose `artifacts` zone holds the version artifacts (below `models/<modelId>/`). */
  readonly lake: IDataLake;
  /** The Vertex AI model id (see {@link VERTEX_MODEL_ID_RULE}). */
  readonly modelId: string;
  /**
   * The Vertex AI region of the model.
   * @default - the lake's location, when it is a region
   */
  readonly region?: string;
  /**
   * Project of the model, service account, topic and roles.
   * @default - the lake's project (the provider's when the lake has none)
   */
  readonly project?: string;
  /**
   * Prefix of the uploader service account id, `<prefix>-models` (at most 23 characters).
   * @default - the model id
   */
  readonly prefix?: string;
  /**
   * Customer-managed key of model versions (`encryptionSpec`) and of the announcement topic; it
   * must be in the region (Vertex AI encrypts with keys of the resource's region).
   * @default - the lake's key, when it is in the region; none otherwise
   */
  readonly encryptionKey?: ICryptoKey;
  /**
   * What happens to the announcement topic on destroy. Model versions are not Terraform's: they
   * stay in Vertex AI whatever this is. `DESTROY` also needs the app context
   * `"mlops-constructs:allowDataDestruction": true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A model registry on Google Cloud: the Vertex AI Model Registry, around which Terraform declares
 * what it can.
 *
 * **Declared here (Terraform):** the uploader service account (Vertex AI reads uploaded artifacts
 * as it; it reads the lake's `artifacts` zone), the artifacts location in the lake
 * (`artifactsUri`), the announcement topic where versions are announced (CMEK, retained, the
 * Eventarc-ready `announcementTopicId`), Cloud KMS access of the Vertex AI and Pub/Sub service
 * agents, and the custom roles behind `grantRegister`, `grantRead` and `grantApprove` (created on
 * first use).
 *
 * **Done by the pipeline through the API (no Terraform resource exists for Vertex AI models):**
 * creating the model and its versions (`models.upload` with {@link uploadModelRequest}), reading
 * the champion (`models.get` on `<model>@champion`), moving aliases, and publishing an
 * announcement per version. The `TrainingPipeline` does all of it.
 *
 * Convention (core `MODEL_VERSION_ALIASES`, `MODEL_VERSION_METADATA`): a version that clears the
 * bar gets the alias `challenger` (or `champion` when the pipeline promotes it); every version
 * carries the labels `dataset-version`, `metric-name`, `metric-value` (see
 * {@link metricLabelValue}), `training-pipeline`. Promotion by hand: move `champion` with
 * `models.mergeVersionAliases` (`grantApprove`); Cloud Audit Logs record it
 * (`google.cloud.aiplatform.v1.ModelService.MergeVersionAliases`), which an Eventarc audit-log
 * trigger can route too.
 *
 * Only a deploy shows: that the project has the Vertex AI service agent when the key grant is
 * applied (it is created when the API is first used), and that IAM accepts the custom roles'
 * permissions.
 *
 * Construct ids: `UploaderServiceAccount`, `Announcements` (the topic: stateful), `ServiceAgent/*`,
 * `Roles/*`, `Register/*`, `Read/*`, `Approve/*`, `Iam/*`.
 *
 * @see https://cloud.google.com/vertex-ai/docs/model-registry/introduction
 * @see https://cloud.google.com/vertex-ai/docs/model-registry/model-alias
 */
export class ModelRegistry extends ModelRegistryBase {
  /**
   * A registry known by its attributes (one made by another stack), to grant on and upload to.
   * Its grants use the custom roles that the `ModelRegistry` owning the model created
   * (`projects/<project>/roles/<name_snake>_model_<grant>`); nothing else is created.
   */
  public static fromModelRegistryAttributes(scope: Construct, id: string, attrs: ModelRegistryAttributes): IModelRegistry {
    return new ImportedModelRegistry(scope, id, attrs);
  }

  public readonly modelId: string;
  public readonly region: string;
  public readonly project?: string;
  public readonly artifactsUri: string;
  public readonly uploaderServiceAccountEmail: string;
  public readonly announcementTopicId: string;
  public readonly encryptionKey?: ICryptoKey;
  /** The lake holding the artifacts. */
  public readonly lake: IDataLake;
  /** The uploader service account. */
  public readonly uploaderServiceAccount: ServiceAccount;
  /** The announcement topic. */
  public readonly announcementTopic: PubsubTopic;
  /** The removal policy of the topic. */
  public readonly removalPolicy: RemovalPolicy;

  private readonly projectData: DataGoogleProject;
  private readonly roles = new Map<GrantKind, ProjectIamCustomRole>();

  constructor(scope: Construct, id: string, props: ModelRegistryProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a lake and a modelId');
    }
    this.lake = resolveLake(this, 'lake', props.lake);
    this.modelId = resolveName(this, 'modelId', VERTEX_MODEL_ID_RULE, props.modelId);
    this.project = props.project === undefined ? this.lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.region = resolveRegistryRegion(this, props.region, this.lake.location);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.encryptionKey = resolveRegionalKey(this, props.encryptionKey, this.lake, this.region, 'registry\'s', 'Vertex AI encrypts a model with a key of its region');
    const iamGrants = resolveIamGrants(this, props.iam, (role) => (role.startsWith('roles/pubsub.')
      ? undefined
      : 'a Pub/Sub role (roles/pubsub.*), granted on the announcement topic; for model access use grantRegister, grantRead or grantApprove'));
    const accountId = resolveServiceAccountId(this, props.prefix ?? this.modelId, 'models', props.prefix ?? `(the model id "${this.modelId}")`);

    this.artifactsUri = `gs://${this.lake.zoneBucket('artifacts').name}/models/${this.modelId}`;
    this.uploaderServiceAccount = new ServiceAccount(this, 'UploaderServiceAccount', {
      project: this.project,
      accountId,
      displayName: `Uploads versions of the model ${this.modelId}`,
      description: `Vertex AI reads the artifacts of uploaded versions of ${this.modelId} as this account (mlops-constructs ModelRegistry).`,
    });
    this.uploaderServiceAccountEmail = this.uploaderServiceAccount.email;
    this.lake.grantRead('artifacts', this.uploaderServiceAccount.member);

    const agents = new Construct(this, 'ServiceAgent');
    this.projectData = createProjectLookup(agents, 'Project', this.project);
    const pubsubKeyAccess = this.encryptionKey === undefined ? undefined
      : createKeyAccess(agents, 'PubSubKeyAccess', this.encryptionKey, serviceAgentMember(this.projectData, SERVICE_AGENT_DOMAINS.pubsub));
    if (this.encryptionKey !== undefined) {
      createKeyAccess(agents, 'VertexAiKeyAccess', this.encryptionKey, serviceAgentMember(this.projectData, SERVICE_AGENT_DOMAINS.vertexAi));
    }
    this.announcementTopic = new PubsubTopic(this, 'Announcements', {
      project: this.project,
      name: `${this.modelId}-model-versions`,
      kmsKeyName: this.encryptionKey?.id,
      labels: managedLabels({ 'model-registry': this.modelId }),
      dependsOn: pubsubKeyAccess ? [pubsubKeyAccess] : undefined,
      lifecycle: retainLifecycle(this.removalPolicy),
    });
    this.announcementTopicId = this.announcementTopic.id;
    for (const grant of iamGrants) {
      this.topicGrant('Iam', `${grant.role}=`, grant.role, grant.member);
    }
  }

  protected projectId(): string {
    return this.project ?? this.projectData.projectId;
  }

  protected uploaderAccountName(): string {
    return this.uploaderServiceAccount.name;
  }

  protected roleName(kind: GrantKind): string {
    let role = this.roles.get(kind);
    if (role === undefined) {
      role = new ProjectIamCustomRole(childScope(this, 'Roles'), kind, {
        project: this.projectId(),
        roleId: registryRoleId(this.modelId, kind),
        title: `${this.modelId} model ${kind}`,
        description: `${kind} versions of the Vertex AI models of the project (created for the model registry "${this.modelId}" by mlops-constructs).`,
        permissions: [...MODEL_REGISTRY_PERMISSIONS[kind]],
      });
      this.roles.set(kind, role);
    }
    return role.name;
  }
}

/** A registry made elsewhere (see {@link ModelRegistry.fromModelRegistryAttributes}). */
class ImportedModelRegistry extends ModelRegistryBase {
  public readonly modelId: string;
  public readonly region: string;
  public readonly project?: string;
  public readonly artifactsUri: string;
  public readonly uploaderServiceAccountEmail: string;
  public readonly announcementTopicId: string;
  public readonly encryptionKey?: ICryptoKey;
  private projectData?: DataGoogleProject;

  constructor(scope: Construct, id: string, attrs: ModelRegistryAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with modelId, region, artifactsUri, uploaderServiceAccountEmail and announcementTopicId');
    }
    this.modelId = resolveName(this, 'modelId', VERTEX_MODEL_ID_RULE, attrs.modelId);
    this.region = resolveName(this, 'region', GCP_REGION_RULE, attrs.region);
    this.project = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
    const string = (property: keyof ModelRegistryAttributes, pattern: RegExp, allowed: string): string => {
      const value = attrs[property];
      if (typeof value !== 'string' || (!Token.isUnresolved(value) && !pattern.test(value))) {
        throw new MlopsValidationError(this, property, value, allowed);
      }
      return value;
    };
    this.artifactsUri = string('artifactsUri', /^gs:\/\/[^/\s]+(\/\S*)?$/, 'a gs:// location such as "gs://acme-ml-artifacts/models/churn"');
    this.uploaderServiceAccountEmail = string('uploaderServiceAccountEmail', /^[^\s@]+@[^\s@]+\.iam\.gserviceaccount\.com$/, 'a service account email "<id>@<project>.iam.gserviceaccount.com"');
    this.announcementTopicId = string('announcementTopicId', /^projects\/[^/\s]+\/topics\/[^/\s]+$/, 'a topic id "projects/<project>/topics/<name>"');
    this.encryptionKey = resolveEncryptionKey(this, attrs.encryptionKey);
  }

  protected projectId(): string {
    if (this.project !== undefined) {
      return this.project;
    }
    this.projectData ??= createProjectLookup(this, 'Project', undefined);
    return this.projectData.projectId;
  }

  protected uploaderAccountName(): string {
    return `projects/${this.projectId()}/serviceAccounts/${this.uploaderServiceAccountEmail}`;
  }

  protected roleName(kind: GrantKind): string {
    return `projects/${this.projectId()}/roles/${registryRoleId(this.modelId, kind)}`;
  }
}

/** `<name_snake>_model_<kind>`: the custom role id of a grant. */
function registryRoleId(name: string, kind: GrantKind): string {
  // At most 40 + 15 characters: within CUSTOM_ROLE_ID_RULE's 64 for every model id.
  return `${toSnakeCase(name)}_model_${kind}`;
}

/** The registry's region: the one given, else the lake's location when it is a region. */
function resolveRegistryRegion(scope: Construct, given: unknown, lakeLocation: string): string {
  if (given !== undefined) {
    return resolveName(scope, 'region', GCP_REGION_RULE, given);
  }
  if (Token.isUnresolved(lakeLocation) || GCP_REGION_RULE.pattern.test(lakeLocation)) {
    return lakeLocation;
  }
  throw new MlopsValidationError(scope, 'region', undefined,
    `a Vertex AI region such as "us-central1": the lake's location "${lakeLocation}" is a multi-region, and Vertex AI models live in a region`);
}

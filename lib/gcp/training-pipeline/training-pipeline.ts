import { createHash } from 'crypto';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorPlatform, MlopsValidationError, NamingRule, resolveAcceleratorOffering, ResolvedAccelerator,
  throwIfProblems, TrainingPipelineSpec, unwrap, VERTEX_XGBOOST_SUPPORTS_ACCELERATORS,
} from '../../core';
import { DefaultTokenResolver, ITerraformDependable, StringConcat, Tokenization } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { Duration } from '../duration';
import { IGpuTrainingCluster } from '../gpu-training-cluster/gpu-training-cluster';
import { GcpIamProps } from '../iam';
import { IModelRegistry } from '../model-registry/model-registry';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { managedLabels } from '../private/labels';
import { resolveNotificationChannels } from '../private/monitoring';
import { resolveRegionalKey } from '../private/kms';
import { GCP_REGION_RULE } from '../private/regions';
import { createKeyAccess, createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveServiceAccountId } from '../private/service-accounts';
import { resolveLake, resolveMember, resolveName } from '../private/validate';
import { xgboostImageUri } from '../private/vertex-ai-images';
import { terraformEscapedSource } from '../private/workflows';
import { GCP_PROJECT_ID_RULE } from '../project';
import { VertexAiMachineSpec, VertexAiWorkerPoolSpec } from '../vertex-ai-api';
import { createPipelineAlerts } from './alerts';
import { prepareScript } from './private/prepare-sql';
import { VERTEX_XGBOOST_TRAINER_PY } from './private/trainer';
import { renderWorkflowSource, WorkflowSource } from './private/workflow-source';
import { TrainingSchedule } from './schedule';

/** The synth-time warnings of a TrainingPipeline, by id (none yet). */
export const TRAINING_PIPELINE_WARNINGS = {} as const;

/**
 * Workflow names: a letter first, then letters, digits, hyphens and underscores, ending with a
 * letter or digit, at most 64 characters.
 * @see https://cloud.google.com/workflows/docs/reference/rest/v1/projects.locations.workflows/create (workflowId)
 */
export const WORKFLOW_NAME_RULE: NamingRule = {
  pattern: /^[a-zA-Z](?:[a-zA-Z0-9_-]{0,62}[a-zA-Z0-9])?$/,
  description: '1 to 64 letters, digits, hyphens and underscores, starting with a letter and ending with a letter or digit (a Workflows workflow id)',
};

/** The machine of training and evaluation jobs without an accelerator: 4 vCPUs, 15 GB, a Vertex AI training machine type. */
export const TRAINING_PIPELINE_CPU_MACHINE_TYPE = 'n1-standard-4';

/** Default time each job (the prepare query, training, evaluation) may take. */
export const DEFAULT_TRAINING_JOB_TIMEOUT = Duration.hours(24);

/** Connector calls may wait at most a year. */
const MAX_CONNECTOR_TIMEOUT_SECONDS = 31_536_000;

/** Roles of the workflow's service account that no other construct grants. */
const BIGQUERY_JOB_ROLE = 'roles/bigquery.jobUser';
const LOG_WRITER_ROLE = 'roles/logging.logWriter';
const ARTIFACTS_ROLE = 'roles/storage.objectUser';
/** `grantStart`: create executions (the project is the narrowest scope the provider can grant it on). */
const START_ROLE = 'roles/workflows.invoker';

/**
 * A training pipeline on Google Cloud: created by {@link TrainingPipeline} or imported with
 * {@link TrainingPipeline.fromTrainingPipelineAttributes}.
 */
export interface ITrainingPipeline extends IConstruct {
  /** The workflow name. */
  readonly workflowName: string;
  /** The workflow's region. */
  readonly region: string;
  /** `projects/<project>/locations/<region>/workflows/<name>`: what another workflow or a client starts (Workflow Executions API). */
  readonly workflowId: string;

  /**
   * Lets `member` start runs: `roles/workflows.invoker` on the project (google provider 6.50 has
   * no workflow-level IAM resource, so it covers every workflow of the project).
   * @returns the IAM member resources, to depend on
   */
  grantStart(member: string): ITerraformDependable[];
}

/** What {@link TrainingPipeline.fromTrainingPipelineAttributes} needs. */
export interface TrainingPipelineAttributes {
  /** The workflow name. */
  readonly workflowName: string;
  /** The workflow's region. */
  readonly region: string;
  /**
   * The project.
   * @default - the provider's project
   */
  readonly project?: string;
}

abstract class TrainingPipelineBase extends Construct implements ITrainingPipeline {
  public abstract readonly workflowName: string;
  public abstract readonly region: string;
  public abstract readonly project?: string;
  private readonly iamMembers = new IamMemberRegistry();
  private projectLookup?: DataGoogleProject;

  public get workflowId(): string {
    return `projects/${this.projectId()}/locations/${this.region}/workflows/${this.workflowName}`;
  }

  /** {@inheritDoc ITrainingPipeline.grantStart} */
  public grantStart(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.iamMembers.grant({ scope: childScope(this, 'Start'), prefix: '' }, member, (scope, id) =>
      new ProjectIamMember(scope, id, { project: this.projectId(), role: START_ROLE, member }))];
  }

  protected projectId(): string {
    if (this.project !== undefined) {
      return this.project;
    }
    this.projectLookup ??= this.projectData();
    return this.projectLookup.projectId;
  }

  /** The project lookup (the construct's own, created once). */
  protected projectData(): DataGoogleProject {
    this.projectLookup ??= createProjectLookup(childScope(this, 'ServiceAgent'), 'Project', this.project);
    return this.projectLookup;
  }
}

/**
 * Props of {@link TrainingPipeline}.
 *
 * `iam` (from {@link GcpIamProps}): no role is accepted (a workflow has no resource-level IAM in
 * the google provider); use `grantStart`.
 */
export interface TrainingPipelineProps extends GcpIamProps {
  /** The lake holding the source table (`sourceZone`) and the dataset versions, metrics and models (`artifacts`). */
  readonly lake: IDataLake;
  /** What to train: source schema, label, features, window, split, metric, bar, promotion. */
  readonly spec: TrainingPipelineSpec;
  /** The GPU training cluster whose `trainingJobProfile` (service account, network, key, output) the jobs use. */
  readonly training: IGpuTrainingCluster;
  /** Where versions are registered. */
  readonly registry: IModelRegistry;
  /**
   * The lake zone of the source table (a table of the lake named as `spec.schema`).
   * @default 'curated'
   */
  readonly sourceZone?: string;
  /**
   * When the pipeline runs on its own.
   * @default TrainingSchedule.daily() (03:00 UTC)
   */
  readonly schedule?: TrainingSchedule;
  /**
   * Your training image. It receives the trainer's arguments (`train --dataset-dir <dir>
   * --model-dir <dir> --hyperparameters <json>`, then `evaluate --dataset-dir <dir> --model-dir
   * <dir> --metric <name> --metrics-file <file> --dataset-version <id>`, paths under `/gcs/`) and
   * writes `model.bst` and the metrics file.
   * @default - Vertex AI's prebuilt XGBoost 1.7 training image (CPU only) running the trainer this library uploads
   */
  readonly image?: string;
  /**
   * Machine type of the jobs. With `spec.accelerator`, a catalog machine type carrying exactly
   * those GPUs.
   * @default - `n1-standard-4` without an accelerator; the smallest catalog machine type with one
   */
  readonly machineType?: string;
  /**
   * Cloud Monitoring notification channels of the failed-run alert.
   * @default - none: the alert opens an incident without notifying
   */
  readonly notificationChannels?: string[];
  /**
   * Project of the workflow, scheduler job, service accounts and alert.
   * @default - the lake's project (the provider's when the lake has none)
   */
  readonly project?: string;
  /**
   * Region of the workflow and the scheduler job.
   * @default - the training cluster's region
   */
  readonly region?: string;
  /**
   * The workflow name (at most 64 characters).
   * @default - `<lake prefix>-<spec name>`
   */
  readonly workflowName?: string;
  /**
   * Prefix of the service account ids `<prefix>-pipeline` and `<prefix>-schedule` (at most 21 characters).
   * @default - the spec's name
   */
  readonly prefix?: string;
  /**
   * Customer-managed key of the workflow and its execution data (`crypto_key_name`); in the region.
   * @default - the lake's key, when it is in the region
   */
  readonly encryptionKey?: ICryptoKey;
  /**
   * Time each job may take (the prepare query, training, evaluation), at most a year.
   * @default Duration.hours(24)
   */
  readonly jobTimeout?: Duration;
}

/**
 * A continuous-training pipeline on Google Cloud Workflows: prepare → train → evaluate → gate →
 * register, on a Cloud Scheduler cron, each step a connector call the workflow waits for.
 *
 * 1. **prepare** — BigQuery `jobs.insert`: a script of two `EXPORT DATA` statements writes the
 *    dataset version (label first, then the features, headerless CSV; the deterministic split of
 *    core `trainingDatasetQueries`) to `gs://<artifacts>/training-datasets/<pipeline>/<version>/{train,validation}/`.
 *    The dataset version is the workflow execution id.
 * 2. **train** — Vertex AI `customJobs.create` on the training cluster's profile (service account,
 *    network, key): the prebuilt XGBoost container running the library's trainer (or `image`)
 *    writes `model.bst` to `<registry.artifactsUri>/<version>/`.
 * 3. **evaluate** — a second custom job computes the metric on the validation split and writes
 *    `gs://<artifacts>/evaluations/<pipeline>/<version>/metrics.json`; the workflow reads it
 *    (Cloud Storage `objects.get`).
 * 4. **gate** — Vertex AI `models.get` of `<model>@champion`, then core `gateDecision`'s table as
 *    Workflows conditions: below the bar, the run fails with `ModelBelowBar`; otherwise
 *    `champion` or `challenger` by the promotion policy.
 * 5. **register** — Vertex AI `models.upload` (the registry's `uploadModelRequest`: the alias,
 *    labels with the metric and the dataset version), then Pub/Sub `topics.publish` of an
 *    announcement on the registry's topic.
 *
 * Also created: the workflow's service account (BigQuery jobs, read of the source zone, objects
 * of the artifacts bucket, launch of jobs as the trainer, the registry's register grant, log
 * writing), the scheduler's service account (start only) and job (Workflow Executions API,
 * OAuth), CMEK of the workflow, the trainer object, and an alert policy on failed executions.
 *
 * Only a deploy shows: that the connectors' waits and results behave as their reference says,
 * private services access on the training network, quotas, and the model's quality.
 *
 * Construct ids: `Resource` (the workflow), `ServiceAccount`, `Access/*`, `TrainerCode`,
 * `Schedule`, `SchedulerServiceAccount`, `ServiceAgent/*`, `Alerts/FailedExecutions`, `Start/*`.
 *
 * @see https://cloud.google.com/workflows/docs/reference/googleapis
 */
export class TrainingPipeline extends TrainingPipelineBase {
  /** A pipeline made elsewhere, to grant starting it. */
  public static fromTrainingPipelineAttributes(scope: Construct, id: string, attrs: TrainingPipelineAttributes): ITrainingPipeline {
    return new ImportedTrainingPipeline(scope, id, attrs);
  }

  public readonly workflowName: string;
  public readonly region: string;
  public readonly project?: string;
  /** The spec. */
  public readonly spec: TrainingPipelineSpec;
  /** The `google_workflows_workflow`. */
  public readonly workflow: WorkflowsWorkflow;
  /** The workflow's service account. */
  public readonly serviceAccount: ServiceAccount;
  /** Its email. */
  public readonly serviceAccountEmail: string;
  /** The scheduler job, unless `TrainingSchedule.none()`. */
  public readonly schedulerJob?: CloudSchedulerJob;
  /** The trainer uploaded for the prebuilt image, unless `image` is given. */
  public readonly trainerCode?: StorageBucketObject;
  /** The training image. */
  public readonly imageUri: string;
  /** The jobs' machine, resolved from the catalog (or the CPU default). */
  public readonly machineSpec: VertexAiMachineSpec;
  /** The workflow source as Workflows reads it (JSON; `source_contents` holds it escaped for Terraform). */
  public readonly workflowSource: string;
  /** The environment variables the source reads Terraform values from. */
  public readonly workflowEnvironment: { [name: string]: string };
  /** The customer-managed key of the workflow, if any. */
  public readonly encryptionKey?: ICryptoKey;
  /** The failed-executions alert. */
  public readonly failedExecutionsAlert: MonitoringAlertPolicy;
  /** Every alert policy of the pipeline. */
  public readonly alertPolicies: MonitoringAlertPolicy[];

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with lake, spec, training and registry');
    }
    const lake = resolveLake(this, 'lake', props.lake);
    this.spec = this.resolveSpec(props.spec);
    const spec = this.spec;
    const training = this.resolveTraining(props.training);
    const registry = this.resolveRegistry(props.registry);
    const sourceZone = props.sourceZone ?? 'curated';
    if (!lake.zoneNames.includes(sourceZone)) {
      throw new MlopsValidationError(this, 'sourceZone', sourceZone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const table = lake.tryFindTable(sourceZone, spec.schema.name);
    if (table === undefined) {
      const known = lake.tables.filter((t) => t.zone === sourceZone).map((t) => t.tableId);
      throw new MlopsValidationError(this, 'spec.schema.name', spec.schema.name,
        `a table of the lake's "${sourceZone}" zone (${known.length > 0 ? known.join(', ') : 'it has none'}): add it with lake.addTable('${sourceZone}', schema), or set sourceZone`);
    }
    const needed = [...spec.datasetColumns.map((f) => f.name), ...spec.splitFields, ...(spec.schema.eventTime ? [spec.schema.eventTime] : [])];
    for (const name of needed) {
      const want = spec.schema.field(name)!.type.toString();
      const have = table.schema.field(name)?.type.toString();
      if (have !== want) {
        throw new MlopsValidationError(this, 'spec.schema', spec.schema.name,
          `the schema of the lake's table "${table.tableId}" for the columns the pipeline reads: "${name}" is ${have ?? 'missing'} there, ${want} in the spec`);
      }
    }
    this.project = props.project === undefined ? lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.region = props.region === undefined ? training.region : resolveName(this, 'region', GCP_REGION_RULE, props.region);
    this.workflowName = resolveName(this, 'workflowName', WORKFLOW_NAME_RULE, props.workflowName ?? `${lake.prefix}-${spec.name}`);
    const schedule = props.schedule ?? TrainingSchedule.daily();
    if (!(schedule instanceof TrainingSchedule)) {
      throw new MlopsValidationError(this, 'schedule', schedule, 'TrainingSchedule.cron(expression, timeZone?), TrainingSchedule.daily() or TrainingSchedule.none()');
    }
    throwIfProblems(this, 'schedule', schedule.problems());
    const notificationChannels = resolveNotificationChannels(this, props.notificationChannels);
    resolveIamGrants(this, props.iam, () => 'no role: a workflow has no resource-level IAM in the google provider; use grantStart(member)');
    const jobTimeoutSeconds = this.resolveTimeout(props.jobTimeout);
    const profile = training.trainingJobProfile;
    const { imageUri, defaultImage } = this.resolveImage(props.image, profile.region);
    this.imageUri = imageUri;
    this.machineSpec = this.resolveMachine(defaultImage, props.machineType);
    const prefix = props.prefix ?? spec.name;
    const accountId = (suffix: string) => resolveServiceAccountId(this, prefix, suffix, props.prefix === undefined ? `(the spec name "${prefix}")` : prefix);
    this.encryptionKey = resolveRegionalKey(this, props.encryptionKey, lake, this.region, 'workflow\'s', 'Workflows encrypts with a key of the workflow\'s location');
    const labels = managedLabels({ 'training-pipeline': spec.name });

    // Identity and access
    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project: this.project,
      accountId: accountId('pipeline'),
      displayName: `Training pipeline ${spec.name}`,
      description: `Runs the workflow ${this.workflowName}: BigQuery prepare job, Vertex AI custom jobs, model registration (mlops-constructs TrainingPipeline).`,
    });
    this.serviceAccountEmail = this.serviceAccount.email;
    const member = this.serviceAccount.member;
    const access = new Construct(this, 'Access');
    const grants: ITerraformDependable[] = [
      ...[BIGQUERY_JOB_ROLE, LOG_WRITER_ROLE].map((role) => new ProjectIamMember(access, role, { project: this.projectId(), role, member })),
      new StorageBucketIamMember(access, 'Artifacts', { bucket: lake.zoneBucket('artifacts').name, role: ARTIFACTS_ROLE, member }),
      ...lake.grantRead(sourceZone, member),
      ...training.grantLaunchTrainingJobs(member),
      ...registry.grantRegister(member),
    ];

    // The trainer for the prebuilt image, in the artifacts bucket, named by its content.
    const artifactsBucket = lake.zoneBucket('artifacts').name;
    let command: string[] | undefined;
    if (defaultImage) {
      const digest = createHash('sha256').update(VERTEX_XGBOOST_TRAINER_PY).digest('hex').slice(0, 12);
      const objectName = `training-code/${spec.name}/trainer-${digest}.py`;
      this.trainerCode = new StorageBucketObject(this, 'TrainerCode', {
        bucket: artifactsBucket, name: objectName, content: VERTEX_XGBOOST_TRAINER_PY, contentType: 'text/x-python',
      });
      command = ['python3', `/gcs/${artifactsBucket}/${objectName}`];
    }
    const machineSpec = this.machineSpec;
    const nodeCount = spec.accelerator?.nodeCount ?? 1;
    const pool = (replicaCount: number, args: unknown[]): VertexAiWorkerPoolSpec => ({
      machineSpec: { ...machineSpec },
      replicaCount,
      containerSpec: { imageUri, ...(command ? { command } : {}), args: args as string[] },
    });

    const source: WorkflowSource = renderWorkflowSource({
      pipeline: spec.name,
      prepareSql: prepareScript(spec),
      sourceTable: `${lake.dataset(sourceZone).project}.${table.datasetId}.${table.tableId}`,
      bigQueryLocation: lake.location,
      artifactsBucket,
      trainingRegion: profile.region,
      workerPools: (args) => (nodeCount === 1 ? [pool(1, args)] : [pool(1, args), pool(nodeCount - 1, args)]),
      hyperparameters: spec.xgboostHyperparameters,
      job: { serviceAccount: profile.serviceAccount, network: profile.network, outputUriPrefix: profile.outputUriPrefix, kmsKeyName: profile.kmsKeyName },
      modelArtifactsUri: registry.artifactsUri,
      modelName: registry.modelResourceName,
      modelRegion: registry.region,
      announcementTopic: registry.announcementTopicId,
      uploadRequest: (firstVersion) => registry.uploadModelRequest({
        artifactUri: '${model_uri}',
        alias: '${decision}',
        datasetVersion: '${dataset_version}',
        metricName: spec.metric.name,
        metricValue: '${metric_label}',
        pipeline: spec.name,
        firstVersion,
      }),
      metric: spec.metric,
      bar: spec.bar,
      promotion: spec.promotion,
      jobTimeoutSeconds,
      resolveToken: (token) => String(Tokenization.resolve(token, { scope: this, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })),
    });
    this.workflowSource = source.text;
    this.workflowEnvironment = source.environment;

    let keyAccess: ITerraformDependable | undefined;
    if (this.encryptionKey !== undefined) {
      keyAccess = createKeyAccess(childScope(this, 'ServiceAgent'), 'WorkflowsKeyAccess', this.encryptionKey,
        serviceAgentMember(this.projectData(), SERVICE_AGENT_DOMAINS.workflows));
    }
    this.workflow = new WorkflowsWorkflow(this, 'Resource', {
      project: this.project,
      region: this.region,
      name: this.workflowName,
      description: `Continuous training of ${spec.name}: prepare (BigQuery) → train → evaluate (Vertex AI custom jobs) → gate → register (Vertex AI Model Registry).`,
      serviceAccount: this.serviceAccount.id,
      sourceContents: terraformEscapedSource(source.text),
      userEnvVars: Object.keys(source.environment).length > 0 ? source.environment : undefined,
      callLogLevel: 'LOG_ERRORS_ONLY',
      cryptoKeyName: this.encryptionKey?.id,
      labels,
      deletionProtection: false,
      dependsOn: [...grants, ...(keyAccess ? [keyAccess] : []), ...(this.trainerCode ? [this.trainerCode] : [])],
    });

    const rendered = schedule._render();
    if (rendered !== undefined) {
      const scheduler = new ServiceAccount(this, 'SchedulerServiceAccount', {
        project: this.project,
        accountId: accountId('schedule'),
        displayName: `Starts the training pipeline ${spec.name}`,
        description: `Cloud Scheduler starts the workflow ${this.workflowName} as this account (mlops-constructs TrainingPipeline).`,
      });
      const start = this.grantStart(scheduler.member);
      this.schedulerJob = new CloudSchedulerJob(this, 'Schedule', {
        project: this.project,
        region: this.region,
        name: `${this.workflowName}-schedule`,
        description: `Starts a run of the training pipeline ${spec.name}.`,
        schedule: rendered.schedule,
        timeZone: rendered.timeZone,
        attemptDeadline: '180s',
        retryConfig: { retryCount: 1 },
        httpTarget: {
          httpMethod: 'POST',
          uri: `https://workflowexecutions.googleapis.com/v1/${this.workflow.id}/executions`,
          body: Buffer.from(JSON.stringify({ argument: JSON.stringify({ trigger: 'schedule' }) })).toString('base64'),
          headers: { 'Content-Type': 'application/json' },
          oauthToken: { serviceAccountEmail: scheduler.email, scope: 'https://www.googleapis.com/auth/cloud-platform' },
        },
        dependsOn: start,
      });
    }

    this.failedExecutionsAlert = createPipelineAlerts(new Construct(this, 'Alerts'), {
      project: this.project,
      workflowName: this.workflowName,
      region: this.region,
      pipeline: spec.name,
      notificationChannels,
      labels,
    }).failedExecutions;
    this.alertPolicies = [this.failedExecutionsAlert];
  }

  // -------------------------------------------------------------------------------------------

  private resolveSpec(spec: unknown): TrainingPipelineSpec {
    if (!(spec instanceof TrainingPipelineSpec)) {
      throw new MlopsValidationError(this, 'spec', spec, 'a TrainingPipelineSpec');
    }
    throwIfProblems(this, 'spec', spec.problems());
    return spec;
  }

  private resolveTraining(training: unknown): IGpuTrainingCluster {
    const profile = (training as IGpuTrainingCluster | undefined)?.trainingJobProfile;
    if (training === null || typeof training !== 'object' || profile === undefined || typeof (training as IGpuTrainingCluster).grantLaunchTrainingJobs !== 'function') {
      throw new MlopsValidationError(this, 'training', training, 'a GpuTrainingCluster of mlops-constructs/gcp (its trainingJobProfile and grantLaunchTrainingJobs)');
    }
    return training as IGpuTrainingCluster;
  }

  private resolveRegistry(registry: unknown): IModelRegistry {
    if (registry === null || typeof registry !== 'object' || typeof (registry as IModelRegistry).uploadModelRequest !== 'function') {
      throw new MlopsValidationError(this, 'registry', registry, 'a ModelRegistry of mlops-constructs/gcp, created or imported');
    }
    return registry as IModelRegistry;
  }

  private resolveImage(image: unknown, region: string): { imageUri: string; defaultImage: boolean } {
    if (image !== undefined) {
      if (typeof image !== 'string' || image.trim() === '') {
        throw new MlopsValidationError(this, 'image', image, 'a container image URI such as "europe-docker.pkg.dev/<project>/<repository>/train:1.0"');
      }
      return { imageUri: image, defaultImage: false };
    }
    if (!this.spec.metric.builtIn) {
      throw new MlopsValidationError(this, 'spec.metric', this.spec.metric.name,
        `a built-in metric (${['auc', 'accuracy', 'logloss', 'rmse', 'mae'].join(', ')}) with the default trainer, or an image that writes "${this.spec.metric.name}" into the metrics file`);
    }
    if (this.spec.accelerator !== undefined && !VERTEX_XGBOOST_SUPPORTS_ACCELERATORS) {
      throw new MlopsValidationError(this, 'spec.accelerator', this.spec.accelerator,
        'no accelerator with the default image: Vertex AI\'s prebuilt XGBoost training containers are CPU only; pass your own image to train on GPUs');
    }
    const imageUri = xgboostImageUri('training', region);
    if (imageUri === undefined) {
      throw new MlopsValidationError(this, 'training.region', region,
        'a Vertex AI region whose continent the prebuilt image table places (us-*, northamerica-*, southamerica-*, europe-*, me-*, africa-*, asia-*, australia-*), or pass image');
    }
    return { imageUri, defaultImage: true };
  }

  private resolveMachine(defaultImage: boolean, machineType: unknown): VertexAiMachineSpec {
    if (machineType !== undefined && (typeof machineType !== 'string' || !/^[a-z0-9]+-[a-z0-9-]+$/.test(machineType))) {
      throw new MlopsValidationError(this, 'machineType', machineType, 'a Vertex AI machine type such as "n1-standard-8" or "g2-standard-12"');
    }
    const request = this.spec.accelerator;
    if (request === undefined || defaultImage) {
      return { machineType: (machineType as string | undefined) ?? TRAINING_PIPELINE_CPU_MACHINE_TYPE };
    }
    const resolved: ResolvedAccelerator = unwrap(this, '', resolveAcceleratorOffering(request, AcceleratorPlatform.GCP_VERTEX, {
      instanceType: machineType as string | undefined,
      requestProperty: 'spec.accelerator',
      instanceTypeProperty: 'machineType',
    }));
    return { machineType: resolved.instanceType, acceleratorType: resolved.vertexAcceleratorType as string, acceleratorCount: resolved.gpusPerNode };
  }

  private resolveTimeout(value: unknown): number {
    const timeout = value ?? DEFAULT_TRAINING_JOB_TIMEOUT;
    const seconds = timeout instanceof Duration ? timeout.toSeconds() : NaN;
    if (!(Number.isInteger(seconds) && seconds >= 60 && seconds <= MAX_CONNECTOR_TIMEOUT_SECONDS)) {
      throw new MlopsValidationError(this, 'jobTimeout', value, 'a Duration of whole seconds from 1 minute to 365 days (a connector call waits at most a year)');
    }
    return seconds;
  }
}

/** A pipeline made elsewhere (see {@link TrainingPipeline.fromTrainingPipelineAttributes}). */
class ImportedTrainingPipeline extends TrainingPipelineBase {
  public readonly workflowName: string;
  public readonly region: string;
  public readonly project?: string;

  constructor(scope: Construct, id: string, attrs: TrainingPipelineAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with workflowName and region');
    }
    this.workflowName = resolveName(this, 'workflowName', WORKFLOW_NAME_RULE, attrs.workflowName);
    this.region = resolveName(this, 'region', GCP_REGION_RULE, attrs.region);
    this.project = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
  }
}

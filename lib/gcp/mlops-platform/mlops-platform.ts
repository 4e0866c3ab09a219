import { Construct, IConstruct } from 'constructs';
import {
  DriftSpec, FeatureGroupSpec, maturityLevelCapabilities, MlopsCapability, MlopsValidationError, namingProblem, NamingRule,
  resolveMaturityLevel, StandardZone, TableSchema, TrainingPipelineSpec, unwrap,
} from '../../core';
import { Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { DataLake, IDataLake } from '../data-lake';
import { DeliveryPipeline, IDeliveryPipeline, ProductionApproval } from '../delivery-pipeline';
import { DriftBaseline, DriftMonitor, DriftSchedule, IDriftMonitor } from '../drift-monitor';
import { FeatureStore, IFeatureStore } from '../feature-store';
import { GpuTrainingCluster, IGpuTrainingCluster } from '../gpu-training-cluster';
import { GcpIamProps } from '../iam';
import { IModelEndpoint, ModelEndpoint, ModelEndpointDeployment } from '../model-endpoint';
import { IModelRegistry, ModelRegistry } from '../model-registry';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { resolveIamGrants } from '../private/iam-members';
import { GCP_REGION_RULE } from '../private/regions';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { IStreamingIngest, StreamingIngest } from '../streaming-ingest';
import { ITrainingPipeline, TrainingPipeline, TrainingSchedule } from '../training-pipeline';

/** The synth-time warnings of an MlopsPlatform, by id (none yet). */
export const MLOPS_PLATFORM_WARNINGS = {} as const;


/** Where the platform runs when no region is given: ModelEndpoint's default. */
const DEFAULT_REGION = 'us-central1';

/**
 * The platform prefix: at most 19 characters, so that every service account id derived from it
 * (`<prefix>-production` of the delivery pipeline, the longest suffix, in IAM's 6 to 30) fits.
 */
export const MLOPS_PLATFORM_PREFIX_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,17}[a-z0-9])?$/,
  description: '1 to 19 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (service account ids <prefix>-<role> have at most 30)',
};

/** The delivery settings of a platform at level 2 or 3: {@link DeliveryPipeline}'s source and stages. */
export interface MlopsPlatformDeliveryOptions {
  /** The repository of the cdktf app that holds the platform, `owner/name`. */
  readonly repository: string;

  /**
   * The Cloud Build 2nd-gen GitHub connection the repository is linked through, in the platform's
   * region: its id or its resource name (created and authorized once in the console).
   */
  readonly connection: string;

  /**
   * The branch delivered.
   * @default 'main'
   */
  readonly branch?: string;

  /**
   * The project of the staging environment.
   * @default - the platform's project (then `allowSharedEnvironment` must be true)
   */
  readonly stagingProject?: string;

  /**
   * The project of the production environment.
   * @default - the platform's project (then `allowSharedEnvironment` must be true)
   */
  readonly productionProject?: string;

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
   * Roles the stages' deployers get on their environment projects, to apply the stacks.
   * @default - none: grant the roles your stacks need
   */
  readonly deployRoles?: string[];

  /**
   * Whether production waits for a person.
   * @default ProductionApproval.manual()
   */
  readonly productionApproval?: ProductionApproval;

  /**
   * Allow staging and production in the same project.
   * @default false
   */
  readonly allowSharedEnvironment?: boolean;
}

/** The drift settings of a platform at level 3. */
export interface MlopsPlatformDriftOptions {
  /**
   * What is monitored.
   * @default - every feature of the training spec, as the endpoint's request log holds it (`MlopsPlatform.requestSchema`), with the core's default bins and thresholds
   */
  readonly spec?: DriftSpec;

  /**
   * The id of the baseline (computed from the training table in the lake's curated zone).
   * @default '<training name>-training'
   */
  readonly baselineId?: string;

  /**
   * When the monitor runs.
   * @default - once per window (a day), 15 minutes after it ends
   */
  readonly schedule?: DriftSchedule;
}

/**
 * An MLOps platform at a maturity level (see `MATURITY_LEVELS`), built by {@link MlopsPlatform}.
 *
 * There is no `fromMlopsPlatformAttributes`: a platform is a composition of constructs that each
 * have their own import (`DataLake.fromDataLakeAttributes`, `ModelRegistry.fromModelRegistryAttributes`,
 * `ModelEndpoint.fromModelEndpointAttributes`, …); import those you need.
 */
export interface IMlopsPlatform extends IConstruct {
  /** The maturity level, 0 to 3. */
  readonly level: number;
  /** Every capability of the level (its own and those of the levels below it). */
  readonly capabilities: readonly MlopsCapability[];
  /** The lake (level ≥ 0). */
  readonly lake: IDataLake;
  /** The model registry (level ≥ 0). */
  readonly registry: IModelRegistry;
  /** The endpoint (level ≥ 0 on Google Cloud: a Vertex AI endpoint exists without a model). */
  readonly endpoint?: IModelEndpoint;
  /** The raw stream (level ≥ 1). */
  readonly ingest?: IStreamingIngest;
  /** The feature store (level ≥ 1). */
  readonly featureStore?: IFeatureStore;
  /** The training launch profile (level ≥ 1). */
  readonly trainingCluster?: IGpuTrainingCluster;
  /** The continuous-training pipeline (level ≥ 1). */
  readonly pipeline?: ITrainingPipeline;
  /** The delivery pipeline (level ≥ 2). */
  readonly deliveryPipeline?: IDeliveryPipeline;
  /** The drift monitor (level 3). */
  readonly driftMonitor?: IDriftMonitor;
}

/**
 * Props of {@link MlopsPlatform}.
 *
 * `iam` (from {@link GcpIamProps}): refused — a platform has no resource of its own; grant on its
 * children (`platform.lake.grantRead(…)`, `platform.endpoint.grantInvoke(…)`, …).
 */
export interface MlopsPlatformProps extends GcpIamProps {
  /**
   * The maturity level, 0 to 3 (`MATURITY_LEVELS`). Growing a platform is raising this number:
   * every child keeps its construct id and its names, so no stateful resource of a lower level is
   * replaced.
   */
  readonly level: number;

  /**
   * Prefix of the names unique per project and region: the endpoint (`<prefix>`), the service
   * accounts (`<prefix>-serving`, `-trainer`, `-pipeline`, `-scheduler`, `-models`), the stream
   * (`<prefix>-<events name>`), the feature store (`<prefix_snake>_features`), the workflow
   * (`<prefix>-<training name>`). Literal (the endpoint id is derived from it at synth); see
   * {@link MLOPS_PLATFORM_PREFIX_RULE}.
   * @default - the construct id in lowercase, non-alphanumerics as hyphens, cut to 20 characters
   */
  readonly prefix?: string;

  /**
   * Prefix of the lake's buckets (`<lakePrefix>-<zone>`) and datasets, and of the delivery
   * pipeline's buckets (`<lakePrefix>-tfstate`, level ≥ 2). Cloud Storage bucket names are global:
   * the reference stacks pass `<project id>-<prefix>`, which no other project can hold. May be a
   * Terraform value.
   * @default - the prefix
   */
  readonly lakePrefix?: string;

  /**
   * The model: its table (created in the lake's curated zone), its label and metric. The registry
   * is named after it from level 0 (model id `training.name`); the training pipeline runs it from
   * level 1.
   */
  readonly training: TrainingPipelineSpec;

  /**
   * The records of the raw stream (level ≥ 1), delivered into the lake's raw zone.
   * @default - the training spec's schema
   */
  readonly events?: TableSchema;

  /**
   * The feature groups (level ≥ 1), served online and kept offline in the lake's curated zone
   * (each group's table is the lake's curated table of its schema, created when missing).
   * @default - `MlopsPlatform.defaultFeatureGroup(training)`: one group of the training spec's schema
   */
  readonly featureGroups?: FeatureGroupSpec[];

  /**
   * Project of every child.
   * @default - the provider's project
   */
  readonly project?: string;

  /**
   * The region of every child: the lake (a regional lake, so that the registry, the feature store,
   * the endpoint and the jobs share it and its key), Vertex AI, Workflows. May be a Terraform value.
   * @default 'us-central1'
   */
  readonly region?: string;

  /**
   * The customer-managed key of every child, in `region` (Cloud KMS keys serve their location).
   * Required from level 2: the delivery pipeline's state bucket is always encrypted with it.
   * @default - Google-managed keys (levels 0 and 1 only): the policy pack reports the BigQuery
   * datasets and tables, the topics, the endpoint and the workflow
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * The VPC network the training and evaluation jobs are peered with (level ≥ 1), name or self
   * link, with private services access configured (a `google_service_networking_connection`).
   * @default - none; required from level 1
   */
  readonly network?: string;

  /**
   * The delivery pipeline's source and stages: required at levels 2 and 3.
   * @default - none; required from level 2
   */
  readonly delivery?: MlopsPlatformDeliveryOptions;

  /**
   * The drift monitor's settings (level 3).
   * @default - every feature of the training spec, against the training table, daily
   */
  readonly drift?: MlopsPlatformDriftOptions;

  /**
   * When the training pipeline runs on its own (level ≥ 1).
   * @default TrainingSchedule.daily() (03:00 UTC)
   */
  readonly schedule?: TrainingSchedule;

  /**
   * Cloud Monitoring notification channels of the alerts (stream backlog, failed pipeline runs).
   * @default - none: incidents open in Cloud Monitoring without notifying
   */
  readonly notificationChannels?: string[];

  /**
   * What happens to the stateful resources of every child (buckets, datasets, tables, topics,
   * feature store) on destroy. `DESTROY` also needs the app context
   * `"mlops-constructs:allowDataDestruction": true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An MLOps platform at a maturity level on Google Cloud: the library's constructs, composed as
 * `MATURITY_LEVELS` says, under fixed construct ids and names so that raising `level` adds
 * children and replaces none.
 *
 * | level | adds (child id)                                                                 | endpoint                                          |
 * |-------|---------------------------------------------------------------------------------|---------------------------------------------------|
 * | 0     | DataLake `Lake` (the spec's table in `curated`), ModelRegistry `Registry` (model id = spec name), ModelEndpoint `Endpoint` | Vertex AI, Private Service Connect, no model until one is deployed (`endpoint.deployModelRequest`) |
 * | 1     | StreamingIngest `Ingest` (raw zone), FeatureStore `Features`, GpuTrainingCluster `Training` (launch profile only: `gkeCluster: false`), TrainingPipeline `Pipeline` (scheduled) | request-response logging into the lake's raw zone |
 * | 2     | DeliveryPipeline `Delivery` (needs `delivery` and `encryptionKey`): the app's repository → Cloud Build install, test, synth, plan, apply of the staging stack → approval → production; each version the registry announces as champion re-runs it, and its production build starts the endpoint's canary rollout with the version | + canary rollout workflow `Endpoint/Rollout` (`ModelEndpointDeployment.canary()`: 10 % for 10 minutes, rolled back on error rate or model latency) |
 * | 3     | DriftMonitor `Drift` over the endpoint's request log, starting `Pipeline` on a breach; `training.promotion` must be `PromotionPolicy.whenBetter()` | as level 1 |
 *
 * Safe rollout (level 2), as on AWS: an approved champion reaches production by canary with
 * rollback on the endpoint's metrics. The endpoint gets `deployment: ModelEndpointDeployment.canary()`
 * (its `<prefix>-rollout` workflow: the version takes 10 % of the traffic for 10 minutes, then all
 * of it, and is rolled back when its error rate passes 1 % or its mean model latency 1 s), and the
 * delivery pipeline's production build, after approval and the apply, starts that workflow with
 * the announced version (`modelRollout`) and fails when it rolled back. Levels 0 and 1 have no
 * rollout workflow (the team deploys by hand with `endpoint.deployModelRequest`).
 *
 * The endpoint exists from level 0 without a model: Terraform cannot deploy one onto a Vertex AI
 * endpoint. At level 0 the team registers a version by hand (`models.upload`, the registry's
 * `uploadModelRequest`) and deploys it (`endpoint.deployModelRequest({ model })`); nothing is
 * captured, and the policy pack's request-logging rule (GCP-VAI7) is acknowledged with that
 * reason. From level 1 the pipeline registers versions and the endpoint logs requests and
 * responses into the lake.
 *
 * Cheap at rest: no GKE cluster (training and evaluation are Vertex AI custom jobs, billed per
 * run), an endpoint without a deployed model bills nothing, Pub/Sub and Workflows bill per use.
 * The feature store's online store bills while idle. What bills while idle is listed per level
 * in tools/levels/idle-costs-gcp.ts.
 *
 * Not verifiable without a deploy: everything its children's docs list; whether raising the
 * level (turning on request-response logging) updates the endpoint in place.
 *
 * @example
 * new MlopsPlatform(stack, 'Platform', {
 *   level: 1,
 *   training: new TrainingPipelineSpec({ name: 'churn', schema: customerChurn, label: 'churned_30d' }),
 *   region: 'europe-west4',
 *   encryptionKey: key,
 *   network: network.id,
 * });
 */
export class MlopsPlatform extends Construct implements IMlopsPlatform {
  /**
   * The feature group a platform creates when given no `featureGroups`: named after the training
   * spec, every field of its schema, keyed by its entity keys and versioned by its event time.
   * @param training the platform's training spec
   */
  public static defaultFeatureGroup(training: TrainingPipelineSpec): FeatureGroupSpec {
    return new FeatureGroupSpec({ name: training.name.replace(/-/g, '_'), schema: training.schema, description: `Features of ${training.name}, from ${training.schema.name}.` });
  }

  /** The maturity level. */
  public readonly level: number;
  /** Every capability of the level. */
  public readonly capabilities: readonly MlopsCapability[];
  /** The name prefix. */
  public readonly prefix: string;
  /** The region of every child. */
  public readonly region: string;
  /** The project given in props; `undefined` means the provider's project. */
  public readonly project?: string;
  /** The lake (`Lake`). */
  public readonly lake: DataLake;
  /** The model registry (`Registry`). */
  public readonly registry: ModelRegistry;
  /** The Vertex AI endpoint (`Endpoint`). */
  public readonly endpoint: ModelEndpoint;
  /** The raw stream (`Ingest`, level ≥ 1). */
  public readonly ingest?: StreamingIngest;
  /** The feature store (`Features`, level ≥ 1). */
  public readonly featureStore?: FeatureStore;
  /** The training launch profile (`Training`, level ≥ 1). */
  public readonly trainingCluster?: GpuTrainingCluster;
  /** The training pipeline (`Pipeline`, level ≥ 1). */
  public readonly pipeline?: TrainingPipeline;
  /** The delivery pipeline (`Delivery`, level ≥ 2). */
  public readonly deliveryPipeline?: DeliveryPipeline;
  /** The drift monitor (`Drift`, level 3). */
  public readonly driftMonitor?: DriftMonitor;

  /**
   * The records the endpoint is sent, as the level-3 drift monitor reads them from the request
   * log: the training spec's features, in schema order, with its entity keys and event time,
   * without the label.
   * @param training the platform's training spec
   */
  public static requestSchema(training: TrainingPipelineSpec): TableSchema {
    const keep = new Set([...training.schema.entityKeys, training.schema.eventTime, ...training.features.map((f) => f.name)]);
    return new TableSchema({
      name: `${training.name.replace(/-/g, '_')}_requests`,
      description: `What the ${training.name} endpoint is sent: the model's features, keyed and timed as ${training.schema.name}.`,
      fields: training.schema.fields.filter((f) => keep.has(f.name)).map((f) => ({ name: f.name, type: f.type, description: f.description })),
      entityKeys: [...training.schema.entityKeys],
      eventTime: training.schema.eventTime,
    });
  }

  constructor(scope: Construct, id: string, props: MlopsPlatformProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least level and training');
    }
    const definition = unwrap(this, '', resolveMaturityLevel(props.level));
    this.level = definition.level;
    this.capabilities = maturityLevelCapabilities(this.level);
    const spec = props.training;
    if (!(spec instanceof TrainingPipelineSpec)) {
      throw new MlopsValidationError(this, 'training', spec, 'a TrainingPipelineSpec (the model: schema, label, metric)');
    }
    this.prefix = this.resolvePrefix(props.prefix, id);
    this.project = props.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.region = props.region === undefined ? DEFAULT_REGION : resolveName(this, 'region', GCP_REGION_RULE, props.region);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    resolveIamGrants(this, props.iam, () => 'no role: a platform has no resource of its own; grant on its children (lake, registry, endpoint, …)');
    const events = props.events ?? spec.schema;
    if (!(events instanceof TableSchema)) {
      throw new MlopsValidationError(this, 'events', events, 'a TableSchema (the records of the raw stream)');
    }
    const featureGroups = this.resolveFeatureGroups(props.featureGroups, spec);
    const network = this.level >= 1 ? this.resolveNetwork(props.network) : undefined;
    const delivery = this.resolveDelivery(props.delivery);
    if (this.level >= 2 && props.encryptionKey === undefined) {
      throw new MlopsValidationError(this, 'encryptionKey', undefined,
        `a Cloud KMS key in the platform's region, from level 2: the delivery pipeline encrypts its Terraform state bucket, topic and images with it`);
    }
    if (this.level >= 3 && !spec.promotion.automatic) {
      throw new MlopsValidationError(this, 'training.promotion', 'PromotionPolicy.manual()',
        'PromotionPolicy.whenBetter(): at level 3 a retrained version replaces the champion only when it beats it, without a person');
    }
    if (this.level < 3 && props.drift !== undefined) {
      throw new MlopsValidationError(this, 'drift', '(drift options)', `no drift at level ${this.level}: the drift monitor is level 3 (raise level to 3)`);
    }
    const common = { project: this.project, encryptionKey: props.encryptionKey };

    // Level 0: lake, registry, endpoint.
    this.lake = new DataLake(this, 'Lake', {
      ...common,
      prefix: props.lakePrefix ?? this.prefix,
      location: this.region,
      tables: [{ zone: StandardZone.CURATED, schema: spec.schema }],
      removalPolicy,
    });
    this.registry = new ModelRegistry(this, 'Registry', {
      ...common, lake: this.lake, modelId: spec.name, region: this.region, prefix: this.prefix, removalPolicy,
    });
    const capture = this.capabilities.includes(MlopsCapability.ENDPOINT_CAPTURE);
    // Safe rollout (level 2): the endpoint's canary rollout workflow, which the delivery pipeline's production build starts.
    const safeRollout = this.capabilities.includes(MlopsCapability.SAFE_ROLLOUT);
    this.endpoint = new ModelEndpoint(this, 'Endpoint', {
      ...common,
      prefix: this.prefix,
      region: this.region,
      captureLake: capture ? this.lake : undefined,
      deployment: safeRollout ? ModelEndpointDeployment.canary() : undefined,
    });
    if (!capture) {
      GcpChecks.acknowledge(this.endpoint, {
        id: 'GCP-VAI7',
        reason: `Maturity level ${this.level} is manual: capturing requests and responses into the lake is a capability of level 1 (${MlopsCapability.ENDPOINT_CAPTURE}), turned on by raising the level.`,
      });
    }
    if (this.level < 1) {
      return;
    }

    // Level 1: ingest, features, training capacity, pipeline; capture (above).
    this.ingest = new StreamingIngest(this, 'Ingest', {
      lake: this.lake,
      schema: events,
      prefix: `${this.prefix}-${events.name.replace(/_/g, '-')}`,
      notificationChannels: props.notificationChannels,
      removalPolicy,
    });
    this.featureStore = new FeatureStore(this, 'Features', {
      lake: this.lake,
      prefix: this.prefix,
      region: this.region,
      featureGroups: featureGroups.map((group) => ({ spec: group })),
      removalPolicy,
    });
    this.trainingCluster = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      location: this.region,
      network: network!,
      prefix: this.prefix,
      gkeCluster: false,
    });
    this.pipeline = new TrainingPipeline(this, 'Pipeline', {
      lake: this.lake,
      training: this.trainingCluster,
      registry: this.registry,
      spec,
      schedule: props.schedule,
      notificationChannels: props.notificationChannels,
      prefix: this.prefix,
      workflowName: `${this.prefix}-${spec.name.replace(/_/g, '-')}`,
    });
    if (delivery === undefined) {
      return;
    }

    // Level 2: delivery of the app and of each champion.
    const project = this.project;
    this.deliveryPipeline = new DeliveryPipeline(this, 'Delivery', {
      prefix: this.prefix,
      // Bucket names are global: the state buckets take the lake's prefix, chosen for that.
      bucketPrefix: props.lakePrefix,
      repository: delivery.repository,
      connection: delivery.connection,
      branch: delivery.branch,
      region: this.region,
      project,
      encryptionKey: props.encryptionKey!,
      stagingProject: delivery.stagingProject ?? project ?? this.lake.dataset(StandardZone.RAW).project,
      productionProject: delivery.productionProject ?? project ?? this.lake.dataset(StandardZone.RAW).project,
      stagingStack: delivery.stagingStack,
      productionStack: delivery.productionStack,
      deployRoles: delivery.deployRoles,
      productionApproval: delivery.productionApproval,
      allowSharedEnvironment: delivery.allowSharedEnvironment,
      modelRegistry: this.registry,
      modelRollout: safeRollout ? this.endpoint : undefined,
      removalPolicy,
    });
    if (this.level < 3) {
      return;
    }

    // Level 3: drift of the endpoint's requests against the training table starts the pipeline.
    const drift = this.resolveDrift(props.drift);
    this.driftMonitor = new DriftMonitor(this, 'Drift', {
      spec: drift.spec ?? new DriftSpec({ schema: MlopsPlatform.requestSchema(spec) }),
      lake: this.lake,
      endpoint: this.endpoint,
      baseline: DriftBaseline.fromLakeTable(StandardZone.CURATED, spec.schema.name, { baselineId: drift.baselineId ?? `${spec.name}-training` }),
      schedule: drift.schedule,
      retrain: this.pipeline,
      notificationChannels: props.notificationChannels,
      prefix: this.prefix,
      workflowName: `${this.prefix}-drift`,
      region: this.region,
    });
  }

  // -------------------------------------------------------------------------------------------

  private resolvePrefix(given: unknown, id: string): string {
    if (typeof given === 'string' && Token.isUnresolved(given)) {
      throw new MlopsValidationError(this, 'prefix', given, 'a literal value, not a token: the endpoint id and the service account ids are derived from it at synth (lakePrefix may be a token)');
    }
    if (given === undefined) {
      const derived = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 20).replace(/-+$/, '');
      if (namingProblem(MLOPS_PLATFORM_PREFIX_RULE, derived) !== undefined) {
        throw new MlopsValidationError(this, 'prefix', undefined, `a prefix (the construct id "${id}" gives none): ${MLOPS_PLATFORM_PREFIX_RULE.description}`);
      }
      return derived;
    }
    // The platform's rule is a subset of PREFIX_RULE, the lake's and the endpoint's own.
    return resolveName(this, 'prefix', MLOPS_PLATFORM_PREFIX_RULE, given);
  }

  private resolveFeatureGroups(given: unknown, spec: TrainingPipelineSpec): FeatureGroupSpec[] {
    if (given === undefined) {
      return [MlopsPlatform.defaultFeatureGroup(spec)];
    }
    if (!Array.isArray(given) || given.length === 0) {
      throw new MlopsValidationError(this, 'featureGroups', given, 'a non-empty list of FeatureGroupSpec');
    }
    given.forEach((group, i) => {
      if (!(group instanceof FeatureGroupSpec)) {
        throw new MlopsValidationError(this, `featureGroups[${i}]`, group, 'a FeatureGroupSpec');
      }
    });
    return [...given];
  }

  private resolveDelivery(delivery: unknown): MlopsPlatformDeliveryOptions | undefined {
    if (this.level < 2) {
      if (delivery !== undefined) {
        throw new MlopsValidationError(this, 'delivery', '(delivery options)', `no delivery at level ${this.level}: the delivery pipeline is level 2 (raise level to 2)`);
      }
      return undefined;
    }
    const options = delivery as MlopsPlatformDeliveryOptions | undefined;
    if (options === undefined || options === null || typeof options !== 'object' || options.repository === undefined) {
      throw new MlopsValidationError(this, 'delivery.repository', options?.repository,
        `the repository of the app, "owner/name", with delivery: { repository, connection }: level ${this.level} delivers the platform and each champion through Cloud Build`);
    }
    if (options.connection === undefined) {
      throw new MlopsValidationError(this, 'delivery.connection', undefined,
        'the Cloud Build 2nd-gen GitHub connection of the repository (its id in the platform\'s region, or its resource name), created and authorized once in the console');
    }
    return options;
  }

  private resolveDrift(drift: unknown): MlopsPlatformDriftOptions {
    if (drift === undefined) {
      return {};
    }
    if (drift === null || typeof drift !== 'object') {
      throw new MlopsValidationError(this, 'drift', drift, 'MlopsPlatformDriftOptions ({ spec?, baselineId?, schedule? }), or no drift for the defaults');
    }
    const options = drift as MlopsPlatformDriftOptions;
    if (options.spec !== undefined && !(options.spec instanceof DriftSpec)) {
      throw new MlopsValidationError(this, 'drift.spec', options.spec, 'a DriftSpec (new DriftSpec({ schema, ... }))');
    }
    return options;
  }

  private resolveNetwork(network: unknown): string {
    if (network === undefined) {
      throw new MlopsValidationError(this, 'network', undefined,
        `a VPC network (name or self link) with private services access, from level 1: the training and evaluation jobs of level ${this.level} are peered with it`);
    }
    if (typeof network !== 'string' || network.trim() === '') {
      throw new MlopsValidationError(this, 'network', network, 'a VPC network name or self link (a google_compute_network passes its id)');
    }
    return network;
  }
}

import { Annotations, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorRequest, CapturedRecords, DriftSpec, DriftTable, FeatureGroupSpec, GpuType, maturityLevelCapabilities, MlopsCapability, MlopsValidationError, AWS_PREFIX_RULE, resolveMaturityLevel,
  StandardZone, TableSchema, throwIfProblems, TrainingPipelineSpec, unwrap,
} from '../../core';
import { ApprovedModelVersion, DeliveryPipeline, IDeliveryPipeline, ProductionApproval } from '../delivery-pipeline';
import { DriftBaseline, DriftMonitor, DriftSchedule, IDriftMonitor } from '../drift-monitor';
import { CAPTURE_PARTITIONING, createCaptureTable } from '../drift-monitor/private/capture-table';
import { DataLake, IDataLake } from '../data-lake';
import { FeatureStore, FeatureStoreGroupProps, IFeatureStore } from '../feature-store';
import { GpuTrainingCluster, IGpuTrainingCluster } from '../gpu-training-cluster';
import { IModelEndpoint, ModelEndpoint } from '../model-endpoint';
import { IModelRegistry, ModelRegistry } from '../model-registry';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { IStreamingIngest, StreamingIngest } from '../streaming-ingest';
import { ITrainingPipeline, TrainingPipeline, TrainingSchedule } from '../training-pipeline';
import { servingAt, xgboostRepository } from './private/serving';
import { createStagedEndpoint, exportLake } from './private/staged-serving';

/** Stable ids of the warnings an MlopsPlatform adds. */
export const MLOPS_PLATFORM_WARNINGS = {
  /** No approved model version is known at synth time, so the platform has no endpoint yet. */
  noApprovedModelVersion: 'mlops-constructs:MlopsPlatform.noApprovedModelVersion',
} as const;

/**
 * The accelerator of the training launch profile when the spec asks for none: what GPU runs of
 * other specs use. A spec without an accelerator trains on CPU (`ml.m5.xlarge`), billed per run.
 */
export const PLATFORM_DEFAULT_TRAINING_ACCELERATOR: AcceleratorRequest = { gpu: GpuType.A10G, gpusPerNode: 1 };

/** The delivery settings of a platform at level 2 or 3: {@link DeliveryPipeline}'s source and stages. */
export interface MlopsPlatformDeliveryOptions {
  /** The repository of the CDK app that holds the platform, `owner/name`. */
  readonly repository: string;

  /**
   * The branch delivered.
   * @default 'main'
   */
  readonly branch?: string;

  /** The ARN of the AWS CodeConnections connection that reads `repository` (approved once in the console). */
  readonly connectionArn: string;

  /**
   * The stage deployed first: the team's application that uses the platform (a `Stage` of the
   * same App, holding at least one stack).
   */
  readonly staging: Stage;

  /** The stage deployed after staging and the production approval. */
  readonly production: Stage;

  /**
   * Whether a person approves each production deployment.
   * @default ProductionApproval.manual()
   */
  readonly productionApproval?: ProductionApproval;

  /**
   * Allow staging and production in the same account and region.
   * @default false
   */
  readonly allowSharedEnvironment?: boolean;
}

/** The drift settings of a platform at level 3. */
export interface MlopsPlatformDriftOptions {
  /**
   * What is monitored.
   * @default - every feature of the training spec, read from the endpoint's captured CSV requests, with the core's default bins and thresholds
   */
  readonly spec?: DriftSpec;

  /**
   * The id of the baseline (computed from the training table in the lake's curated zone).
   * @default '<training name>-training'
   */
  readonly baselineId?: string;

  /**
   * When the monitor runs.
   * @default - once per window (a day)
   */
  readonly schedule?: DriftSchedule;
}

/**
 * An MLOps platform at a maturity level (see `MATURITY_LEVELS`), built by {@link MlopsPlatform}.
 *
 * There is no `fromMlopsPlatformAttributes`: a platform is a composition of constructs that each
 * have their own import (`DataLake.fromDataLakeAttributes`, `ModelRegistry.fromModelRegistryName`,
 * …); import those.
 */
export interface IMlopsPlatform extends IConstruct {
  /** The maturity level, 0 to 3. */
  readonly level: number;
  /** Every capability the level has (its own and those below it). */
  readonly capabilities: readonly MlopsCapability[];
  /** The lake: the training table in curated, models and datasets in artifacts, streams and captures in raw. */
  readonly lake: IDataLake;
  /** The model registry. */
  readonly registry: IModelRegistry;
  /**
   * The endpoint, once a version of the registry is approved and known at synth time: in the
   * platform's stack at levels 0 and 1, in a stack of the production stage from level 2.
   */
  readonly endpoint?: IModelEndpoint;
  /** The staging endpoint (a stack of the staging stage), from level 2 once a version is known. */
  readonly stagingEndpoint?: IModelEndpoint;
  /** The delivery pipeline, from level 2. */
  readonly deliveryPipeline?: IDeliveryPipeline;
  /** The drift monitor, at level 3 once the endpoint exists. */
  readonly driftMonitor?: IDriftMonitor;
  /** The streaming ingest into the lake's raw zone, from level 1. */
  readonly ingest?: IStreamingIngest;
  /** The feature store, from level 1. */
  readonly featureStore?: IFeatureStore;
  /** The training launch profile, from level 1. */
  readonly trainingCluster?: IGpuTrainingCluster;
  /** The scheduled training pipeline, from level 1. */
  readonly pipeline?: ITrainingPipeline;
}

/** Properties of an {@link MlopsPlatform}. */
export interface MlopsPlatformProps {
  /**
   * The maturity level, 0 to 3 (`MATURITY_LEVELS`). Growing a platform is raising this number:
   * every child keeps its construct id, so no stateful resource of a lower level is replaced.
   */
  readonly level: number;

  /**
   * Prefix of the names unique per account and region (the lake's Glue databases and Athena
   * workgroup, the model package group `<prefix>-<training.name>`, the feature groups
   * `<prefix>-<group>`). 1 to 30 lowercase letters, digits and hyphens, starting with a letter.
   * @default - derived from the stack name and the construct path
   */
  readonly prefix?: string;

  /**
   * The model: its table (created in the lake's curated zone), its label and metric. The registry is
   * named after it from level 0; the training pipeline runs it from level 1.
   */
  readonly training: TrainingPipelineSpec;

  /**
   * The records of the raw stream (level ≥ 1), delivered into the lake's raw zone: they need an
   * event time and no `bytes` field.
   * @default - the training spec's schema
   */
  readonly events?: TableSchema;

  /**
   * The feature groups (level ≥ 1), served online and kept offline in the lake's curated zone,
   * each with the `replacementFingerprint` the FeatureStore asks to commit (the first synth
   * without it fails and prints it).
   * @default - one group, {@link MlopsPlatform.defaultFeatureGroup} of the training spec, without a fingerprint (so synth prints the one to commit)
   */
  readonly featureGroups?: FeatureStoreGroupProps[];

  /**
   * The network of the training and evaluation jobs (level ≥ 1): private subnets with a route to
   * S3 (a gateway endpoint is enough: the jobs run network-isolated).
   * @default - none; required from level 1
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets of `vpc` the jobs run in.
   * @default - the VPC's private subnets with egress (pass `{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }` for isolated ones)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * When the training pipeline runs on its own (level ≥ 1).
   * @default TrainingSchedule.daily() (03:00 UTC)
   */
  readonly schedule?: TrainingSchedule;

  /**
   * The ECR repository of the served versions' inference image, which the endpoint may pull.
   * From level 2 the endpoints are in the delivery stages' stacks, so the repository must be an
   * import (`ecr.Repository.fromRepositoryName`), not one the platform's stack creates.
   * @default - SageMaker's built-in XGBoost repository of the stack's region (the image the training pipeline registers versions with)
   */
  readonly servingImageRepository?: ecr.IRepository;

  /**
   * The delivery pipeline's source and stages: required at levels 2 and 3.
   * @default - none; required from level 2
   */
  readonly delivery?: MlopsPlatformDeliveryOptions;

  /**
   * The drift monitor's settings (level 3).
   * @default - every feature of the training spec, the core's defaults, a daily window
   */
  readonly drift?: MlopsPlatformDriftOptions;

  /**
   * What happens to the stateful resources of every child (buckets, keys, stream, feature groups,
   * registry, log groups) when they leave the stack. `DESTROY` needs the app context
   * `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An MLOps platform at a maturity level on AWS: the library's constructs, composed as
 * `MATURITY_LEVELS` says, under fixed construct ids so that raising `level` adds children and
 * replaces none.
 *
 * | level | adds (child id)                                                                 | endpoint (once a version is approved)              |
 * |-------|---------------------------------------------------------------------------------|----------------------------------------------------|
 * | 0     | DataLake `Lake`, ModelRegistry `Registry`, ModelEndpoint `Endpoint`              | serverless (2 GiB, 5 concurrent): nothing bills idle |
 * | 1     | StreamingIngest `Ingest`, FeatureStore `Features`, GpuTrainingCluster `Training` (launch profile only, no HyperPod), TrainingPipeline `Pipeline` | 1 × ml.m5.large, capture into the lake's raw zone, all-at-once updates |
 * | 2     | DeliveryPipeline `Delivery` (needs `delivery`): the app's source → build, test, synth → the platform's own stack (CDK Pipelines self-mutation) → staging → approval → production; each approved version re-runs it | in the stages, not the platform's stack: staging serverless (`<prefix>-serving-staging`, nothing bills idle); production 2 × ml.m5.large (`<prefix>-serving`), canary of one instance, rolled back by the error-rate and latency alarms, captured into the lake |
 * | 3     | DriftMonitor `Drift` over the production endpoint's capture, starting `Pipeline` on an alarm; `training.promotion` must be `PromotionPolicy.whenBetter()` | as level 2 |
 *
 * How a model version reaches production from level 2: an approval in the registry starts the
 * delivery pipeline, whose synth step writes the version into the context. The self-mutation step
 * deploys the platform's own stack (lake, registry, training…), which holds no endpoint from level
 * 2: the endpoint is in a stack the platform adds to each delivery stage (`<platform id>Serving`,
 * named `<stack name>-<stage id>-Serving`). So the version is served in staging first, then — after
 * the production approval — in production, where the endpoint's canary (one instance for ten
 * minutes) rolls it back when its alarms fire. Those stacks import the lake through exports of the
 * platform's stack (stages may not reference it). Growing 1 → 2 moves the endpoint: the level-1
 * endpoint leaves the platform's stack (its key and log group are retained, not deleted), and
 * production serves again once the pipeline has run.
 *
 * The drift monitor exists once the endpoint does (it reads the production endpoint's capture,
 * through a Glue table the platform declares over it in the lake's raw zone).
 *
 * The endpoint: SageMaker creates an endpoint only for a model, so the platform serves the
 * registry's latest approved version when the synth knows it — the context key
 * `mlops-constructs:approvedModelPackage:<group>` holding that version's package ARN (the
 * delivery pipeline's synth step writes it; by hand: `cdk deploy -c <key>=<arn>`). Until then the
 * platform has no endpoint, and says so in a warning ({@link MLOPS_PLATFORM_WARNINGS}).
 *
 * Cheap at rest: training and evaluation are SageMaker jobs billed per run, the stream is on
 * demand, the level-0 endpoint is serverless. What bills while idle is listed per level in
 * docs/levels.
 *
 * Not verifiable without a deploy: everything its children's docs list, and that a version
 * registered by hand at level 0 (another image than the built-in XGBoost needs
 * `servingImageRepository`) is served.
 *
 * @example
 * new MlopsPlatform(stack, 'Platform', {
 *   level: 1,
 *   training: new TrainingPipelineSpec({ name: 'churn', schema: customerChurn, label: 'churned_30d' }),
 *   vpc,
 *   vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
 * });
 */
export class MlopsPlatform extends Construct implements IMlopsPlatform {
  /**
   * The feature group a platform creates when given no `featureGroups`: named after the training
   * spec, every field of its schema, keyed by its entity key and versioned by its event time.
   * @param training the platform's training spec
   */
  /**
   * The records the endpoint is sent, as the level-3 drift monitor reads them from the capture:
   * the training spec's features (the CSV columns, in schema order) with its entity keys and
   * event time, without the label.
   * @param training the platform's training spec
   */
  public static requestSchema(training: TrainingPipelineSpec): TableSchema {
    const keep = new Set([...training.schema.entityKeys, training.schema.eventTime, ...training.features.map((f) => f.name)]);
    return new TableSchema({
      name: `${training.name.replace(/-/g, '_')}_requests`,
      description: `What the ${training.name} endpoint is sent: the model's features (CSV, in order), keyed and timed as ${training.schema.name}.`,
      fields: training.schema.fields.filter((f) => keep.has(f.name)).map((f) => ({ name: f.name, type: f.type, description: f.description })),
      entityKeys: [...training.schema.entityKeys],
      eventTime: training.schema.eventTime,
    });
  }

  /**
   * The name of a platform's endpoint: `<prefix>-serving` (levels 0 and 1, and the production stage
   * from level 2), `<prefix>-serving-staging` (the staging stage, from level 2).
   * @param prefix the platform's names prefix
   * @param stage which endpoint
   */
  public static endpointName(prefix: string, stage: 'staging' | 'production' = 'production'): string {
    return stage === 'staging' ? `${prefix}-serving-staging` : `${prefix}-serving`;
  }

  public static defaultFeatureGroup(training: TrainingPipelineSpec): FeatureGroupSpec {
    return new FeatureGroupSpec({ name: training.name, schema: training.schema, description: `Features of ${training.name}, from ${training.schema.name}.` });
  }

  /** The maturity level. */
  public readonly level: number;
  /** Every capability of the level. */
  public readonly capabilities: readonly MlopsCapability[];
  /** The names prefix. */
  public readonly prefix: string;
  /** The lake (`Lake`). */
  public readonly lake: DataLake;
  /** The model registry (`Registry`). */
  public readonly registry: ModelRegistry;
  /**
   * The endpoint (`Endpoint`; from level 2 the production stage's); `undefined` until a version is
   * approved and known at synth time.
   */
  public readonly endpoint?: ModelEndpoint;
  /** The staging endpoint (level ≥ 2, in the staging stage); `undefined` until a version is known. */
  public readonly stagingEndpoint?: ModelEndpoint;
  /**
   * The stacks the platform adds to the delivery stages (level ≥ 2, once a version is known): the
   * staging endpoint's, then the production endpoint's. Empty otherwise.
   */
  public readonly servingStacks: Stack[] = [];
  /** The streaming ingest (`Ingest`), from level 1. */
  public readonly ingest?: StreamingIngest;
  /** The feature store (`Features`), from level 1. */
  public readonly featureStore?: FeatureStore;
  /** The training launch profile (`Training`, no HyperPod cluster), from level 1. */
  public readonly trainingCluster?: GpuTrainingCluster;
  /** The training pipeline (`Pipeline`), from level 1. */
  public readonly pipeline?: TrainingPipeline;
  /** The delivery pipeline (`Delivery`), from level 2. */
  public readonly deliveryPipeline?: DeliveryPipeline;
  /** The drift monitor (`Drift`), at level 3 once the endpoint exists. */
  public readonly driftMonitor?: DriftMonitor;

  constructor(scope: Construct, id: string, props: MlopsPlatformProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'MlopsPlatformProps ({ level, training, ... })');
    }
    const definition = unwrap(this, '', resolveMaturityLevel(props.level));
    this.level = definition.level;
    this.capabilities = maturityLevelCapabilities(this.level);
    this.prefix = props.prefix === undefined ? defaultPrefix(this) : resolveName(this, 'prefix', props.prefix, AWS_PREFIX_RULE);
    const spec = this.resolveSpec(props.training);
    const delivery = this.resolveDelivery(props.delivery);
    const drift = this.resolveDrift(props.drift);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);

    this.lake = new DataLake(this, 'Lake', { prefix: this.prefix, tables: [{ zone: StandardZone.CURATED, schema: spec.schema }], removalPolicy });
    this.registry = new ModelRegistry(this, 'Registry', { modelPackageGroupName: `${this.prefix}-${spec.name}`, removalPolicy });

    if (this.level >= 1) {
      const vpc = props.vpc;
      if (vpc === undefined || vpc === null || typeof vpc !== 'object' || typeof vpc.vpcId !== 'string') {
        throw new MlopsValidationError(this, 'vpc', vpc, `an ec2.IVpc for the training and evaluation jobs: level ${this.level} runs them (private subnets with an S3 gateway endpoint)`);
      }
      this.ingest = new StreamingIngest(this, 'Ingest', { lake: this.lake, schema: this.resolveEvents(props.events, spec), removalPolicy });
      this.featureStore = new FeatureStore(this, 'Features', {
        lake: this.lake,
        prefix: this.prefix,
        featureGroups: this.resolveFeatureGroups(props.featureGroups, spec),
        removalPolicy,
      });
      this.trainingCluster = new GpuTrainingCluster(this, 'Training', {
        lake: this.lake,
        vpc,
        vpcSubnets: props.vpcSubnets,
        accelerator: spec.accelerator ?? PLATFORM_DEFAULT_TRAINING_ACCELERATOR,
        hyperPod: false,
        removalPolicy,
      });
      this.pipeline = new TrainingPipeline(this, 'Pipeline', {
        lake: this.lake,
        spec,
        training: this.trainingCluster,
        registry: this.registry,
        schedule: props.schedule,
        removalPolicy,
      });
    }

    if (delivery === undefined) {
      this.endpoint = this.createEndpoint(props.servingImageRepository, removalPolicy);
    } else {
      [this.stagingEndpoint, this.endpoint] = this.createStagedEndpoints(delivery, props.servingImageRepository, removalPolicy);
      this.servingStacks.push(...[this.stagingEndpoint, this.endpoint].filter((e): e is ModelEndpoint => e !== undefined).map((e) => Stack.of(e)));
    }

    if (delivery !== undefined) {
      this.deliveryPipeline = new DeliveryPipeline(this, 'Delivery', {
        repository: delivery.repository,
        branch: delivery.branch,
        connectionArn: delivery.connectionArn,
        staging: delivery.staging,
        production: delivery.production,
        productionApproval: delivery.productionApproval,
        allowSharedEnvironment: delivery.allowSharedEnvironment,
        modelRegistry: this.registry,
        removalPolicy,
      });
    }
    if (this.level >= 3 && this.endpoint !== undefined) {
      this.driftMonitor = this.createDriftMonitor(spec, this.endpoint, drift, removalPolicy);
    }
  }

  /** Level 3: drift of the endpoint's captured requests against the training table; a breach starts the training pipeline. */
  private createDriftMonitor(spec: TrainingPipelineSpec, endpoint: ModelEndpoint, options: MlopsPlatformDriftOptions | undefined, removalPolicy: RemovalPolicy): DriftMonitor {
    const driftSpec = options?.spec ?? new DriftSpec({ schema: MlopsPlatform.requestSchema(spec) });
    const requests = driftSpec.schema.name;
    const monitor = new DriftMonitor(this, 'Drift', {
      spec: driftSpec,
      lake: this.lake,
      records: this.captureRecords(endpoint, requests),
      baseline: DriftBaseline.fromLakeTable(StandardZone.CURATED, spec.schema.name, { baselineId: options?.baselineId ?? `${spec.name}-training` }),
      schedule: options?.schedule,
      retrain: this.pipeline,
      removalPolicy,
    });
    this.declareCaptureTable(monitor, endpoint, requests);
    return monitor;
  }

  /** The name of the Glue table over the production endpoint's capture, in the capture zone's database. */
  private captureTableName(requests: string): string {
    return `${requests}_capture`;
  }

  /**
   * The production endpoint's capture as the drift monitor reads it: the endpoint is in another
   * stage's stack, so the monitor is given the table (`records`) rather than the endpoint, and the
   * platform declares that table (`Drift/CaptureTable`, as the monitor would) over
   * `s3://<capture bucket>/<capture prefix><endpoint>/<variant>/` of its own lake. The capture's
   * zone, prefix, endpoint and variant names are literals, the bucket is the platform's.
   */
  private captureRecords(endpoint: ModelEndpoint, requests: string): CapturedRecords {
    const capture = endpoint.captureLocation!;
    return CapturedRecords.sageMakerCapture({ table: DriftTable.named([this.lake.glueDatabaseName(capture.zone), this.captureTableName(requests)]), partitioning: CAPTURE_PARTITIONING });
  }

  private declareCaptureTable(monitor: DriftMonitor, endpoint: ModelEndpoint, requests: string): void {
    const capture = endpoint.captureLocation!;
    const table = createCaptureTable(monitor, {
      databaseName: this.lake.glueDatabaseName(capture.zone),
      tableName: this.captureTableName(requests),
      location: `s3://${this.lake.zoneBucket(capture.zone).bucketName}/${capture.prefix}${endpoint.endpointName}/${endpoint.variantName}/`,
      description: `SageMaker data capture of endpoint ${endpoint.endpointName} (variant ${endpoint.variantName}, production stage), read by drift monitor ${monitor.node.path}`,
    });
    table.addResourceDependency(this.lake.glueDatabase(capture.zone));
  }

  private resolveDrift(options: MlopsPlatformDriftOptions | undefined): MlopsPlatformDriftOptions | undefined {
    if (options === undefined) {
      return undefined;
    }
    if (this.level < 3) {
      throw new MlopsValidationError(this, 'drift', '(drift options)', `no drift at level ${this.level}: the drift monitor is level 3 (raise level to 3)`);
    }
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, 'drift', options, 'MlopsPlatformDriftOptions ({ spec?, baselineId?, schedule? }), or no drift for the defaults');
    }
    if (options.spec !== undefined && !(options.spec instanceof DriftSpec)) {
      throw new MlopsValidationError(this, 'drift.spec', options.spec, 'a DriftSpec (new DriftSpec({ schema, ... }))');
    }
    return options;
  }

  private resolveDelivery(delivery: MlopsPlatformDeliveryOptions | undefined): MlopsPlatformDeliveryOptions | undefined {
    if (this.level < 2) {
      if (delivery !== undefined) {
        throw new MlopsValidationError(this, 'delivery', '(delivery options)', `no delivery at level ${this.level}: the delivery pipeline is level 2 (raise level to 2)`);
      }
      return undefined;
    }
    if (delivery === undefined || delivery === null || typeof delivery !== 'object' || delivery.repository === undefined) {
      throw new MlopsValidationError(this, 'delivery.repository', delivery?.repository,
        `the repository of the app, "owner/name", with delivery: { repository, connectionArn, staging, production }: level ${this.level} delivers the platform and each approved model version through a pipeline`);
    }
    return delivery;
  }

  /** Whether the context holds an approved version of the registry; when not, a warning says how to give one. */
  private warnUnlessApproved(): boolean {
    const groupName = this.registry.modelPackageGroupName;
    const key = ApprovedModelVersion.contextKey(groupName);
    if (this.node.tryGetContext(key) !== undefined) {
      return true;
    }
    Annotations.of(this).addWarningV2(MLOPS_PLATFORM_WARNINGS.noApprovedModelVersion,
      `No endpoint yet: SageMaker serves a registered model, and no approved version of model registry ${groupName} is known to this synth. `
      + `Register and approve a version${this.level >= 1 ? ' (the training pipeline registers them)' : ''}, then deploy with `
      + `-c ${key}=<its model package ARN>${this.level >= 2 ? ' (the delivery pipeline\'s synth step sets it, and deploys the endpoint to staging, then production)' : ''}.`);
    return false;
  }

  /** The endpoint serving the registry's approved version, or `undefined` (with a warning) while none is known. */
  private createEndpoint(imageRepository: ecr.IRepository | undefined, removalPolicy: RemovalPolicy): ModelEndpoint | undefined {
    if (!this.warnUnlessApproved()) {
      return undefined;
    }
    const approved = ApprovedModelVersion.fromContext(this, this.registry);
    const serving = servingAt(this.level);
    return new ModelEndpoint(this, 'Endpoint', {
      model: approved.toModel({ artifactsLake: this.lake, imageRepository: imageRepository ?? xgboostRepository(this, 'ServingImages') }),
      endpointName: MlopsPlatform.endpointName(this.prefix, 'production'),
      capacity: serving.capacity,
      deployment: serving.deployment,
      captureLake: serving.capture ? this.lake : undefined,
      removalPolicy,
    });
  }

  /**
   * Level ≥ 2: the staging and production endpoints, each in a stack of its delivery stage (see the
   * class doc); none, with the warning, until an approved version is known.
   */
  private createStagedEndpoints(delivery: MlopsPlatformDeliveryOptions, imageRepository: ecr.IRepository | undefined, removalPolicy: RemovalPolicy): [ModelEndpoint | undefined, ModelEndpoint | undefined] {
    const lake = exportLake(this, this.lake, this.prefix);
    if (!this.warnUnlessApproved()) {
      return [undefined, undefined];
    }
    const stackName = Stack.of(this).stackName;
    const endpoint = (stage: Stage, role: 'staging' | 'production') => createStagedEndpoint(this, {
      stage,
      role,
      id: `${this.node.id}Serving`,
      level: this.level,
      stackName: `${stackName}-${stage.node.id}-Serving`,
      endpointName: MlopsPlatform.endpointName(this.prefix, role),
      groupName: this.registry.modelPackageGroupName,
      lake,
      imageRepository,
      removalPolicy,
    });
    return [endpoint(delivery.staging, 'staging'), endpoint(delivery.production, 'production')];
  }

  private resolveSpec(spec: TrainingPipelineSpec): TrainingPipelineSpec {
    if (!(spec instanceof TrainingPipelineSpec)) {
      throw new MlopsValidationError(this, 'training', spec, 'a TrainingPipelineSpec (new TrainingPipelineSpec({ name, schema, label, ... }))');
    }
    throwIfProblems(this, 'training', spec.problems());
    if (this.level >= 3 && !spec.promotion.automatic) {
      throw new MlopsValidationError(this, 'training.promotion', 'PromotionPolicy.manual()',
        'PromotionPolicy.whenBetter(): at level 3 a retrained version replaces the champion only when it beats it, without a person');
    }
    return spec;
  }

  private resolveEvents(events: TableSchema | undefined, spec: TrainingPipelineSpec): TableSchema {
    if (events === undefined) {
      return spec.schema;
    }
    if (!(events instanceof TableSchema)) {
      throw new MlopsValidationError(this, 'events', events, 'a TableSchema of the raw stream\'s records, or no events for the training spec\'s schema');
    }
    return events;
  }

  private resolveFeatureGroups(groups: FeatureStoreGroupProps[] | undefined, spec: TrainingPipelineSpec): FeatureStoreGroupProps[] {
    if (groups === undefined) {
      return [{ spec: MlopsPlatform.defaultFeatureGroup(spec) }];
    }
    if (!Array.isArray(groups) || groups.length === 0) {
      throw new MlopsValidationError(this, 'featureGroups', groups, 'at least one feature group ({ spec, replacementFingerprint }), or no featureGroups for the default group of the training spec');
    }
    groups.forEach((group, i) => {
      if (group === null || typeof group !== 'object' || !(group.spec instanceof FeatureGroupSpec)) {
        throw new MlopsValidationError(this, `featureGroups[${i}].spec`, group?.spec ?? group, 'a FeatureGroupSpec (new FeatureGroupSpec({ name, schema, ... }))');
      }
    });
    return [...groups];
  }

}

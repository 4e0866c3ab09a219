import { Construct, IConstruct } from 'constructs';
import {
  FeatureGroupSpec, maturityLevelCapabilities, MlopsCapability, MlopsValidationError, namingProblem, NamingRule,
  resolveMaturityLevel, StandardZone, TableSchema, TrainingPipelineSpec, unwrap,
} from '../../core';
import { Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { DataLake, IDataLake } from '../data-lake';
import { FeatureStore, IFeatureStore } from '../feature-store';
import { GpuTrainingCluster, IGpuTrainingCluster } from '../gpu-training-cluster';
import { GcpIamProps } from '../iam';
import { IModelEndpoint, ModelEndpoint } from '../model-endpoint';
import { IModelRegistry, ModelRegistry } from '../model-registry';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { resolveIamGrants } from '../private/iam-members';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { IStreamingIngest, StreamingIngest } from '../streaming-ingest';
import { ITrainingPipeline, TrainingPipeline, TrainingSchedule } from '../training-pipeline';
import { GCP_REGION_RULE } from '../private/regions';

/** The synth-time warnings of an MlopsPlatform, by id (none yet). */
export const MLOPS_PLATFORM_WARNINGS = {} as const;

/** The maturity levels this build of the Google Cloud platform composes (DeliveryPipeline and DriftMonitor are not in it yet). */
const BUILT_LEVELS = [0, 1];

/** Where the platform runs when no region is given: ModelEndpoint's default. */
const DEFAULT_REGION = 'us-central1';

/**
 * The platform prefix: at most 20 characters, so that every service account id derived from it
 * (`<prefix>-scheduler`, the longest suffix, in IAM's 6 to 30) fits.
 */
export const MLOPS_PLATFORM_PREFIX_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/,
  description: '1 to 20 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (service account ids <prefix>-<role> have at most 30)',
};

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
   * Prefix of the lake's buckets (`<lakePrefix>-<zone>`) and datasets. Cloud Storage bucket names
   * are global: the reference stacks pass `<project id>-<prefix>`, which no other project can
   * hold. May be a Terraform value.
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
   * @default - one group of the training spec's schema (its entity keys and event time)
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
   * @default - Google-managed keys: the policy pack reports the BigQuery datasets and tables, the
   * topics, the endpoint and the workflow
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * The VPC network the training and evaluation jobs are peered with (level ≥ 1), name or self
   * link, with private services access configured (a `google_service_networking_connection`).
   * @default - none; required from level 1
   */
  readonly network?: string;

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
 *
 * Levels 2 (DeliveryPipeline `Delivery`) and 3 (DriftMonitor `Drift`) are refused by this build.
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

  constructor(scope: Construct, id: string, props: MlopsPlatformProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least level and training');
    }
    const definition = unwrap(this, '', resolveMaturityLevel(props.level));
    if (!BUILT_LEVELS.includes(definition.level)) {
      throw new MlopsValidationError(this, 'level', props.level,
        `a level this build composes (${BUILT_LEVELS.join(', ')}): level ${definition.level} (${definition.name}) needs ${definition.addsConstructs.join(', ')}, not yet in mlops-constructs/gcp`);
    }
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
    this.endpoint = new ModelEndpoint(this, 'Endpoint', {
      ...common,
      prefix: this.prefix,
      region: this.region,
      captureLake: capture ? this.lake : undefined,
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
      return [new FeatureGroupSpec({ name: spec.schema.name, schema: spec.schema, description: `Features of the ${spec.name} model (${spec.schema.name}).` })];
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

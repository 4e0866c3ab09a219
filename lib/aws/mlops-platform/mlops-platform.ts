import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorRequest, FeatureGroupSpec, GpuType, maturityLevelCapabilities, MlopsCapability, MlopsValidationError, PREFIX_RULE, resolveMaturityLevel,
  StandardZone, TableSchema, throwIfProblems, TrainingPipelineSpec, unwrap,
} from '../../core';
import { DataLake, IDataLake } from '../data-lake';
import { FeatureStore, FeatureStoreGroupProps, IFeatureStore } from '../feature-store';
import { GpuTrainingCluster, IGpuTrainingCluster } from '../gpu-training-cluster';
import { IModelEndpoint, ModelEndpoint, ModelEndpointModel } from '../model-endpoint';
import { IModelRegistry, ModelRegistry } from '../model-registry';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { IStreamingIngest, StreamingIngest } from '../streaming-ingest';
import { ITrainingPipeline, TrainingPipeline, TrainingSchedule } from '../training-pipeline';
import { APPROVED_PACKAGE_CONTEXT_PREFIX, approvedVersionOf } from './private/approved-version';
import { servingAt, xgboostRepository } from './private/serving';

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

/** The maturity levels this build of the AWS platform composes (DeliveryPipeline and DriftMonitor are not in it yet). */
const BUILT_LEVELS = [0, 1];

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
  /** The endpoint, once a version of the registry is approved and known at synth time. */
  readonly endpoint?: IModelEndpoint;
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
   * @default - SageMaker's built-in XGBoost repository of the stack's region (the image the training pipeline registers versions with)
   */
  readonly servingImageRepository?: ecr.IRepository;

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
 *
 * Levels 2 (DeliveryPipeline `Delivery`) and 3 (DriftMonitor `Drift`) are refused by this build.
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
  /** The endpoint (`Endpoint`); `undefined` until a version is approved and known at synth time. */
  public readonly endpoint?: ModelEndpoint;
  /** The streaming ingest (`Ingest`), from level 1. */
  public readonly ingest?: StreamingIngest;
  /** The feature store (`Features`), from level 1. */
  public readonly featureStore?: FeatureStore;
  /** The training launch profile (`Training`, no HyperPod cluster), from level 1. */
  public readonly trainingCluster?: GpuTrainingCluster;
  /** The training pipeline (`Pipeline`), from level 1. */
  public readonly pipeline?: TrainingPipeline;

  constructor(scope: Construct, id: string, props: MlopsPlatformProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'MlopsPlatformProps ({ level, training, ... })');
    }
    const definition = unwrap(this, '', resolveMaturityLevel(props.level));
    if (!BUILT_LEVELS.includes(definition.level)) {
      throw new MlopsValidationError(this, 'level', props.level,
        `${BUILT_LEVELS.join(' or ')}: levels 2 and 3 compose the DeliveryPipeline and DriftMonitor, which this build does not have yet`);
    }
    this.level = definition.level;
    this.capabilities = maturityLevelCapabilities(this.level);
    this.prefix = props.prefix === undefined ? defaultPrefix(this) : resolveName(this, 'prefix', props.prefix, PREFIX_RULE);
    const spec = this.resolveSpec(props.training);
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

    this.endpoint = this.createEndpoint(props.servingImageRepository, removalPolicy);
  }

  /** The endpoint serving the registry's approved version, or `undefined` (with a warning) while none is known. */
  private createEndpoint(imageRepository: ecr.IRepository | undefined, removalPolicy: RemovalPolicy): ModelEndpoint | undefined {
    const groupName = this.registry.modelPackageGroupName;
    const version = approvedVersionOf(this, groupName);
    if (version === undefined) {
      Annotations.of(this).addWarningV2(MLOPS_PLATFORM_WARNINGS.noApprovedModelVersion,
        `No endpoint yet: SageMaker serves a registered model, and no approved version of model registry ${groupName} is known to this synth. `
        + `Register and approve a version${this.level >= 1 ? ' (the training pipeline registers them)' : ''}, then deploy with `
        + `-c ${APPROVED_PACKAGE_CONTEXT_PREFIX}${groupName}=<its model package ARN>.`);
      return undefined;
    }
    const serving = servingAt(this.level);
    return new ModelEndpoint(this, 'Endpoint', {
      model: ModelEndpointModel.fromModelPackage({
        groupName,
        version,
        artifactsLake: this.lake,
        imageRepository: imageRepository ?? xgboostRepository(this, 'ServingImages'),
      }),
      capacity: serving.capacity,
      deployment: serving.deployment,
      captureLake: serving.capture ? this.lake : undefined,
      removalPolicy,
    });
  }

  private resolveSpec(spec: TrainingPipelineSpec): TrainingPipelineSpec {
    if (!(spec instanceof TrainingPipelineSpec)) {
      throw new MlopsValidationError(this, 'training', spec, 'a TrainingPipelineSpec (new TrainingPipelineSpec({ name, schema, label, ... }))');
    }
    throwIfProblems(this, 'training', spec.problems());
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

import { ValidationProblem } from '../errors';

/**
 * What a platform can do, named once so that the level definitions, the level constructs of both
 * clouds, their docs and the test that checks each level's construct tree all read one list.
 */
export enum MlopsCapability {
  /** Zoned, encrypted storage with a table catalog (raw, curated, artifacts). */
  DATA_LAKE = 'data-lake',
  /** Where model versions are registered, with the champion/challenger convention. */
  MODEL_REGISTRY = 'model-registry',
  /** A managed endpoint serving a registered model. */
  MODEL_SERVING = 'model-serving',
  /** Records streamed into the lake's raw zone, typed by the schema. */
  STREAMING_INGEST = 'streaming-ingest',
  /** Features served online and kept offline in the lake. */
  FEATURE_STORE = 'feature-store',
  /** GPU/CPU capacity and the launch profile training jobs run with. */
  TRAINING_CAPACITY = 'training-capacity',
  /** A scheduled pipeline: prepare → train → evaluate → gate → register. */
  CONTINUOUS_TRAINING = 'continuous-training',
  /** The endpoint's requests and responses captured into the lake. */
  ENDPOINT_CAPTURE = 'endpoint-capture',
  /** Code and models built, tested, deployed to staging, approved, deployed to production. */
  CONTINUOUS_DELIVERY = 'continuous-delivery',
  /** Production rollouts by canary, rolled back on alarms. */
  SAFE_ROLLOUT = 'safe-rollout',
  /** Scheduled drift statistics over the captured predictions, with alarms. */
  DRIFT_MONITORING = 'drift-monitoring',
  /** A drift alarm starts training; a new version replaces the champion only when it is better. */
  AUTOMATED_RETRAINING = 'automated-retraining',
}

/** Where a level sits in the maturity models the field uses. */
export interface IndustryLevels {
  /** Google Cloud's "MLOps: Continuous delivery and automation pipelines in machine learning" (levels 0–2). */
  readonly google: string;
  /** Microsoft's "Machine Learning operations maturity model" (levels 0–4). */
  readonly microsoft: string;
  /** AWS's "MLOps foundation roadmap for enterprises" phases. */
  readonly aws: string;
}

/** One maturity level: what it gives a team, what it adds to the previous level, and which constructs it is made of. */
export interface MaturityLevelDefinition {
  /** 0 to 3. */
  readonly level: number;
  /** Short name ("manual", "continuous training", …). */
  readonly name: string;
  /** What the level gives the team, one sentence. */
  readonly summary: string;
  /** The capabilities this level adds to the previous one. */
  readonly adds: readonly MlopsCapability[];
  /** The construct classes (same names on both clouds) this level adds to the previous one. */
  readonly addsConstructs: readonly string[];
  /** The same level in the industry's maturity models. */
  readonly industry: IndustryLevels;
}

/**
 * The four maturity levels of the reference architectures, each a superset of the previous one.
 * The level constructs of both clouds are built from this table, their docs are generated from it,
 * and a test checks that each level's construct tree holds exactly the constructs it lists.
 *
 * @see https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning
 * @see https://learn.microsoft.com/en-us/azure/architecture/ai-ml/guide/mlops-maturity-model
 * @see https://aws.amazon.com/blogs/machine-learning/mlops-foundation-roadmap-for-enterprises-with-amazon-sagemaker/
 */
export const MATURITY_LEVELS: readonly MaturityLevelDefinition[] = Object.freeze([
  {
    level: 0,
    name: 'manual',
    summary: 'A hardened lake, a model registry and an endpoint that serves a model the team trains and registers by hand.',
    adds: [MlopsCapability.DATA_LAKE, MlopsCapability.MODEL_REGISTRY, MlopsCapability.MODEL_SERVING],
    addsConstructs: ['DataLake', 'ModelRegistry', 'ModelEndpoint'],
    industry: { google: 'Level 0: manual process', microsoft: 'Levels 0–1: no MLOps / DevOps but no MLOps', aws: 'Initial phase' },
  },
  {
    level: 1,
    name: 'continuous training',
    summary: 'Data streams into the lake and the feature store; a scheduled pipeline trains, evaluates and registers a model version without a person; the endpoint captures what it serves.',
    adds: [MlopsCapability.STREAMING_INGEST, MlopsCapability.FEATURE_STORE, MlopsCapability.TRAINING_CAPACITY, MlopsCapability.CONTINUOUS_TRAINING, MlopsCapability.ENDPOINT_CAPTURE],
    addsConstructs: ['StreamingIngest', 'FeatureStore', 'GpuTrainingCluster', 'TrainingPipeline'],
    industry: { google: 'Level 1: ML pipeline automation', microsoft: 'Level 2: automated training', aws: 'Repeatable phase' },
  },
  {
    level: 2,
    name: 'CI/CD',
    summary: 'Every change to the platform and every approved model version is built, tested, deployed to staging, approved and deployed to production by canary with alarm rollback.',
    adds: [MlopsCapability.CONTINUOUS_DELIVERY, MlopsCapability.SAFE_ROLLOUT],
    addsConstructs: ['DeliveryPipeline'],
    industry: { google: 'Level 2: CI/CD pipeline automation', microsoft: 'Level 3: automated model deployment', aws: 'Reliable phase' },
  },
  {
    level: 3,
    name: 'automated retraining',
    summary: 'Drift in the captured predictions starts the training pipeline, and a new version replaces the champion only when it beats it.',
    adds: [MlopsCapability.DRIFT_MONITORING, MlopsCapability.AUTOMATED_RETRAINING],
    addsConstructs: ['DriftMonitor'],
    industry: { google: 'Level 2, with retraining triggered by model performance (monitoring → pipeline)', microsoft: 'Level 4: full MLOps automated operations', aws: 'Scalable phase (automated retraining across models)' },
  },
]);

/** The definition of a level, or the problem with the value given (a number from 0 to 3). */
export function resolveMaturityLevel(level: unknown): MaturityLevelDefinition | ValidationProblem[] {
  const found = MATURITY_LEVELS.find((l) => l.level === level);
  return found ?? [{ property: 'level', value: level, allowed: `a maturity level: ${MATURITY_LEVELS.map((l) => `${l.level} (${l.name})`).join(', ')}` }];
}

/** Every construct class a level is made of: its own and those of the levels below it, in level order. */
export function maturityLevelConstructs(level: number): string[] {
  return MATURITY_LEVELS.filter((l) => l.level <= level).flatMap((l) => [...l.addsConstructs]);
}

/** Every capability a level has: its own and those of the levels below it, in level order. */
export function maturityLevelCapabilities(level: number): MlopsCapability[] {
  return MATURITY_LEVELS.filter((l) => l.level <= level).flatMap((l) => [...l.adds]);
}

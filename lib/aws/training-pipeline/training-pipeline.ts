import * as fs from 'fs';
import * as path from 'path';
import { Aws, CfnMapping, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorPlatform,
  acceleratorProblems,
  DriftTable,
  evaluationQuery,
  LAKE_PARTITION_COLUMN,
  MlopsValidationError,
  NamingRule,
  resolveAccelerator,
  SAGEMAKER_XGBOOST_REGISTRIES,
  sageMakerXgboostImageUri,
  SqlDialect,
  StandardZone,
  throwIfProblems,
  toSnakeCase,
  TRAINING_PIPELINE_ZONE,
  TrainingPipelineSpec,
  TrainingSplit,
  trainingSplitQuery,
} from '../../core';
import { DataLake, IDataLake } from '../data-lake';
import { IGpuTrainingCluster } from '../gpu-training-cluster';
import { IModelRegistry } from '../model-registry';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps, logGroupKeyStatement } from '../private/kms';
import { latestNodeRuntime } from '../private/lambda';
import { ManagedPolicyRole } from '../private/managed-policy-role';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { createStateMachineSchedule } from '../private/scheduler';
import { renderCreateTrainingJobRequest } from '../private/sagemaker-training';
import { createAlarmTopic } from '../private/sns';
import { createFailedRunsAlarm } from './alarms';
import { createPipelineDefinition, DATASET_VERSION_MARKER, RUN_DATE_MARKER } from './private/definition';
import { TrainingSchedule } from './training-schedule';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { TRAINING_PIPELINE_PROPS_GUARD } from './private/props-guard';

/**
 * Stable ids of the warnings a TrainingPipeline adds when a user weakens a default.
 */
export const TRAINING_PIPELINE_WARNINGS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:TrainingPipeline.keyRotationDisabled',
} as const;

/**
 * Step Functions state machine names: 1 to 80 letters, digits, hyphens and underscores.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
 */
export const STATE_MACHINE_NAME_RULE: NamingRule = {
  pattern: /^[A-Za-z0-9_-]{1,80}$/,
  description: '1 to 80 letters, digits, hyphens and underscores',
};

/** The instance type of a training job without an accelerator request: the built-in XGBoost's CPU recommendation. */
export const DEFAULT_CPU_TRAINING_INSTANCE_TYPE = 'ml.m5.xlarge';
/** The instance type of the evaluation's batch transform (XGBoost inference is CPU-bound and small). */
export const EVALUATION_INSTANCE_TYPE = 'ml.m5.large';
/** Where the gate handler's bundle lives under the package root. */
const GATE_BUNDLE = path.join('dist', 'handlers', 'training-pipeline-gate');

/** Why the pipeline grants are acknowledged. */
const START_GRANTS: GrantPolicyOptions = { idPrefix: 'TrainingPipelineGrants', kind: 'training pipeline' };

/**
 * Reasons for the wildcard resources of the pipeline's own roles: each names the one action
 * family and why no narrower resource exists.
 */
function pipelineWildcardReason(flat: string): string | undefined {
  if (flat === '*') {
    return 'Actions without resource types: CloudWatch Logs log delivery (logs:*LogDelivery, Describe*Policies, the vended-logs '
      + 'mechanism of Step Functions logging) and X-Ray trace writes (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*); '
      + 'sagemaker:ListModelPackages, which is filtered by group name in the request.';
  }
  if (/:sagemaker:(?:<AWS::Region>|[^:]*):(?:<AWS::AccountId>|[^:]*):(training-job|transform-job|model)\/[^*]*\*$/.test(flat)) {
    return 'SageMaker jobs and models are named per run (<pipeline>-<t|e|m>-<hash of the execution>), so the actions name that prefix '
      + 'in this account and region; iam:PassRole names the one training role, passed only to SageMaker.';
  }
  if (/:model-package\/[^/]+\/\*$/.test(flat)) {
    return 'Model package versions are numbered by SageMaker when they are created, so the actions name model-package/<this registry>/* only.';
  }
  if (/\/(training-datasets|evaluations)\/[^*]+\/\*$/.test(flat)) {
    return 'Each run writes its own dataset version and evaluation under this pipeline\'s prefix of the artifacts zone, named by the '
      + 'execution at run time, so the object ARN ends in "*" under training-datasets/<pipeline>/ or evaluations/<pipeline>/ only.';
  }
  if (/^<[A-Za-z0-9]+Gate[0-9A-F]{8}\.Arn>:\*$/.test(flat)) {
    return 'lambda:InvokeFunction on the gate function and its versions (aws-cdk\'s LambdaInvoke task names the function ARN and ARN:*).';
  }
  return undefined;
}

/**
 * A scheduled continuous-training pipeline (Step Functions) built by {@link TrainingPipeline}.
 *
 * There is no `fromXxxAttributes`: a pipeline is generated from its spec, its lake, its training
 * profile and its registry, which an import would not have. To start an existing state machine,
 * use `sfn.StateMachine.fromStateMachineArn`.
 */
export interface ITrainingPipeline extends IConstruct {
  /** The state machine's ARN. */
  readonly stateMachineArn: string;

  /**
   * Lets `grantee` start runs (`states:StartExecution`). For a role, user or group of the app in
   * the pipeline's account and region, the statement goes to a customer managed policy of this
   * pipeline attached to it; other grantees get aws-cdk's usual grant.
   * @param grantee who starts runs (a CI job, a drift alarm handler)
   */
  grantStart(grantee: iam.IGrantable): iam.Grant;

  /**
   * An EventBridge rule target that starts a run (with a role of this pipeline that may only start
   * it), e.g. for a drift monitor's alarm rule. The run's name (its dataset version) is chosen by
   * Step Functions.
   */
  startTarget(): events.IRuleTarget;
}

/** Properties of a {@link TrainingPipeline}. */
export interface TrainingPipelineProps {
  /** The lake: the source table is read from it, dataset versions and evaluations are written to its artifacts zone. */
  readonly lake: IDataLake;

  /** What the pipeline trains: source table schema, label, window, split, accelerator, metric, bar, promotion. */
  readonly spec: TrainingPipelineSpec;

  /**
   * The GPU training cluster whose launch profile the training step uses (role, network, output,
   * checkpoints, spot, stopping condition, network isolation). The instance type comes from the
   * spec's accelerator (or the CPU default), not from the cluster's.
   */
  readonly training: IGpuTrainingCluster;

  /** The model registry versions are registered in. */
  readonly registry: IModelRegistry;

  /**
   * The lake zone holding the source table.
   * @default 'curated'
   */
  readonly sourceZone?: string;

  /**
   * When the pipeline runs on its own.
   * @default TrainingSchedule.daily() (03:00 UTC)
   */
  readonly schedule?: TrainingSchedule;

  /**
   * State machine name (see {@link STATE_MACHINE_NAME_RULE}), unique per account and region.
   * @default - derived from the stack name and the construct path
   */
  readonly stateMachineName?: string;

  /**
   * Where the failed-runs alarm notifies: at least one action.
   * @default - a new SNS topic, encrypted with the pipeline's key, that only accepts TLS requests
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * Key of the pipeline's log groups and alarm topic. A key of your own must let CloudWatch Logs
   * and CloudWatch alarms use it (added automatically to a `kms.Key` of this app).
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the key and the log groups when they leave the stack. `DESTROY` needs the app
   * context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long one run may take before Step Functions stops it (it then counts as timed out).
   * @default Duration.days(3)
   */
  readonly timeout?: Duration;
}

/**
 * A continuous-training pipeline on AWS (maturity level 1): a Step Functions state machine that,
 * on a schedule or when started by others, runs five steps, each a service call it waits for:
 *
 * | step     | service call                                   | writes                                                          |
 * |----------|------------------------------------------------|-----------------------------------------------------------------|
 * | prepare  | Athena `UNLOAD` × 2 (`.sync`)                  | `training-datasets/<pipeline>/<version>/{train,validation}/`    |
 * | train    | SageMaker `CreateTrainingJob` (`.sync`)         | the model under the training profile's output prefix            |
 * | evaluate | SageMaker `CreateModel`, `CreateTransformJob` (`.sync`), Athena (`.sync`), S3 `PutObject` | `evaluations/<pipeline>/<version>/{predictions/,metrics.json}` |
 * | gate     | Lambda (core `gateDecision`, champion via SageMaker `ListModelPackages`) | -                                          |
 * | register | SageMaker `CreateModelPackage`                 | a version with the metric, metrics file and dataset version     |
 *
 * The dataset version is the execution name; every path and the registered version carry it.
 * Below the bar, the run fails with `ModelBelowBar` and nothing is registered. A failed,
 * timed-out or aborted run fires {@link failedRunsAlarm}.
 *
 * The default runs real work after deploy: SageMaker's built-in XGBoost image of the stack's
 * region (a `CfnMapping` of the core table when the region is a token), CPU capacity
 * (`ml.m5.xlarge`) unless the spec asks for GPUs, which the accelerator catalog resolves.
 *
 * Also created: a Glue table over the predictions (`<pipeline>_predictions` in the artifacts
 * database, partition projection on the dataset version), the gate function (bundled at the
 * library's build, in the package), encrypted log groups, X-Ray tracing, an EventBridge Scheduler
 * schedule, least-privilege roles whose policies are customer managed (PassRole only to the
 * training role), and the alarm topic.
 *
 * What is not encrypted with a key of yours: Step Functions execution history and the Lambda
 * environment use AWS owned keys; SageMaker training and transform volumes use the account's EBS
 * default key (the profile names none, see GpuTrainingJobProfile).
 *
 * Not verifiable without a deploy: that Athena accepts the UNLOAD options and writes the splits,
 * that the built-in XGBoost trains on them and the batch transform's join filters produce
 * `label,score` lines, that the roles' permissions are enough for each service (they are
 * written from the service-integration pages), and the run times.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/unload.html
 *
 * @example
 * const pipeline = new TrainingPipeline(stack, 'Churn', {
 *   lake, training, registry,
 *   spec: new TrainingPipelineSpec({ name: 'churn', schema: customerDaily, label: 'churned', bar: 0.75 }),
 * });
 * pipeline.grantStart(ciRole);
 */
export class TrainingPipeline extends Construct implements ITrainingPipeline {
  /** The state machine. */
  public readonly stateMachine: sfn.StateMachine;
  /** The state machine's ARN. */
  public readonly stateMachineArn: string;
  /** The state machine's name. */
  public readonly stateMachineName: string;
  /** The role the state machine runs as. */
  public readonly role: iam.IRole;
  /** The gate function. */
  public readonly gateFunction: lambda.IFunction;
  /** The key of the log groups and the alarm topic. */
  public readonly encryptionKey: kms.IKey;
  /** The state machine's log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The training instance type (from the catalog, or the CPU default) and count. */
  public readonly trainingInstanceType: string;
  /** The number of training instances. */
  public readonly trainingInstanceCount: number;
  /** The training image URI (the built-in XGBoost image of the stack's region). */
  public readonly trainingImage: string;
  /** The Glue table over the evaluation's predictions. */
  public readonly predictionsTable: glue.CfnTable;
  /** The EventBridge Scheduler schedule; `undefined` with `TrainingSchedule.none()`. */
  public readonly schedule?: scheduler.CfnSchedule;
  /** The topic the alarm notifies, when no `alarmActions` were given. */
  public readonly alarmTopic?: sns.ITopic;
  /** The alarm on failed, timed-out or aborted runs. */
  public readonly failedRunsAlarm: cloudwatch.Alarm;
  /** The pipeline's alarms: {@link failedRunsAlarm}. */
  public readonly alarms: cloudwatch.IAlarm[];

  private startRole?: iam.Role;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'TrainingPipelineProps ({ lake, spec, training, registry })');
    }
    TRAINING_PIPELINE_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const { lake, training, registry } = this.resolveReferences(props);
    const spec = this.resolveSpec(props.spec);
    const sourceZone = props.sourceZone ?? StandardZone.CURATED;
    const sourceTable = this.resolveSourceTable(lake, sourceZone, spec);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const schedule = props.schedule ?? TrainingSchedule.daily();
    if (!(schedule instanceof TrainingSchedule)) {
      throw new MlopsValidationError(this, 'schedule', schedule, 'a TrainingSchedule (daily(), cron(expr), rate(duration), none())');
    }
    throwIfProblems(this, 'schedule', schedule.problems());
    const alarmActions = this.resolveAlarmActions(props.alarmActions);
    const timeout = this.resolveTimeout(props.timeout ?? Duration.days(3));
    this.stateMachineName = props.stateMachineName === undefined
      ? defaultPrefix(this)
      : resolveName(this, 'stateMachineName', props.stateMachineName, STATE_MACHINE_NAME_RULE);
    const resources = this.resolveTrainingResources(spec);
    this.trainingInstanceType = resources.instanceType;
    this.trainingInstanceCount = resources.instanceCount;
    this.trainingImage = this.resolveImage();

    const stack = Stack.of(this);
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Training pipeline ${this.node.path}: logs and alarm topic`, removalPolicy));
    if (props.encryptionKey) {
      flagWeakenedKey(this, props.encryptionKey, { warningId: TRAINING_PIPELINE_WARNINGS.keyRotationDisabled, property: 'encryptionKey', owner: 'pipeline' });
    }
    const logGroupName = `/aws/vendedlogs/states/${this.stateMachineName}`;
    const gateLogGroupName = `/aws/vendedlogs/states/${this.stateMachineName}/gate`;
    this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName, { sid: 'PipelineLogGroupEncryption' }));
    this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, gateLogGroupName, { sid: 'GateLogGroupEncryption' }));

    const artifacts = lake.zoneBucket(TRAINING_PIPELINE_ZONE);
    const workGroup = lake.athenaWorkGroupName;
    if (workGroup === undefined) {
      throw new MlopsValidationError(this, 'lake', lake.node.path, 'a lake with an Athena workgroup (a DataLake, or an import with athenaWorkGroupName)');
    }
    const artifactsDatabase = lake.glueDatabaseName(TRAINING_PIPELINE_ZONE);
    this.predictionsTable = this.createPredictionsTable(lake, artifactsDatabase, artifacts.bucketName, spec.name);

    // The gate function.
    const gateLogGroup = new logs.LogGroup(this, 'GateLogs', { logGroupName: gateLogGroupName, encryptionKey: this.encryptionKey, retention: logs.RetentionDays.ONE_YEAR, removalPolicy });
    const gateRole = new ManagedPolicyRole(this, 'GateRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Gate function of training pipeline ${this.node.path}: reads the registry's champion`,
      wildcardReason: pipelineWildcardReason,
    });
    gateRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [gateLogGroup.logGroupArn] }));
    registry.grantRead(gateRole);
    const gate = new lambda.Function(this, 'Gate', {
      runtime: latestNodeRuntime(),
      handler: 'index.handler',
      code: lambda.Code.fromAsset(gateBundleDirectory()),
      role: gateRole,
      timeout: Duration.seconds(30),
      memorySize: 256,
      logGroup: gateLogGroup,
      tracing: lambda.Tracing.ACTIVE,
      description: `Gate of training pipeline ${this.node.path}: the candidate against the bar and the champion (mlops-constructs)`,
    });
    gate.node.addDependency(gateRole.policy);
    Validations.of(gate).acknowledge(
      { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: 'The gate calls only the SageMaker API (ListModelPackages, DescribeModelPackage) and touches no data; in a VPC it would need a NAT or a SageMaker API endpoint for no isolation gain.' },
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: 'Invoked once per pipeline run by the state machine; reserving concurrency would subtract from the account pool, and accounts still at the initial limit of 10 cannot reserve any.' },
      { id: 'NIST.800.53.R5-LambdaDLQ', reason: 'Invoked synchronously by Step Functions, which retries and then fails the run (the failed-runs alarm fires); a dead-letter queue only applies to asynchronous invocations.' },
    );
    this.gateFunction = gate;

    // The state machine's role: every statement in its managed policy.
    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: `Runs training pipeline ${this.node.path}`,
      wildcardReason: pipelineWildcardReason,
    });
    this.role = role;
    this.grantPipelineAccess(role, { lake, training, registry, artifactsBucketArn: artifacts.bucketArn, pipeline: spec.name, jobBase: this.jobBase(spec) });

    const trainingRequest = renderCreateTrainingJobRequest(training.trainingJobProfile);
    const dialect = SqlDialect.TRINO;
    const source = DriftTable.named([sourceTable.databaseName, sourceTable.tableName]);
    const splitQuery = (split: TrainingSplit) => trainingSplitQuery(spec, dialect, {
      source, split, runDate: `DATE '${RUN_DATE_MARKER}'`, datePartitionColumn: spec.schema.eventTime === undefined ? undefined : LAKE_PARTITION_COLUMN,
    });
    const hyperparameters = this.trainingInstanceType.startsWith('ml.g') || this.trainingInstanceType.startsWith('ml.p')
      ? { tree_method: 'gpu_hist', ...spec.xgboostHyperparameters }
      : spec.xgboostHyperparameters;
    const definition = createPipelineDefinition(new Construct(this, 'States'), {
      pipeline: spec.name,
      jobBase: this.jobBase(spec),
      bucketName: artifacts.bucketName,
      workGroup,
      splitQueries: { train: splitQuery(TrainingSplit.TRAIN), validation: splitQuery(TrainingSplit.VALIDATION) },
      evaluationQuery: evaluationQuery(spec.metric, dialect, {
        predictions: DriftTable.named([artifactsDatabase, predictionsTableName(spec.name)]),
        where: [`dataset_version = '${DATASET_VERSION_MARKER}'`],
      }),
      trainingRequest: { ...trainingRequest, ResourceConfig: { ...trainingRequest.ResourceConfig, InstanceType: this.trainingInstanceType, InstanceCount: this.trainingInstanceCount } },
      image: this.trainingImage,
      hyperparameters,
      transformInstanceType: EVALUATION_INSTANCE_TYPE,
      lakeKeyArn: lake.encryptionKey?.keyArn,
      gateFunction: gate,
      gate: { metric: spec.metric.name, bar: spec.bar ?? null, automatic: spec.promotion.automatic, margin: spec.promotion.margin },
      modelPackageGroupName: registry.modelPackageGroupName,
      registryKeyArn: registry.encryptionKey?.keyArn,
      registerResources: [registry.modelPackageGroupArn, modelPackagesArn(stack, registry)],
      modelResources: [stack.formatArn({ service: 'sagemaker', resource: 'model', resourceName: `${this.jobBase(spec)}-m-*` })],
      workGroupArn: stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup }),
      metricsObjectsArn: artifacts.arnForObjects(`evaluations/${spec.name}/*`),
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', { logGroupName, encryptionKey: this.encryptionKey, retention: logs.RetentionDays.ONE_YEAR, removalPolicy });
    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      stateMachineName: this.stateMachineName,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      queryLanguage: sfn.QueryLanguage.JSONATA,
      stateMachineType: sfn.StateMachineType.STANDARD,
      role,
      timeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      comment: `Training pipeline ${spec.name}: prepare → train → evaluate → gate → register (mlops-constructs)`,
    });
    this.stateMachine.node.addDependency(role.policy);
    this.stateMachineArn = this.stateMachine.stateMachineArn;

    this.schedule = this.createSchedule(schedule);

    const alarmsScope = new Construct(this, 'Alarms');
    if (alarmActions === undefined) {
      this.alarmTopic = createAlarmTopic(alarmsScope, this.encryptionKey, `Alarms of training pipeline ${this.node.path}`);
    }
    this.failedRunsAlarm = createFailedRunsAlarm(alarmsScope, this.stateMachine, alarmActions ?? [new cloudwatchActions.SnsAction(this.alarmTopic!)]);
    this.alarms = [this.failedRunsAlarm];
  }

  public grantStart(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: managedPolicyGrantee(this, grantee, START_GRANTS),
      actions: ['states:StartExecution'],
      resourceArns: [this.stateMachineArn],
    });
  }

  public startTarget(): events.IRuleTarget {
    if (this.startRole === undefined) {
      this.startRole = new ManagedPolicyRole(this, 'StartRole', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
        description: `Starts training pipeline ${this.node.path} from EventBridge rules`,
        wildcardReason: () => undefined,
      });
    }
    return new targets.SfnStateMachine(this.stateMachine, { role: this.startRole });
  }

  /** The per-run SageMaker name base: the spec's name, cut so that `<base>-x-<24 hex>` fits SageMaker's 63 characters. */
  private jobBase(spec: TrainingPipelineSpec): string {
    return spec.name.slice(0, 29).replace(/-+$/, '');
  }

  private resolveReferences(props: TrainingPipelineProps): { lake: IDataLake; training: IGpuTrainingCluster; registry: IModelRegistry } {
    const { lake, training, registry } = props;
    if (lake === null || typeof lake !== 'object' || typeof lake.zoneBucket !== 'function') {
      throw new MlopsValidationError(this, 'lake', lake, 'an IDataLake (a DataLake, or DataLake.fromDataLakeAttributes)');
    }
    if (training === null || typeof training !== 'object' || training.trainingJobProfile === undefined) {
      throw new MlopsValidationError(this, 'training', training, 'an IGpuTrainingCluster (a GpuTrainingCluster): its training job profile runs the training step');
    }
    if (registry === null || typeof registry !== 'object' || typeof registry.grantRegister !== 'function') {
      throw new MlopsValidationError(this, 'registry', registry, 'an IModelRegistry (a ModelRegistry, or ModelRegistry.fromModelRegistryName)');
    }
    return { lake, training, registry };
  }

  private resolveSpec(spec: TrainingPipelineSpec): TrainingPipelineSpec {
    if (!(spec instanceof TrainingPipelineSpec)) {
      throw new MlopsValidationError(this, 'spec', spec, 'a TrainingPipelineSpec (new TrainingPipelineSpec({ name, schema, label, ... }))');
    }
    throwIfProblems(this, 'spec', spec.problems());
    if (!spec.metric.builtIn) {
      throw new MlopsValidationError(this, 'spec.metric', spec.metric.name,
        `a built-in metric (${['auc', 'accuracy', 'logloss', 'rmse', 'mae'].join(', ')}): the AWS evaluate step computes built-in metrics in Athena`);
    }
    return spec;
  }

  /** The lake's table of the spec's schema in the source zone: created by this lake with the same columns. */
  private resolveSourceTable(lake: IDataLake, zone: string, spec: TrainingPipelineSpec): { databaseName: string; tableName: string } {
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'sourceZone', zone, `a zone of the lake: ${lake.zoneNames.join(', ')}`);
    }
    const table = lake.tryFindTable(zone, spec.schema.name);
    if (table === undefined) {
      if (lake instanceof DataLake || lake.tables.length > 0) {
        const known = lake.tables.filter((t) => t.zone === zone).map((t) => t.tableName);
        throw new MlopsValidationError(this, 'spec.schema.name', spec.schema.name,
          `a table of the lake's zone "${zone}" (${known.length > 0 ? known.join(', ') : 'it has none'}): add it with lake.addTable('${zone}', schema)`);
      }
      // An imported lake does not know its tables: the Glue table must exist under the zone's database.
      return { databaseName: lake.glueDatabaseName(zone), tableName: spec.schema.name };
    }
    for (const name of [...spec.datasetColumns.map((f) => f.name), ...spec.splitFields, ...(spec.schema.eventTime ? [spec.schema.eventTime] : [])]) {
      const ours = spec.schema.field(name)!;
      const theirs = table.schema.field(name);
      if (theirs === undefined || theirs.type.toString() !== ours.type.toString()) {
        throw new MlopsValidationError(this, 'spec.schema', spec.schema.name,
          `the schema of the lake's table "${table.tableName}" in zone "${zone}": its field "${name}" is ${theirs === undefined ? 'missing' : theirs.type.toString()}`);
      }
    }
    return { databaseName: table.databaseName, tableName: table.tableName };
  }

  /** The catalog's smallest SageMaker type carrying the spec's accelerator, or the CPU default. */
  private resolveTrainingResources(spec: TrainingPipelineSpec): { instanceType: string; instanceCount: number } {
    const request = spec.accelerator;
    if (request === undefined) {
      return { instanceType: DEFAULT_CPU_TRAINING_INSTANCE_TYPE, instanceCount: 1 };
    }
    throwIfProblems(this, 'spec.accelerator', acceleratorProblems(request, AcceleratorPlatform.SAGEMAKER));
    const resolved = resolveAccelerator(request, AcceleratorPlatform.SAGEMAKER);
    if (resolved.nodeCount !== 1) {
      throw new MlopsValidationError(this, 'spec.accelerator.nodeCount', resolved.nodeCount,
        '1: the built-in XGBoost trains on one GPU node here (distributed XGBoost needs the data sharded across nodes)');
    }
    return { instanceType: resolved.instanceType, instanceCount: 1 };
  }

  /** The built-in XGBoost image of the stack's region: looked up at synth, or through a mapping when the region is a token. */
  private resolveImage(): string {
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region)) {
      const uri = sageMakerXgboostImageUri(region);
      if (uri === undefined) {
        throw new MlopsValidationError(this, 'region', region, `a region of SageMaker's built-in XGBoost image table: ${Object.keys(SAGEMAKER_XGBOOST_REGISTRIES).join(', ')}`);
      }
      return uri;
    }
    const mapping = new CfnMapping(this, 'XgboostImage', {
      mapping: Object.fromEntries(Object.keys(SAGEMAKER_XGBOOST_REGISTRIES).map((r) => [r, { uri: sageMakerXgboostImageUri(r)! }])),
    });
    return mapping.findInMap(Aws.REGION, 'uri');
  }

  private resolveAlarmActions(actions: cloudwatch.IAlarmAction[] | undefined): cloudwatch.IAlarmAction[] | undefined {
    if (actions !== undefined && (!Array.isArray(actions) || actions.length === 0)) {
      throw new MlopsValidationError(this, 'alarmActions', actions, 'at least one alarm action, or no alarmActions for the pipeline\'s own encrypted topic');
    }
    return actions === undefined ? undefined : [...actions];
  }

  private resolveTimeout(timeout: Duration): Duration {
    if (!(timeout instanceof Duration)) {
      throw new MlopsValidationError(this, 'timeout', timeout, 'a Duration');
    }
    const seconds = timeout.toSeconds();
    if (!Token.isUnresolved(seconds) && !(seconds >= 60 && seconds <= 365 * 24 * 3600)) {
      throw new MlopsValidationError(this, 'timeout', timeout.toHumanString(), 'from 1 minute to 1 year (a Standard workflow runs at most a year)');
    }
    return timeout;
  }

  /** What the state machine does, and nothing more. */
  private grantPipelineAccess(role: iam.Role, inputs: { lake: IDataLake; training: IGpuTrainingCluster; registry: IModelRegistry; artifactsBucketArn: string; pipeline: string; jobBase: string }): void {
    const stack = Stack.of(this);
    const { lake, training, registry } = inputs;
    // Athena: queries in the lake's workgroup (catalog reads, reads of every zone, results, key),
    // and the UNLOAD destination: this pipeline's dataset versions.
    lake.grantQuery(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [`${inputs.artifactsBucketArn}/training-datasets/${inputs.pipeline}/*`],
    }));
    // SageMaker: the training job (and PassRole of the training role, to SageMaker only), the
    // evaluation's model and transform job, and the rules Step Functions uses to wait for jobs.
    training.grantLaunchTrainingJobs(role);
    const arn = (resource: string, name: string) => stack.formatArn({ service: 'sagemaker', resource, resourceName: name });
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sagemaker:CreateTransformJob', 'sagemaker:DescribeTransformJob', 'sagemaker:StopTransformJob', 'sagemaker:AddTags'],
      resources: [arn('transform-job', `${inputs.jobBase}-e-*`)],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      resources: ['TrainingJobs', 'TransformJobs'].map((kind) => stack.formatArn({ service: 'events', resource: 'rule', resourceName: `StepFunctionsGetEventsForSageMaker${kind}Rule` })),
    }));
    // The registry: register versions (CreateModelPackage and the registry key).
    registry.grantRegister(role);
  }

  private createPredictionsTable(lake: IDataLake, databaseName: string, bucketName: string, pipeline: string): glue.CfnTable {
    const location = `s3://${bucketName}/evaluations/${pipeline}/`;
    const table = new glue.CfnTable(this, 'PredictionsTable', {
      catalogId: Stack.of(this).account,
      databaseName,
      tableInput: {
        name: predictionsTableName(pipeline),
        description: `Validation predictions of training pipeline ${pipeline}, one partition per dataset version (batch transform output: label, score)`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          'EXTERNAL': 'TRUE',
          'classification': 'csv',
          'projection.enabled': 'true',
          'projection.dataset_version.type': 'injected',
          'storage.location.template': `${location}\${dataset_version}/predictions/`,
        },
        partitionKeys: [{ name: 'dataset_version', type: 'string', comment: 'The run\'s execution name; injected projection: queries name it' }],
        storageDescriptor: {
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', parameters: { 'field.delim': ',', 'serialization.format': ',' } },
          columns: [
            { name: 'label', type: 'double', comment: 'The validation row\'s label (1/0 for a binary label)' },
            { name: 'score', type: 'double', comment: 'The model\'s prediction' },
          ],
        },
      },
    });
    if (lake instanceof DataLake) {
      table.addResourceDependency(lake.glueDatabase(TRAINING_PIPELINE_ZONE));
    }
    return table;
  }

  private createSchedule(schedule: TrainingSchedule): scheduler.CfnSchedule | undefined {
    const expression = schedule._render();
    if (expression === undefined) {
      return undefined;
    }
    return createStateMachineSchedule(this, {
      stateMachine: this.stateMachine,
      expression,
      description: `Runs training pipeline ${this.node.path} (mlops-constructs)`,
      roleDescription: `Starts training pipeline ${this.node.path} on its schedule`,
    });
  }
}

/** The predictions table's name: `<pipeline_snake>_predictions`. */
function predictionsTableName(pipeline: string): string {
  return `${toSnakeCase(pipeline)}_predictions`;
}

function modelPackagesArn(stack: Stack, registry: IModelRegistry): string {
  const name = registry.modelPackageGroupName;
  return stack.formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: `${Token.isUnresolved(name) ? name : name.toLowerCase()}/*` });
}

/**
 * The gate bundle's folder under the package root: `dist/handlers/training-pipeline-gate`, found
 * from this file whether it runs from source (`lib/aws/training-pipeline`) or from the package
 * (`dist/lib/aws/training-pipeline`).
 */
function gateBundleDirectory(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'mlops-constructs') {
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`mlops-constructs: no package root above ${__dirname}`);
    }
    dir = parent;
  }
  const bundle = path.join(dir, GATE_BUNDLE);
  if (!fs.existsSync(path.join(bundle, 'index.js'))) {
    throw new Error(`mlops-constructs: the gate handler bundle ${bundle}/index.js is missing; run \`npm run build:handlers\``);
  }
  return bundle;
}

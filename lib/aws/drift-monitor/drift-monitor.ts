import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import {
  CapturedRecords,
  DRIFT_RESULT_COLUMNS,
  driftBaselineSchema,
  DriftFieldKind,
  DriftLabelSource,
  DriftParameter,
  DriftQueries,
  DriftQuery,
  driftResultsSchema,
  DriftSpec,
  DriftStatistic,
  DriftTable,
  driftFieldKind,
  LAKE_PARTITION_COLUMN,
  LabelJoin,
  MlopsValidationError,
  SqlDialect,
  StandardZone,
  TableSchema,
  throwIfProblems,
} from '../../core';
import { DataLake, IDataLake } from '../data-lake';
import { IModelEndpoint, ModelEndpoint } from '../model-endpoint';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps, logGroupKeyStatement } from '../private/kms';
import { ManagedPolicyRole } from '../private/managed-policy-role';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { createStateMachineSchedule } from '../private/scheduler';
import { createAlarmTopic } from '../private/sns';
import { ITrainingPipeline, STATE_MACHINE_NAME_RULE } from '../training-pipeline';
import { createDriftAlarm, createFailedMonitorRunsAlarm } from './alarms';
import { DriftBaseline } from './drift-baseline';
import { DriftSchedule } from './drift-schedule';
import { CAPTURE_PARTITIONING, createCaptureTable } from './private/capture-table';
import { BREACHES_METRIC, createDriftDefinition, DefinitionQuery, DRIFT_METRIC_NAMESPACE, WARNINGS_METRIC, WINDOW_DATE_PARAMETER } from './private/definition';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { DRIFT_MONITOR_PROPS_GUARD } from './private/props-guard';

/** Stable ids of the warnings a DriftMonitor adds when a user weakens a default. */
export const DRIFT_MONITOR_WARNINGS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:DriftMonitor.keyRotationDisabled',
} as const;

/** Glue reads of a reader of the results table (Athena plans with them). */
const RESULTS_CATALOG_ACTIONS = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'];
/** Object reads of the results table's data. */
const RESULTS_OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];
/** Object writes of the INSERT queries (Athena writes the new files, multipart for large ones). */
const INSERT_OBJECT_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
/** Catalog writes an INSERT into a partitioned table may make. */
const INSERT_CATALOG_ACTIONS = ['glue:BatchCreatePartition', 'glue:CreatePartition'];
/** PutMetricData takes no resource; its statement is limited to the drift namespace. */
const PUT_METRIC_ACTIONS = ['cloudwatch:PutMetricData'];

const RESULTS_GRANT_REASON = 'Drift results: the table\'s data are the objects under drift_results/ of the results zone bucket, one per insert, '
  + 'named by Athena at run time, so the object ARN ends in "/*" under that prefix only; bucket, table, database and key are named.';
const READ_RESULTS_GRANTS: GrantPolicyOptions = { idPrefix: 'DriftMonitorGrants', kind: 'drift monitor', wildcardReason: () => RESULTS_GRANT_REASON };
const START_GRANTS: GrantPolicyOptions = { idPrefix: 'DriftMonitorGrants', kind: 'drift monitor' };

/** Reasons for the wildcard resources of the monitor's own roles. */
function monitorWildcardReason(flat: string): string | undefined {
  if (flat === '*') {
    return 'Actions without resource types: CloudWatch Logs log delivery (logs:*LogDelivery, Describe*Policies, the vended-logs mechanism of '
      + 'Step Functions logging), X-Ray trace writes (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*), and cloudwatch:PutMetricData, '
      + `which is limited to the namespace ${DRIFT_METRIC_NAMESPACE} by a cloudwatch:namespace condition.`;
  }
  if (/\/drift_(results|baseline)\/\*$/.test(flat)) {
    return 'The window and baseline INSERTs write new objects under drift_results/ and drift_baseline/ of the results zone, named by Athena '
      + 'at run time, so the object ARNs end in "*" under those two prefixes only.';
  }
  return undefined;
}

/**
 * A drift monitor: a scheduled Step Functions state machine computing drift statistics of captured
 * predictions in Athena. Either created by {@link DriftMonitor} or imported with
 * {@link DriftMonitor.fromDriftMonitorAttributes}.
 */
export interface IDriftMonitor extends IConstruct {
  /** The state machine's ARN. */
  readonly stateMachineArn: string;

  /** The monitor's name: the state machine name, and the `Monitor` dimension of its metrics. */
  readonly monitorName: string;

  /** The lake holding the results and baseline tables. */
  readonly lake: IDataLake;

  /** The lake zone holding them. */
  readonly resultsZone: string;

  /**
   * Lets `grantee` read the drift results table: Glue reads of its database and table, the
   * objects under `drift_results/` of the results zone, and the lake key. To query it in Athena,
   * also grant the lake's `grantQuery`. For a role, user or group of the app in the monitor's
   * account and region, the statements go to a customer managed policy of this monitor.
   * @param grantee who reads (a dashboard, an analyst role)
   */
  grantReadResults(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` run the monitor now (`states:StartExecution`), for the window that just ended
   * or, with `{ "windowEnd": "yyyy-MM-dd HH:mm:ss" }` as input, for a past one.
   * @param grantee who starts runs
   */
  grantStart(grantee: iam.IGrantable): iam.Grant;

  /**
   * Rows of the last window at the alarm level (`MlopsConstructs/Drift Breaches`, dimension
   * `Monitor`), the largest in an hour: one data point per run.
   * @param props metric options to override
   */
  metricBreaches(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * One statistic of one field per window (`MlopsConstructs/Drift <statistic>`, dimensions
   * `Monitor` and `Field`), the largest in an hour: what a per-field alarm is built from.
   * @param field a monitored field (the prediction field for model quality)
   * @param statistic the statistic
   * @param props metric options to override
   */
  metricStatistic(field: string, statistic: DriftStatistic, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** What {@link DriftMonitor.fromDriftMonitorAttributes} needs to use an existing monitor. */
export interface DriftMonitorAttributes {
  /** The state machine's ARN. */
  readonly stateMachineArn: string;
  /** The monitor's name (the `Monitor` dimension of its metrics). */
  readonly monitorName: string;
  /** The lake holding its results table. */
  readonly lake: IDataLake;
  /**
   * The zone holding the results table.
   * @default 'curated'
   */
  readonly resultsZone?: string;
}

/** Grants and metrics of a monitor, written against the attributes an import also has. */
abstract class DriftMonitorBase extends Construct implements IDriftMonitor {
  public abstract readonly stateMachineArn: string;
  public abstract readonly monitorName: string;
  public abstract readonly lake: IDataLake;
  public abstract readonly resultsZone: string;

  public grantReadResults(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const database = this.lake.glueDatabaseName(this.resultsZone);
    const bucket = this.lake.zoneBucket(this.resultsZone);
    const to = managedPolicyGrantee(this, grantee, READ_RESULTS_GRANTS);
    const table = driftResultsSchema().name;
    const grant = iam.Grant.addToPrincipal({
      grantee: to,
      actions: RESULTS_CATALOG_ACTIONS,
      resourceArns: [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        stack.formatArn({ service: 'glue', resource: 'database', resourceName: database }),
        stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${database}/${table}` }),
      ],
    })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: ['s3:ListBucket', 's3:GetBucketLocation'], resourceArns: [bucket.bucketArn] }))
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: RESULTS_OBJECT_ACTIONS, resourceArns: [bucket.arnForObjects(`${table}/*`)] }));
    const key = this.lake.encryptionKey?.grant(to, 'kms:Decrypt');
    return key ? grant.combine(key) : grant;
  }

  public grantStart(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: managedPolicyGrantee(this, grantee, START_GRANTS),
      actions: ['states:StartExecution'],
      resourceArns: [this.stateMachineArn],
    });
  }

  public metricBreaches(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: DRIFT_METRIC_NAMESPACE,
      metricName: BREACHES_METRIC,
      dimensionsMap: { Monitor: this.monitorName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
      ...props,
    });
  }

  /**
   * Rows of the last window at the warn level (`MlopsConstructs/Drift Warnings`, dimension
   * `Monitor`), the largest in an hour.
   * @param props metric options to override
   */
  public metricWarnings(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: DRIFT_METRIC_NAMESPACE,
      metricName: WARNINGS_METRIC,
      dimensionsMap: { Monitor: this.monitorName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
      ...props,
    });
  }

  public metricStatistic(field: string, statistic: DriftStatistic, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    if (!(Object.values(DriftStatistic) as string[]).includes(statistic)) {
      throw new MlopsValidationError(this, 'metricStatistic(statistic)', statistic, `a DriftStatistic (${Object.values(DriftStatistic).join(', ')})`);
    }
    return new cloudwatch.Metric({
      namespace: DRIFT_METRIC_NAMESPACE,
      metricName: statistic,
      dimensionsMap: { Monitor: this.monitorName, Field: field },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
      ...props,
    });
  }
}

/** Properties of a {@link DriftMonitor}. */
export interface DriftMonitorProps {
  /** What is monitored: the schema of the captured records, the fields, bins, categories and thresholds. */
  readonly spec: DriftSpec;

  /** The lake holding the results and baseline tables (and the baseline source). Queries run in its Athena workgroup. */
  readonly lake: IDataLake;

  /**
   * The lake zone of the results table `drift_results` and the baseline table `drift_baseline`
   * (declared as lake tables of a `DataLake`; an imported lake must already have them).
   * @default 'curated'
   */
  readonly resultsZone?: string;

  /**
   * The endpoint whose data capture is monitored: the monitor declares a Glue table over the
   * capture objects (partition projection on the capture's hour path) and reads the schema's fields
   * from the captured payloads. A `ModelEndpoint` of this app with capture on and a sampling
   * percentage above 0. Exactly one of `endpoint` and `records`.
   * @default - `records`
   */
  readonly endpoint?: IModelEndpoint;

  /**
   * Where the captured predictions are read, for anything but an endpoint of this app: a table of
   * the lake whose columns are the schema's fields (`CapturedRecords.table(...)`), or an existing
   * Glue table over SageMaker capture (`CapturedRecords.sageMakerCapture(...)`). Its database must
   * be one of the lake's. Exactly one of `endpoint` and `records`.
   * @default - `endpoint`
   */
  readonly records?: CapturedRecords;

  /** The table the baseline statistics are computed from (typically the training data), and the baseline's id. */
  readonly baseline: DriftBaseline;

  /**
   * The label table, required when the spec has model quality. Its database must be one of the lake's.
   * @default - no labels (a spec with modelQuality is refused)
   */
  readonly labels?: DriftLabelSource;

  /**
   * The length of a window: at least one hour (SageMaker capture is partitioned by hour) and a
   * whole number of the records' partitions.
   * @default Duration.days(1)
   */
  readonly window?: Duration;

  /**
   * When the monitor runs: at most once per window.
   * @default - once per window (see DriftSchedule)
   */
  readonly schedule?: DriftSchedule;

  /**
   * The training pipeline started when a statistic reaches its alarm threshold (level 3): the
   * run's Choice state starts it unless a run of it is already under way.
   * @default - no retraining; the drift alarm only notifies
   */
  readonly retrain?: ITrainingPipeline;

  /**
   * Where the drift and failed-runs alarms notify: at least one action.
   * @default - a new SNS topic, encrypted with the monitor's key, that only accepts TLS requests
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * State machine name (see STATE_MACHINE_NAME_RULE), unique per account and region; also the
   * `Monitor` dimension of the metrics.
   * @default - derived from the stack name and the construct path
   */
  readonly stateMachineName?: string;

  /**
   * Key of the monitor's log group and alarm topic.
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the key and the log group when they leave the stack. `DESTROY` needs the app
   * context `mlops-constructs:allowDataDestruction: true`. (The results and baseline tables are
   * lake tables: their data stay in the lake's buckets.)
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Drift monitoring on AWS (maturity level 3): drift is a scheduled query over the captured
 * predictions in the lake. An EventBridge Scheduler schedule starts a Step Functions state machine
 * (JSONata) that runs, per window:
 *
 * | state              | service call                                            | effect                                           |
 * |--------------------|---------------------------------------------------------|--------------------------------------------------|
 * | Window             | -                                                       | [start, end): ends at the last whole hour ≥ 10 min ago, or at the input's `windowEnd` |
 * | Baseline: check    | Athena `StartQueryExecution` (`.sync`), `GetQueryResults` | counts the baseline id's rows in `drift_baseline` |
 * | Baseline           | Athena (`.sync`), only when none                        | `INSERT INTO drift_baseline` from the baseline table |
 * | Window query       | Athena (`.sync`)                                        | `INSERT INTO drift_results`: PSI, KS, unseen share, missing rate (and model quality) per field |
 * | Read results       | Athena (`.sync`), `GetQueryResults`                     | the window's rows with a value                    |
 * | Publish metrics    | CloudWatch `PutMetricData` (SDK integration)            | one data point per field and statistic, and the window's `Breaches` and `Warnings` |
 * | Drift alarm?       | Choice: `$breaches > 0` and `retrain` given             | → Retraining: running? (`ListExecutions`) → Start retraining (`StartExecution`) |
 *
 * **Metrics**: namespace `MlopsConstructs/Drift`. Per field and statistic: metric name = the
 * statistic (`psi`, `ks`, `unseen_share`, `missing_rate`, `accuracy`, `auc`, `rmse`, `mae`),
 * dimensions `Monitor` (the state machine name) and `Field`. Per window: `Breaches` and `Warnings`
 * (rows at the alarm and warn level), dimension `Monitor`. No data point for a statistic the window
 * could not compute (no records).
 *
 * **Alarms**, two per monitor whatever the number of fields (cheap when idle: two alarms, a
 * schedule and a few state transitions per window): {@link driftAlarm} (`Breaches` ≥ 1, kept
 * between runs) and {@link failedRunsAlarm}. Per-field alarms are opt-in, from
 * {@link metricStatistic}.
 *
 * **Retraining**: the state machine's own Choice state, not an EventBridge rule on the alarm.
 * The decision is taken on the rows the run has just written (the `breached` column, with the
 * thresholds of the results table), in the run that found them, and is in the run's history
 * next to its cause. A rule on the alarm's state change fires only on a transition into ALARM:
 * a second drifted window while the alarm stays in ALARM would not retrain, an alarm that flaps
 * would retrain twice, and a backfill run could not be told apart. The alarm notifies people; the
 * run starts the pipeline, and not while a run of it is under way. The pipeline's gate registers
 * the new version and promotes it only when it beats the champion by the configured margin.
 *
 * **Captures**: with `endpoint`, the monitor declares a Glue table `<schema>_capture` in the
 * capture zone's database over `<capture prefix><endpoint>/<variant>/`, partition projection on
 * the hour path, and the window query reads only the window's hours (the core
 * `CapturedRecords.sageMakerCapture` parses CSV, JSON and base64 payloads into the schema's fields).
 *
 * Not verifiable without a deploy: that Athena accepts the INSERTs with `ExecutionParameters`
 * into the projected tables, that the capture objects of an hour have landed 10 minutes after it
 * (later objects are not counted in that window), that the roles' permissions are enough (they are
 * written from the service-integration pages), and the query costs. Re-running a window appends its
 * rows again (the read de-duplicates them).
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/publishingMetrics.html
 *
 * @example
 * const monitor = new DriftMonitor(stack, 'ChurnDrift', {
 *   spec: new DriftSpec({ schema: scoredCustomers, predictionField: 'score' }),
 *   lake,
 *   endpoint,
 *   baseline: DriftBaseline.fromLakeTable('curated', 'customer_churn'),
 *   retrain: pipeline,
 * });
 */
export class DriftMonitor extends DriftMonitorBase {
  /**
   * Uses an existing monitor: its grants and metrics work as on one created here.
   * @param scope parent construct
   * @param id construct id
   * @param attrs the state machine, the monitor name, the lake and zone of its results
   */
  public static fromDriftMonitorAttributes(scope: Construct, id: string, attrs: DriftMonitorAttributes): IDriftMonitor {
    class Import extends DriftMonitorBase {
      public readonly stateMachineArn: string;
      public readonly monitorName: string;
      public readonly lake: IDataLake;
      public readonly resultsZone: string;

      constructor() {
        super(scope, id);
        if (attrs === null || typeof attrs !== 'object') {
          throw new MlopsValidationError(this, 'attrs', attrs, 'DriftMonitorAttributes ({ stateMachineArn, monitorName, lake })');
        }
        if (typeof attrs.stateMachineArn !== 'string' || (!Token.isUnresolved(attrs.stateMachineArn) && !/^arn:[a-z-]+:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(attrs.stateMachineArn))) {
          throw new MlopsValidationError(this, 'stateMachineArn', attrs.stateMachineArn, 'a Step Functions state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)');
        }
        this.stateMachineArn = attrs.stateMachineArn;
        this.monitorName = resolveName(this, 'monitorName', attrs.monitorName, STATE_MACHINE_NAME_RULE);
        this.lake = resolveLake(this, attrs.lake);
        this.resultsZone = resolveZone(this, this.lake, 'resultsZone', attrs.resultsZone ?? StandardZone.CURATED);
      }
    }
    return new Import();
  }

  public readonly stateMachineArn: string;
  public readonly monitorName: string;
  public readonly lake: IDataLake;
  public readonly resultsZone: string;
  /** The state machine. */
  public readonly stateMachine: sfn.StateMachine;
  /** The role the state machine runs as. */
  public readonly role: iam.IRole;
  /** The key of the log group and the alarm topic. */
  public readonly encryptionKey: kms.IKey;
  /** The state machine's log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The window length. */
  public readonly window: Duration;
  /** The baseline id the windows are compared with. */
  public readonly baselineId: string;
  /** The window query as the state machine runs it: `INSERT INTO drift_results ... SELECT` (Trino, `?` markers). */
  public readonly windowQuery: string;
  /** The baseline query as the state machine runs it: `INSERT INTO drift_baseline ... SELECT` (Trino, `?` marker). */
  public readonly baselineQuery: string;
  /** The query reading a window's rows back (field, statistic, value, level). */
  public readonly resultsQuery: string;
  /** Where the records are read from (derived from the endpoint, or as given). */
  public readonly records: CapturedRecords;
  /** The Glue table over the endpoint's capture; `undefined` with `records`. */
  public readonly captureTable?: glue.CfnTable;
  /** The EventBridge Scheduler schedule. */
  public readonly schedule: scheduler.CfnSchedule;
  /** The topic the alarms notify, when no `alarmActions` were given. */
  public readonly alarmTopic?: sns.ITopic;
  /** The alarm on drift: a row of the last window at the alarm level. */
  public readonly driftAlarm: cloudwatch.Alarm;
  /** The alarm on failed, timed-out or aborted runs. */
  public readonly failedRunsAlarm: cloudwatch.Alarm;
  /** The monitor's alarms: {@link driftAlarm} and {@link failedRunsAlarm}. */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: DriftMonitorProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'DriftMonitorProps ({ spec, lake, baseline, endpoint or records })');
    }
    DRIFT_MONITOR_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const spec = this.resolveSpec(props.spec);
    this.lake = resolveLake(this, props.lake);
    this.resultsZone = resolveZone(this, this.lake, 'resultsZone', props.resultsZone ?? StandardZone.CURATED);
    const baseline = this.resolveBaseline(props.baseline, spec);
    this.baselineId = baseline.baselineId;
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'keys and log groups');
    const alarmActions = this.resolveAlarmActions(props.alarmActions);
    const retrain = this.resolveRetrain(props.retrain);
    this.monitorName = props.stateMachineName === undefined
      ? defaultPrefix(this)
      : resolveName(this, 'stateMachineName', props.stateMachineName, STATE_MACHINE_NAME_RULE);
    const workGroup = this.lake.athenaWorkGroupName;
    if (workGroup === undefined) {
      throw new MlopsValidationError(this, 'lake', this.lake.node.path, 'a lake with an Athena workgroup (a DataLake, or an import with athenaWorkGroupName)');
    }

    const { records, captureLake, captureTable } = this.resolveRecords(props, spec);
    this.records = records;
    this.captureTable = captureTable;
    this.window = this.resolveWindow(props.window ?? Duration.days(1), records);
    const schedule = props.schedule ?? DriftSchedule._everyWindow(this.window);
    if (!(schedule instanceof DriftSchedule)) {
      throw new MlopsValidationError(this, 'schedule', schedule, 'a DriftSchedule (DriftSchedule.rate(duration) or DriftSchedule.cron(expression))');
    }
    throwIfProblems(this, 'schedule', schedule.problems(this.window));
    if (spec.resultRows.length + 2 > 1000) {
      throw new MlopsValidationError(this, 'spec.fields', spec.monitoredFields.length,
        `at most 998 result rows per window (PutMetricData takes 1000 data points, GetQueryResults returns 1000 rows); this spec has ${spec.resultRows.length}`);
    }

    // The tables and the queries.
    const tables = this.declareTables();
    const dialect = SqlDialect.TRINO;
    const queries = new DriftQueries(spec, dialect);
    const baselineSource = this.resolveBaselineSource(baseline);
    const windowOptions = { records, baselineTable: tables.baseline, labels: props.labels };
    throwIfProblems(this, '', queries.problems(windowOptions).map((p) => ({ ...p, property: p.property.startsWith('records') || p.property.startsWith('labels') ? p.property : `spec.${p.property}` })));
    const baselineInsert = queries.baseline({ source: baselineSource }).insertInto(tables.baseline);
    const windowInsert = insertResults(queries.window(windowOptions), tables.results, dialect);
    const resultsTable = tables.results.render(dialect);
    const read: DefinitionQuery = {
      sql: `SELECT DISTINCT field, statistic, value, level FROM ${resultsTable} WHERE ${dialect.identifier(LAKE_PARTITION_COLUMN)} = CAST(? AS DATE)`
        + ' AND window_start = CAST(? AS TIMESTAMP) AND baseline_id = ? AND value IS NOT NULL ORDER BY field, statistic',
      parameters: [WINDOW_DATE_PARAMETER, DriftParameter.WINDOW_START, DriftParameter.BASELINE_ID],
    };
    const check: DefinitionQuery = { sql: `SELECT COUNT(*) AS baseline_rows FROM ${tables.baseline.render(dialect)} WHERE baseline_id = ?`, parameters: [DriftParameter.BASELINE_ID] };
    this.windowQuery = windowInsert.sql;
    this.baselineQuery = baselineInsert.sql;
    this.resultsQuery = read.sql;

    const stack = Stack.of(this);
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Drift monitor ${this.node.path}: logs and alarm topic`, removalPolicy));
    if (props.encryptionKey) {
      flagWeakenedKey(this, props.encryptionKey, { warningId: DRIFT_MONITOR_WARNINGS.keyRotationDisabled, property: 'encryptionKey', owner: 'monitor' });
    }
    const logGroupName = `/aws/vendedlogs/states/${this.monitorName}`;
    this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName, { sid: 'MonitorLogGroupEncryption' }));

    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: `Runs drift monitor ${this.node.path}`,
      wildcardReason: monitorWildcardReason,
    });
    this.role = role;
    this.grantMonitorAccess(role, captureLake, retrain);

    const workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup });
    const definition = createDriftDefinition(new Construct(this, 'States'), {
      monitorName: this.monitorName,
      workGroup,
      workGroupArn,
      windowHours: this.window.toHours(),
      baselineId: this.baselineId,
      baselineCheck: check,
      baseline: baselineInsert,
      window: windowInsert,
      read,
      retrainStateMachineArn: retrain?.stateMachineArn,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', { logGroupName, encryptionKey: this.encryptionKey, retention: logs.RetentionDays.ONE_YEAR, removalPolicy });
    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      stateMachineName: this.monitorName,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      queryLanguage: sfn.QueryLanguage.JSONATA,
      stateMachineType: sfn.StateMachineType.STANDARD,
      role,
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      comment: `Drift monitor of ${spec.schema.name}: baseline → window statistics → metrics${retrain ? ' → retraining' : ''} (mlops-constructs)`,
    });
    this.stateMachine.node.addDependency(role.policy);
    this.stateMachineArn = this.stateMachine.stateMachineArn;

    this.schedule = createStateMachineSchedule(this, {
      stateMachine: this.stateMachine,
      expression: schedule._render(),
      description: `Runs drift monitor ${this.node.path} once per window (mlops-constructs)`,
      roleDescription: `Starts drift monitor ${this.node.path} on its schedule`,
    });

    const alarmsScope = new Construct(this, 'Alarms');
    if (alarmActions === undefined) {
      this.alarmTopic = createAlarmTopic(alarmsScope, this.encryptionKey, `Alarms of drift monitor ${this.node.path}`);
    }
    const actions = alarmActions ?? [new cloudwatchActions.SnsAction(this.alarmTopic!)];
    this.driftAlarm = createDriftAlarm(alarmsScope, this.metricBreaches(), actions);
    this.failedRunsAlarm = createFailedMonitorRunsAlarm(alarmsScope, this.stateMachine, actions);
    this.alarms = [this.driftAlarm, this.failedRunsAlarm];
  }

  private resolveSpec(spec: DriftSpec): DriftSpec {
    if (!(spec instanceof DriftSpec)) {
      throw new MlopsValidationError(this, 'spec', spec, 'a DriftSpec (new DriftSpec({ schema, fields?, predictionField?, thresholds? }))');
    }
    throwIfProblems(this, 'spec', spec.problems());
    return spec;
  }

  private resolveBaseline(baseline: DriftBaseline, spec: DriftSpec): DriftBaseline {
    if (!(baseline instanceof DriftBaseline)) {
      throw new MlopsValidationError(this, 'baseline', baseline, 'a DriftBaseline (DriftBaseline.fromLakeTable(zone, tableName))');
    }
    throwIfProblems(this, 'baseline', baseline.problems());
    resolveZone(this, this.lake, 'baseline.zone', baseline.zone);
    const table = this.lake.tryFindTable(baseline.zone, baseline.tableName);
    if (table === undefined) {
      if (this.lake instanceof DataLake || this.lake.tables.length > 0) {
        const known = this.lake.tables.filter((t) => t.zone === baseline.zone).map((t) => t.tableName);
        throw new MlopsValidationError(this, 'baseline.tableName', baseline.tableName, `a table of the lake's zone "${baseline.zone}" (${known.length > 0 ? known.join(', ') : 'it has none'})`);
      }
      return baseline; // an imported lake does not know its tables
    }
    for (const field of spec.monitoredFields) {
      const theirs = table.schema.field(field.name);
      if (theirs === undefined || driftFieldKind(theirs.type) !== field.kind) {
        throw new MlopsValidationError(this, 'baseline.tableName', baseline.tableName,
          `a table with every monitored field as a column of the same kind (the prediction field too, when the spec monitors it: a scored dataset): "${field.name}" is ${theirs === undefined ? 'missing' : `${theirs.type.toString()}, not ${field.kind === DriftFieldKind.NUMERIC ? 'numeric' : 'categorical'}`} in "${table.tableName}"`);
      }
    }
    return baseline;
  }

  private resolveBaselineSource(baseline: DriftBaseline): DriftTable {
    return DriftTable.named([this.lake.glueDatabaseName(baseline.zone), baseline.tableName]);
  }

  private resolveAlarmActions(actions: cloudwatch.IAlarmAction[] | undefined): cloudwatch.IAlarmAction[] | undefined {
    if (actions !== undefined && (!Array.isArray(actions) || actions.length === 0)) {
      throw new MlopsValidationError(this, 'alarmActions', actions, 'at least one alarm action, or no alarmActions for the monitor\'s own encrypted topic');
    }
    return actions === undefined ? undefined : [...actions];
  }

  private resolveRetrain(retrain: ITrainingPipeline | undefined): ITrainingPipeline | undefined {
    if (retrain !== undefined && (retrain === null || typeof retrain !== 'object' || typeof retrain.grantStart !== 'function' || typeof retrain.stateMachineArn !== 'string')) {
      throw new MlopsValidationError(this, 'retrain', retrain, 'an ITrainingPipeline (a TrainingPipeline)');
    }
    return retrain;
  }

  /**
   * The records, and the lake holding the endpoint's capture.
   *
   * | given     | records                                                      |
   * |-----------|--------------------------------------------------------------|
   * | endpoint  | a Glue table over its capture, `CapturedRecords.sageMakerCapture` |
   * | records   | as given (its tables in the lake's databases)                 |
   * | both, none| refused                                                      |
   */
  private resolveRecords(props: DriftMonitorProps, spec: DriftSpec): { records: CapturedRecords; captureLake?: IDataLake; captureTable?: glue.CfnTable } {
    if ((props.endpoint === undefined) === (props.records === undefined)) {
      throw new MlopsValidationError(this, props.endpoint === undefined ? 'records' : 'endpoint', props.endpoint === undefined ? undefined : props.endpoint.node?.path ?? props.endpoint,
        'exactly one of endpoint (a ModelEndpoint with data capture) and records (CapturedRecords.table(...) or CapturedRecords.sageMakerCapture(...))');
    }
    if (props.records !== undefined) {
      if (!(props.records instanceof CapturedRecords)) {
        throw new MlopsValidationError(this, 'records', props.records, 'a CapturedRecords (CapturedRecords.table(...) or CapturedRecords.sageMakerCapture(...))');
      }
      return { records: props.records };
    }
    const endpoint = props.endpoint;
    if (!(endpoint instanceof ModelEndpoint)) {
      throw new MlopsValidationError(this, 'endpoint', endpoint === null || typeof endpoint !== 'object' ? endpoint : endpoint.node?.path,
        'a ModelEndpoint of this app (its capture configuration is read from it); for an imported endpoint, declare a Glue table over its capture and pass records: CapturedRecords.sageMakerCapture({ table })');
    }
    const capture = endpoint.captureLocation;
    if (capture === undefined) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path, 'an endpoint with data capture on (captureLake set): drift is computed from the captured requests and responses');
    }
    if (!Token.isUnresolved(capture.samplingPercentage) && capture.samplingPercentage === 0) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path, 'an endpoint that captures requests: its captureSamplingPercentage is 0, so the windows would always be empty');
    }
    const inputs = spec.monitoredFields.filter((f) => !f.isPrediction);
    if (!capture.requests && inputs.length > 0) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path, `an endpoint that captures requests (captureRequests is false, and the spec monitors the inputs ${inputs.map((f) => f.name).join(', ')})`);
    }
    if (!capture.responses && spec.predictionField !== undefined) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path, `an endpoint that captures responses (captureResponses is false, and the spec monitors the prediction field "${spec.predictionField}")`);
    }
    if (Token.isUnresolved(endpoint.endpointName) || Token.isUnresolved(endpoint.variantName)) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path, 'an endpoint whose name and variant are known at synth (they are in the capture path)');
    }
    const tableName = `${spec.schema.name}_capture`;
    if (capture.lake.tryFindTable(capture.zone, tableName) !== undefined) {
      throw new MlopsValidationError(this, 'spec.schema.name', spec.schema.name, `a schema whose capture table "${tableName}" is not already a table of the capture zone "${capture.zone}"`);
    }
    const databaseName = capture.lake.glueDatabaseName(capture.zone);
    const location = `s3://${capture.bucket.bucketName}/${capture.prefix}${endpoint.endpointName}/${endpoint.variantName}/`;
    const table = createCaptureTable(this, {
      databaseName,
      tableName,
      location,
      description: `SageMaker data capture of endpoint ${endpoint.endpointName} (variant ${endpoint.variantName}), read by drift monitor ${this.node.path}`,
    });
    if (capture.lake instanceof DataLake) {
      table.addResourceDependency(capture.lake.glueDatabase(capture.zone));
    }
    const join = spec.modelQuality?.join;
    const requestIdField = join instanceof LabelJoin && join.mode === 'request_id' ? join.captureField : undefined;
    return {
      records: CapturedRecords.sageMakerCapture({ table: DriftTable.named([databaseName, tableName]), partitioning: CAPTURE_PARTITIONING, requestIdField }),
      captureLake: capture.lake,
      captureTable: table,
    };
  }

  private resolveWindow(window: Duration, records: CapturedRecords): Duration {
    if (!(window instanceof Duration)) {
      throw new MlopsValidationError(this, 'window', window, 'a Duration of whole hours, at least one hour');
    }
    const minutes = window.toMinutes({ integral: false });
    if (Token.isUnresolved(minutes)) {
      throw new MlopsValidationError(this, 'window', '(a token)', 'a Duration known at synth time');
    }
    const granularity = records.partitioning.granularityHours ?? 1;
    const partition = granularity === 1 ? 'one hour (SageMaker capture and the capture table are partitioned by hour)' : `${granularity} hours (the records' partitions are ${granularity} hours long)`;
    if (!(minutes >= granularity * 60 && minutes % (granularity * 60) === 0 && minutes <= 366 * 24 * 60)) {
      throw new MlopsValidationError(this, 'window', window.toHumanString(), `a whole number of the records' partitions, at least ${partition}, and at most 366 days`);
    }
    return window;
  }

  /** The results and baseline tables in the results zone: created as lake tables of a DataLake, named for an imported one. */
  private declareTables(): { results: DriftTable; baseline: DriftTable } {
    const zone = this.resultsZone;
    const schemas: TableSchema[] = [driftResultsSchema(), driftBaselineSchema()];
    if (this.lake instanceof DataLake) {
      for (const schema of schemas) {
        if (this.lake.tryFindTable(zone, schema.name) !== undefined) {
          throw new MlopsValidationError(this, 'resultsZone', zone, `a zone without a table "${schema.name}" (another drift monitor keeps its results there): give each monitor of a lake its own resultsZone`);
        }
        this.lake.addTable(zone, schema);
      }
    }
    const database = this.lake.glueDatabaseName(zone);
    return { results: DriftTable.named([database, schemas[0].name]), baseline: DriftTable.named([database, schemas[1].name]) };
  }

  /** What the state machine does, and nothing more. */
  private grantMonitorAccess(role: iam.Role, captureLake: IDataLake | undefined, retrain: ITrainingPipeline | undefined): void {
    const stack = Stack.of(this);
    // Athena in the lake's workgroup: catalog reads, reads of every zone, results, the key.
    this.lake.grantQuery(role);
    if (captureLake !== undefined && captureLake !== this.lake) {
      captureLake.grantQuery(role);
    }
    // The INSERTs: new objects under the two tables' prefixes, and the partitions they add.
    const bucket = this.lake.zoneBucket(this.resultsZone);
    const database = this.lake.glueDatabaseName(this.resultsZone);
    const tables = [driftResultsSchema().name, driftBaselineSchema().name];
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: INSERT_OBJECT_ACTIONS, resources: tables.map((t) => bucket.arnForObjects(`${t}/*`)) }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: INSERT_CATALOG_ACTIONS,
      resources: [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        stack.formatArn({ service: 'glue', resource: 'database', resourceName: database }),
        ...tables.map((t) => stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${database}/${t}` })),
      ],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: PUT_METRIC_ACTIONS,
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': DRIFT_METRIC_NAMESPACE } },
    }));
    retrain?.grantStart(role);
  }
}

/**
 * The window query as `INSERT INTO drift_results (columns, event_date)`: the lake's partition
 * column is a DATE, filled with the UTC date of `window_start` (the core insert writes a text
 * partition value, which an Athena INSERT into a DATE column refuses).
 */
function insertResults(window: DriftQuery, table: DriftTable, d: SqlDialect): DefinitionQuery {
  const columns = [...DRIFT_RESULT_COLUMNS, LAKE_PARTITION_COLUMN].map((c) => d.identifier(c));
  return {
    sql: `INSERT INTO ${table.render(d)} (${columns.join(', ')}) SELECT drift_rows.*, CAST(drift_rows.window_start AS DATE) AS ${d.identifier(LAKE_PARTITION_COLUMN)} FROM (${window.sql}) drift_rows`,
    parameters: window.parameters,
  };
}

function resolveLake(scope: IConstruct, lake: IDataLake): IDataLake {
  if (lake === null || typeof lake !== 'object' || typeof lake.zoneBucket !== 'function' || typeof lake.glueDatabaseName !== 'function') {
    throw new MlopsValidationError(scope, 'lake', lake, 'an IDataLake (a DataLake, or DataLake.fromDataLakeAttributes)');
  }
  return lake;
}

function resolveZone(scope: IConstruct, lake: IDataLake, property: string, zone: string): string {
  if (!lake.zoneNames.includes(zone)) {
    throw new MlopsValidationError(scope, property, zone, `a zone of the lake: ${lake.zoneNames.join(', ')}`);
  }
  return zone;
}

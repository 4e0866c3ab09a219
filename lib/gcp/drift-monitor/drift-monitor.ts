import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryTableIamMember } from '@cdktf/provider-google/lib/bigquery-table-iam-member';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringMetricDescriptor } from '@cdktf/provider-google/lib/monitoring-metric-descriptor';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { Construct, IConstruct } from 'constructs';
import {
  CapturedRecords, DriftLabelSource, DriftQueries, DriftQuery, DriftSpec, DriftTable, driftBaselineSchema, driftResultsSchema,
  MlopsValidationError, SqlDialect, throwIfProblems,
} from '../../core';
import { DefaultTokenResolver, ITerraformDependable, StringConcat, Tokenization } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { LakeTable } from '../data-lake/lake-table';
import { Duration } from '../duration';
import { GcpIamProps } from '../iam';
import { IModelEndpoint } from '../model-endpoint/model-endpoint';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { resolveRegionalKey } from '../private/kms';
import { managedLabels } from '../private/labels';
import { resolveNotificationChannels } from '../private/monitoring';
import { GCP_REGION_RULE } from '../private/regions';
import { createKeyAccess, createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveServiceAccountId } from '../private/service-accounts';
import { resolveLake, resolveMember, resolveName } from '../private/validate';
import { warn } from '../private/warnings';
import { terraformEscapedSource } from '../private/workflows';
import { GCP_PROJECT_ID_RULE } from '../project';
import { ITrainingPipeline, WORKFLOW_NAME_RULE } from '../training-pipeline/training-pipeline';
import { createDriftAlerts } from './alerts';
import { DriftBaseline } from './baseline';
import { DRIFT_LEVEL_CODES, DriftWorkflowQuery, DriftWorkflowSource, renderDriftWorkflow } from './private/workflow-source';
import { DriftSchedule } from './schedule';

/** The synth-time warnings of a DriftMonitor, by id. Users acknowledge them by these ids. */
export const DRIFT_MONITOR_WARNINGS = {
  /** A table the monitor reads is given as SQL text: the monitor cannot grant its service account read access on it. */
  ungrantedTable: 'mlops-constructs:DriftMonitor.ungrantedTable',
  /** The schedule runs less often than once per window: the windows between runs are not monitored. */
  windowsSkipped: 'mlops-constructs:DriftMonitor.windowsSkipped',
} as const;

/** The default window: one day. */
export const DEFAULT_DRIFT_WINDOW = Duration.days(1);

/** Roles of the monitor's service account. */
const BIGQUERY_JOB_ROLE = 'roles/bigquery.jobUser';
const METRIC_WRITER_ROLE = 'roles/monitoring.metricWriter';
const READ_DATA_ROLE = 'roles/bigquery.dataViewer';
/** On the two drift tables only: insert, delete and read rows. */
const WRITE_TABLE_ROLE = 'roles/bigquery.dataEditor';
/** `grantStart`: create executions (the project is the narrowest scope google provider 6.50 can grant it on). */
const START_ROLE = 'roles/workflows.invoker';

/** The drift tables' names (core `driftResultsSchema()` and `driftBaselineSchema()`). */
const RESULTS_TABLE = driftResultsSchema().name;
const BASELINE_TABLE = driftBaselineSchema().name;

/** The window hours a monitor accepts below a day: those that divide a day, so windows fall on UTC day boundaries. */
const SUB_DAY_WINDOW_HOURS = [1, 2, 3, 4, 6, 8, 12];

/**
 * A drift monitor on Google Cloud: created by {@link DriftMonitor} or imported with
 * {@link DriftMonitor.fromDriftMonitorAttributes}.
 */
export interface IDriftMonitor extends IConstruct {
  /** The workflow name. */
  readonly workflowName: string;
  /** The workflow's region. */
  readonly region: string;
  /** `projects/<project>/locations/<region>/workflows/<name>`: what a client starts (Workflow Executions API). */
  readonly workflowId: string;
  /** The monitor's name (`prefix`): its BigQuery job ids and labels, and the `driftMonitor` of the retraining argument. */
  readonly monitorName: string;
  /** The lake holding its drift tables. */
  readonly lake: IDataLake;
  /** The zone whose dataset holds `drift_results` and `drift_baseline`. */
  readonly resultsZone: string;

  /**
   * Lets `member` read the drift results table: `roles/bigquery.dataViewer` on that table only
   * (querying it also takes `roles/bigquery.jobUser` in the project the member runs jobs in).
   * @returns the IAM member resources, to depend on
   */
  grantReadResults(member: string): ITerraformDependable[];

  /**
   * Lets `member` run the monitor now: `roles/workflows.invoker` on the project (google provider
   * 6.50 has no workflow-level IAM resource, so it covers every workflow of the project).
   * @returns the IAM member resources, to depend on
   */
  grantStart(member: string): ITerraformDependable[];
}

/** What {@link DriftMonitor.fromDriftMonitorAttributes} needs. */
export interface DriftMonitorAttributes {
  /** The workflow name. */
  readonly workflowName: string;
  /** The workflow's region. */
  readonly region: string;
  /**
   * The project of the workflow.
   * @default - the provider's project
   */
  readonly project?: string;
  /** The monitor's name (its `prefix`). */
  readonly monitorName: string;
  /** The lake holding its results table. */
  readonly lake: IDataLake;
  /**
   * The zone holding the results table.
   * @default 'curated'
   */
  readonly resultsZone?: string;
}

abstract class DriftMonitorBase extends Construct implements IDriftMonitor {
  public abstract readonly workflowName: string;
  public abstract readonly region: string;
  public abstract readonly project?: string;
  public abstract readonly monitorName: string;
  public abstract readonly lake: IDataLake;
  public abstract readonly resultsZone: string;
  protected readonly iamMembers = new IamMemberRegistry();
  private projectLookup?: DataGoogleProject;

  public get workflowId(): string {
    return `projects/${this.projectId()}/locations/${this.region}/workflows/${this.workflowName}`;
  }

  /** {@inheritDoc IDriftMonitor.grantReadResults} */
  public grantReadResults(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    const dataset = this.lake.dataset(this.resultsZone);
    return [this.iamMembers.grant({ scope: childScope(this, 'ReadResults'), prefix: '' }, member, (scope, id) =>
      new BigqueryTableIamMember(scope, id, { project: dataset.project, datasetId: dataset.datasetId, tableId: this.resultsTableId(), role: READ_DATA_ROLE, member }))];
  }

  /** {@inheritDoc IDriftMonitor.grantStart} */
  public grantStart(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.iamMembers.grant({ scope: childScope(this, 'Start'), prefix: '' }, member, (scope, id) =>
      new ProjectIamMember(scope, id, { project: this.projectId(), role: START_ROLE, member }))];
  }

  protected projectId(): string {
    return this.project ?? this.projectData().projectId;
  }

  /** The results table id, as grants reference it (the table resource's, when the monitor created it, so that grants wait for it). */
  protected abstract resultsTableId(): string;

  /** The project lookup (the construct's own, created once). */
  protected projectData(): DataGoogleProject {
    this.projectLookup ??= createProjectLookup(childScope(this, 'ServiceAgent'), 'Project', this.project);
    return this.projectLookup;
  }
}

/**
 * Props of {@link DriftMonitor}.
 *
 * Where the window's records come from — exactly one of:
 *
 * | prop       | records read                                                                  |
 * |------------|-------------------------------------------------------------------------------|
 * | `endpoint` | the Vertex AI request-response logging table of the endpoint's capture (refused when capture is off, or on Cloud Run, whose container writes a layout of its own) |
 * | `records`  | any table: `CapturedRecords.table(...)` over a lake table, or `vertexRequestResponseLog(...)` with your JSON paths |
 *
 * `iam` (from {@link GcpIamProps}): no role is accepted (a workflow has no resource-level IAM in
 * the google provider); use `grantStart` and `grantReadResults`.
 */
export interface DriftMonitorProps extends GcpIamProps {
  /** What is monitored: fields, statistics, bins, thresholds (core {@link DriftSpec}). */
  readonly spec: DriftSpec;
  /** The lake holding the drift tables (in `resultsZone`) and the baseline's source table. */
  readonly lake: IDataLake;
  /**
   * The lake zone whose dataset holds `drift_results` and `drift_baseline`.
   * @default 'curated'
   */
  readonly resultsZone?: string;
  /**
   * The endpoint whose captured requests are monitored.
   * @default - `records` is given instead
   */
  readonly endpoint?: IModelEndpoint;
  /**
   * The captured records, from any table.
   * @default - `endpoint` is given instead
   */
  readonly records?: CapturedRecords;
  /**
   * The label table, required when `spec` has model quality.
   * @default - no labels
   */
  readonly labels?: DriftLabelSource;
  /** The data the baseline statistics are computed from (the training data). */
  readonly baseline: DriftBaseline;
  /**
   * The window each run computes: whole hours dividing a day (1, 2, 3, 4, 6, 8, 12), or whole
   * days up to 31, aligned on the Unix epoch in UTC.
   * @default Duration.days(1)
   */
  readonly window?: Duration;
  /**
   * When the monitor runs; never more often than once per window.
   * @default - DriftSchedule.rate(window): 15 minutes after each window ends
   */
  readonly schedule?: DriftSchedule;
  /**
   * The training pipeline started when a statistic reaches its alarm level.
   * @default - no retraining: the drift alert only
   */
  readonly retrain?: ITrainingPipeline;
  /**
   * Cloud Monitoring notification channels of the drift and failed-run alerts.
   * @default - none: the alerts open incidents without notifying
   */
  readonly notificationChannels?: string[];
  /**
   * Project of the workflow, scheduler job, service accounts, metrics and alerts.
   * @default - the lake's project (the provider's when the lake has none)
   */
  readonly project?: string;
  /**
   * Region of the workflow and the scheduler job.
   * @default - the retraining pipeline's region, else the endpoint's, else the lake's location when it is a region
   */
  readonly region?: string;
  /**
   * Prefix of the service account ids `<prefix>-drift` and `<prefix>-drift-run` (at most 20 characters).
   * @default - the spec schema's name, underscores as hyphens
   */
  readonly prefix?: string;
  /**
   * The workflow name (at most 64 characters).
   * @default - `<lake prefix>-<prefix>-drift`
   */
  readonly workflowName?: string;
  /**
   * Customer-managed key of the workflow and its execution data; in the region.
   * @default - the lake's key, when it is in the region
   */
  readonly encryptionKey?: ICryptoKey;
}

/**
 * Drift monitoring on Google Cloud, as a scheduled query over the captured predictions in the
 * lake: Cloud Scheduler → Workflows → BigQuery → Cloud Monitoring → alert → retraining.
 *
 * Each run (a Cloud Workflows execution) computes one window, the last whole one before the run
 * (or the one ending at the execution argument's `windowEnd`):
 *
 * 1. **baseline** — BigQuery `jobs.insert`: count the baseline's rows in `drift_baseline`; when
 *    there are none, the baseline query (core {@link DriftQueries}) computes them from the
 *    baseline source.
 * 2. **window** — delete the window's rows from `drift_results` (a rerun replaces them), insert
 *    the window query's rows (PSI, KS, unseen share, missing rate, model quality, with their
 *    levels), and read them back (`jobs.getQueryResults`).
 * 3. **metrics** — Cloud Monitoring `projects.timeSeries.create`, per row: the statistic
 *    (`.../statistic`, DOUBLE) and its level (`.../level`, -1 none (no thresholds), 0 ok, 1 warn, 2 alarm), labels
 *    `field` and `statistic`, on the `global` resource.
 * 4. **retraining** — when a row is `breached` (its alarm level reached) and `retrain` is given,
 *    Workflow Executions `executions.create` of the training pipeline's workflow, with the
 *    argument `{ trigger: "drift", windowStart, windowEnd, baselineId, breached }`.
 *
 * Why custom metrics written by the workflow rather than a log-based metric: the values are
 * exact doubles with the field and statistic as labels, written once per window with no log
 * parsing, no log retention or exclusion that could drop them, and no extraction regex to keep in
 * step with a log format. The metric descriptors are declared, so the alert policy names an
 * existing metric type from the first deploy.
 *
 * Also created: `drift_results` (partitioned on `window_start`) and `drift_baseline` (clustered on
 * `baseline_id`, `field`) in the lake's results zone, retained and encrypted as the lake's tables;
 * the workflow's service account (BigQuery jobs, read of the records, baseline and labels
 * datasets, write of the two drift tables only, metric writing, start of the training workflow);
 * the scheduler's account and job; CMEK of the workflow; two alert policies (a statistic at its
 * alarm level; a run that did not succeed).
 *
 * Only a deploy shows: that the connectors behave as their reference says, the Vertex AI logging
 * table's partitioning (the window predicate on `logging_time` prunes only if Vertex AI partitions
 * it on that column), and how long captures take to land (runs start 15 minutes after a window).
 * Vertex AI creates its logging table on the first logged request: until then, runs fail (and the
 * failed-executions alert fires) because the table does not exist.
 *
 * Construct ids: `Resource` (the workflow), `ServiceAccount`, `Access/*`, `Metrics/*`, `Schedule`,
 * `SchedulerServiceAccount`, `ServiceAgent/*`, `Alerts/Drift`, `Alerts/FailedExecutions`,
 * `ReadResults/*`, `Start/*`; the tables are the lake's (`Zone-<zone>/Table-drift_results`).
 *
 * @see https://cloud.google.com/workflows/docs/reference/googleapis
 * @see https://cloud.google.com/monitoring/custom-metrics/creating-metrics
 */
export class DriftMonitor extends DriftMonitorBase {
  /** A monitor made elsewhere, to grant reading its results or starting it. */
  public static fromDriftMonitorAttributes(scope: Construct, id: string, attrs: DriftMonitorAttributes): IDriftMonitor {
    return new ImportedDriftMonitor(scope, id, attrs);
  }

  public readonly workflowName: string;
  public readonly region: string;
  public readonly project?: string;
  public readonly monitorName: string;
  public readonly lake: IDataLake;
  public readonly resultsZone: string;
  /** The spec. */
  public readonly spec: DriftSpec;
  /** The window, in seconds. */
  public readonly windowSeconds: number;
  /** The results table of the lake. */
  public readonly resultsTable: LakeTable;
  /** The baseline table of the lake. */
  public readonly baselineTable: LakeTable;
  /** The records the window query reads. */
  public readonly records: CapturedRecords;
  /** The baseline id. */
  public readonly baselineId: string;
  /** The generated window query (INSERT into the results table; parameters `@window_start`, `@window_end`, `@baseline_id`). */
  public readonly windowQuery: string;
  /** The generated baseline query (INSERT into the baseline table; parameter `@baseline_id`). */
  public readonly baselineQuery: string;
  /** The `google_workflows_workflow`. */
  public readonly workflow: WorkflowsWorkflow;
  /** The workflow's service account. */
  public readonly serviceAccount: ServiceAccount;
  /** Its email. */
  public readonly serviceAccountEmail: string;
  /** The scheduler job. */
  public readonly schedulerJob: CloudSchedulerJob;
  /** Metric types of the statistics and of their levels. */
  public readonly metricTypes: { readonly statistic: string; readonly level: string };
  /** The workflow source as Workflows reads it (JSON; `source_contents` holds it escaped for Terraform). */
  public readonly workflowSource: string;
  /** The environment variables the source reads Terraform values from. */
  public readonly workflowEnvironment: { [name: string]: string };
  /** The customer-managed key of the workflow, if any. */
  public readonly encryptionKey?: ICryptoKey;
  /** The alert on a statistic at its alarm level. */
  public readonly driftAlert: MonitoringAlertPolicy;
  /** The alert on failed monitor runs. */
  public readonly failedExecutionsAlert: MonitoringAlertPolicy;
  /** Every alert policy of the monitor. */
  public readonly alertPolicies: MonitoringAlertPolicy[];

  constructor(scope: Construct, id: string, props: DriftMonitorProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with spec, lake, baseline, and endpoint or records');
    }
    if (!(props.spec instanceof DriftSpec)) {
      throw new MlopsValidationError(this, 'spec', props.spec, 'a DriftSpec');
    }
    throwIfProblems(this, 'spec', props.spec.problems());
    this.spec = props.spec;
    const spec = this.spec;
    const lake = resolveLake(this, 'lake', props.lake);
    this.lake = lake;
    this.project = props.project === undefined ? lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    const resultsZone = props.resultsZone ?? 'curated';
    if (!lake.zoneNames.includes(resultsZone)) {
      throw new MlopsValidationError(this, 'resultsZone', resultsZone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    this.resultsZone = resultsZone;
    for (const name of [RESULTS_TABLE, BASELINE_TABLE]) {
      if (lake.tryFindTable(resultsZone, name) !== undefined) {
        throw new MlopsValidationError(this, 'resultsZone', resultsZone,
          `a zone without a "${name}" table: one drift monitor per zone (another monitor or table has it); give this monitor another resultsZone`);
      }
    }
    const baseline = this.resolveBaseline(props.baseline, lake);
    this.baselineId = props.baseline.baselineId;
    const { records, recordsDataset, endpoint } = this.resolveRecords(props);
    this.records = records;
    this.windowSeconds = this.resolveWindow(props.window);
    const schedule = this.resolveSchedule(props.schedule);
    if (props.retrain !== undefined && (props.retrain === null || typeof props.retrain !== 'object' || typeof props.retrain.grantStart !== 'function')) {
      throw new MlopsValidationError(this, 'retrain', props.retrain, 'a TrainingPipeline of mlops-constructs/gcp, created or imported');
    }
    const notificationChannels = resolveNotificationChannels(this, props.notificationChannels);
    resolveIamGrants(this, props.iam, () => 'no role: a workflow has no resource-level IAM in the google provider; use grantStart(member) or grantReadResults(member)');

    this.region = this.resolveRegion(props.region, props.retrain, endpoint, lake.location);
    const prefix = props.prefix ?? spec.schema.name.replace(/_/g, '-').toLowerCase();
    this.monitorName = prefix;
    const accountId = (suffix: string) => resolveServiceAccountId(this, prefix, suffix, props.prefix === undefined ? `(the spec schema name "${spec.schema.name}")` : prefix);
    const workflowAccountId = accountId('drift');
    const schedulerAccountId = accountId('drift-run');
    this.workflowName = resolveName(this, 'workflowName', WORKFLOW_NAME_RULE, props.workflowName ?? `${lake.prefix}-${prefix}-drift`);
    this.encryptionKey = resolveRegionalKey(this, props.encryptionKey, lake, this.region, 'workflow\'s', 'Workflows encrypts with a key of the workflow\'s location');
    const labels = managedLabels({ 'drift-monitor': prefix });

    // Tables
    this.resultsTable = lake.addTable(resultsZone, driftResultsSchema());
    this.baselineTable = lake.addTable(resultsZone, driftBaselineSchema());
    const resultsDataset = lake.dataset(resultsZone);
    const ref = (t: LakeTable) => `\`${resultsDataset.project}.${t.datasetId}.${t.tableId}\``;
    const resultsSql = ref(this.resultsTable);
    const baselineSql = ref(this.baselineTable);

    // Queries
    const queries = new DriftQueries(spec, SqlDialect.BIGQUERY);
    const windowOptions = { records, baselineTable: DriftTable.sql(baselineSql), labels: props.labels };
    throwIfProblems(this, '', queries.problems(windowOptions));
    const baselineInsert = queries.baseline({ source: baseline.source }).insertInto(DriftTable.sql(baselineSql));
    const windowInsert = queries.window(windowOptions).insertInto(DriftTable.sql(resultsSql));
    this.baselineQuery = baselineInsert.sql;
    this.windowQuery = windowInsert.sql;
    const inWindow = `window_start = CAST(@window_start AS ${SqlDialect.BIGQUERY.timestampType}) AND baseline_id = @baseline_id`;
    const q = (sql: string, parameters: string[]): DriftWorkflowQuery => ({ sql, parameters });
    const fromQuery = (query: DriftQuery): DriftWorkflowQuery => ({ sql: query.sql, parameters: query.parameters });

    // Identity and access
    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project: this.project,
      accountId: workflowAccountId,
      displayName: `Drift monitor ${prefix}`,
      description: `Runs the workflow ${this.workflowName}: BigQuery drift queries, Cloud Monitoring metrics, retraining start (mlops-constructs DriftMonitor).`,
    });
    this.serviceAccountEmail = this.serviceAccount.email;
    const member = this.serviceAccount.member;
    const access = new Construct(this, 'Access');
    const grants: ITerraformDependable[] = [
      ...[BIGQUERY_JOB_ROLE, METRIC_WRITER_ROLE].map((role) => new ProjectIamMember(access, role, { project: this.projectId(), role, member })),
      ...[this.resultsTable, this.baselineTable].map((t) => new BigqueryTableIamMember(access, `${t.tableId}=${WRITE_TABLE_ROLE}`, {
        project: resultsDataset.project, datasetId: t.datasetId, tableId: t.table.tableId, role: WRITE_TABLE_ROLE, member,
      })),
    ];
    const readDatasets = new Map<string, { project: string; datasetId: string; what: string }>();
    const addRead = (d: { project: string; datasetId: string } | undefined, what: string) => {
      if (d === undefined) {
        warn(this, DRIFT_MONITOR_WARNINGS.ungrantedTable,
          `the ${what} table is SQL text, so the monitor grants no read access on it: grant ${READ_DATA_ROLE} on its dataset to the monitor's serviceAccountEmail.`);
        return;
      }
      const key = `${d.project}|${d.datasetId}`;
      if (!readDatasets.has(key)) {
        readDatasets.set(key, { ...d, what });
      }
    };
    addRead(recordsDataset, 'records');
    addRead(baseline.dataset, 'baseline source');
    if (props.labels !== undefined) {
      addRead(this.datasetOf(props.labels.table), 'labels');
    }
    for (const d of readDatasets.values()) {
      grants.push(new BigqueryDatasetIamMember(access, `read-${d.what.replace(/ /g, '-')}`, { project: d.project, datasetId: d.datasetId, role: READ_DATA_ROLE, member }));
    }
    if (props.retrain !== undefined) {
      grants.push(...props.retrain.grantStart(member));
    }

    // Metrics
    const metricPath = `custom.googleapis.com/mlops_constructs/drift/${this.workflowName.replace(/-/g, '_')}`;
    this.metricTypes = { statistic: `${metricPath}/statistic`, level: `${metricPath}/level` };
    const metrics = new Construct(this, 'Metrics');
    const metricLabels = [
      { key: 'field', valueType: 'STRING', description: 'The monitored field (the prediction field for model quality).' },
      { key: 'statistic', valueType: 'STRING', description: 'psi, ks, unseen_share, missing_rate, accuracy, auc, rmse or mae.' },
    ];
    const descriptors = [
      new MonitoringMetricDescriptor(metrics, 'Statistic', {
        project: this.project,
        type: this.metricTypes.statistic,
        metricKind: 'GAUGE',
        valueType: 'DOUBLE',
        unit: '1',
        displayName: `Drift statistic (${this.workflowName})`,
        description: `A drift statistic of one window, per field and statistic, written by the drift monitor ${this.workflowName} (mlops-constructs DriftMonitor).`,
        labels: metricLabels,
      }),
      new MonitoringMetricDescriptor(metrics, 'Level', {
        project: this.project,
        type: this.metricTypes.level,
        metricKind: 'GAUGE',
        valueType: 'INT64',
        unit: '1',
        displayName: `Drift level (${this.workflowName})`,
        description: `The level of a drift statistic of one window: ${Object.entries(DRIFT_LEVEL_CODES).map(([k, v]) => `${v} ${k}`).join(', ')} (mlops-constructs DriftMonitor).`,
        labels: metricLabels,
      }),
    ];

    // Workflow
    const source: DriftWorkflowSource = renderDriftWorkflow({
      prefix,
      bigQueryLocation: lake.location,
      windowSeconds: this.windowSeconds,
      baselineId: this.baselineId,
      checkBaseline: q(`SELECT COUNT(*) AS n FROM ${baselineSql} WHERE baseline_id = @baseline_id`, ['baseline_id']),
      insertBaseline: fromQuery(baselineInsert),
      clearWindow: q(`DELETE FROM ${resultsSql} WHERE ${inWindow}`, ['window_start', 'baseline_id']),
      insertWindow: fromQuery(windowInsert),
      readWindow: q(`SELECT field, statistic, value, level, breached FROM ${resultsSql} WHERE ${inWindow} ORDER BY field, statistic`, ['window_start', 'baseline_id']),
      metricTypes: this.metricTypes,
      retrainWorkflow: props.retrain?.workflowId,
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
      description: `Drift monitor of ${spec.schema.name}: baseline and window statistics (BigQuery) → Cloud Monitoring metrics → retraining on an alarm-level statistic.`,
      serviceAccount: this.serviceAccount.id,
      sourceContents: terraformEscapedSource(source.text),
      userEnvVars: Object.keys(source.environment).length > 0 ? source.environment : undefined,
      callLogLevel: 'LOG_ERRORS_ONLY',
      cryptoKeyName: this.encryptionKey?.id,
      labels,
      deletionProtection: false,
      dependsOn: [...grants, ...descriptors, ...(keyAccess ? [keyAccess] : [])],
    });

    // Schedule
    const rendered = schedule._render();
    const scheduler = new ServiceAccount(this, 'SchedulerServiceAccount', {
      project: this.project,
      accountId: schedulerAccountId,
      displayName: `Starts the drift monitor ${prefix}`,
      description: `Cloud Scheduler starts the workflow ${this.workflowName} as this account (mlops-constructs DriftMonitor).`,
    });
    const start = this.grantStart(scheduler.member);
    this.schedulerJob = new CloudSchedulerJob(this, 'Schedule', {
      project: this.project,
      region: this.region,
      name: `${this.workflowName}-schedule`,
      description: `Starts a run of the drift monitor ${prefix}: the statistics of the last whole window.`,
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

    // Alerts
    const alerts = createDriftAlerts(new Construct(this, 'Alerts'), {
      project: this.project,
      workflowName: this.workflowName,
      region: this.region,
      levelMetricType: this.metricTypes.level,
      resultsTable: `${resultsDataset.project}.${this.resultsTable.datasetId}.${this.resultsTable.tableId}`,
      retraining: props.retrain !== undefined,
      notificationChannels,
      labels,
      dependsOn: descriptors,
    });
    this.driftAlert = alerts.drift;
    this.failedExecutionsAlert = alerts.failedExecutions;
    this.alertPolicies = [this.driftAlert, this.failedExecutionsAlert];
  }

  protected resultsTableId(): string {
    return this.resultsTable.table.tableId;
  }

  // -------------------------------------------------------------------------------------------

  private resolveBaseline(value: unknown, lake: IDataLake): { source: DriftTable; dataset: { project: string; datasetId: string } } {
    if (!(value instanceof DriftBaseline)) {
      throw new MlopsValidationError(this, 'baseline', value, 'DriftBaseline.fromLakeTable(zone, tableName, options?)');
    }
    throwIfProblems(this, 'baseline', value.problems());
    if (!lake.zoneNames.includes(value.zone)) {
      throw new MlopsValidationError(this, 'baseline.zone', value.zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const table = lake.tryFindTable(value.zone, value.tableName);
    if (table === undefined) {
      const known = lake.tables.filter((t) => t.zone === value.zone).map((t) => t.tableId);
      throw new MlopsValidationError(this, 'baseline.tableName', value.tableName,
        `a table of the lake's "${value.zone}" zone (${known.length > 0 ? known.join(', ') : 'it has none'}) created through the lake`);
    }
    for (const field of this.spec.monitoredFields) {
      const have = table.schema.field(field.name)?.type.toString();
      if (have !== field.type.toString()) {
        throw new MlopsValidationError(this, 'baseline.tableName', value.tableName,
          `a table holding every monitored field with its spec type: "${field.name}" is ${have ?? 'missing'} there, ${field.type.toString()} in the spec`);
      }
    }
    const dataset = lake.dataset(value.zone);
    const name = `\`${dataset.project}.${table.datasetId}.${table.tableId}\``;
    const columns = this.spec.monitoredFields.map((f) => SqlDialect.BIGQUERY.identifier(f.name)).join(', ');
    // Lake tables with an event time require a partition filter: an always-true one reads every partition.
    const eventTime = table.schema.eventTime;
    const source = eventTime === undefined
      ? DriftTable.sql(name)
      : DriftTable.sql(`(SELECT ${columns} FROM ${name} WHERE ${SqlDialect.BIGQUERY.identifier(eventTime)} >= TIMESTAMP '1970-01-01 00:00:00') baseline_source`);
    return { source, dataset: { project: dataset.project, datasetId: table.datasetId } };
  }

  private resolveRecords(props: DriftMonitorProps): { records: CapturedRecords; recordsDataset?: { project: string; datasetId: string }; endpoint?: IModelEndpoint } {
    if ((props.endpoint === undefined) === (props.records === undefined)) {
      throw new MlopsValidationError(this, props.endpoint === undefined ? 'records' : 'endpoint', props.endpoint === undefined ? undefined : '(both endpoint and records)',
        'exactly one of endpoint (its capture) and records (CapturedRecords.table(...) or .vertexRequestResponseLog(...))');
    }
    if (props.records !== undefined) {
      if (!(props.records instanceof CapturedRecords)) {
        throw new MlopsValidationError(this, 'records', props.records, 'CapturedRecords.table(...) or CapturedRecords.vertexRequestResponseLog(...)');
      }
      if (props.records.kind === 'sagemaker') {
        throw new MlopsValidationError(this, 'records', 'sageMakerCapture', 'CapturedRecords.table(...) or .vertexRequestResponseLog(...): SageMaker capture is an AWS table');
      }
      return { records: props.records, recordsDataset: this.datasetOf(props.records.source) };
    }
    const endpoint = props.endpoint as IModelEndpoint;
    if (endpoint === null || typeof endpoint !== 'object' || typeof endpoint.endpointName !== 'string') {
      throw new MlopsValidationError(this, 'endpoint', endpoint, 'a ModelEndpoint of mlops-constructs/gcp, created or imported');
    }
    const capture = endpoint.capture;
    if (capture === undefined) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path,
        'an endpoint with capture on (ModelEndpoint captureLake, or capture in fromModelEndpointAttributes): drift is computed from the captured requests');
    }
    if (!(typeof capture.samplingPercentage === 'number' && capture.samplingPercentage > 0)) {
      throw new MlopsValidationError(this, 'endpoint.capture.samplingPercentage', capture.samplingPercentage,
        'a sampling percentage greater than 0: with nothing captured, every window is empty');
    }
    if (!capture.vertexRequestResponseLogging) {
      throw new MlopsValidationError(this, 'endpoint', endpoint.node.path,
        'a Vertex AI endpoint: a Cloud Run container writes its captures in a layout of its own; describe it with records: CapturedRecords.table({ table, partitioning })');
    }
    const join = this.spec.modelQuality?.join;
    const records = CapturedRecords.vertexRequestResponseLog({
      table: DriftTable.sql(`\`${capture.project}.${capture.datasetId}.${capture.tableId}\``),
      requestIdField: join?.mode === 'request_id' ? join.captureField : undefined,
    });
    return { records, recordsDataset: { project: capture.project, datasetId: capture.datasetId }, endpoint };
  }

  /** The dataset of a table named by its parts (`[project, dataset, table]` or `[dataset, table]`), `undefined` for SQL text. */
  private datasetOf(table: DriftTable): { project: string; datasetId: string } | undefined {
    const parts = table?.parts;
    if (parts === undefined || parts.length < 2) {
      return undefined;
    }
    return parts.length >= 3 ? { project: parts[0], datasetId: parts[1] } : { project: this.projectId(), datasetId: parts[0] };
  }

  private resolveWindow(value: unknown): number {
    const window = value ?? DEFAULT_DRIFT_WINDOW;
    const seconds = window instanceof Duration ? window.toSeconds() : NaN;
    const hours = seconds / 3600;
    const days = seconds / 86_400;
    if (!(SUB_DAY_WINDOW_HOURS.includes(hours) || (Number.isInteger(days) && days >= 1 && days <= 31))) {
      throw new MlopsValidationError(this, 'window', value,
        `a Duration of ${SUB_DAY_WINDOW_HOURS.join(', ')} hours or 1 to 31 whole days (windows fall on UTC boundaries; at least one hour, the granularity captures are partitioned and scheduled at)`);
    }
    // A partitioned records table: a window shorter than one partition reads the whole partition for a part of it.
    const granularity = this.records.partitioning.granularityHours;
    if (granularity !== undefined && hours < granularity) {
      throw new MlopsValidationError(this, 'window', (window as Duration).toHumanString(),
        `a window of at least ${granularity} hour(s): the records' partition column (${this.records.partitioning.column}, ${this.records.partitioning.format}) holds ${granularity} hour(s) per partition`);
    }
    return seconds;
  }

  private resolveSchedule(value: unknown): DriftSchedule {
    const schedule = value ?? DriftSchedule.rate(Duration.seconds(this.windowSeconds));
    if (!(schedule instanceof DriftSchedule)) {
      throw new MlopsValidationError(this, 'schedule', value, 'DriftSchedule.rate(duration) or DriftSchedule.cron(expression, timeZone?)');
    }
    throwIfProblems(this, 'schedule', schedule.problems());
    const interval = schedule._minimumIntervalSeconds();
    if (interval !== undefined && interval < this.windowSeconds) {
      throw new MlopsValidationError(this, 'schedule', schedule.toString(),
        `a schedule at most once per window (${this.windowSeconds / 3600} hour(s)); this one runs ${interval / 60} minutes apart, so two runs would compute the same window`);
    }
    if (interval !== undefined && interval > this.windowSeconds) {
      warn(this, DRIFT_MONITOR_WARNINGS.windowsSkipped,
        `the schedule ${schedule.toString()} runs ${interval / 3600} hour(s) apart with a window of ${this.windowSeconds / 3600} hour(s): only the window before each run is monitored.`);
    }
    return schedule;
  }

  private resolveRegion(given: unknown, retrain: ITrainingPipeline | undefined, endpoint: IModelEndpoint | undefined, lakeLocation: string): string {
    if (given !== undefined) {
      return resolveName(this, 'region', GCP_REGION_RULE, given);
    }
    const derived = retrain?.region ?? (endpoint as { region?: string } | undefined)?.region ?? (/-/.test(lakeLocation) ? lakeLocation : undefined);
    if (derived === undefined) {
      throw new MlopsValidationError(this, 'region', undefined, `a Workflows region such as "us-central1": none of retrain, endpoint or the lake's location ("${lakeLocation}", a multi-region) gives one`);
    }
    return derived;
  }
}

/** A monitor made elsewhere (see {@link DriftMonitor.fromDriftMonitorAttributes}). */
class ImportedDriftMonitor extends DriftMonitorBase {
  public readonly workflowName: string;
  public readonly region: string;
  public readonly project?: string;
  public readonly monitorName: string;
  public readonly lake: IDataLake;
  public readonly resultsZone: string;

  constructor(scope: Construct, id: string, attrs: DriftMonitorAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with workflowName, region, monitorName and lake');
    }
    this.workflowName = resolveName(this, 'workflowName', WORKFLOW_NAME_RULE, attrs.workflowName);
    this.region = resolveName(this, 'region', GCP_REGION_RULE, attrs.region);
    this.project = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
    if (typeof attrs.monitorName !== 'string' || attrs.monitorName.trim() === '') {
      throw new MlopsValidationError(this, 'monitorName', attrs.monitorName, 'the monitor\'s name (its prefix)');
    }
    this.monitorName = attrs.monitorName;
    this.lake = resolveLake(this, 'lake', attrs.lake);
    this.resultsZone = attrs.resultsZone ?? 'curated';
    if (!this.lake.zoneNames.includes(this.resultsZone)) {
      throw new MlopsValidationError(this, 'resultsZone', this.resultsZone, `one of the lake's zones: ${this.lake.zoneNames.join(', ')}`);
    }
  }

  protected resultsTableId(): string {
    return RESULTS_TABLE;
  }
}

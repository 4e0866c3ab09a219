/**
 * DriftMonitor: the synthesized loop — schedule → workflow → BigQuery queries → Cloud Monitoring
 * metrics → alert → retraining start — asserted on the Terraform JSON, and the workflow itself run
 * by the test Workflows runner (the training pipeline tests' interpreter) on its branches: no
 * drift, drift with retraining, a missing baseline, a requested window, a failed query.
 */
import { DriftMonitor } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { monitored } from './fixtures';
import { ConnectorCall, runWorkflow, WorkflowRaise } from './workflow-runner';

let synth: Synth;
let built: ReturnType<typeof monitored>;
let source: any;
let tfEnv: Record<string, string>;

beforeAll(() => {
  const stack = newStack();
  built = monitored(stack);
  built.monitor.grantReadResults('group:analysts@example.com');
  built.monitor.grantStart('group:ml-oncall@example.com');
  synth = new Synth(stack);
  source = JSON.parse(built.monitor.workflowSource);
  tfEnv = synth.at('google_workflows_workflow', 'Drift/Resource').user_env_vars;
});

const step = (steps: any[], name: string) => steps.find((s) => Object.keys(s)[0] === name)?.[name];
const names = (steps: any[]) => steps.map((s) => Object.keys(s)[0]);

describe('the Terraform of the loop', () => {
  test('Cloud Scheduler starts the workflow 15 minutes after each UTC day, as its own account allowed to start it', () => {
    const job = synth.at('google_cloud_scheduler_job', 'Drift/Schedule');
    expect(job).toMatchObject({ schedule: '15 0 * * *', time_zone: 'Etc/UTC', region: 'europe-west4' });
    expect(job.http_target.uri).toBe(`https://workflowexecutions.googleapis.com/v1/${synth.ref('google_workflows_workflow', 'Drift/Resource', 'id')}/executions`);
    expect(JSON.parse(Buffer.from(job.http_target.body, 'base64').toString())).toEqual({ argument: '{"trigger":"schedule"}' });
    expect(job.http_target.oauth_token.service_account_email).toBe(synth.ref('google_service_account', 'Drift/SchedulerServiceAccount', 'email'));
    const start = synth.resources('google_project_iam_member').find((b) => b.path.startsWith('Drift/Start/') && b.config.member === synth.ref('google_service_account', 'Drift/SchedulerServiceAccount', 'member'))!;
    expect(start.config.role).toBe('roles/workflows.invoker');
    expect(job.depends_on).toContain(`google_project_iam_member.${start.name}`);
  });

  test('the workflow runs as the monitor account, encrypted with the lake key, its source escaped for Terraform', () => {
    const workflow = synth.at('google_workflows_workflow', 'Drift/Resource');
    expect(workflow).toMatchObject({
      name: 'acme-ml-churn-requests-drift', region: 'europe-west4', call_log_level: 'LOG_ERRORS_ONLY',
      service_account: synth.ref('google_service_account', 'Drift/ServiceAccount', 'id'),
      crypto_key_name: 'projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform',
    });
    expect(workflow.source_contents).toBe(built.monitor.workflowSource.replace(/\$\{/g, () => '$${'));
    expect(synth.at('google_kms_crypto_key_iam_member', 'Drift/ServiceAgent/WorkflowsKeyAccess').member)
      .toMatch(/^serviceAccount:service-\$\{data\.google_project\.[^.]+\.number\}@gcp-sa-workflows\.iam\.gserviceaccount\.com$/);
  });

  test('drift_results (partitioned on window_start) and drift_baseline are lake tables of the curated zone, retained and encrypted', () => {
    const results = synth.at('google_bigquery_table', 'Lake/Zone-curated/Table-drift_results');
    expect(results).toMatchObject({ table_id: 'drift_results', time_partitioning: { type: 'DAY', field: 'window_start' }, require_partition_filter: true, deletion_protection: true, lifecycle: { prevent_destroy: true } });
    expect(results.encryption_configuration.kms_key_name).toBe('projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform');
    expect(JSON.parse(results.schema).map((c: any) => c.name)).toEqual(['window_start', 'window_end', 'baseline_id', 'field', 'statistic', 'value', 'sample_size',
      'warn_threshold', 'alarm_threshold', 'direction', 'level', 'breached']);
    const baseline = synth.at('google_bigquery_table', 'Lake/Zone-curated/Table-drift_baseline');
    expect(baseline).toMatchObject({ table_id: 'drift_baseline', clustering: ['baseline_id', 'field'], deletion_protection: true, lifecycle: { prevent_destroy: true } });
    expect(baseline.time_partitioning).toBeUndefined();
    expect(built.monitor.resultsTable.tableId).toBe('drift_results');
    expect([built.monitor.monitorName, built.monitor.resultsZone, built.monitor.lake]).toEqual(['churn-requests', 'curated', built.lake]);
  });

  test('the monitor account: BigQuery jobs and metric writing on the project, write on the two drift tables only, read of the capture and baseline datasets, start of the training workflow', () => {
    const member = synth.ref('google_service_account', 'Drift/ServiceAccount', 'member');
    const project = synth.resources('google_project_iam_member').filter((b) => b.config.member === member).map((b) => b.config.role).sort();
    expect(project).toEqual(['roles/bigquery.jobUser', 'roles/monitoring.metricWriter', 'roles/workflows.invoker']);
    const invoker = synth.resources('google_project_iam_member').find((b) => b.config.member === member && b.config.role === 'roles/workflows.invoker')!;
    expect(invoker.path).toMatch(/^Pipeline\/Start\//); // the training pipeline's grantStart
    const tables = synth.resources('google_bigquery_table_iam_member').filter((b) => b.config.member === member);
    // On the table resources themselves, so that Terraform creates the tables first.
    expect(tables.map((b) => [b.config.table_id, b.config.role]).sort()).toEqual([
      [synth.ref('google_bigquery_table', 'Lake/Zone-curated/Table-drift_baseline', 'table_id'), 'roles/bigquery.dataEditor'],
      [synth.ref('google_bigquery_table', 'Lake/Zone-curated/Table-drift_results', 'table_id'), 'roles/bigquery.dataEditor'],
    ].sort());
    const datasets = synth.resources('google_bigquery_dataset_iam_member').filter((b) => b.config.member === member);
    expect(datasets.map((b) => [b.config.dataset_id, b.config.role]).sort()).toEqual([
      [synth.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id'), 'roles/bigquery.dataViewer'],
      [synth.ref('google_bigquery_dataset', 'Lake/Zone-raw/Dataset', 'dataset_id'), 'roles/bigquery.dataViewer'],
    ].sort());
    expect(synth.resources('google_bigquery_dataset_iam_member').filter((b) => b.config.member === member && /Editor|Owner|admin/.test(b.config.role))).toEqual([]);
    // The workflow waits for its grants.
    const dependsOn = synth.at('google_workflows_workflow', 'Drift/Resource').depends_on as string[];
    expect(dependsOn).toContain(synth.address('google_project_iam_member', invoker.path));
    expect(dependsOn).toContain(synth.address('google_monitoring_metric_descriptor', 'Drift/Metrics/Level'));
  });

  test('two custom metric descriptors (statistic, level) with the field and statistic labels', () => {
    const statistic = synth.at('google_monitoring_metric_descriptor', 'Drift/Metrics/Statistic');
    const level = synth.at('google_monitoring_metric_descriptor', 'Drift/Metrics/Level');
    expect(statistic).toMatchObject({ type: 'custom.googleapis.com/mlops_constructs/drift/acme_ml_churn_requests_drift/statistic', metric_kind: 'GAUGE', value_type: 'DOUBLE' });
    expect(level).toMatchObject({ type: 'custom.googleapis.com/mlops_constructs/drift/acme_ml_churn_requests_drift/level', metric_kind: 'GAUGE', value_type: 'INT64' });
    for (const d of [statistic, level]) {
      expect(d.labels.map((l: any) => l.key)).toEqual(['field', 'statistic']);
    }
    expect(built.monitor.metricTypes).toEqual({ statistic: statistic.type, level: level.type });
  });

  test('the drift alert fires on a level above warn (alarm) of any field and statistic, to the channels given; a second alert on failed runs', () => {
    const drift = synth.at('google_monitoring_alert_policy', 'Drift/Alerts/Drift');
    expect(drift.conditions[0].condition_threshold).toMatchObject({
      filter: `resource.type = "global" AND metric.type = "${built.monitor.metricTypes.level}"`, comparison: 'COMPARISON_GT', threshold_value: 1.5,
    });
    expect(drift.notification_channels).toEqual(['projects/acme/notificationChannels/7']);
    expect(drift.depends_on).toEqual(expect.arrayContaining([synth.address('google_monitoring_metric_descriptor', 'Drift/Metrics/Level')]));
    const failed = synth.at('google_monitoring_alert_policy', 'Drift/Alerts/FailedExecutions');
    expect(failed.conditions[0].condition_threshold.filter).toContain('resource.labels.workflow_id = "acme-ml-churn-requests-drift"');
    expect(failed.conditions[0].condition_threshold.filter).toContain('metric.labels.status != "SUCCEEDED"');
    expect(failed.notification_channels).toEqual(['projects/acme/notificationChannels/7']);
    expect(built.monitor.alertPolicies).toEqual([built.monitor.driftAlert, built.monitor.failedExecutionsAlert]);
  });

  test('grantReadResults is dataViewer on the results table only; grantStart is the workflows invoker', () => {
    const read = synth.resources('google_bigquery_table_iam_member').filter((b) => b.config.member === 'group:analysts@example.com');
    expect(read.map((b) => [b.path, b.config.table_id, b.config.role])).toEqual([
      ['Drift/ReadResults/group:analysts@example.com', synth.ref('google_bigquery_table', 'Lake/Zone-curated/Table-drift_results', 'table_id'), 'roles/bigquery.dataViewer'],
    ]);
    const start = synth.resources('google_project_iam_member').filter((b) => b.config.member === 'group:ml-oncall@example.com');
    expect(start.map((b) => [b.path, b.config.role])).toEqual([['Drift/Start/group:ml-oncall@example.com', 'roles/workflows.invoker']]);
  });
});

describe('the workflow source', () => {
  test('window → baseline → window statistics → metrics → retraining, each BigQuery step a jobs.insert the workflow waits for', () => {
    const main = names(source.main.steps);
    for (const [a, b] of [['init', 'window_bounds'], ['window_bounds', 'baseline'], ['baseline', 'window'], ['window', 'metrics'], ['metrics', 'drift_check'], ['drift_check', 'start_retraining']]) {
      expect(main.indexOf(a)).toBeLessThan(main.indexOf(b));
    }
    expect(step(source.run_query.steps, 'insert_job').call).toBe('googleapis.bigquery.v2.jobs.insert');
    expect(step(source.read_rows.steps, 'get_results').call).toBe('googleapis.bigquery.v2.jobs.getQueryResults');
    const loop = step(step(source.main.steps, 'metrics').steps, 'each_row').for.steps;
    expect(step(loop, 'write_metrics').call).toBe('googleapis.monitoring.v3.projects.timeSeries.create');
    expect(step(source.main.steps, 'start_retraining').call).toBe('googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create');
  });

  test('the retraining workflow is the training pipeline\'s, its project read from the environment Terraform fills', () => {
    const parent = step(source.main.steps, 'start_retraining').args.parent as string;
    const variable = /sys\.get_env\("(TF_VALUE_\d+)"\)/.exec(parent)![1];
    expect(parent).toBe(`\${"projects/" + (sys.get_env("${variable}")) + "/locations/europe-west4/workflows/acme-ml-churn"}`);
    expect(tfEnv[variable]).toBe(synth.ref('google_project', 'Pipeline/ServiceAgent/Project', 'project_id'));
    expect(built.pipeline.workflowName).toBe('acme-ml-churn');
  });

  test('the queries carry the table names as placeholders the workflow fills from the environment', () => {
    const init = Object.assign({}, ...step(source.main.steps, 'init').assign);
    expect(init.read_window_sql).toMatch(/^SELECT field, statistic, value, level, breached FROM `@@TF_VALUE_\d+@@\.@@TF_VALUE_\d+@@\.drift_results` WHERE window_start = CAST\(@window_start AS TIMESTAMP\) AND baseline_id = @baseline_id/);
    const resolved = Object.assign({}, ...step(source.main.steps, 'resolve_tables').assign);
    for (const name of ['check_baseline_sql', 'insert_baseline_sql', 'clear_window_sql', 'insert_window_sql', 'read_window_sql']) {
      for (const placeholder of init[name].match(/@@TF_VALUE_\d+@@/g) ?? []) {
        expect(resolved[name]).toContain(`"${placeholder}", sys.get_env("${placeholder.slice(2, -2)}")`);
        expect(tfEnv[placeholder.slice(2, -2)]).toMatch(/^\$\{(data\.)?google_/);
      }
    }
  });
});

describe('the workflow, run', () => {
  /** Environment: the project, the execution, and the Terraform values as short fake names. */
  const env = () => ({
    GOOGLE_CLOUD_PROJECT_ID: 'acme', GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID: 'exec-1',
    ...Object.fromEntries(Object.keys(built.monitor.workflowEnvironment).map((k) => [k, `tf${k.slice('TF_VALUE_'.length)}`])),
  });
  /** 2024-05-02 00:10 UTC plus 5 s. */
  const NOW = Date.UTC(2024, 4, 2, 0, 10, 5) / 1000;
  interface Scenario { baselineRows: number; rows: Array<[string, string, string | null, string, boolean]>; failJob?: string }
  function run(scenario: Scenario, args: unknown = { trigger: 'schedule' }) {
    const jobs: Array<{ jobId: string; sql: string; parameters: any[] }> = [];
    const connectors = {
      'googleapis.bigquery.v2.jobs.insert': (a: any) => {
        const jobId = a.body.jobReference.jobId;
        jobs.push({ jobId, sql: a.body.configuration.query.query, parameters: a.body.configuration.query.queryParameters });
        const failed = scenario.failJob !== undefined && jobId.includes(scenario.failJob);
        return { jobReference: { projectId: a.projectId, jobId, location: a.body.jobReference.location }, status: { state: 'DONE', ...(failed ? { errorResult: { reason: 'invalidQuery' } } : {}) } };
      },
      'googleapis.bigquery.v2.jobs.getQueryResults': (a: any) => {
        if (a.jobId.includes('-check-')) {
          return { rows: [{ f: [{ v: String(scenario.baselineRows) }] }] };
        }
        return scenario.rows.length === 0 ? { totalRows: '0' } : { rows: scenario.rows.map((r) => ({ f: r.map((v) => ({ v: typeof v === 'boolean' ? String(v) : v })) })) };
      },
      'googleapis.monitoring.v3.projects.timeSeries.create': () => ({}),
      'googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create': (a: any) => ({ name: `${a.parent}/executions/retrain-1`, argument: a.body.argument }),
    };
    const outcome = runWorkflow(source, args, { connectors, env: env(), now: NOW });
    return { ...outcome, jobs, of: (name: string) => outcome.calls.filter((c: ConnectorCall) => c.name === name) };
  }
  const quiet: Scenario['rows'] = [
    ['orders_7d', 'psi', '0.02', 'ok', false], ['orders_7d', 'ks', '0.03', 'ok', false], ['orders_7d', 'missing_rate', '0', 'ok', false],
    ['vip', 'psi', '0.11', 'warn', false], ['vip', 'unseen_share', null, 'none', false], ['vip', 'missing_rate', '0.5', 'none', false],
  ];

  test('no drift: the last whole UTC day is computed, every statistic with a value written as a metric, no retraining', () => {
    const r = run({ baselineRows: 42, rows: quiet });
    expect(r.result).toEqual({ windowStart: '2024-05-01 00:00:00', windowEnd: '2024-05-02 00:00:00', baselineId: 'churn-v1', statistics: 6, breached: [], retrainingExecution: null });
    // The baseline exists: check, then clear → insert → read the window.
    expect(r.jobs.map((j) => j.jobId)).toEqual(['churn-requests-check-exec-1', 'churn-requests-clear-exec-1', 'churn-requests-window-exec-1', 'churn-requests-read-exec-1']);
    const windowJob = r.jobs.find((j) => j.jobId.includes('-window-'))!;
    // The query sent is the generated window query, with the Terraform values in place of their tokens.
    const pattern = built.monitor.windowQuery.split(/\$\{TfToken\[TOKEN\.\d+\]\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('tf\\d+');
    expect(windowJob.sql).toMatch(new RegExp(`^${pattern}$`));
    expect(windowJob.sql).not.toContain('@@');
    expect(windowJob.parameters).toEqual(expect.arrayContaining([
      { name: 'window_start', parameterType: { type: 'STRING' }, parameterValue: { value: '2024-05-01 00:00:00' } },
      { name: 'window_end', parameterType: { type: 'STRING' }, parameterValue: { value: '2024-05-02 00:00:00' } },
      { name: 'baseline_id', parameterType: { type: 'STRING' }, parameterValue: { value: 'churn-v1' } },
    ]));
    const writes = r.of('googleapis.monitoring.v3.projects.timeSeries.create');
    expect(writes).toHaveLength(5); // the row without a value is skipped
    const [first] = writes;
    expect(first.args.name).toBe('projects/acme');
    expect(first.args.body.timeSeries).toEqual([
      expect.objectContaining({ metric: { type: built.monitor.metricTypes.statistic, labels: { field: 'orders_7d', statistic: 'psi' } }, resource: { type: 'global', labels: { project_id: 'acme' } }, valueType: 'DOUBLE', points: [{ interval: { endTime: '2024-05-02T00:10:05.000000Z' }, value: { doubleValue: 0.02 } }] }),
      expect.objectContaining({ metric: { type: built.monitor.metricTypes.level, labels: { field: 'orders_7d', statistic: 'psi' } }, valueType: 'INT64', points: [{ interval: { endTime: '2024-05-02T00:10:05.000000Z' }, value: { int64Value: 0 } }] }),
    ]);
    expect(writes[3].args.body.timeSeries[1].points[0].value).toEqual({ int64Value: 1 }); // warn
    expect(writes[4].args.body.timeSeries[1].points[0].value).toEqual({ int64Value: -1 }); // a value without thresholds
    expect(r.of('googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create')).toEqual([]);
  });

  test('drift: a breached statistic starts the training pipeline\'s workflow with the window and what breached', () => {
    const r = run({ baselineRows: 42, rows: [...quiet, ['spend_7d', 'psi', '0.31', 'alarm', true], ['spend_7d', 'ks', '0.4', 'alarm', true]] });
    const starts = r.of('googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create');
    expect(starts).toHaveLength(1);
    const variable = /sys\.get_env\("TF_VALUE_(\d+)"\)/.exec(step(source.main.steps, 'start_retraining').args.parent)![1];
    expect(starts[0].args.parent).toBe(`projects/tf${variable}/locations/europe-west4/workflows/acme-ml-churn`);
    expect(JSON.parse(starts[0].args.body.argument)).toEqual({
      trigger: 'drift', driftMonitor: 'churn-requests', windowStart: '2024-05-01 00:00:00', windowEnd: '2024-05-02 00:00:00', baselineId: 'churn-v1', breached: ['spend_7d/psi', 'spend_7d/ks'],
    });
    expect(r.result).toMatchObject({ breached: ['spend_7d/psi', 'spend_7d/ks'], retrainingExecution: expect.stringMatching(/\/workflows\/acme-ml-churn\/executions\/retrain-1$/) });
    // The alarm levels reach the metric the alert watches (2 > 1.5) before the retraining starts.
    const levels = r.of('googleapis.monitoring.v3.projects.timeSeries.create').map((c) => c.args.body.timeSeries[1].points[0].value.int64Value);
    expect(levels.slice(-2)).toEqual([2, 2]);
    expect(r.calls.map((c) => c.name).lastIndexOf('googleapis.monitoring.v3.projects.timeSeries.create'))
      .toBeLessThan(r.calls.map((c) => c.name).indexOf('googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create'));
  });

  test('a missing baseline is computed from the baseline source before the window', () => {
    const r = run({ baselineRows: 0, rows: quiet });
    expect(r.jobs.map((j) => j.jobId.replace(/-exec-1$/, ''))).toEqual(['churn-requests-check', 'churn-requests-baseline', 'churn-requests-clear', 'churn-requests-window', 'churn-requests-read']);
    const baseline = r.jobs[1];
    expect(baseline.sql).toMatch(/^INSERT INTO `tf\d+\.tf\d+\.drift_baseline`/);
    expect(baseline.sql).toContain('FROM `tf');
    expect(baseline.sql).toContain('.customer_daily` WHERE `computed_at` >= TIMESTAMP');
    expect(baseline.parameters).toEqual([{ name: 'baseline_id', parameterType: { type: 'STRING' }, parameterValue: { value: 'churn-v1' } }]);
  });

  test('an execution argument with windowEnd computes that window (a backfill); a run without argument the last one', () => {
    expect(run({ baselineRows: 1, rows: [] }, { windowEnd: '2024-04-20T00:00:00Z' }).result).toMatchObject({ windowStart: '2024-04-19 00:00:00', windowEnd: '2024-04-20 00:00:00', statistics: 0 });
    expect(run({ baselineRows: 1, rows: [] }, null).result).toMatchObject({ windowStart: '2024-05-01 00:00:00' });
  });

  test('a failed BigQuery job fails the run with DriftQueryFailed (an execution the failed-executions alert counts)', () => {
    let raised: unknown;
    try {
      run({ baselineRows: 1, rows: [['spend_7d', 'psi', '0.9', 'alarm', true]], failJob: '-window-' });
    } catch (e) {
      raised = e;
    }
    expect(raised).toBeInstanceOf(WorkflowRaise);
    expect((raised as WorkflowRaise).raised).toMatchObject({ code: 'DriftQueryFailed', message: 'BigQuery job churn-requests-window-exec-1 failed: {"reason":"invalidQuery"}' });
  });

  test('without retrain, a breach is reported (metric and alert) and nothing is started', () => {
    const stack = newStack();
    const { monitor } = monitored(stack, { retrain: undefined });
    const doc = JSON.parse(monitor.workflowSource);
    expect(names(doc.main.steps)).not.toContain('start_retraining');
    expect(JSON.stringify(doc)).not.toContain('workflowexecutions');
    expect(monitor).toBeInstanceOf(DriftMonitor);
    expect(new Synth(stack).at('google_monitoring_alert_policy', 'Drift/Alerts/Drift').documentation.content).toContain('No retraining is configured');
  });
});

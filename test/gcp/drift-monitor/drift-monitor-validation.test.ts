/**
 * DriftMonitor's bad input — the list (monitored fields, thresholds, bins, windows, label
 * joins, schedules, capture) and the construct's own props — each refused at synth time with the
 * construct path, the property, the value and what is allowed, including input from plain
 * JavaScript. Also the schedule's cron rendering and the import.
 */
import { Testing } from 'cdktf';
import { CapturedRecords, DriftTable, FieldType, LabelJoin, ProblemType, TableSchema, WindowPartitioning } from 'mlops-constructs';
import {
  DRIFT_MONITOR_WARNINGS, DriftBaseline, DriftMonitor, DriftSchedule, Duration, ModelEndpoint, ModelEndpointPlatform,
} from 'mlops-constructs/gcp';
import { importedLake, newStack, Synth } from '../support';
import { pipeline } from '../training-pipeline/fixtures';
import { churnDrift, churnRequests, monitored } from './fixtures';

const build = (props: Record<string, unknown> = {}, endpointProps: Record<string, unknown> = {}) => () => monitored(newStack(), props as any, endpointProps as any);

describe('the spec (core DriftSpec problems, reported under spec)', () => {
  test.each([
    ['not a DriftSpec (plain JavaScript)', { spec: { schema: churnRequests } }, /\[stack\/Drift\] invalid spec: .*Allowed: a DriftSpec/],
    ['null', { spec: null }, /invalid spec: null/],
    ['a monitored field not in the schema', { spec: churnDrift({ fields: ['orders_7d', 'nope'] }) }, /invalid spec\.fields\[1\]: "nope"\. Allowed: a field of schema "churn_requests"/],
    ['a field whose type has no statistic', { spec: churnDrift({ fields: ['requested_at'] }) }, /invalid spec\.fields\[0\]: "requested_at"\. Allowed: a value field/],
    ['a negative threshold', { spec: churnDrift({ thresholds: { psi: { warn: -0.1 } } }) }, /invalid spec\.thresholds\.psi\.warn: -0\.1\. Allowed: a finite number, 0 or more/],
    ['a warn above the alarm', { spec: churnDrift({ thresholds: { psi: { warn: 0.3, alarm: 0.2 } } }) }, /invalid spec\.thresholds\.psi\.warn: 0\.3\. Allowed: at most the alarm level \(0\.2\)/],
    ['bins < 2', { spec: churnDrift({ bins: 1 }) }, /invalid spec\.bins: 1\. Allowed: an integer from 2 to 100/],
    ['bins > 100', { spec: churnDrift({ bins: 101 }) }, /invalid spec\.bins: 101\. Allowed: an integer from 2 to 100/],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('a label table without the join key', () => {
    const labels = new TableSchema({ name: 'churn_labels', fields: [{ name: 'churned', type: FieldType.BOOLEAN }] });
    const schema = new TableSchema({ name: 'churn_requests', fields: [...churnRequests.fields, { name: 'score', type: FieldType.FLOAT64 }, { name: 'request_id', type: FieldType.STRING }], eventTime: 'requested_at' });
    const spec = churnDrift({ schema, predictionField: 'score', modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: labels, labelField: 'churned', join: LabelJoin.onRequestId('request_id') } });
    expect(build({ spec })).toThrow(/invalid spec\.modelQuality\.join: "request_id"\. Allowed: a field of label schema "churn_labels" carrying the join key "request_id"/);
  });

  test('model quality without a label table', () => {
    const labels = new TableSchema({ name: 'churn_labels', fields: [{ name: 'request_id', type: FieldType.STRING }, { name: 'churned', type: FieldType.BOOLEAN }] });
    const schema = new TableSchema({ name: 'churn_requests', fields: [...churnRequests.fields, { name: 'score', type: FieldType.FLOAT64 }, { name: 'request_id', type: FieldType.STRING }], eventTime: 'requested_at' });
    const spec = churnDrift({ schema, fields: ['orders_7d'], predictionField: 'score', modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: labels, labelField: 'churned', join: LabelJoin.onRequestId('request_id') } });
    const stack = newStack();
    const p = pipeline(stack);
    // The baseline source holds the prediction too: the training data, scored by the model.
    p.lake.addTable('curated', new TableSchema({ name: 'scored_training', fields: [{ name: 'orders_7d', type: FieldType.INT64 }, { name: 'score', type: FieldType.FLOAT64 }] }));
    const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', region: 'europe-west4', captureLake: p.lake });
    const props = { spec, lake: p.lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'scored_training') };
    expect(() => new DriftMonitor(stack, 'Drift', props)).toThrow(/\[stack\/Drift\] invalid labels: undefined\. Allowed: a label table: the spec has modelQuality/);
    const monitor = new DriftMonitor(stack, 'WithLabels', { ...props, resultsZone: 'raw', labels: { table: DriftTable.named(['acme-ml', 'acme_ml_curated', 'churn_labels']) } });
    expect(monitor.windowQuery).toContain('`acme-ml.acme_ml_curated.churn_labels`');
    expect(monitor.windowQuery).toContain("'auc' AS statistic");
  });
});

describe('the records', () => {
  test('an endpoint without capture', () => {
    expect(build({}, { captureLake: undefined, captureSamplingPercentage: undefined }))
      .toThrow(/\[stack\/Drift\] invalid endpoint: "stack\/Endpoint"\. Allowed: an endpoint with capture on/);
  });

  test('an imported endpoint whose capture samples nothing', () => {
    const stack = newStack();
    const endpoint = ModelEndpoint.fromModelEndpointAttributes(stack, 'Imported', {
      endpointName: '123', region: 'europe-west4', servingAccountEmail: 'serving@acme.iam.gserviceaccount.com',
      capture: { project: 'acme', datasetId: 'raw', tableId: 'churn_request_response_logging', samplingPercentage: 0, vertexRequestResponseLogging: true },
    });
    expect(() => monitored(stack, { endpoint })).toThrow(/invalid endpoint\.capture\.samplingPercentage: 0\. Allowed: a sampling percentage greater than 0/);
  });

  test('an imported endpoint with its capture: the monitor reads and grants on the capture dataset given', () => {
    const stack = newStack();
    const endpoint = ModelEndpoint.fromModelEndpointAttributes(stack, 'Imported', {
      endpointName: '123', region: 'europe-west4', servingAccountEmail: 'serving@acme.iam.gserviceaccount.com',
      capture: { project: 'acme-serving', datasetId: 'logs', tableId: 'churn_request_response_logging', samplingPercentage: 10, vertexRequestResponseLogging: true },
    });
    const { monitor } = monitored(stack, { endpoint });
    expect(monitor.windowQuery).toContain('FROM `acme-serving.logs.churn_request_response_logging` AS l');
    const member = new Synth(stack).ref('google_service_account', 'Drift/ServiceAccount', 'member');
    expect(new Synth(stack).resources('google_bigquery_dataset_iam_member').filter((b) => b.config.member === member && b.config.dataset_id === 'logs')
      .map((b) => [b.config.project, b.config.role])).toEqual([['acme-serving', 'roles/bigquery.dataViewer']]);
  });

  test('a Cloud Run endpoint: its container\'s capture layout is its own', () => {
    expect(build({}, { prefix: 'churn-run', platform: ModelEndpointPlatform.cloudRun({ image: 'europe-docker.pkg.dev/acme/ml/churn:1' }) }))
      .toThrow(/invalid endpoint: "stack\/Endpoint"\. Allowed: a Vertex AI endpoint: a Cloud Run container writes its captures in a layout of its own/);
  });

  test('both endpoint and records, or neither', () => {
    const records = CapturedRecords.table({ table: DriftTable.named(['acme', 'raw', 'requests']) });
    expect(build({ records })).toThrow(/invalid endpoint: "\(both endpoint and records\)"\. Allowed: exactly one of endpoint/);
    expect(build({ endpoint: undefined })).toThrow(/invalid records: undefined\. Allowed: exactly one of endpoint/);
  });

  test('records of the wrong kind', () => {
    expect(build({ endpoint: undefined, records: { table: 'x' } })).toThrow(/invalid records: .*Allowed: CapturedRecords\.table/);
    expect(build({ endpoint: undefined, records: CapturedRecords.sageMakerCapture({ table: DriftTable.named(['lake_raw', 'capture']) }) }))
      .toThrow(/invalid records: "sageMakerCapture"\. Allowed: .*SageMaker capture is an AWS table/);
  });

  test('records given as SQL text: a warning, since no read access can be granted', () => {
    const stack = newStack();
    const { monitor } = monitored(stack, { endpoint: undefined, records: CapturedRecords.table({ table: DriftTable.sql('`acme.raw.requests` TABLESAMPLE SYSTEM (10 PERCENT)') }) });
    Testing.synth(stack);
    const warnings = monitor.node.metadata.map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining(`[${DRIFT_MONITOR_WARNINGS.ungrantedTable}] the records table is SQL text`)]);
  });
});

describe('window and schedule', () => {
  test.each([
    ['shorter than an hour', Duration.minutes(30)],
    ['not dividing a day', Duration.hours(5)],
    ['longer than 31 days', Duration.days(32)],
    ['a number (plain JavaScript)', 3600],
  ])('a window %s', (_name, window) => {
    expect(build({ window })).toThrow(/invalid window: .*Allowed: a Duration of 1, 2, 3, 4, 6, 8, 12 hours or 1 to 31 whole days/);
  });

  test('a window shorter than the records\' partition granularity', () => {
    const records = CapturedRecords.table({ table: DriftTable.named(['acme', 'raw', 'requests']), partitioning: WindowPartitioning.dateColumn() });
    expect(build({ endpoint: undefined, records, window: Duration.hours(1) }))
      .toThrow(/invalid window: "1 hour"\. Allowed: a window of at least 24 hour\(s\): the records' partition column \(event_date, yyyy-MM-dd\)/);
  });

  test('a schedule more frequent than the window', () => {
    expect(build({ schedule: DriftSchedule.rate(Duration.hours(1)) }))
      .toThrow(/invalid schedule: "DriftSchedule\.rate\(1 hour\)"\. Allowed: a schedule at most once per window \(24 hour\(s\)\); this one runs 60 minutes apart/);
    expect(build({ window: Duration.hours(1), schedule: DriftSchedule.cron('0,30 * * * *') }))
      .toThrow(/invalid schedule: .*this one runs 30 minutes apart/);
    expect(build({ schedule: DriftSchedule.cron('0 6,18 * * *') })).toThrow(/runs 720 minutes apart/);
  });

  test('a bad schedule', () => {
    expect(build({ schedule: DriftSchedule.rate(Duration.minutes(90)) })).toThrow(/invalid schedule\.interval: .*Allowed: a Duration of 1, 2, 3, 4, 6, 8, 12 or 24 hours, or 7 days/);
    expect(build({ schedule: DriftSchedule.cron('0 25 * * *') })).toThrow(/invalid schedule\.expression: "0 25 \* \* \*"\. Allowed: Cloud Scheduler's unix cron/);
    expect(build({ schedule: DriftSchedule.cron('0 1 * * *', 'Mars/Olympus') })).toThrow(/invalid schedule\.timeZone: "Mars\/Olympus"/);
    expect(build({ schedule: '0 1 * * *' })).toThrow(/invalid schedule: "0 1 \* \* \*"\. Allowed: DriftSchedule\.rate/);
  });

  test('a schedule less frequent than the window: a warning, and the cron as given', () => {
    const stack = newStack();
    const { monitor } = monitored(stack, { schedule: DriftSchedule.cron('30 6 * * 1', 'Europe/Paris') });
    expect(monitor.node.metadata.map((m) => String(m.data))).toEqual([expect.stringContaining(`[${DRIFT_MONITOR_WARNINGS.windowsSkipped}]`)]);
    expect(new Synth(stack).at('google_cloud_scheduler_job', 'Drift/Schedule')).toMatchObject({ schedule: '30 6 * * 1', time_zone: 'Europe/Paris' });
  });

  test.each([
    [Duration.hours(1), '15 * * * *'],
    [Duration.hours(6), '15 */6 * * *'],
    [Duration.days(1), '15 0 * * *'],
    [Duration.days(7), '15 0 * * 4'],
  ])('rate(%s) runs once per window, 15 minutes after it ends', (interval, cron) => {
    const stack = newStack();
    const { monitor } = monitored(stack, { window: interval as Duration });
    expect(new Synth(stack).at('google_cloud_scheduler_job', 'Drift/Schedule').schedule).toBe(cron);
    expect(monitor.windowSeconds).toBe((interval as Duration).toSeconds());
    expect(JSON.parse(monitor.workflowSource).main.steps[0].init.assign).toContainEqual({ window_seconds: (interval as Duration).toSeconds() });
  });
});

describe('the other props', () => {
  test('a baseline that is not a lake table of the monitor\'s lake', () => {
    expect(build({ baseline: 'customer_daily' })).toThrow(/invalid baseline: "customer_daily"\. Allowed: DriftBaseline\.fromLakeTable/);
    expect(build({ baseline: DriftBaseline.fromLakeTable('curated', 'nope') })).toThrow(/invalid baseline\.tableName: "nope"\. Allowed: a table of the lake's "curated" zone \(customer_daily\)/);
    expect(build({ baseline: DriftBaseline.fromLakeTable('gold', 'x') })).toThrow(/invalid baseline\.zone: "gold"\. Allowed: one of the lake's zones/);
    expect(build({ baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'v 1' }) })).toThrow(/invalid baseline\.baselineId: "v 1"/);
  });

  test('a baseline table without a monitored field, or with another type', () => {
    const spec = churnDrift({ schema: new TableSchema({ name: 'churn_requests', fields: [{ name: 'orders_7d', type: FieldType.FLOAT64 }, { name: 'requested_at', type: FieldType.TIMESTAMP }], eventTime: 'requested_at' }) });
    expect(build({ spec })).toThrow(/invalid baseline\.tableName: "customer_daily"\. Allowed: a table holding every monitored field with its spec type: "orders_7d" is int64 there, float64 in the spec/);
  });

  test('a results zone the lake does not have, or one that has drift tables already', () => {
    expect(build({ resultsZone: 'gold' })).toThrow(/invalid resultsZone: "gold"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
    const stack = newStack();
    const { lake, endpoint } = monitored(stack);
    expect(() => new DriftMonitor(stack, 'Second', { spec: churnDrift(), lake, endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') }))
      .toThrow(/\[stack\/Second\] invalid resultsZone: "curated"\. Allowed: a zone without a "drift_results" table: one drift monitor per zone/);
  });

  test('notification channels, iam, retrain, region, prefix', () => {
    expect(build({ notificationChannels: ['7'] })).toThrow(/invalid notificationChannels\[0\]: "7"/);
    expect(build({ iam: { 'roles/workflows.invoker': ['group:a@example.com'] } })).toThrow(/invalid iam\["roles\/workflows\.invoker"\]: .*Allowed: no role/);
    expect(build({ retrain: 'acme-ml-churn' })).toThrow(/invalid retrain: "acme-ml-churn"\. Allowed: a TrainingPipeline of mlops-constructs\/gcp/);
    expect(build({ region: 'Europe' })).toThrow(/invalid region: "Europe"/);
    expect(build({ prefix: 'a-very-long-prefix-indeed' })).toThrow(/invalid prefix: "a-very-long-prefix-indeed"\. Allowed: a prefix that makes "a-very-long-prefix-indeed-drift" a service account id/);
    expect(build({ props: undefined, spec: churnDrift(), lake: {} })).toThrow(/invalid lake: \{\}\. Allowed: a DataLake of mlops-constructs\/gcp/);
  });

  test('props that are not an object (plain JavaScript)', () => {
    expect(() => new DriftMonitor(newStack(), 'Drift', null as any)).toThrow(/\[stack\/Drift\] invalid props: null/);
  });
});

describe('import', () => {
  test('an imported monitor grants reading its results table and starting it', () => {
    const stack = newStack();
    const lake = importedLake(stack);
    const imported = DriftMonitor.fromDriftMonitorAttributes(stack, 'Imported', { workflowName: 'acme-churn-drift', region: 'us-central1', project: 'acme-data', monitorName: 'churn', lake });
    imported.grantReadResults('group:analysts@example.com');
    imported.grantStart('group:ml-oncall@example.com');
    expect(imported.workflowId).toBe('projects/acme-data/locations/us-central1/workflows/acme-churn-drift');
    expect([imported.monitorName, imported.resultsZone]).toEqual(['churn', 'curated']);
    const synth = new Synth(stack);
    expect(synth.at('google_bigquery_table_iam_member', 'Imported/ReadResults/group:analysts@example.com'))
      .toMatchObject({ project: 'acme-data', dataset_id: 'acme_ml_curated', table_id: 'drift_results', role: 'roles/bigquery.dataViewer' });
    expect(synth.at('google_project_iam_member', 'Imported/Start/group:ml-oncall@example.com')).toMatchObject({ project: 'acme-data', role: 'roles/workflows.invoker' });
  });

  test('bad attributes', () => {
    const stack = newStack();
    const lake = importedLake(stack);
    const attrs = { workflowName: 'acme-churn-drift', region: 'us-central1', monitorName: 'churn', lake };
    let n = 0;
    const imp = (a: unknown) => () => DriftMonitor.fromDriftMonitorAttributes(stack, `I${n++}`, a as any);
    expect(imp({ ...attrs, workflowName: '1bad' })).toThrow(/invalid workflowName: "1bad"/);
    expect(imp({ ...attrs, lake: {} })).toThrow(/invalid lake: \{\}\. Allowed: a DataLake/);
    expect(imp({ ...attrs, monitorName: 7 })).toThrow(/invalid monitorName: 7/);
    expect(imp({ ...attrs, resultsZone: 'gold' })).toThrow(/invalid resultsZone: "gold"/);
    expect(imp(null)).toThrow(/invalid attrs: null/);
    expect(imp({ ...attrs, region: 'Europe' })).toThrow(/invalid region: "Europe"/);
  });
});

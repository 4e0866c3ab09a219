/**
 * DriftMonitor: the synthesized loop schedule → queries → metrics → alarm → retraining, asserted on
 * the template and on the state machine definition; the capture table over the endpoint's hour
 * path; the drift tables in the lake; grants and the import.
 */
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Parser } from 'node-sql-parser';
import { CapturedRecords, DriftStatistic, DriftTable, FieldType, LabelJoin, ProblemType, TableSchema, WindowPartitioning } from 'mlops-constructs';
import { DataLake, DriftBaseline, DriftMonitor, DriftSchedule } from 'mlops-constructs/aws';
import { driftSpec, monitorStack, scoredCustomers } from './fixtures';

const templateOf = (stack: any) => Template.fromStack(stack);

type State = { Type: string; Next?: string; End?: boolean; Default?: string; Choices?: Array<{ Condition: string; Next: string }>; [key: string]: any };
interface Definition { StartAt: string; States: Record<string, State>; QueryLanguage?: string }

/** The drift monitor's state machine definition, tokens replaced by `<Ref:LogicalId>` / `<GetAtt:LogicalId.Attr>`. */
function definitionOf(template: Template, logicalIdPrefix = 'Drift'): Definition {
  const [machine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith(logicalIdPrefix));
  const body = machine[1].Properties.DefinitionString;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  const text = parts.map((p: any) => (typeof p === 'string' ? p : p.Ref ? `<Ref:${p.Ref}>` : p['Fn::GetAtt'] ? `<GetAtt:${p['Fn::GetAtt'].join('.')}>` : '<token>')).join('');
  return JSON.parse(text);
}

/** States from StartAt following Next, and a Choice's first branch when `branch` is true, else its Default. */
function path(d: Definition, branch: boolean): string[] {
  const out: string[] = [];
  for (let name: string | undefined = d.StartAt; name !== undefined;) {
    out.push(name);
    const s: State = d.States[name];
    name = s.Type === 'Choice' ? (branch ? s.Choices![0].Next : s.Default) : s.Next;
  }
  return out;
}

const resource = (s: State) => String(s.Resource).replace(/^arn:<Ref:AWS::Partition>/, 'arn:aws');
const markers = (sql: string) => (sql.match(/\?/g) ?? []).length;
const parameterList = (s: State) => {
  const expression: string = s.Arguments.ExecutionParameters;
  return expression.replace(/^\{% \[/, '').replace(/\] %\}$/, '').split(/, (?=")/);
};

describe('a monitor of an endpoint\'s capture that retrains the pipeline', () => {
  const { stack, lake, endpoint, pipeline } = monitorStack();
  const monitor = new DriftMonitor(stack, 'Drift', {
    spec: driftSpec(),
    lake,
    endpoint,
    baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: 'training-2026-11' }),
    retrain: pipeline,
  });
  const template = Template.fromStack(stack);
  const definition = definitionOf(template);
  const states = definition.States;
  const machineId = stack.getLogicalId(monitor.stateMachine.node.defaultChild as any);
  const pipelineId = stack.getLogicalId(pipeline.stateMachine.node.defaultChild as any);

  test('schedule: EventBridge Scheduler starts the monitor once per window (00:10 UTC for a day), with a role that may only start it', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(10 0 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      Target: { Arn: { Ref: machineId }, RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DriftScheduleRole'), 'Arn'] }, Input: '{}' },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^DriftScheduleRole') }],
      PolicyDocument: { Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: machineId } }] },
    });
  });

  test('the run: window → baseline check → window query → read → metrics → drift choice, in JSONata', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(path(definition, false)).toEqual(['Window', 'Baseline: check', 'Baseline: count', 'Baseline missing?', 'Window query', 'Read results', 'Results', 'Publish metrics', 'Drift alarm?', 'Done']);
    // With the baseline missing and drift found: the baseline first, then retraining unless it runs already.
    expect(path(definition, true)).toEqual(['Window', 'Baseline: check', 'Baseline: count', 'Baseline missing?', 'Baseline', 'Window query', 'Read results', 'Results',
      'Publish metrics', 'Drift alarm?', 'Retraining: running?', 'Retraining idle?', 'Start retraining', 'Done']);
    expect(states['Baseline missing?'].Choices![0].Condition).toBe('{% $baselineRows = 0 %}');
    expect(states['Drift alarm?'].Choices![0].Condition).toBe('{% $breaches > 0 %}');
    expect(states['Retraining idle?'].Choices![0].Condition).toBe('{% $states.input.retrainingRunning = false %}');
  });

  test('each step is a service call: Athena queries waited for (.sync), results read, PutMetricData, StartExecution of the pipeline', () => {
    for (const name of ['Baseline: check', 'Baseline', 'Window query', 'Read results']) {
      expect([name, resource(states[name])]).toEqual([name, 'arn:aws:states:::athena:startQueryExecution.sync']);
      expect(states[name].Arguments.WorkGroup).toBe(lake.athenaWorkGroupName);
    }
    expect(resource(states['Baseline: count'])).toBe('arn:aws:states:::aws-sdk:athena:getQueryResults');
    expect(resource(states.Results)).toBe('arn:aws:states:::aws-sdk:athena:getQueryResults');
    expect(resource(states['Publish metrics'])).toBe('arn:aws:states:::aws-sdk:cloudwatch:putMetricData');
    expect(resource(states['Retraining: running?'])).toBe('arn:aws:states:::aws-sdk:sfn:listExecutions');
    expect(states['Retraining: running?'].Arguments).toEqual({ StateMachineArn: `<Ref:${pipelineId}>`, StatusFilter: 'RUNNING', MaxResults: 1 });
    expect(resource(states['Start retraining'])).toBe('arn:aws:states:::states:startExecution');
    expect(states['Start retraining'].Arguments.StateMachineArn).toBe(`<Ref:${pipelineId}>`);
  });

  test('the run it starts is the training pipeline\'s: its gate registers a challenger or promotes a better model, and a model below the bar fails', () => {
    const started = definitionOf(template, 'Churn');
    expect(Object.keys(started.States)).toEqual(expect.arrayContaining(['Prepare', 'Train', 'Evaluate', 'Gate', 'Gate decision', 'Register', 'Model below bar']));
    expect(started.States['Gate decision'].Choices![0].Next).toBe('Model below bar');
    expect(started.States['Gate decision'].Default).toBe('Register');
    expect(started.States.Register.Arguments.ModelApprovalStatus).toBe('{% $gate.approvalStatus %}');
  });

  test('the queries the run sends are the monitor\'s, each ? bound from ExecutionParameters in order (window texts, baseline id)', () => {
    expect(states['Window query'].Arguments.QueryString).toBe(monitor.windowQuery);
    expect(states.Baseline.Arguments.QueryString).toBe(monitor.baselineQuery);
    expect(states['Read results'].Arguments.QueryString).toBe(monitor.resultsQuery);
    for (const name of ['Baseline: check', 'Baseline', 'Window query', 'Read results']) {
      const params = parameterList(states[name]);
      expect([name, params.length]).toEqual([name, markers(states[name].Arguments.QueryString)]);
      for (const p of params) {
        expect(["\"'\" & $windowStart & \"'\"", "\"'\" & $windowEnd & \"'\"", "\"'\" & $windowDate & \"'\"", "\"'training-2026-11'\""]).toContain(p);
      }
    }
    expect(parameterList(states['Read results'])).toEqual(["\"'\" & $windowDate & \"'\"", "\"'\" & $windowStart & \"'\"", "\"'training-2026-11'\""]);
    expect(monitor.windowQuery).toMatch(/^INSERT INTO "[a-z0-9_]+_curated"\."drift_results" \("window_start", .*"breached", "event_date"\) SELECT drift_rows\.\*, CAST\(drift_rows\.window_start AS DATE\)/);
    expect(monitor.baselineQuery).toMatch(/^INSERT INTO "[a-z0-9_]+_curated"\."drift_baseline" /);
    expect(monitor.baselineQuery).toContain(`FROM "${lake.glueDatabaseName('curated')}"."customer_daily"`);
  });

  test('the window ends at the last whole hour 10 minutes before the run (or at the input\'s windowEnd) and is one day long', () => {
    const assign = states.Window.Assign;
    expect(assign.windowEnd).toContain('$floor(($toMillis($states.context.Execution.StartTime) - 600000) / 3600000) * 3600000');
    expect(assign.windowEnd).toContain('$exists($states.input.windowEnd) ? $toMillis($states.input.windowEnd');
    expect(assign.windowStart).toContain('- 86400000)');
    expect(assign.windowDate).toMatch(/- 86400000\), "\[Y0001\]-\[M01\]-\[D01\]"\) %\}$/);
  });

  test('metrics: one data point per field and statistic (metric = statistic; Monitor, Field) and the window\'s Breaches and Warnings, in MlopsConstructs/Drift', () => {
    const publish = states['Publish metrics'].Arguments;
    expect(publish.Namespace).toBe('MlopsConstructs/Drift');
    expect(publish.MetricData).toContain(`{ "MetricName": "Breaches", "Dimensions": [{ "Name": "Monitor", "Value": "${monitor.monitorName}" }], "Value": $breaches, "Unit": "Count" }`);
    expect(publish.MetricData).toContain(`"MetricName": $r.statistic, "Dimensions": [{ "Name": "Monitor", "Value": "${monitor.monitorName}" }, { "Name": "Field", "Value": $r.field }], "Value": $r.value`);
    // The breaches are the rows read back at the alarm level.
    expect(states.Results.Assign.breaches).toMatch(/^\{% \$count\(\[\$map\(\$states\.result\.ResultSet\.Rows\[\[1\.\.999\]\].*\)\]\[level = "alarm"\]\) %\}$/);
    expect(monitor.resultsQuery).toContain('WHERE "event_date" = CAST(? AS DATE) AND window_start = CAST(? AS TIMESTAMP) AND baseline_id = ? AND value IS NOT NULL');
    expect(monitor.metricStatistic('spend_7d', DriftStatistic.PSI).dimensions).toEqual({ Monitor: monitor.monitorName, Field: 'spend_7d' });
  });

  test('alarms: drift (Breaches ≥ 1, state kept between runs) and failed runs, both notifying the encrypted topic; two alarms whatever the field count', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    const ours = Object.entries(alarms).filter(([id]) => id.startsWith('DriftAlarms'));
    expect(ours.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['DriftAlarmsDrift', 'DriftAlarmsFailedRuns']);
    const topicId = stack.getLogicalId(monitor.alarmTopic!.node.defaultChild as any);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'MlopsConstructs/Drift',
      MetricName: 'Breaches',
      Dimensions: [{ Name: 'Monitor', Value: monitor.monitorName }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'ignore',
      AlarmActions: [{ Ref: topicId }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'failed + timedOut + aborted' })]),
      AlarmActions: [{ Ref: topicId }],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(monitor.alarms).toEqual([monitor.driftAlarm, monitor.failedRunsAlarm]);
  });

  test('the role: PutMetricData only in the drift namespace, StartExecution and ListExecutions of the pipeline only, inserts under the two tables\' prefixes', () => {
    const roleId = stack.getLogicalId(monitor.role.node.defaultChild as any);
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => JSON.stringify(p.Properties.Roles ?? []).includes(roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: 'cloudwatch:PutMetricData', Effect: 'Allow', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'MlopsConstructs/Drift' } } });
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: pipelineId } });
    expect(statements).toContainEqual({ Action: 'states:ListExecutions', Effect: 'Allow', Resource: { Ref: pipelineId } });
    const insert = statements.find((s) => JSON.stringify(s.Action).includes('s3:PutObject') && JSON.stringify(s.Resource).includes('drift_results'));
    expect(JSON.stringify(insert.Resource)).toMatch(/\/drift_results\/\*".*\/drift_baseline\/\*"/);
    // No statement of the role grants anything on every resource except the namespace-bound metrics and log delivery / X-Ray.
    const wildcard = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(wildcard.every((a: string) => /^(cloudwatch:PutMetricData|logs:|xray:)/.test(a))).toBe(true);
  });

  test('the capture table: SageMaker JSON Lines under <prefix><endpoint>/<variant>/, projected by hour into capture_hour', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: lake.glueDatabaseName('raw'),
      TableInput: Match.objectLike({
        Name: 'scored_customers_capture',
        PartitionKeys: [Match.objectLike({ Name: 'capture_hour', Type: 'string' })],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.capture_hour.type': 'date',
          'projection.capture_hour.format': 'yyyy/MM/dd/HH',
          'projection.capture_hour.interval.unit': 'HOURS',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LakeZoneraw') }, '/captures/churn/churn/AllTraffic/${capture_hour}/']] },
        }),
        StorageDescriptor: Match.objectLike({
          SerdeInfo: Match.objectLike({ SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' }),
          Columns: [Match.objectLike({ Name: 'capturedata' }), Match.objectLike({ Name: 'eventmetadata' }), Match.objectLike({ Name: 'eventversion' })],
        }),
      }),
    });
    // The endpoint's capture really goes there.
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: Match.objectLike({ DestinationS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LakeZoneraw') }, '/captures/churn/']] }, InitialSamplingPercentage: 50 }),
    });
    expect(monitor.windowQuery).toContain(`FROM "${lake.glueDatabaseName('raw')}"."scored_customers_capture" c WHERE c."capture_hour" >= date_format(CAST(? AS TIMESTAMP), '%Y/%m/%d/%H')`);
  });

  test('drift_results and drift_baseline are lake tables of the results zone (results partitioned by event_date), retained with the lake', () => {
    expect(lake.tryFindTable('curated', 'drift_results')?.schema.eventTime).toBe('window_start');
    expect(lake.tryFindTable('curated', 'drift_baseline')).toBeDefined();
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: lake.glueDatabaseName('curated'),
      TableInput: Match.objectLike({ Name: 'drift_results', PartitionKeys: [Match.objectLike({ Name: 'event_date', Type: 'date' })] }),
    });
    template.hasResource('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('^Drift monitor TestStack/Drift'), EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { LogGroupName: `/aws/vendedlogs/states/${monitor.monitorName}` }, DeletionPolicy: 'Retain' });
  });

  test('grants: reading the results table, starting a run', () => {
    const other = monitorStack();
    const m = new DriftMonitor(other.stack, 'Drift', { spec: driftSpec(), lake: other.lake, endpoint: other.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') });
    const analyst = new iam.Role(other.stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    m.grantReadResults(analyst);
    m.grantStart(analyst);
    const t = Template.fromStack(other.stack);
    const statements = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => JSON.stringify(p.Properties.Roles ?? []).includes(other.stack.getLogicalId(analyst.node.defaultChild as any)))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: other.stack.getLogicalId(m.stateMachine.node.defaultChild as any) } });
    expect(JSON.stringify(statements)).toContain('/drift_results/*');
    expect(JSON.stringify(statements)).toContain(`:table/${other.lake.glueDatabaseName('curated')}/drift_results`);
    expect(JSON.stringify(statements)).toContain('kms:Decrypt');
  });
});

describe('without retraining, with alarm actions and a rate schedule', () => {
  const { stack, lake, endpoint } = monitorStack();
  const topic = new sns.Topic(stack, 'Pager');
  const monitor = new DriftMonitor(stack, 'Drift', {
    spec: driftSpec(),
    lake,
    endpoint,
    baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'),
    window: Duration.hours(6),
    schedule: DriftSchedule.rate(Duration.hours(6)),
    alarmActions: [new cloudwatchActions.SnsAction(topic)],
  });
  const template = Template.fromStack(stack);
  const definition = definitionOf(template);

  test('the run ends after the metrics; the window is six hours; the given actions are notified; no topic of its own', () => {
    expect(definition.States['Publish metrics'].Next).toBe('Done');
    expect(Object.keys(definition.States).filter((s) => /retrain/i.test(s))).toEqual([]);
    expect(definition.States.Window.Assign.windowStart).toContain('- 21600000)');
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(6 hours)' });
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as any) }] }, 2);
    expect(monitor.alarmTopic).toBeUndefined();
    expect(monitor.baselineId).toBe('curated.customer_daily');
  });
});

describe('an imported monitor', () => {
  test('grants and metrics from its attributes', () => {
    const { stack, lake } = monitorStack();
    const imported = DriftMonitor.fromDriftMonitorAttributes(stack, 'Imported', {
      stateMachineArn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:churn-drift',
      monitorName: 'churn-drift',
      lake,
    });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantStart(role);
    imported.grantReadResults(role);
    expect(imported.metricBreaches().dimensions).toEqual({ Monitor: 'churn-drift' });
    expect(imported.resultsZone).toBe('curated');
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: 'arn:aws:states:eu-west-1:111111111111:stateMachine:churn-drift' });
  });

});

describe('records from a lake table of the schema, partitioned by event date', () => {
  test('the window query reads the table\'s days of the window; no capture table; windows are whole days', () => {
    const { stack, lake } = monitorStack();
    const scored = (lake as DataLake).addTable('curated', scoredCustomers);
    const records = CapturedRecords.table({ table: DriftTable.named([scored.databaseName, scored.tableName]), partitioning: WindowPartitioning.dateColumn() });
    const monitor = new DriftMonitor(stack, 'Drift', { spec: driftSpec(), lake, records, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'), window: Duration.days(2) });
    expect(monitor.captureTable).toBeUndefined();
    expect(monitor.windowQuery).toContain(`FROM "${scored.databaseName}"."scored_customers" WHERE "event_date" >= date_format(CAST(? AS TIMESTAMP), '%Y-%m-%d')`);
    templateOf(stack).resourceCountIs('AWS::Scheduler::Schedule', 2);
    templateOf(stack).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(2 days)' });
  });
});

describe('model quality from a label table, and an imported lake', () => {
  test('the capture\'s inference id is the request id the labels join on; the label table is read within the window; the SQL parses', () => {
    const { stack, lake, endpoint } = monitorStack();
    (lake as DataLake).addTable('curated', scoredCustomers); // a scored dataset: the baseline of the prediction field too
    const labels = new TableSchema({ name: 'churn_labels', fields: [{ name: 'request_id', type: FieldType.STRING }, { name: 'churned', type: FieldType.BOOLEAN }, { name: 'labelled_at', type: FieldType.TIMESTAMP }], eventTime: 'labelled_at' });
    const spec = driftSpec({
      predictionField: 'score',
      modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: labels, labelField: 'churned', join: LabelJoin.onRequestId('request_id') },
    });
    const labelTable = (lake as DataLake).addTable('curated', labels);
    const monitor = new DriftMonitor(stack, 'Drift', {
      spec, lake, endpoint,
      baseline: DriftBaseline.fromLakeTable('curated', 'scored_customers'),
      labels: { table: DriftTable.named([labelTable.databaseName, labelTable.tableName]), partitioning: WindowPartitioning.dateColumn() },
    });
    expect(monitor.windowQuery).toContain('COALESCE(c.eventmetadata.inferenceid, c.eventmetadata.eventid) AS capture_request_id');
    expect(monitor.windowQuery).toContain(`FROM "${labelTable.databaseName}"."churn_labels" WHERE "event_date" >= date_format(CAST(? AS TIMESTAMP), '%Y-%m-%d')`);
    expect(monitor.windowQuery).toContain("'auc' AS statistic");
    expect(() => new Parser().astify(monitor.windowQuery, { database: 'trino' })).not.toThrow();
  });

  test('an imported lake: the drift tables are named in its results zone\'s database, not created', () => {
    const { stack, lake } = monitorStack();
    const imported = DataLake.fromDataLakeAttributes(stack, 'Existing', {
      zoneBuckets: { raw: lake.zoneBucket('raw'), curated: lake.zoneBucket('curated'), artifacts: lake.zoneBucket('artifacts') },
      glueDatabaseNames: { raw: 'acme_raw', curated: 'acme_curated', artifacts: 'acme_artifacts' },
      athenaWorkGroupName: 'acme',
      encryptionKey: lake.encryptionKey,
    });
    const records = CapturedRecords.table({ table: DriftTable.named(['acme_curated', 'scored_customers']), partitioning: WindowPartitioning.dateColumn() });
    const monitor = new DriftMonitor(stack, 'Drift', { spec: driftSpec(), lake: imported, records, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') });
    expect(monitor.windowQuery).toMatch(/^INSERT INTO "acme_curated"\."drift_results"/);
    expect(monitor.baselineQuery).toContain('FROM "acme_curated"."customer_daily"');
    const tables = Object.values(Template.fromStack(stack).findResources('AWS::Glue::Table')).map((t) => t.Properties.TableInput.Name);
    expect(tables.filter((n: string) => n.startsWith('drift_'))).toEqual([]);
    expect(definitionOf(Template.fromStack(stack)).States['Window query'].Arguments.WorkGroup).toBe('acme');
  });
});

/**
 * DriftMonitor bad input (issue 13's "Bad input" list, then the props a JavaScript caller can get
 * wrong): each a synth-time MlopsValidationError naming the construct path, the property, the value
 * and what is allowed.
 */
import { Duration } from 'aws-cdk-lib';
import { DriftSpec, FieldType, LabelJoin, MlopsValidationError, ProblemType, TableSchema } from 'mlops-constructs';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { DriftBaseline, DriftMonitor, DriftMonitorProps, DriftSchedule, ModelEndpoint, ModelEndpointImage, ModelEndpointModel } from 'mlops-constructs/aws';
import { driftSpec, monitorStack, scoredCustomers } from './fixtures';

function attempt(props: (f: ReturnType<typeof monitorStack>) => Partial<DriftMonitorProps> | unknown, endpointProps = {}): MlopsValidationError {
  const fixture = monitorStack(endpointProps);
  const base = { spec: driftSpec(), lake: fixture.lake, endpoint: fixture.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') };
  const given = props(fixture);
  try {
    new DriftMonitor(fixture.stack, 'Drift', (given === null || typeof given !== 'object' || Array.isArray(given) ? given : { ...base, ...given }) as DriftMonitorProps);
  } catch (e) {
    if (e instanceof MlopsValidationError) {
      return e;
    }
    throw e;
  }
  throw new Error('no error');
}

function expectError(e: MlopsValidationError, property: string, allowed: RegExp): void {
  expect({ path: e.constructPath, property: e.property, allowedMatches: allowed.test(e.allowed) }).toEqual({ path: 'TestStack/Drift', property, allowedMatches: true });
}

describe('the issue\'s bad input', () => {
  test('a monitored field that is not in the schema', () => {
    const e = attempt(() => ({ spec: driftSpec({ fields: ['orders_7d', 'tenure'] }) }));
    expectError(e, 'spec.fields[1]', /a field of schema "scored_customers"/);
    expect(e.value).toBe('tenure');
  });

  test('a monitored field whose type has no statistic', () => {
    const e = attempt(() => ({ spec: driftSpec({ fields: ['computed_at'] }) }));
    expectError(e, 'spec.fields[0]', /value field/);
    const t = attempt(() => ({ spec: new DriftSpec({ schema: new TableSchema({ name: 'events', fields: [{ name: 'seen', type: FieldType.DATE }, { name: 'at', type: FieldType.TIMESTAMP }], eventTime: 'at' }), fields: ['seen'] }) }));
    expectError(t, 'spec.fields[0]', /no drift statistic/);
  });

  test('a negative threshold, and a warn level above the alarm level', () => {
    expectError(attempt(() => ({ spec: driftSpec({ thresholds: { psi: { alarm: -0.2 } } }) })), 'spec.thresholds.psi.alarm', /0 or more/);
    const e = attempt(() => ({ spec: driftSpec({ thresholds: { ks: { warn: 0.3, alarm: 0.2 } } }) }));
    expectError(e, 'spec.thresholds.ks.warn', /at most the alarm level \(0.2\)/);
    expect(e.value).toBe(0.3);
  });

  test('bins below 2 or above 100', () => {
    expectError(attempt(() => ({ spec: driftSpec({ bins: 1 }) })), 'spec.bins', /an integer from 2 to 100/);
    expectError(attempt(() => ({ spec: driftSpec({ fieldOptions: [{ field: 'spend_7d', bins: 101 }] }) })), 'spec.fieldOptions[0].bins', /an integer from 2 to 100/);
  });

  test('a window shorter than the capture partition (one hour), or not whole hours', () => {
    const e = attempt(() => ({ window: Duration.minutes(30) }));
    expectError(e, 'window', /at least one hour \(SageMaker capture and the capture table are partitioned by hour\)/);
    expect(e.value).toBe('30 minutes');
    expectError(attempt(() => ({ window: Duration.minutes(90) })), 'window', /a whole number of the records' partitions/);
    expectError(attempt(() => ({ window: 3600 })), 'window', /a Duration/);
  });

  test('a label table without the join key', () => {
    const labels = new TableSchema({ name: 'churn_labels', fields: [{ name: 'customer_id', type: FieldType.STRING }, { name: 'churned', type: FieldType.BOOLEAN }] });
    const spec = driftSpec({
      predictionField: 'score',
      modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: labels, labelField: 'churned', join: LabelJoin.onRequestId('request_id') },
    });
    const e = attempt(() => ({ spec }));
    expectError(e, 'spec.modelQuality.join', /a field of label schema "churn_labels" carrying the join key "request_id"/);
  });

  test('model quality without a label table', () => {
    const labels = new TableSchema({ name: 'churn_labels', fields: [{ name: 'request_id', type: FieldType.STRING }, { name: 'churned', type: FieldType.BOOLEAN }] });
    const spec = driftSpec({
      predictionField: 'score',
      modelQuality: { task: ProblemType.BINARY_CLASSIFICATION, labelSchema: labels, labelField: 'churned', join: LabelJoin.onRequestId('request_id') },
    });
    const fixture = monitorStack();
    fixture.lake.addTable('curated', scoredCustomers);
    expect(() => new DriftMonitor(fixture.stack, 'Drift', { spec, lake: fixture.lake, endpoint: fixture.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'scored_customers') }))
      .toThrow(/\[TestStack\/Drift\] invalid labels: undefined\. Allowed: a label table: the spec has modelQuality/);
  });

  test('a schedule more frequent than the window: a rate, a cron firing hourly, a cron twice a day', () => {
    const rate = attempt(() => ({ schedule: DriftSchedule.rate(Duration.hours(1)) }));
    expectError(rate, 'schedule.rate', /runs at most once per window \(1 day\); this one can run every 1 hour/);
    expectError(attempt(() => ({ schedule: DriftSchedule.cron('cron(0 * * * ? *)') })), 'schedule.cron', /can run every 1 hour/);
    expectError(attempt(() => ({ schedule: DriftSchedule.cron('0 6,18 * * ? *') })), 'schedule.cron', /can run every 12 hours/);
    expectError(attempt(() => ({ window: Duration.days(7), schedule: DriftSchedule.cron('0 3 ? * MON,THU *') })), 'schedule.cron', /once per window \(7 days\); this one can run every 3 days/);
    expectError(attempt(() => ({ schedule: DriftSchedule.cron('0 3 * *') })), 'schedule.cron', /six fields/);
  });

  test('schedules at most once per window are accepted: daily for a day, weekly for a week, every 6 hours for 6 hours', () => {
    for (const [window, schedule] of [[Duration.days(1), DriftSchedule.cron('30 1 * * ? *')], [Duration.days(7), DriftSchedule.cron('0 3 ? * MON *')], [Duration.hours(6), DriftSchedule.rate(Duration.hours(6))],
      [Duration.hours(6), DriftSchedule.cron('15 0/6 * * ? *')], [Duration.days(1), DriftSchedule.rate(Duration.days(2))]] as const) {
      const fixture = monitorStack();
      expect(() => new DriftMonitor(fixture.stack, 'Drift', { spec: driftSpec(), lake: fixture.lake, endpoint: fixture.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily'), window, schedule })).not.toThrow();
    }
  });

  test('a capture source that is not enabled: capture off, sampling 0, requests or responses not captured', () => {
    expectError(attempt((f) => ({ endpoint: monitorStackWithoutCapture(f) })), 'endpoint', /an endpoint with data capture on \(captureLake set\)/);
    const zero = attempt(() => ({}), { captureSamplingPercentage: 0 });
    expectError(zero, 'endpoint', /its captureSamplingPercentage is 0/);
    expect(zero.value).toBe('TestStack/Endpoint');
    expectError(attempt(() => ({}), { captureRequests: false }), 'endpoint', /captureRequests is false, and the spec monitors the inputs orders_7d, spend_7d, segment/);
  });
});

/** A second endpoint of the fixture's stack, without capture. */
function monitorStackWithoutCapture(f: ReturnType<typeof monitorStack>) {
  const repo = f.stack.node.findChild('Repo') as ecr.IRepository;
  return new ModelEndpoint(f.stack, 'NoCapture', { model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v3'), lake: f.lake, key: 'm.tar.gz' }) });
}

describe('props a JavaScript caller gets wrong', () => {
  test.each([
    ['props null', () => null, 'props', /DriftMonitorProps/],
    ['spec not a DriftSpec', () => ({ spec: { schema: scoredCustomers } }), 'spec', /a DriftSpec/],
    ['lake missing', () => ({ lake: undefined }), 'lake', /an IDataLake/],
    ['both endpoint and records', (f: any) => ({ records: {}, endpoint: f.endpoint }), 'endpoint', /exactly one of endpoint .* and records/],
    ['records not CapturedRecords', () => ({ endpoint: undefined, records: 'lake.table' }), 'records', /a CapturedRecords/],
    ['endpoint not a ModelEndpoint', () => ({ endpoint: { endpointName: 'x' } }), 'endpoint', /a ModelEndpoint of this app/],
    ['baseline a string', () => ({ baseline: 'customer_daily' }), 'baseline', /a DriftBaseline/],
    ['baseline table not in the lake', () => ({ baseline: DriftBaseline.fromLakeTable('curated', 'orders') }), 'baseline.tableName', /a table of the lake's zone "curated" \(customer_daily\)/],
    ['baseline table without a monitored field', () => ({ spec: driftSpec({ fields: ['orders_7d'], predictionField: 'score' }) }), 'baseline.tableName', /"score" is missing in "customer_daily"/],
    ['baseline in an unknown zone', () => ({ baseline: DriftBaseline.fromLakeTable('gold', 'customer_daily') }), 'baseline.zone', /a zone of the lake: raw, curated, artifacts/],
    ['baseline id with a quote', () => ({ baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily', { baselineId: "v'1" }) }), 'baseline.baselineId', /letters, digits/],
    ['unknown results zone', () => ({ resultsZone: 'gold' }), 'resultsZone', /a zone of the lake/],
    ['schedule a string', () => ({ schedule: 'daily' }), 'schedule', /a DriftSchedule/],
    ['retrain not a pipeline', () => ({ retrain: {} }), 'retrain', /an ITrainingPipeline/],
    ['no alarm actions', () => ({ alarmActions: [] }), 'alarmActions', /at least one alarm action/],
    ['a state machine name with spaces', () => ({ stateMachineName: 'churn drift' }), 'stateMachineName', /1 to 80 letters, digits, hyphens and underscores/],
  ] as Array<[string, (f: any) => unknown, string, RegExp]>)('%s', (_name, props, property, allowed) => {
    expectError(attempt(props), property, allowed);
  });

  test('a second monitor in the same results zone of a lake', () => {
    const f = monitorStack();
    const props = { spec: driftSpec(), lake: f.lake, endpoint: f.endpoint, baseline: DriftBaseline.fromLakeTable('curated', 'customer_daily') };
    new DriftMonitor(f.stack, 'First', props);
    expect(() => new DriftMonitor(f.stack, 'Second', { ...props, spec: new DriftSpec({ schema: new TableSchema({ name: 'scored_customers_v2', fields: scoredCustomers.fields.map((x) => ({ name: x.name, type: x.type })), eventTime: 'computed_at' }), fields: ['orders_7d'] }) }))
      .toThrow(/\[TestStack\/Second\] invalid resultsZone: "curated"\. Allowed: a zone without a table "drift_results"/);
  });
});

describe('imports and metrics', () => {
  test('an import with a state machine ARN that is not one, or a monitor name with spaces', () => {
    const { stack, lake } = monitorStack();
    expect(() => DriftMonitor.fromDriftMonitorAttributes(stack, 'A', { stateMachineArn: 'arn:aws:lambda:eu-west-1:111111111111:function:x', monitorName: 'm', lake }))
      .toThrow(/\[TestStack\/A\] invalid stateMachineArn: "arn:aws:lambda:eu-west-1:111111111111:function:x"\. Allowed: a Step Functions state machine ARN/);
    expect(() => DriftMonitor.fromDriftMonitorAttributes(stack, 'B', { stateMachineArn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:m', monitorName: 'm m', lake }))
      .toThrow(/\[TestStack\/B\] invalid monitorName: "m m"/);
    expect(() => DriftMonitor.fromDriftMonitorAttributes(stack, 'C', null as any)).toThrow(/\[TestStack\/C\] invalid attrs: null/);
  });

  test('a statistic metric of a statistic that does not exist', () => {
    const { stack, lake } = monitorStack();
    const imported = DriftMonitor.fromDriftMonitorAttributes(stack, 'A', { stateMachineArn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:m', monitorName: 'm', lake });
    expect(() => imported.metricStatistic('spend_7d', 'wasserstein' as any)).toThrow(/\[TestStack\/A\] invalid metricStatistic\(statistic\): "wasserstein"\. Allowed: a DriftStatistic \(psi, ks/);
  });
});

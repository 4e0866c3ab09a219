/**
 * The state machine of a DriftMonitor, in Step Functions' JSONata query language:
 *
 * window → baseline check → (baseline) → window query → read results → publish metrics →
 * (retraining running? → start retraining)
 *
 * Athena queries are `CustomState`s on the `.sync` integration, as in the TrainingPipeline (the
 * aws-cdk task grants Glue and S3 on `*`); their parameters are bound by Athena from
 * `ExecutionParameters`, never spliced into the SQL text. CloudWatch `PutMetricData` is a
 * `CustomState` on the SDK integration so that its statement carries the namespace condition
 * (`CallAwsService` writes no conditions).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
import { Aws } from 'aws-cdk-lib/core';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { DriftParameter } from '../../../core';
import { jsonataString } from '../../training-pipeline/private/definition';

/** The CloudWatch namespace of the drift metrics. */
export const DRIFT_METRIC_NAMESPACE = 'MlopsConstructs/Drift';
/** The metric counting a window's rows at the alarm level. */
export const BREACHES_METRIC = 'Breaches';
/** The metric counting a window's rows at the warn level. */
export const WARNINGS_METRIC = 'Warnings';
/** The runtime parameters of the read query, in marker order (besides those of the core queries). */
export const WINDOW_DATE_PARAMETER = 'window_date';

/** The timestamp text the queries take (`yyyy-MM-dd HH:mm:ss`, UTC), as a JSONata picture. */
const TIMESTAMP_PICTURE = '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01]';
/** How long after an hour ends its capture objects are taken to be written. */
export const CAPTURE_SETTLE_MINUTES = 10;

/** The state names, in order. */
export const DRIFT_STATE_NAMES = {
  window: 'Window',
  baselineCheck: 'Baseline: check',
  baselineCount: 'Baseline: count',
  baselineMissing: 'Baseline missing?',
  baseline: 'Baseline',
  windowQuery: 'Window query',
  readResults: 'Read results',
  results: 'Results',
  publish: 'Publish metrics',
  breached: 'Drift alarm?',
  retrainingRunning: 'Retraining: running?',
  retrainingIdle: 'Retraining idle?',
  retrain: 'Start retraining',
  done: 'Done',
} as const;

/** One query the state machine runs, and the names of its `?` markers in order. */
export interface DefinitionQuery {
  readonly sql: string;
  readonly parameters: readonly string[];
}

/** Everything the definition is generated from. */
export interface DriftDefinitionInputs {
  /** The Monitor dimension of the metrics. */
  readonly monitorName: string;
  readonly workGroup: string;
  readonly workGroupArn: string;
  /** The window, in hours. */
  readonly windowHours: number;
  readonly baselineId: string;
  /** `SELECT COUNT(*)` of the baseline's rows (marker: baseline_id). */
  readonly baselineCheck: DefinitionQuery;
  /** The baseline INSERT. */
  readonly baseline: DefinitionQuery;
  /** The window INSERT. */
  readonly window: DefinitionQuery;
  /** The SELECT of the window's rows with a value (field, statistic, value, level). */
  readonly read: DefinitionQuery;
  /** The training pipeline started on drift, if any. */
  readonly retrainStateMachineArn?: string;
}

function jsonata(expression: string): string {
  return `{% ${expression} %}`;
}

const integration = (service: string, action: string, sync: boolean) => `arn:${Aws.PARTITION}:states:::${service}:${action}${sync ? '.sync' : ''}`;

/** The JSONata value of each runtime parameter: the window's texts and the baseline id, as SQL string literals (Athena substitutes them as text). */
const PARAMETER_VALUES = (baselineId: string): { [name: string]: string } => ({
  [DriftParameter.WINDOW_START]: `"'" & $windowStart & "'"`,
  [DriftParameter.WINDOW_END]: `"'" & $windowEnd & "'"`,
  [WINDOW_DATE_PARAMETER]: `"'" & $windowDate & "'"`,
  [DriftParameter.BASELINE_ID]: jsonataString(`'${baselineId.replace(/'/g, "''")}'`),
});

/** The state machine's chain. */
export function createDriftDefinition(scope: Construct, inputs: DriftDefinitionInputs): sfn.IChainable {
  const values = PARAMETER_VALUES(inputs.baselineId);
  const athena = (name: string, query: DefinitionQuery, comment: string, extra: { [key: string]: unknown } = {}) => new sfn.CustomState(scope, name, {
    stateJson: {
      Type: 'Task',
      Comment: comment,
      Resource: integration('athena', 'startQueryExecution', true),
      Arguments: {
        QueryString: query.sql,
        WorkGroup: inputs.workGroup,
        ExecutionParameters: jsonata(`[${query.parameters.map((p) => values[p]).join(', ')}]`),
      },
      Output: jsonata('{ "queryExecutionId": $states.result.QueryExecution.QueryExecutionId }'),
      ...extra,
    },
  });
  const results = (name: string, outputs: string, assign?: { [key: string]: string }) => tasks.CallAwsService.jsonata(scope, name, {
    service: 'athena',
    action: 'getQueryResults',
    iamAction: 'athena:GetQueryResults',
    iamResources: [inputs.workGroupArn],
    parameters: { QueryExecutionId: jsonata('$states.input.queryExecutionId'), MaxResults: 1000 },
    outputs: jsonata(outputs),
    assign,
  });

  // The window that ended at the last whole hour at least CAPTURE_SETTLE_MINUTES before the run
  // started, or the one ending at the input's windowEnd (a backfill, `yyyy-MM-dd HH:mm:ss` UTC).
  const endMs = `($exists($states.input.windowEnd) ? $toMillis($states.input.windowEnd, ${jsonataString(TIMESTAMP_PICTURE)})`
    + ` : $floor(($toMillis($states.context.Execution.StartTime) - ${CAPTURE_SETTLE_MINUTES * 60_000}) / 3600000) * 3600000)`;
  const startMs = `(${endMs} - ${inputs.windowHours * 3_600_000})`;
  const window = sfn.Pass.jsonata(scope, DRIFT_STATE_NAMES.window, {
    comment: 'The window [start, end) this run computes: it ends at the last whole hour at least 10 minutes ago, or at the input\'s windowEnd.',
    assign: {
      windowEnd: jsonata(`$fromMillis(${endMs}, ${jsonataString(TIMESTAMP_PICTURE)})`),
      windowStart: jsonata(`$fromMillis(${startMs}, ${jsonataString(TIMESTAMP_PICTURE)})`),
      windowDate: jsonata(`$fromMillis(${startMs}, "[Y0001]-[M01]-[D01]")`),
    },
  });

  const check = athena(DRIFT_STATE_NAMES.baselineCheck, inputs.baselineCheck, 'Count the baseline\'s rows in the baseline table.');
  const count = results(DRIFT_STATE_NAMES.baselineCount, '$states.input', { baselineRows: jsonata('$number($states.result.ResultSet.Rows[1].Data[0].VarCharValue)') });
  const baseline = athena(DRIFT_STATE_NAMES.baseline, inputs.baseline, 'Compute the baseline (bin edges, top categories, distributions, missing rates) from the baseline table into drift_baseline.');
  const windowQuery = athena(DRIFT_STATE_NAMES.windowQuery, inputs.window, 'Compute the window\'s statistics against the baseline into drift_results (one row per field and statistic).');
  const read = athena(DRIFT_STATE_NAMES.readResults, inputs.read, 'Read back the window\'s rows that have a value.');
  // Row 0 is the header; every row read has a value (the query filters on it). Assign reads the
  // result, not the variables it assigns, so each count reads the rows again.
  const parsed = '[$map($states.result.ResultSet.Rows[[1..999]], function($r) { { "field": $r.Data[0].VarCharValue, "statistic": $r.Data[1].VarCharValue,'
    + ' "value": $number($r.Data[2].VarCharValue), "level": $r.Data[3].VarCharValue } })]';
  const rows = results(DRIFT_STATE_NAMES.results, '$states.input', {
    rows: jsonata(parsed),
    breaches: jsonata(`$count(${parsed}[level = "alarm"])`),
    warnings: jsonata(`$count(${parsed}[level = "warn"])`),
  });

  const monitor = jsonataString(inputs.monitorName);
  const publish = new sfn.CustomState(scope, DRIFT_STATE_NAMES.publish, {
    stateJson: {
      Type: 'Task',
      Comment: `One data point per field and statistic (metric = the statistic, dimensions Monitor and Field) and the window's Breaches and Warnings (dimension Monitor), namespace ${DRIFT_METRIC_NAMESPACE}.`,
      Resource: `arn:${Aws.PARTITION}:states:::aws-sdk:cloudwatch:putMetricData`,
      Arguments: {
        Namespace: DRIFT_METRIC_NAMESPACE,
        MetricData: jsonata(`$append([`
          + `{ "MetricName": ${jsonataString(BREACHES_METRIC)}, "Dimensions": [{ "Name": "Monitor", "Value": ${monitor} }], "Value": $breaches, "Unit": "Count" },`
          + ` { "MetricName": ${jsonataString(WARNINGS_METRIC)}, "Dimensions": [{ "Name": "Monitor", "Value": ${monitor} }], "Value": $warnings, "Unit": "Count" }],`
          + ` [$map($rows, function($r) { { "MetricName": $r.statistic, "Dimensions": [{ "Name": "Monitor", "Value": ${monitor} }, { "Name": "Field", "Value": $r.field }], "Value": $r.value } })])`),
      },
      Output: jsonata('{ "windowStart": $windowStart, "windowEnd": $windowEnd, "breaches": $breaches, "warnings": $warnings }'),
    },
  });

  const done = sfn.Succeed.jsonata(scope, DRIFT_STATE_NAMES.done, { outputs: jsonata('$states.input') });
  const baselineMissing = sfn.Choice.jsonata(scope, DRIFT_STATE_NAMES.baselineMissing)
    .when(sfn.Condition.jsonata(jsonata('$baselineRows = 0')), baseline.next(windowQuery))
    .otherwise(windowQuery);
  windowQuery.next(read).next(rows).next(publish);

  if (inputs.retrainStateMachineArn !== undefined) {
    const running = tasks.CallAwsService.jsonata(scope, DRIFT_STATE_NAMES.retrainingRunning, {
      comment: 'A retraining run already under way is not started twice.',
      service: 'sfn',
      action: 'listExecutions',
      iamAction: 'states:ListExecutions',
      iamResources: [inputs.retrainStateMachineArn],
      parameters: { StateMachineArn: inputs.retrainStateMachineArn, StatusFilter: 'RUNNING', MaxResults: 1 },
      outputs: jsonata('$merge([$states.input, { "retrainingRunning": $count($states.result.Executions) > 0 }])'),
    });
    const retrain = new sfn.CustomState(scope, DRIFT_STATE_NAMES.retrain, {
      stateJson: {
        Type: 'Task',
        Comment: 'Start the training pipeline; its gate promotes the new version only when it beats the champion.',
        Resource: integration('states', 'startExecution', false),
        Arguments: {
          StateMachineArn: inputs.retrainStateMachineArn,
          Input: jsonata(`{ "startedBy": "drift-monitor", "monitor": ${monitor}, "windowStart": $windowStart, "windowEnd": $windowEnd, "breaches": $breaches }`),
        },
        Output: jsonata('$merge([$states.input, { "retrainingExecutionArn": $states.result.ExecutionArn }])'),
      },
    });
    const idle = sfn.Choice.jsonata(scope, DRIFT_STATE_NAMES.retrainingIdle)
      .when(sfn.Condition.jsonata(jsonata('$states.input.retrainingRunning = false')), retrain.next(done))
      .otherwise(done);
    const breached = sfn.Choice.jsonata(scope, DRIFT_STATE_NAMES.breached, { comment: 'Retrain when a statistic reached its alarm threshold in this window.' })
      .when(sfn.Condition.jsonata(jsonata('$breaches > 0')), running.next(idle))
      .otherwise(done);
    publish.next(breached);
  } else {
    publish.next(done);
  }
  return window.next(check).next(count).next(baselineMissing);
}

/**
 * The Cloud Workflows source of a drift monitor: compute the window, compute the baseline when
 * it is missing, compute the window's statistics into the results table, write each to Cloud
 * Monitoring, and start the retraining workflow when one reached its alarm level.
 *
 * @see https://cloud.google.com/workflows/docs/reference/googleapis
 * @see https://cloud.google.com/workflows/docs/reference/syntax
 */
import { Token } from '../../cdktf';
import { workflowsConcat } from '../../private/workflows';

/** The connector calls, by purpose. */
export const DRIFT_WORKFLOW_CONNECTORS = {
  runQuery: 'googleapis.bigquery.v2.jobs.insert',
  readRows: 'googleapis.bigquery.v2.jobs.getQueryResults',
  writeMetrics: 'googleapis.monitoring.v3.projects.timeSeries.create',
  startRetraining: 'googleapis.workflowexecutions.v1.projects.locations.workflows.executions.create',
} as const;

/** The error code of a failed BigQuery job. */
export const DRIFT_QUERY_FAILED_ERROR = 'DriftQueryFailed';

/** The numbers the level metric takes, by results-table `level` (`none`: a value without thresholds, such as RMSE without levels given). */
export const DRIFT_LEVEL_CODES = { none: -1, ok: 0, warn: 1, alarm: 2 } as const;

/** Workflow step: a one-key object `{ name: body }`. */
export type DriftWorkflowStep = { [name: string]: Record<string, unknown> };

/** One query of the workflow: its SQL (may hold Terraform tokens) and the named parameters it takes. */
export interface DriftWorkflowQuery {
  readonly sql: string;
  readonly parameters: readonly string[];
}

/** What the source is generated from. */
export interface DriftWorkflowInput {
  /** The monitor's prefix (job ids, labels). */
  readonly prefix: string;
  /** BigQuery location of the jobs (the lake's). */
  readonly bigQueryLocation: string;
  /** The window, in seconds (divides the epoch into windows). */
  readonly windowSeconds: number;
  /** The baseline id. */
  readonly baselineId: string;
  /** Counts the baseline rows of the id (one row, one column). */
  readonly checkBaseline: DriftWorkflowQuery;
  /** Inserts the baseline rows. */
  readonly insertBaseline: DriftWorkflowQuery;
  /** Deletes the window's rows (a rerun replaces them). */
  readonly clearWindow: DriftWorkflowQuery;
  /** Inserts the window's rows. */
  readonly insertWindow: DriftWorkflowQuery;
  /** Reads the window's rows: field, statistic, value, level, breached. */
  readonly readWindow: DriftWorkflowQuery;
  /** Metric types of the statistic and of its level. */
  readonly metricTypes: { readonly statistic: string; readonly level: string };
  /**
   * `projects/<p>/locations/<r>/workflows/<name>` of the retraining workflow.
   * @default - no retraining
   */
  readonly retrainWorkflow?: string;
  /** Resolves a token to its Terraform expression, so that two tokens of one value share an environment variable. */
  readonly resolveToken: (token: string) => string;
}

/** The generated workflow. */
export interface DriftWorkflowSource {
  readonly document: { [workflow: string]: { params: string[]; steps: DriftWorkflowStep[] } };
  readonly text: string;
  readonly environment: { [name: string]: string };
}

const TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;
const x = (expression: string): string => `\${${expression}}`;

/** Terraform values as workflow environment variables `TF_VALUE_<n>`, one per Terraform expression. */
class Environment {
  public readonly variables: { [name: string]: string } = {};
  private readonly names = new Map<string, string>();

  constructor(private readonly resolve: (token: string) => string) {}

  /** The variable holding `token`. */
  public variable(token: string): string {
    const resolved = this.resolve(token);
    let name = this.names.get(resolved);
    if (name === undefined) {
      name = `TF_VALUE_${this.names.size + 1}`;
      this.names.set(resolved, name);
      this.variables[name] = token;
    }
    return name;
  }

  /** `value` as a workflow value: itself without tokens, else an expression reading the tokens from the environment. */
  public value(value: string): string {
    if (!Token.isUnresolved(value)) {
      return value;
    }
    const parts: string[] = [];
    let last = 0;
    for (const match of value.matchAll(TOKEN)) {
      parts.push(value.slice(last, match.index), x(`sys.get_env("${this.variable(match[0])}")`));
      last = match.index! + match[0].length;
    }
    parts.push(value.slice(last));
    return workflowsConcat(parts);
  }

  /**
   * SQL text as two workflow values: the text with each token replaced by `@@TF_VALUE_<n>@@` (a
   * plain literal, whatever its characters), and the expression that puts the values back at run
   * time (`text.replace_all` over the literal's variable `name`), or `undefined` when it has no token.
   */
  public sql(sql: string, name: string): { literal: string; expression?: string } {
    const used: string[] = [];
    const literal = sql.replace(TOKEN, (token) => {
      const variable = this.variable(token);
      if (!used.includes(variable)) {
        used.push(variable);
      }
      return `@@${variable}@@`;
    });
    if (used.length === 0) {
      return { literal };
    }
    const expression = used.reduce((acc, v) => `text.replace_all(${acc}, "@@${v}@@", sys.get_env("${v}"))`, name);
    return { literal, expression: x(expression) };
  }
}

/** The generated source: see the file header. */
export function renderDriftWorkflow(input: DriftWorkflowInput): DriftWorkflowSource {
  const env = new Environment(input.resolveToken);
  const p = input.prefix;
  const queries = {
    check_baseline_sql: input.checkBaseline,
    insert_baseline_sql: input.insertBaseline,
    clear_window_sql: input.clearWindow,
    insert_window_sql: input.insertWindow,
    read_window_sql: input.readWindow,
  };
  const literals: Array<Record<string, string>> = [];
  const resolved: Array<Record<string, string>> = [];
  for (const [name, query] of Object.entries(queries)) {
    const { literal, expression } = env.sql(query.sql, name);
    literals.push({ [name]: literal });
    if (expression !== undefined) {
      resolved.push({ [name]: expression });
    }
  }
  const parameterValues: Record<string, string> = { window_start: x('window_start'), window_end: x('window_end'), baseline_id: x('baseline_id') };
  const queryCall = (step: string, purpose: string, sqlVariable: keyof typeof queries, result: string): DriftWorkflowStep => ({
    [step]: {
      call: 'run_query',
      args: {
        job_id: x(`${JSON.stringify(`${p}-${purpose}-`)} + execution_id`),
        sql: x(sqlVariable),
        parameters: queries[sqlVariable].parameters.map((name) => ({ name, parameterType: { type: 'STRING' }, parameterValue: { value: parameterValues[name] } })),
      },
      result,
    },
  });
  const series = (type: string, valueType: string, value: Record<string, string>) => ({
    metric: { type, labels: { field: x('field'), statistic: x('statistic') } },
    resource: { type: 'global', labels: { project_id: x('project') } },
    metricKind: 'GAUGE',
    valueType,
    points: [{ interval: { endTime: x('run_time') }, value }],
  });

  const main: DriftWorkflowStep[] = [
    {
      init: {
        assign: [
          { project: x('sys.get_env("GOOGLE_CLOUD_PROJECT_ID")') },
          { execution_id: x('sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")') },
          { run_epoch: x('int(sys.now())') },
          { run_time: x('time.format(run_epoch)') },
          { window_seconds: input.windowSeconds },
          { baseline_id: input.baselineId },
          { level_codes: { ...DRIFT_LEVEL_CODES } },
          ...literals,
        ],
      },
    },
    ...(resolved.length > 0 ? [{ resolve_tables: { assign: resolved } }] : []),
    // The window: the one ending at `windowEnd` (an RFC 3339 time) when the execution's argument
    // gives it, else the last whole window before the run.
    { no_argument: { switch: [{ condition: x('args == null'), next: 'last_window' }] } },
    { requested_window: { assign: [{ requested_end: x('map.get(args, "windowEnd")') }] } },
    { has_window_end: { switch: [{ condition: x('requested_end == null'), next: 'last_window' }] } },
    { given_window: { assign: [{ end_epoch: x('int(time.parse(requested_end))') }], next: 'window_bounds' } },
    { last_window: { assign: [{ end_epoch: x('run_epoch - run_epoch % window_seconds') }] } },
    {
      window_bounds: {
        assign: [
          { window_start: x('text.replace_all(text.substring(time.format(end_epoch - window_seconds), 0, 19), "T", " ")') },
          { window_end: x('text.replace_all(text.substring(time.format(end_epoch), 0, 19), "T", " ")') },
        ],
      },
    },
    {
      baseline: {
        steps: [
          queryCall('check_baseline', 'check', 'check_baseline_sql', 'baseline_job'),
          { read_baseline_count: { call: 'read_rows', args: { job: x('baseline_job') }, result: 'baseline_rows' } },
          { baseline_exists: { switch: [{ condition: x('int(baseline_rows[0].f[0].v) > 0'), next: 'window' }] } },
          queryCall('compute_baseline', 'baseline', 'insert_baseline_sql', 'baseline_insert'),
        ],
      },
    },
    {
      window: {
        steps: [
          queryCall('clear_window', 'clear', 'clear_window_sql', 'clear_job'),
          queryCall('compute_window', 'window', 'insert_window_sql', 'window_job'),
          queryCall('select_window', 'read', 'read_window_sql', 'read_job'),
          { read_window: { call: 'read_rows', args: { job: x('read_job') }, result: 'rows' } },
        ],
      },
    },
    {
      metrics: {
        steps: [
          { init_breaches: { assign: [{ breaches: 0 }, { breached: [] }] } },
          {
            each_row: {
              for: {
                value: 'row',
                in: x('rows'),
                steps: [
                  { row_values: { assign: [{ field: x('row.f[0].v') }, { statistic: x('row.f[1].v') }, { value: x('row.f[2].v') }, { level: x('row.f[3].v') }] } },
                  { skip_empty: { switch: [{ condition: x('value == null'), next: 'continue' }] } },
                  {
                    write_metrics: {
                      call: DRIFT_WORKFLOW_CONNECTORS.writeMetrics,
                      args: {
                        name: x('"projects/" + project'),
                        body: {
                          timeSeries: [
                            series(input.metricTypes.statistic, 'DOUBLE', { doubleValue: x('double(value)') }),
                            series(input.metricTypes.level, 'INT64', { int64Value: x('level_codes[level]') }),
                          ],
                        },
                      },
                    },
                  },
                  { check_breach: { switch: [{ condition: x('row.f[4].v == "true"'), next: 'note_breach' }], next: 'continue' } },
                  { note_breach: { assign: [{ breaches: x('breaches + 1') }, { breached: x('list.concat(breached, field + "/" + statistic)') }] } },
                ],
              },
            },
          },
        ],
      },
    },
  ];
  const summary = (retraining: string): DriftWorkflowStep => ({
    summary: {
      assign: [{
        summary: {
          windowStart: x('window_start'), windowEnd: x('window_end'), baselineId: x('baseline_id'), statistics: x('len(rows)'),
          breached: x('breached'), retrainingExecution: retraining === 'null' ? null : x(retraining),
        },
      }],
    },
  });
  if (input.retrainWorkflow !== undefined) {
    main.push(
      { drift_check: { switch: [{ condition: x('breaches > 0'), next: 'retraining_input' }] } },
      { ...summary('null') },
      { no_drift: { return: x('summary') } },
      {
        start_retraining: {
          call: DRIFT_WORKFLOW_CONNECTORS.startRetraining,
          args: {
            parent: env.value(input.retrainWorkflow),
            body: {
              argument: x('json.encode_to_string(retraining_argument)'),
            },
          },
          result: 'retraining',
        },
      },
      { retraining_summary: summary('retraining.name').summary },
      { retraining_started: { return: x('summary') } },
    );
    // The argument the retraining workflow receives (TrainingPipeline reads only `trigger`).
    const start = main.findIndex((step) => 'start_retraining' in step);
    main.splice(start, 0, {
      retraining_input: {
        assign: [{
          retraining_argument: { trigger: 'drift', driftMonitor: p, windowStart: x('window_start'), windowEnd: x('window_end'), baselineId: x('baseline_id'), breached: x('breached') },
        }],
      },
    });
  } else {
    main.push(summary('null'), { done: { return: x('summary') } });
  }

  const runQuery = {
    params: ['job_id', 'sql', 'parameters'],
    steps: [
      {
        insert_job: {
          call: DRIFT_WORKFLOW_CONNECTORS.runQuery,
          args: {
            projectId: x('sys.get_env("GOOGLE_CLOUD_PROJECT_ID")'),
            body: {
              jobReference: { jobId: x('job_id'), location: input.bigQueryLocation },
              configuration: {
                query: { query: x('sql'), useLegacySql: false, parameterMode: 'NAMED', queryParameters: x('parameters') },
                labels: { 'managed-by': 'mlops-constructs', 'drift-monitor': p },
              },
            },
          },
          result: 'job',
        },
      },
      { job_check: { switch: [{ condition: x('map.get(job, ["status", "errorResult"]) != null'), next: 'job_failed' }] } },
      { job_done: { return: x('job') } },
      { job_failed: { raise: { code: DRIFT_QUERY_FAILED_ERROR, message: x('"BigQuery job " + job_id + " failed: " + json.encode_to_string(job.status.errorResult)') } } },
    ] as DriftWorkflowStep[],
  };
  const readRows = {
    params: ['job'],
    steps: [
      {
        get_results: {
          call: DRIFT_WORKFLOW_CONNECTORS.readRows,
          args: { projectId: x('job.jobReference.projectId'), jobId: x('job.jobReference.jobId'), location: x('job.jobReference.location'), maxResults: 10000 },
          result: 'results',
        },
      },
      { rows_done: { return: x('default(map.get(results, "rows"), [])') } },
    ] as DriftWorkflowStep[],
  };
  const document: DriftWorkflowSource['document'] = {
    main: { params: ['args'], steps: main },
    run_query: runQuery,
    read_rows: readRows,
  };
  return { document, text: JSON.stringify(document, undefined, 2), environment: env.variables };
}

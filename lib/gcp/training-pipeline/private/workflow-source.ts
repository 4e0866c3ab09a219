/**
 * The Cloud Workflows source of a training pipeline: the five steps as connector calls
 * (BigQuery `jobs.insert`, Vertex AI `customJobs.create` twice, Cloud Storage `objects.get`,
 * Vertex AI `models.get` / `models.upload`, Pub/Sub `topics.publish`), the gate as Workflows
 * conditions, and the Terraform values it needs passed as workflow environment variables.
 *
 * @see https://cloud.google.com/workflows/docs/reference/googleapis
 * @see https://cloud.google.com/workflows/docs/reference/syntax
 */
import { EvaluationMetric, MetricDirection, PromotionPolicy } from '../../../core';
import { Token } from '../../cdktf';
import { VertexAiUploadModelRequest, VertexAiWorkerPoolSpec } from '../../vertex-ai-api';
import { isWorkflowsExpression } from '../../private/workflows';

/** The connector calls, by step (the same names the tests and the docs use). */
export const WORKFLOW_CONNECTORS = {
  prepare: 'googleapis.bigquery.v2.jobs.insert',
  train: 'googleapis.aiplatform.v1.projects.locations.customJobs.create',
  evaluate: 'googleapis.aiplatform.v1.projects.locations.customJobs.create',
  readMetrics: 'googleapis.storage.v1.objects.get',
  findModel: 'googleapis.aiplatform.v1.projects.locations.models.get',
  register: 'googleapis.aiplatform.v1.projects.locations.models.upload',
  announce: 'googleapis.pubsub.v1.projects.topics.publish',
} as const;

/** The error code a run below the bar fails with (core: "the run fails with ModelBelowBar"). */
export const BELOW_BAR_ERROR = 'ModelBelowBar';

/** Workflow step: a one-key object `{ name: body }`. */
export type WorkflowStep = { [name: string]: Record<string, unknown> };

/** What the source is generated from. */
export interface WorkflowSourceInput {
  /** The pipeline name (paths and labels). */
  readonly pipeline: string;
  /** The BigQuery script of the prepare step, with the placeholders @@SOURCE_TABLE@@, @@DATASET_URI@@ and @@RUN_START@@. */
  readonly prepareSql: string;
  /** `project.dataset.table` of the source (may hold Terraform tokens). */
  readonly sourceTable: string;
  /** The BigQuery location of the source dataset. */
  readonly bigQueryLocation: string;
  /** The lake's artifacts bucket name. */
  readonly artifactsBucket: string;
  /** The Vertex AI region of the jobs. */
  readonly trainingRegion: string;
  /** Worker pools of the training and evaluation jobs, with the placeholder args `@@MODE_ARGS@@` replaced per job. */
  readonly workerPools: (args: unknown[]) => VertexAiWorkerPoolSpec[];
  /** Trainer arguments common to both jobs. */
  readonly hyperparameters: { [name: string]: string };
  /** Job identity and placement from the training profile. */
  readonly job: WorkflowJobPlacement;
  /** The `gs://` folder of the model versions (`registry.artifactsUri`). */
  readonly modelArtifactsUri: string;
  /** `registry.modelResourceName`. */
  readonly modelName: string;
  /** `registry.region`. */
  readonly modelRegion: string;
  /** The announcement topic id. */
  readonly announcementTopic: string;
  /** The upload body of a first version / of a further version, values as Workflows expressions. */
  readonly uploadRequest: (firstVersion: boolean) => VertexAiUploadModelRequest;
  /** The gate's metric. */
  readonly metric: EvaluationMetric;
  /**
   * The gate's bar.
   * @default - no bar
   */
  readonly bar?: number;
  /** The gate's promotion policy. */
  readonly promotion: PromotionPolicy;
  /** Seconds each job (and the prepare query) may take. */
  readonly jobTimeoutSeconds: number;
  /** Resolves a token to its Terraform expression, so that two tokens of one attribute share an environment variable. */
  readonly resolveToken: (token: string) => string;
}

/** Where the jobs run, from the training profile. */
export interface WorkflowJobPlacement {
  /** The jobs' service account email. */
  readonly serviceAccount: string;
  /** The peered network. */
  readonly network: string;
  /** The `gs://` prefix of job outputs. */
  readonly outputUriPrefix: string;
  /**
   * The jobs' key.
   * @default - Google-managed encryption
   */
  readonly kmsKeyName?: string;
}

/** The generated workflow: its document, its source text and the environment variables that carry Terraform values. */
export interface WorkflowSource {
  readonly document: { [workflow: string]: { params?: string[]; steps: WorkflowStep[] } };
  readonly text: string;
  readonly environment: { [name: string]: string };
}

/** `${…}`. */
const x = (expression: string): string => `\${${expression}}`;

/** A number as a Workflows literal: plain decimal digits (no exponent). */
export function numberLiteral(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) {
    return text;
  }
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** A Workflows string literal; the generated literals never need escapes, which this checks. */
function str(value: string): string {
  if (/["\\\n]/.test(value)) {
    throw new Error(`workflow literal needs escaping: ${value}`);
  }
  return `"${value}"`;
}

/**
 * The gate subworkflow: core `gateDecision`'s table as Workflows conditions. Below the bar: raise
 * `ModelBelowBar`. `manual()`: challenger. `whenBetter({ margin })`: champion when there is no
 * champion or the candidate beats it by more than the margin; challenger otherwise, and also when
 * the champion carries no comparable metric (a version promoted by hand without labels).
 */
export function gateSubworkflow(metric: EvaluationMetric, bar: number | undefined, promotion: PromotionPolicy): { params: string[]; steps: WorkflowStep[] } {
  const higher = metric.direction === MetricDirection.HIGHER_IS_BETTER;
  const steps: WorkflowStep[] = [];
  if (bar !== undefined) {
    steps.push({ check_bar: { switch: [{ condition: x(`not(candidate ${higher ? '>=' : '<='} ${numberLiteral(bar)})`), next: 'below_bar' }] } });
  }
  if (promotion.automatic) {
    const margin = numberLiteral(promotion.margin);
    steps.push({
      check_champion: {
        switch: [
          { condition: x('not(champion_exists)'), next: 'promote' },
          { condition: x('champion_value == null'), next: 'keep' },
          { condition: x(higher ? `candidate > champion_value + ${margin}` : `candidate < champion_value - ${margin}`), next: 'promote' },
        ],
      },
    });
  }
  steps.push({ keep: { return: 'challenger' } });
  if (promotion.automatic) {
    steps.push({ promote: { return: 'champion' } });
  }
  if (bar !== undefined) {
    steps.push({
      below_bar: {
        raise: {
          code: BELOW_BAR_ERROR,
          message: x(`${str(`${metric.name} `)} + string(candidate) + ${str(` does not clear the bar ${numberLiteral(bar)} (${higher ? 'at least' : 'at most'}): not registered`)}`),
        },
      },
    });
  }
  return { params: ['candidate', 'champion_exists', 'champion_value'], steps };
}

/** The generated source: see the file header. */
export function renderWorkflowSource(input: WorkflowSourceInput): WorkflowSource {
  const p = input.pipeline;
  const jobBody = (mode: 'train' | 'evaluate', args: unknown[]) => ({
    displayName: x(`${str(`${p}-${mode}-`)} + dataset_version`),
    labels: { 'managed-by': 'mlops-constructs', 'training-pipeline': p, 'dataset-version': x('dataset_version') },
    jobSpec: {
      workerPoolSpecs: input.workerPools(args),
      serviceAccount: input.job.serviceAccount,
      network: input.job.network,
      baseOutputDirectory: { outputUriPrefix: x(`training_output + ${str(`/${p}/`)} + dataset_version + ${str(`/${mode}`)}`) },
    },
    ...(input.job.kmsKeyName === undefined ? {} : { encryptionSpec: { kmsKeyName: input.job.kmsKeyName } }),
  });
  const jobCall = (name: string, mode: 'train' | 'evaluate', args: unknown[], result: string): WorkflowStep => ({
    [name]: {
      call: WORKFLOW_CONNECTORS[mode],
      args: {
        parent: x(`${str('projects/')} + project + ${str('/locations/')} + training_region`),
        region: x('training_region'),
        body: jobBody(mode, args),
        connector_params: { timeout: input.jobTimeoutSeconds },
      },
      result,
    },
  });
  const jobCheck = (name: string, job: string, failed: string): WorkflowStep => ({
    [name]: { switch: [{ condition: x(`${job}.state != "JOB_STATE_SUCCEEDED"`), next: failed }] },
  });
  const failure = (name: string, code: string, message: string): WorkflowStep => ({
    [name]: { raise: { code, message: x(message) } },
  });
  const upload = (name: string, firstVersion: boolean, next?: string): WorkflowStep => ({
    [name]: {
      call: WORKFLOW_CONNECTORS.register,
      args: { parent: x(`${str('projects/')} + project + ${str('/locations/')} + model_region`), region: x('model_region'), body: input.uploadRequest(firstVersion) },
      result: 'upload',
      ...(next ? { next } : {}),
    },
  });
  const metricKey = input.metric.name;

  const main: WorkflowStep[] = [
    {
      init: {
        assign: [
          { project: x('sys.get_env("GOOGLE_CLOUD_PROJECT_ID")') },
          { dataset_version: x('sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")') },
          { run_start: x('time.format(sys.now())') },
          { artifacts_bucket: input.artifactsBucket },
          { training_region: input.trainingRegion },
          { training_output: input.job.outputUriPrefix },
          { model_artifacts: input.modelArtifactsUri },
          { model_name: input.modelName },
          { model_region: input.modelRegion },
        ],
      },
    },
    {
      init_paths: {
        assign: [
          { dataset_uri: x(`${str('gs://')} + artifacts_bucket + ${str(`/training-datasets/${p}/`)} + dataset_version`) },
          { dataset_dir: x(`${str('/gcs/')} + artifacts_bucket + ${str(`/training-datasets/${p}/`)} + dataset_version`) },
          { model_uri: x('model_artifacts + "/" + dataset_version') },
          { model_dir: x('text.replace_all(model_uri, "gs://", "/gcs/")') },
          { metrics_object: x(`${str(`evaluations/${p}/`)} + dataset_version + "/metrics.json"`) },
          { metrics_file: x('"/gcs/" + artifacts_bucket + "/" + metrics_object') },
          { prepare_sql: input.prepareSql },
          { source_table: input.sourceTable },
        ],
      },
    },
    {
      prepare: {
        steps: [
          {
            prepare_dataset: {
              call: WORKFLOW_CONNECTORS.prepare,
              args: {
                projectId: x('project'),
                body: {
                  jobReference: { jobId: x(`${str(`${p.replace(/-/g, '_')}_prepare_`)} + text.replace_all(dataset_version, "-", "_")`), location: input.bigQueryLocation },
                  configuration: {
                    query: {
                      query: x('text.replace_all(text.replace_all(text.replace_all(prepare_sql, "@@SOURCE_TABLE@@", source_table), "@@DATASET_URI@@", dataset_uri), "@@RUN_START@@", run_start)'),
                      useLegacySql: false,
                    },
                    labels: { 'managed-by': 'mlops-constructs', 'training-pipeline': p },
                  },
                },
                connector_params: { timeout: input.jobTimeoutSeconds },
              },
              result: 'prepare_job',
            },
          },
          { prepare_check: { switch: [{ condition: x('map.get(prepare_job, ["status", "errorResult"]) != null'), next: 'prepare_failed' }] } },
        ],
      },
    },
    {
      train: {
        steps: [
          jobCall('train_model', 'train', ['train', '--dataset-dir', x('dataset_dir'), '--model-dir', x('model_dir'), '--hyperparameters', JSON.stringify(input.hyperparameters)], 'train_job'),
          jobCheck('train_check', 'train_job', 'train_failed'),
        ],
      },
    },
    {
      evaluate: {
        steps: [
          jobCall('evaluate_model', 'evaluate', ['evaluate', '--dataset-dir', x('dataset_dir'), '--model-dir', x('model_dir'), '--metric', metricKey,
            '--metrics-file', x('metrics_file'), '--dataset-version', x('dataset_version')], 'evaluate_job'),
          jobCheck('evaluate_check', 'evaluate_job', 'evaluate_failed'),
          {
            read_metrics: {
              call: WORKFLOW_CONNECTORS.readMetrics,
              // The Cloud Storage connector takes the object name URL-encoded (its slashes as %2F).
              args: { bucket: x('artifacts_bucket'), object: x('text.url_encode(metrics_object)'), alt: 'media' },
              result: 'metrics',
            },
          },
          { metrics_parsed: { switch: [{ condition: x('get_type(metrics) == "map"'), next: 'read_candidate' }] } },
          { decode_metrics: { assign: [{ metrics: x('json.decode(metrics)') }] } },
          {
            read_candidate: {
              assign: [
                { candidate: x(`double(metrics["${metricKey}"])`) },
                { metric_label: x('text.replace_all(text.replace_all(string(candidate), ".", "_"), "+", "")') },
              ],
            },
          },
        ],
      },
    },
    {
      gate: {
        steps: [
          { find_champion: { call: 'lookup_model', args: { name: x('model_name + "@champion"'), region: x('model_region') }, result: 'champion_model' } },
          { find_model: { call: 'lookup_model', args: { name: x('model_name'), region: x('model_region') }, result: 'registered_model' } },
          { champion_metric: { call: 'champion_metric', args: { model: x('champion_model'), metric_name: metricKey }, result: 'champion' } },
          {
            decide: {
              call: 'gate_decision',
              args: { candidate: x('candidate'), champion_exists: x('champion.exists'), champion_value: x('champion.value') },
              result: 'decision',
            },
          },
        ],
      },
    },
    {
      register: {
        steps: [
          { register_choice: { switch: [{ condition: x('registered_model == null'), next: 'register_first_version' }] } },
          upload('register_version', false, 'registered'),
          upload('register_first_version', true),
          { registered: { assign: [{ model_version: x('default(map.get(upload, "modelVersionId"), map.get(upload, ["response", "modelVersionId"]))') }] } },
          {
            announcement: {
              assign: [{
                announcement: {
                  model: x('model_name'), modelVersion: x('model_version'), alias: x('decision'), datasetVersion: x('dataset_version'),
                  metricName: metricKey, metricValue: x('candidate'),
                },
              }],
            },
          },
          {
            announce: {
              call: WORKFLOW_CONNECTORS.announce,
              args: {
                topic: input.announcementTopic,
                body: {
                  messages: [{
                    data: x('base64.encode(json.encode(announcement))'),
                    attributes: {
                      alias: x('decision'),
                      'model-version': x('string(model_version)'),
                      model: x('model_name'),
                      'dataset-version': x('dataset_version'),
                      'metric-name': metricKey,
                      'metric-value': x('string(candidate)'),
                    },
                  }],
                },
              },
            },
          },
        ],
      },
    },
    {
      done: {
        return: { datasetVersion: x('dataset_version'), decision: x('decision'), metric: x('candidate'), modelVersion: x('model_version'), model: x('model_name') },
      },
    },
    failure('prepare_failed', 'PrepareFailed', `"prepare: BigQuery job " + prepare_job.jobReference.jobId + " failed: " + json.encode_to_string(prepare_job.status.errorResult)`),
    failure('train_failed', 'TrainingFailed', '"train: custom job " + train_job.name + " ended " + train_job.state'),
    failure('evaluate_failed', 'EvaluationFailed', '"evaluate: custom job " + evaluate_job.name + " ended " + evaluate_job.state'),
  ];

  const lookupModel = {
    params: ['name', 'region'],
    steps: [
      {
        get_model: {
          try: { call: WORKFLOW_CONNECTORS.findModel, args: { name: x('name'), region: x('region') }, result: 'model' },
          except: {
            as: 'e',
            steps: [
              { known_errors: { switch: [{ condition: x('not("HttpError" in e.tags)'), next: 'reraise' }, { condition: x('e.code == 404'), next: 'absent' }] } },
              { reraise: { raise: x('e') } },
            ],
          },
        },
      },
      { found: { return: x('model') } },
      { absent: { return: null } },
    ] as WorkflowStep[],
  };
  const championMetric = {
    params: ['model', 'metric_name'],
    steps: [
      { no_model: { switch: [{ condition: x('model == null'), next: 'no_champion' }] } },
      { other_metric: { switch: [{ condition: x('map.get(model, ["labels", "metric-name"]) != metric_name'), next: 'not_comparable' }] } },
      { read_label: { assign: [{ label: x('map.get(model, ["labels", "metric-value"])') }] } },
      { unlabelled: { switch: [{ condition: x('label == null'), next: 'not_comparable' }] } },
      { comparable: { return: { exists: true, value: x('double(text.replace_all(label, "_", "."))') } } },
      { no_champion: { return: { exists: false, value: null } } },
      { not_comparable: { return: { exists: true, value: null } } },
    ] as WorkflowStep[],
  };

  const raw = {
    main: { params: ['args'], steps: main },
    lookup_model: lookupModel,
    champion_metric: championMetric,
    gate_decision: gateSubworkflow(input.metric, input.bar, input.promotion),
  };
  const environment: { [name: string]: string } = {};
  const document = externalizeTokens(raw, environment, new Map(), input.resolveToken) as WorkflowSource['document'];
  return { document, text: JSON.stringify(document, undefined, 2), environment };
}

/** The marker of a cdktf string token. */
const TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/**
 * A copy of `value` in which every string holding Terraform tokens reads them from workflow
 * environment variables instead (`TF_VALUE_<n>`, one per Terraform expression, numbered in order of appearance): the source is
 * then plain text, and Terraform resolves the values into `user_env_vars`.
 */
function externalizeTokens(value: unknown, environment: { [name: string]: string }, names: Map<string, string>, resolve: (token: string) => string): unknown {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) {
      return value;
    }
    if (isWorkflowsExpression(value) && !value.startsWith('${TfToken[')) {
      throw new Error(`a Terraform token inside a Workflows expression: ${value}`);
    }
    const parts: string[] = [];
    let last = 0;
    for (const match of value.matchAll(TOKEN)) {
      if (match.index! > last) {
        parts.push(str(value.slice(last, match.index)));
      }
      const resolved = resolve(match[0]);
      let name = names.get(resolved);
      if (name === undefined) {
        name = `TF_VALUE_${names.size + 1}`;
        names.set(resolved, name);
        environment[name] = match[0];
      }
      parts.push(`sys.get_env("${name}")`);
      last = match.index! + match[0].length;
    }
    if (last < value.length) {
      parts.push(str(value.slice(last)));
    }
    return x(parts.join(' + '));
  }
  if (Array.isArray(value)) {
    return value.map((v) => externalizeTokens(v, environment, names, resolve));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, externalizeTokens(v, environment, names, resolve)]));
  }
  return value;
}

/**
 * The Cloud Workflows source of a Vertex AI canary rollout with metric rollback, generated from
 * the endpoint's settings. One run deploys one model version:
 *
 * 1. read the endpoint; the stable deployed model is the one with the largest traffic share (none:
 *    first deployment, all traffic to the new one, done);
 * 2. deploy the version with `trafficSplit` {new: canary %, stable: the rest};
 * 3. bake, then read the new deployed model's Cloud Monitoring metrics over the bake
 *    (`timeSeries.list`: error count, prediction count, model latency);
 * 4. breached → roll back: undeploy the new one with `trafficSplit` {stable: 100}, then fail the run;
 * 5. else promote: `trafficSplit` {new: 100}; bake again for the termination wait (breached → roll
 *    back as in 4), then undeploy the old one.
 *
 * Hand-written rather than taken from a library: no library generates Workflows sources, and the
 * steps are a handful of connector calls the tests read one by one.
 *
 * Every Terraform value (endpoint resource name, region, serving account) reaches the source
 * through the workflow's environment (`ROLLOUT_ENVIRONMENT`), so the source itself is literal.
 *
 * @see https://cloud.google.com/workflows/docs/reference/googleapis/aiplatform/v1/Overview
 * @see https://cloud.google.com/workflows/docs/reference/googleapis/monitoring/v3/Overview
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_a_b#gcp-aiplatform
 */
import { VertexAiMachineSpec } from '../../vertex-ai-api';

/** Defaults and limits of a canary rollout, as data. */
export const CANARY_ROLLOUT_LIMITS = {
  defaultPercent: 10,
  minPercent: 1,
  maxPercent: 99,
  defaultBakeSeconds: 600,
  defaultTerminationWaitSeconds: 300,
  /**
   * Vertex AI metrics are "sampled every 60 seconds; after sampling, data is not visible for up
   * to 180 seconds": a bake shorter than 5 minutes may read no data at all.
   * @see https://cloud.google.com/monitoring/api/metrics_gcp_a_b#gcp-aiplatform
   */
  minWaitSeconds: 300,
  /**
   * 24 hours. Workflows executions may run for a year; a rollout holding the old deployed model
   * (and its billed replicas) longer than a day is more often a mistake than a plan.
   */
  maxWaitSeconds: 86400,
} as const;

/** The settings of a canary rollout in force, in service terms. */
export interface ResolvedCanaryRollout {
  /** Percent of requests to the new deployed model during the bake. */
  readonly canaryPercent: number;
  readonly bakeSeconds: number;
  /** 0: no final bake. */
  readonly terminationWaitSeconds: number;
}

/** The connector calls, by purpose. */
export const ROLLOUT_CONNECTORS = {
  readEndpoint: 'googleapis.aiplatform.v1.projects.locations.endpoints.get',
  deployModel: 'googleapis.aiplatform.v1.projects.locations.endpoints.deployModel',
  setTraffic: 'googleapis.aiplatform.v1.projects.locations.endpoints.patch',
  undeployModel: 'googleapis.aiplatform.v1.projects.locations.endpoints.undeployModel',
  readMetrics: 'googleapis.monitoring.v3.projects.timeSeries.list',
} as const;

/**
 * The Vertex AI online prediction metrics the rollback reads, per deployed model
 * (`metric.labels.deployed_model_id`) of the endpoint (`resource.labels.endpoint_id`).
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_a_b#gcp-aiplatform
 */
export const ROLLOUT_METRICS = {
  errors: 'aiplatform.googleapis.com/prediction/online/error_count',
  predictions: 'aiplatform.googleapis.com/prediction/online/prediction_count',
  latencies: 'aiplatform.googleapis.com/prediction/online/prediction_latencies',
} as const;

/** The workflow's environment variables (`user_env_vars`) holding the Terraform values. */
export const ROLLOUT_ENVIRONMENT = {
  endpoint: 'MLOPS_ENDPOINT',
  region: 'MLOPS_REGION',
  servingAccount: 'MLOPS_SERVING_ACCOUNT',
} as const;

/** The error a rolled-back run fails with. */
export const ROLLED_BACK_ERROR = 'CanaryRolledBack';

/** What the source is generated from (literal values only). */
export interface CanaryRolloutInput {
  readonly rollout: ResolvedCanaryRollout;
  /** The endpoint id (numeric, literal): the metrics' `endpoint_id` label. */
  readonly endpointId: string;
  readonly machineSpec: VertexAiMachineSpec;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Share of requests answered with an error, more than 0 and at most 1. */
  readonly errorRateThreshold: number;
  /** Mean model latency, in milliseconds. */
  readonly modelLatencyThresholdMs: number;
}

/** Workflow step: a one-key object `{ name: body }`. */
export type RolloutStep = { [name: string]: Record<string, unknown> };

/** The generated workflow. */
export interface CanaryRolloutSource {
  readonly document: { [subworkflow: string]: { params: string[]; steps: RolloutStep[] } };
  readonly text: string;
}

const x = (expression: string): string => `\${${expression}}`;
const env = (name: string): string => x(`sys.get_env("${name}")`);

/** The generated source: see the file header. */
export function renderCanaryRollout(input: CanaryRolloutInput): CanaryRolloutSource {
  const { rollout } = input;
  const check = (step: string, seconds: number, result: string): RolloutStep => ({
    [step]: { call: 'check_rollback', args: { deployed_model_id: x('new_id'), seconds }, result },
  });
  const undeployNew = (step: string): RolloutStep => ({
    [step]: {
      call: ROLLOUT_CONNECTORS.undeployModel,
      args: { endpoint: x('endpoint'), region: x('region'), body: { deployedModelId: x('new_id'), trafficSplit: x('stable_split') } },
    },
  });
  const main: RolloutStep[] = [
    {
      init: {
        assign: [
          { endpoint: env(ROLLOUT_ENVIRONMENT.endpoint) },
          { region: env(ROLLOUT_ENVIRONMENT.region) },
          { model: x('map.get(args, "model")') },
          { version: x('map.get(args, "modelVersion")') },
        ],
      },
    },
    { check_model: { switch: [{ condition: x('model == null or model == ""'), next: 'no_model' }] } },
    { check_version: { switch: [{ condition: x('version == null or version == ""'), next: 'read_endpoint' }] } },
    { pin_version: { assign: [{ model: x('model + "@" + version') }] } },
    { read_endpoint: { call: ROLLOUT_CONNECTORS.readEndpoint, args: { name: x('endpoint'), region: x('region') }, result: 'current' } },
    { stable_init: { assign: [{ split: x('default(map.get(current, "trafficSplit"), {})') }, { stable: null }, { stable_share: 0 }] } },
    {
      find_stable: {
        for: {
          value: 'id',
          in: x('keys(split)'),
          steps: [
            { larger_share: { switch: [{ condition: x('split[id] > stable_share'), steps: [{ take_stable: { assign: [{ stable: x('id') }, { stable_share: x('split[id]') }] } }] }] } },
          ],
        },
      },
    },
    { first_deployment: { switch: [{ condition: x('stable == null'), next: 'deploy_only' }] } },
    {
      canary_split: {
        assign: [
          { traffic: { 0: rollout.canaryPercent } },
          { 'traffic[stable]': 100 - rollout.canaryPercent },
          { stable_split: {} },
          { 'stable_split[stable]': 100 },
        ],
      },
    },
    { deploy_canary: { call: ROLLOUT_CONNECTORS.deployModel, args: deployArgs(input, x('traffic')), result: 'deployed' } },
    { canary_id: { assign: [{ new_id: x('deployed.deployedModel.id') }] } },
    { bake: { call: 'sys.sleep', args: { seconds: rollout.bakeSeconds } } },
    check('check_canary', rollout.bakeSeconds, 'canary_verdict'),
    { canary_result: { assign: [{ verdict: x('canary_verdict') }] } },
    { canary_breached: { switch: [{ condition: x('verdict.breached'), next: 'rollback' }] } },
    { promoted_split: { assign: [{ promoted: {} }, { 'promoted[new_id]': 100 }] } },
    {
      promote: {
        call: ROLLOUT_CONNECTORS.setTraffic,
        args: { name: x('endpoint'), region: x('region'), updateMask: 'trafficSplit', body: { trafficSplit: x('promoted') } },
      },
    },
  ];
  if (rollout.terminationWaitSeconds > 0) {
    main.push(
      { final_bake: { call: 'sys.sleep', args: { seconds: rollout.terminationWaitSeconds } } },
      check('check_final', rollout.terminationWaitSeconds, 'final_verdict'),
      { final_result: { assign: [{ verdict: x('final_verdict') }] } },
      { final_breached: { switch: [{ condition: x('verdict.breached'), next: 'rollback' }] } },
    );
  }
  main.push(
    {
      retire_stable: {
        call: ROLLOUT_CONNECTORS.undeployModel,
        args: { endpoint: x('endpoint'), region: x('region'), body: { deployedModelId: x('stable') } },
      },
    },
    { promoted_result: { return: { result: 'promoted', model: x('model'), deployedModelId: x('new_id'), undeployedModelId: x('stable'), canary: x('canary_verdict') } } },
    undeployNew('rollback'),
    {
      rolled_back: {
        raise: {
          code: ROLLED_BACK_ERROR,
          message: x('"Rolled back " + model + " (deployed model " + new_id + "): the rollback metrics crossed their levels; " + stable + " serves all traffic again."'),
          model: x('model'), deployedModelId: x('new_id'), stableDeployedModelId: x('stable'), verdict: x('verdict'),
        },
      },
    },
    { deploy_only: { call: ROLLOUT_CONNECTORS.deployModel, args: deployArgs(input, { 0: 100 }), result: 'deployed' } },
    { deployed_result: { return: { result: 'deployed', model: x('model'), deployedModelId: x('deployed.deployedModel.id') } } },
    { no_model: { raise: { code: 'MissingModel', message: 'Start the rollout with the argument {"model": "projects/<p>/locations/<r>/models/<id>", "modelVersion": "<version>"}.' } } },
  );

  const metric = (type: string, extra: string, aligner: string, reducer: string, result: string): RolloutStep => ({
    [`read_${result}`]: {
      call: ROLLOUT_CONNECTORS.readMetrics,
      args: {
        name: x('"projects/" + sys.get_env("GOOGLE_CLOUD_PROJECT_ID")'),
        filter: x(`${JSON.stringify(`metric.type = "${type}"${extra} AND `)} + scope`),
        'interval.startTime': x('start'),
        'interval.endTime': x('end'),
        'aggregation.alignmentPeriod': x('string(seconds) + "s"'),
        'aggregation.perSeriesAligner': aligner,
        'aggregation.crossSeriesReducer': reducer,
      },
      result,
    },
  });
  const checkRollback = {
    params: ['deployed_model_id', 'seconds'],
    steps: [
      {
        window: {
          assign: [
            { now: x('sys.now()') },
            { end: x('time.format(now)') },
            { start: x('time.format(now - seconds)') },
            { scope: x(`${JSON.stringify(`resource.type = "aiplatform.googleapis.com/Endpoint" AND resource.labels.endpoint_id = "${input.endpointId}" AND metric.labels.deployed_model_id = "`)} + deployed_model_id + "\\""`) },
          ],
        },
      },
      metric(ROLLOUT_METRICS.errors, '', 'ALIGN_SUM', 'REDUCE_SUM', 'errors_series'),
      metric(ROLLOUT_METRICS.predictions, '', 'ALIGN_SUM', 'REDUCE_SUM', 'predictions_series'),
      metric(ROLLOUT_METRICS.latencies, ' AND metric.labels.latency_type = "model"', 'ALIGN_MEAN', 'REDUCE_MEAN', 'latency_series'),
      { sum_errors: { call: 'point_stats', args: { response: x('errors_series') }, result: 'errors' } },
      { sum_predictions: { call: 'point_stats', args: { response: x('predictions_series') }, result: 'predictions' } },
      { mean_latency: { call: 'point_stats', args: { response: x('latency_series') }, result: 'latency' } },
      { rate_init: { assign: [{ error_rate: 0 }, { latency_ms: 0 }] } },
      // No prediction but errors: every request failed.
      {
        has_predictions: {
          switch: [
            { condition: x('predictions.sum > 0'), steps: [{ error_share: { assign: [{ error_rate: x('errors.sum / predictions.sum') }] } }] },
            { condition: x('errors.sum > 0'), steps: [{ all_errors: { assign: [{ error_rate: 1 }] } }] },
          ],
        },
      },
      { has_latency: { switch: [{ condition: x('latency.points > 0'), steps: [{ latency_mean: { assign: [{ latency_ms: x('latency.sum / latency.points') }] } }] }] } },
      {
        verdict: {
          return: {
            breached: x(`error_rate > ${input.errorRateThreshold} or latency_ms > ${input.modelLatencyThresholdMs}`),
            errorRate: x('error_rate'), errors: x('errors.sum'), predictions: x('predictions.sum'), modelLatencyMs: x('latency_ms'),
            errorRateAlarmThreshold: input.errorRateThreshold, modelLatencyAlarmThresholdMs: input.modelLatencyThresholdMs,
          },
        },
      },
    ] as RolloutStep[],
  };
  // The sum and number of the points of a timeSeries.list response (int64 values are strings in JSON).
  const pointStats = {
    params: ['response'],
    steps: [
      { stats_init: { assign: [{ sum: 0 }, { points: 0 }] } },
      {
        each_series: {
          for: {
            value: 'series',
            in: x('default(map.get(response, "timeSeries"), [])'),
            steps: [{
              each_point: {
                for: {
                  value: 'point',
                  in: x('default(map.get(series, "points"), [])'),
                  steps: [{
                    add_point: {
                      assign: [
                        { sum: x('sum + double(default(map.get(point.value, "int64Value"), default(map.get(point.value, "doubleValue"), 0)))') },
                        { points: x('points + 1') },
                      ],
                    },
                  }],
                },
              },
            }],
          },
        },
      },
      { stats_done: { return: { sum: x('sum'), points: x('points') } } },
    ] as RolloutStep[],
  };
  const document: CanaryRolloutSource['document'] = {
    main: { params: ['args'], steps: main },
    check_rollback: checkRollback,
    point_stats: pointStats,
  };
  return { document, text: JSON.stringify(document, undefined, 2) };
}

/** The args of a deployModel call: the endpoint's machine spec, replicas and serving account, with `trafficSplit`. */
function deployArgs(input: CanaryRolloutInput, trafficSplit: unknown): Record<string, unknown> {
  return {
    endpoint: x('endpoint'),
    region: x('region'),
    body: {
      deployedModel: {
        model: x('model'),
        serviceAccount: env(ROLLOUT_ENVIRONMENT.servingAccount),
        enableAccessLogging: true,
        dedicatedResources: { machineSpec: { ...input.machineSpec }, minReplicaCount: input.minReplicas, maxReplicaCount: input.maxReplicas },
      },
      trafficSplit,
    },
  };
}

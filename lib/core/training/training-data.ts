/**
 * Where a training pipeline keeps what a run produces, and the SQL of its prepare and evaluate
 * steps, generated from the spec in each cloud's dialect (the dialect layer of `lib/core/drift`).
 *
 * Layout in the lake's {@link TRAINING_PIPELINE_ZONE}, the same on both clouds:
 *
 * ```
 * training-datasets/<pipeline>/<dataset version>/train/       headerless CSV, label first
 * training-datasets/<pipeline>/<dataset version>/validation/
 * evaluations/<pipeline>/<dataset version>/predictions/        label, score (CSV)
 * evaluations/<pipeline>/<dataset version>/metrics.json        { "<metric>": value, "datasetVersion": "…" }
 * ```
 *
 * The dataset version is the orchestrator's execution id (Step Functions execution name,
 * Workflows execution id), so every registered model points at the exact rows it was trained on.
 */
import { StandardZone } from '../lake';
import { FieldTypeKind, ResolvedField } from '../schema';
import { DriftTable, logLossCte, modelQualityCtes, SqlDialect } from '../drift';
import { EvaluationMetric } from './metrics';
import { ProblemType } from './problem-type';
import { trainingSplitBucket } from './dataset-query';
import { TrainingPipelineSpec } from './training-pipeline-spec';

/** The lake zone a training pipeline writes its dataset versions and evaluations to: where pipeline outputs live. */
export const TRAINING_PIPELINE_ZONE: string = StandardZone.ARTIFACTS;

/** The two splits of a dataset version. */
export enum TrainingSplit {
  /** The rows the model is fitted on. */
  TRAIN = 'train',
  /** The held-out rows it is evaluated on. */
  VALIDATION = 'validation',
}

/** Name of the metrics file in a run's evaluation prefix. */
export const METRICS_FILE_NAME = 'metrics.json';

/** Key of the dataset version in the metrics file (beside the metric's own name). */
export const METRICS_FILE_DATASET_VERSION_KEY = 'datasetVersion';

/** `training-datasets/<pipeline>/<version>/`: the prefix of a dataset version (ends with `/`). */
export function trainingDatasetPrefix(pipeline: string, datasetVersion: string): string {
  return `training-datasets/${pipeline}/${datasetVersion}/`;
}

/** `evaluations/<pipeline>/<version>/`: the prefix of a run's evaluation (ends with `/`). */
export function evaluationPrefix(pipeline: string, datasetVersion: string): string {
  return `evaluations/${pipeline}/${datasetVersion}/`;
}

/** Options of {@link trainingSplitQuery}. */
export interface TrainingSplitQueryOptions {
  /** The source table. */
  readonly source: DriftTable;
  /** Which split to select. */
  readonly split: TrainingSplit;
  /**
   * An SQL expression of the run's UTC start date (a DATE): a `lastDays(n)` window is the `n`
   * days before it. Pass the run's date rather than `CURRENT_DATE`, so that both splits of a run
   * read the same window whenever each query starts.
   */
  readonly runDate: string;
  /**
   * A DATE partition column of the source holding the UTC date of the event time (the AWS lake's
   * `event_date`), filtered too so the engine reads only the window's partitions.
   * @default - none: the event-time predicate alone (BigQuery prunes on it)
   */
  readonly datePartitionColumn?: string;
}

/**
 * The SELECT of one split of a dataset version: the spec's {@link TrainingPipelineSpec.datasetColumns}
 * (label first) as text the built-in XGBoost reads from headerless CSV — numbers as they are,
 * booleans as 1/0, dates as days since 1970-01-01, a missing feature as an empty field — of the
 * rows with a label, inside the window, on the split's side of the hash:
 * `hashPercentile(split key) < validationPercentage` is validation, the rest is train.
 *
 * The split bucket is {@link trainingSplitBucket}, shared with the Google Cloud prepare step
 * ({@link trainingDatasetQueries}), so a row lands on the same side on both clouds. The two
 * generators differ only where the engines' export statements do: Athena's `UNLOAD` writes these
 * columns as text (a missing feature as an empty field) and filters the `event_date` partition
 * column as well; BigQuery's `EXPORT DATA` writes numbers and prunes on the event time.
 *
 * The spec must be valid (`spec.problems()` empty).
 */
export function trainingSplitQuery(spec: TrainingPipelineSpec, d: SqlDialect, options: TrainingSplitQueryOptions): string {
  const schema = spec.schema;
  const columns = spec.datasetColumns.map((field, i) => `${i === 0 ? labelText(d, field) : featureText(d, field)} AS ${d.identifier(field.name)}`);
  const where = [`${d.identifier(spec.label)} IS NOT NULL`];
  const days = spec.window.days;
  if (days !== undefined && schema.eventTime !== undefined) {
    const start = d.addDays(options.runDate, -days);
    if (options.datePartitionColumn !== undefined) {
      const partition = d.identifier(options.datePartitionColumn);
      where.push(`${partition} >= ${start}`, `${partition} < ${options.runDate}`);
    }
    const eventDate = `CAST(${d.identifier(schema.eventTime)} AS DATE)`;
    where.push(`${eventDate} >= ${start}`, `${eventDate} < ${options.runDate}`);
  }
  const bucket = trainingSplitBucket(spec, d);
  where.push(`${bucket} ${options.split === TrainingSplit.VALIDATION ? '<' : '>='} ${spec.validationPercentage}`);
  return `SELECT ${columns.join(', ')} FROM ${options.source.render(d)} WHERE ${where.join(' AND ')}`;
}

/** Options of {@link evaluationQuery}. */
export interface EvaluationQueryOptions {
  /** The predictions: a table with a numeric `label` and `score` column per validation row. */
  readonly predictions: DriftTable;
  /**
   * Predicates that select one run's predictions (e.g. its dataset-version partition).
   * @default - every row
   */
  readonly where?: string[];
}

/**
 * The query that computes a built-in metric from a run's predictions: one row `(value,
 * sample_size)`. The statistics are the drift monitor's model-quality SQL
 * ({@link modelQualityCtes}, proven on DuckDB against scikit-learn's definitions), so the metric
 * a model is promoted on is the one drift monitoring reports later.
 *
 * A binary metric reads `label` 1 as the positive class and `score` as its probability.
 */
export function evaluationQuery(metric: EvaluationMetric, d: SqlDialect, options: EvaluationQueryOptions): string {
  if (!metric.builtIn) {
    throw new Error(`evaluationQuery: "${metric.name}" is not a built-in metric; its evaluation image computes it`);
  }
  const D = d.doubleType;
  const binary = metric.problemType === ProblemType.BINARY_CLASSIFICATION;
  const y = binary ? `CASE WHEN CAST(label AS ${D}) = 1 THEN 1 ELSE 0 END` : `CAST(label AS ${D})`;
  const where = ['score IS NOT NULL', 'label IS NOT NULL', ...(options.where ?? [])];
  const ctes = [
    `labelled AS (SELECT CAST(score AS ${D}) AS p, ${y} AS y FROM ${options.predictions.render(d)} WHERE ${where.join(' AND ')})`,
    ...modelQualityCtes(d, binary ? ProblemType.BINARY_CLASSIFICATION : ProblemType.REGRESSION),
  ];
  let select: string;
  switch (metric) {
    case EvaluationMetric.AUC: select = 'SELECT value, sample_size FROM auc'; break;
    case EvaluationMetric.ACCURACY: select = 'SELECT accuracy AS value, n AS sample_size FROM quality'; break;
    case EvaluationMetric.LOG_LOSS: ctes.push(logLossCte(d)); select = 'SELECT value, sample_size FROM logloss'; break;
    case EvaluationMetric.RMSE: select = 'SELECT rmse AS value, n AS sample_size FROM quality'; break;
    default: select = 'SELECT mae AS value, n AS sample_size FROM quality'; break;
  }
  return `WITH ${ctes.join(',\n')}\n${select}`;
}

function labelText(d: SqlDialect, field: ResolvedField): string {
  const column = d.identifier(field.name);
  return field.type.kind === FieldTypeKind.BOOLEAN ? `CASE WHEN ${column} THEN '1' ELSE '0' END` : `CAST(${column} AS ${d.stringType})`;
}

function featureText(d: SqlDialect, field: ResolvedField): string {
  const column = d.identifier(field.name);
  switch (field.type.kind) {
    case FieldTypeKind.BOOLEAN: return `CASE WHEN ${column} THEN '1' WHEN NOT ${column} THEN '0' ELSE '' END`;
    case FieldTypeKind.DATE: return `COALESCE(CAST(${d.daysSinceEpoch(column)} AS ${d.stringType}), '')`;
    default: return `COALESCE(CAST(${column} AS ${d.stringType}), '')`;
  }
}

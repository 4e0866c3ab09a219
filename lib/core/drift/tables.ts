import { FieldType, TableSchema } from '../schema';

/**
 * Schema of the drift results table: one row per window, field and statistic. Both clouds' lakes
 * create it from this schema (the AWS lake adds its `event_date` partition column, the GCP lake
 * partitions on `window_start`), and the window query's output is INSERT-able into it as is
 * ({@link DriftQuery.insertInto}).
 *
 * | column          | meaning                                                                   |
 * |-----------------|---------------------------------------------------------------------------|
 * | window_start    | start of the window, inclusive (event time)                                |
 * | window_end      | end of the window, exclusive                                               |
 * | baseline_id     | the baseline compared with (a dataset version)                             |
 * | field           | the monitored field (the prediction field for model-quality rows)         |
 * | statistic       | a {@link DriftStatistic} value                                             |
 * | value           | the statistic; null when the window held nothing to compute it on          |
 * | sample_size     | values it was computed on (non-null values; rows for missing_rate; labelled predictions for model quality) |
 * | warn_threshold  | warn level in force, null when none                                         |
 * | alarm_threshold | alarm level in force, null when none                                        |
 * | direction       | `above` or `below` ({@link ThresholdDirection})                            |
 * | level           | `ok`, `warn`, `alarm` or `none` ({@link DriftLevel})                        |
 * | breached        | true when the alarm level is reached                                        |
 *
 * @param name table name @default 'drift_results'
 */
export function driftResultsSchema(name: string = 'drift_results'): TableSchema {
  return new TableSchema({
    name,
    description: 'Drift statistics per window, field and statistic (mlops-constructs DriftMonitor).',
    fields: [
      { name: 'window_start', type: FieldType.TIMESTAMP, description: 'Start of the window, inclusive.' },
      { name: 'window_end', type: FieldType.TIMESTAMP, nullable: false, description: 'End of the window, exclusive.' },
      { name: 'baseline_id', type: FieldType.STRING, nullable: false, description: 'The baseline compared with.' },
      { name: 'field', type: FieldType.STRING, description: 'Monitored field.' },
      { name: 'statistic', type: FieldType.STRING, description: 'psi, ks, unseen_share, missing_rate, accuracy, auc, rmse or mae.' },
      { name: 'value', type: FieldType.FLOAT64, description: 'The statistic; null when the window held nothing to compute it on.' },
      { name: 'sample_size', type: FieldType.INT64, nullable: false, description: 'Values the statistic was computed on.' },
      { name: 'warn_threshold', type: FieldType.FLOAT64, description: 'Warn level in force.' },
      { name: 'alarm_threshold', type: FieldType.FLOAT64, description: 'Alarm level in force.' },
      { name: 'direction', type: FieldType.STRING, nullable: false, description: 'above: worse when larger; below: worse when smaller.' },
      { name: 'level', type: FieldType.STRING, nullable: false, description: 'ok, warn, alarm or none.' },
      { name: 'breached', type: FieldType.BOOLEAN, nullable: false, description: 'True when the alarm level is reached.' },
    ],
    entityKeys: ['field', 'statistic'],
    eventTime: 'window_start',
  });
}

/** The `kind` values of the drift baseline table's rows. */
export enum BaselineRowKind {
  /** A numeric field's bin: `ordinal` 0 to bins − 1, `lower_edge` (null for the first), `upper_edge` (null for the last), `row_count`, `share`. */
  NUMERIC_BIN = 'numeric_bin',
  /** A categorical field's PSI bucket: `ordinal` 1 to K for the top categories by count (`category`), 0 for "other". */
  CATEGORY_BUCKET = 'category_bucket',
  /** Every category the baseline saw (`category`, `row_count`, `ordinal` its rank), for the unseen share. */
  CATEGORY = 'category',
  /** A distinct value of a numeric field (`value`, `row_count`): the baseline's distribution function, for KS. */
  VALUE = 'value',
  /** Per field: `row_count` the baseline's rows, `share` its missing rate. */
  SUMMARY = 'summary',
}

/**
 * Schema of the drift baseline table, written by the baseline query from a dataset version and
 * read by every window query: bin edges (the baseline's quantiles, fixed at baseline time),
 * top categories with their expected shares, the seen categories, the numeric distribution
 * functions and the missing rates, in long form (one row per field and {@link BaselineRowKind}).
 *
 * The `value` rows hold one row per distinct numeric value of the baseline, so KS is exact; for a
 * very large dataset version, compute the baseline from a sample (the baseline query's source is
 * any {@link DriftTable}, which may carry a `TABLESAMPLE` or a filter).
 *
 * @param name table name @default 'drift_baseline'
 */
export function driftBaselineSchema(name: string = 'drift_baseline'): TableSchema {
  return new TableSchema({
    name,
    description: 'Drift baselines: bin edges, top categories and distributions per field (mlops-constructs DriftMonitor).',
    fields: [
      { name: 'baseline_id', type: FieldType.STRING, description: 'The baseline (a dataset version).' },
      { name: 'field', type: FieldType.STRING, description: 'Monitored field.' },
      { name: 'kind', type: FieldType.STRING, nullable: false, description: 'numeric_bin, category_bucket, category, value or summary.' },
      { name: 'ordinal', type: FieldType.INT64, nullable: false, description: 'Bin index, bucket (0 = other) or category rank.' },
      { name: 'lower_edge', type: FieldType.FLOAT64, description: 'Inclusive lower edge of a bin; null for the first.' },
      { name: 'upper_edge', type: FieldType.FLOAT64, description: 'Exclusive upper edge of a bin; null for the last.' },
      { name: 'category', type: FieldType.STRING, description: 'Category of a bucket or category row.' },
      { name: 'value', type: FieldType.FLOAT64, description: 'Distinct numeric value of a value row.' },
      { name: 'row_count', type: FieldType.INT64, nullable: false, description: 'Baseline values in the bin, bucket, category or value; rows for summary.' },
      { name: 'share', type: FieldType.FLOAT64, description: 'Share of the non-null values (bins, buckets, categories); missing rate (summary).' },
    ],
    entityKeys: ['baseline_id', 'field'],
  });
}

/** The column names of the results table, in order. */
export const DRIFT_RESULT_COLUMNS: readonly string[] = driftResultsSchema().fields.map((f) => f.name);
/** The column names of the baseline table, in order. */
export const DRIFT_BASELINE_COLUMNS: readonly string[] = driftBaselineSchema().fields.map((f) => f.name);

/**
 * The drift statistics, their default thresholds and the sources those defaults come from.
 */

/** A statistic of the drift results table (the value of its `statistic` column). */
export enum DriftStatistic {
  /**
   * Population Stability Index: Σ (a − e)·ln(a / e) over bins, `e` the baseline's share of a bin
   * and `a` the window's. Numeric fields: bins between the baseline's quantiles; categorical
   * fields: the baseline's top-K categories plus one "other" bucket. A zero share is replaced by
   * the spec's `psiEpsilon` so the logarithm is defined.
   * @see https://doi.org/10.21314/JRMV.2020.227 (Yurdakul & Naranjo, Statistical properties of the population stability index)
   */
  PSI = 'psi',
  /**
   * Two-sample Kolmogorov–Smirnov statistic: the largest distance between the baseline's and the
   * window's empirical distribution functions (as `scipy.stats.ks_2samp` computes it). Numeric fields.
   * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html
   */
  KS = 'ks',
  /** Share of the window's non-null values of a categorical field that the baseline never saw. */
  UNSEEN_SHARE = 'unseen_share',
  /** Share of the window's records whose field is null (data-quality drift). */
  MISSING_RATE = 'missing_rate',
  /** Share of labelled predictions whose class (score ≥ decision threshold) equals the label. */
  ACCURACY = 'accuracy',
  /**
   * Area under the ROC curve of the prediction score against the label: the Mann–Whitney U of
   * the positives' scores over (n₊·n₋), tied scores at their mid-rank (counted half).
   * @see https://doi.org/10.1148/radiology.143.1.7063747 (Hanley & McNeil, 1982)
   * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.mannwhitneyu.html
   */
  AUC = 'auc',
  /** Root mean squared error of the prediction against the label. */
  RMSE = 'rmse',
  /** Mean absolute error of the prediction against the label. */
  MAE = 'mae',
}

/** Which way a statistic gets worse. */
export enum ThresholdDirection {
  /** Worse when larger: drift, missing values, errors. A level is reached when the value is at or above its threshold. */
  ABOVE = 'above',
  /** Worse when smaller: accuracy, AUC. A level is reached when the value is at or below its threshold. */
  BELOW = 'below',
}

/** The level of a drift result row (its `level` column). */
export enum DriftLevel {
  /** No threshold reached. */
  OK = 'ok',
  /** The warn threshold reached, not the alarm threshold. */
  WARN = 'warn',
  /** The alarm threshold reached: the row's `breached` column is true; this is what starts retraining. */
  ALARM = 'alarm',
  /** No threshold is set for the statistic, or the window held no value to compute it on. */
  NONE = 'none',
}

/**
 * Warn and alarm levels of one statistic. A level left out is not checked.
 *
 * For statistics that get worse when larger the warn level is at most the alarm level; for
 * accuracy and AUC (worse when smaller) it is at least the alarm level.
 */
export interface DriftThreshold {
  /**
   * Value at which a result is a warning.
   * @default - the statistic's default (see {@link DEFAULT_DRIFT_THRESHOLDS})
   */
  readonly warn?: number;
  /**
   * Value at which a result is an alarm.
   * @default - the statistic's default (see {@link DEFAULT_DRIFT_THRESHOLDS})
   */
  readonly alarm?: number;
}

/**
 * Thresholds per statistic. What is given replaces the default of that statistic and level;
 * what is left out keeps the default.
 */
export interface DriftThresholds {
  /** @default DEFAULT_DRIFT_THRESHOLDS.psi (warn 0.1, alarm 0.2) */
  readonly psi?: DriftThreshold;
  /** @default DEFAULT_DRIFT_THRESHOLDS.ks (warn 0.1, alarm 0.2) */
  readonly ks?: DriftThreshold;
  /** @default DEFAULT_DRIFT_THRESHOLDS.unseenShare (warn 0.01, alarm 0.05) */
  readonly unseenShare?: DriftThreshold;
  /**
   * Absolute missing rates. When not given, the thresholds are relative to the baseline: its
   * missing rate plus {@link DEFAULT_MISSING_RATE_INCREASE} (0.05 warn, 0.10 alarm), computed in
   * the query and written to the result row.
   * @default - baseline missing rate + 0.05 (warn) / + 0.10 (alarm)
   */
  readonly missingRate?: DriftThreshold;
  /** @default - not checked (depends on the model) */
  readonly accuracy?: DriftThreshold;
  /** @default - not checked (depends on the model) */
  readonly auc?: DriftThreshold;
  /** @default - not checked (in the label's unit) */
  readonly rmse?: DriftThreshold;
  /** @default - not checked (in the label's unit) */
  readonly mae?: DriftThreshold;
}

/** The keys of {@link DriftThresholds}, with the statistic each names. */
export const THRESHOLD_KEYS: ReadonlyArray<{ readonly key: keyof DriftThresholds; readonly statistic: DriftStatistic }> = [
  { key: 'psi', statistic: DriftStatistic.PSI },
  { key: 'ks', statistic: DriftStatistic.KS },
  { key: 'unseenShare', statistic: DriftStatistic.UNSEEN_SHARE },
  { key: 'missingRate', statistic: DriftStatistic.MISSING_RATE },
  { key: 'accuracy', statistic: DriftStatistic.ACCURACY },
  { key: 'auc', statistic: DriftStatistic.AUC },
  { key: 'rmse', statistic: DriftStatistic.RMSE },
  { key: 'mae', statistic: DriftStatistic.MAE },
];

/**
 * The default thresholds, with where they come from.
 *
 * - PSI 0.1 / 0.2: the credit-scoring rule of thumb (below 0.1 no significant shift, 0.1–0.2
 *   moderate, above 0.2 significant), as studied by Yurdakul & Naranjo (2020); some texts put the
 *   upper level at 0.25 (Siddiqi, *Credit Risk Scorecards*, 2006).
 * - KS 0.1 / 0.2: 0.1 is the default `comparison_threshold` of SageMaker Model Monitor's
 *   distribution check, which compares the same distance between distribution functions; 0.2 for
 *   the alarm is ours, in the same 1:2 ratio as PSI. Fixed distances rather than p-values: on the
 *   large windows of a production endpoint any shift becomes "significant".
 * - Unseen share 0.01 / 0.05: TensorFlow Data Validation flags any value outside the domain
 *   (`min_domain_mass` defaults to 1.0); a monitor that alarms on one new value of a long-tailed
 *   category is noise, so we warn at 1 % and alarm at 5 % (our choice).
 * - Missing rate: relative to the baseline, see {@link DEFAULT_MISSING_RATE_INCREASE}.
 * - Model quality: no default; the levels depend on the model and on the label's unit.
 *
 * @see https://doi.org/10.21314/JRMV.2020.227
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-byoc-constraints.html
 * @see https://www.tensorflow.org/tfx/data_validation/anomalies
 */
export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psi: { warn: 0.1, alarm: 0.2 },
  ks: { warn: 0.1, alarm: 0.2 },
  unseenShare: { warn: 0.01, alarm: 0.05 },
};

/**
 * Default missing-rate thresholds as increases over the baseline's missing rate: five points warn,
 * ten points alarm (our choice: a data-quality check, not a statistical test).
 */
export const DEFAULT_MISSING_RATE_INCREASE: DriftThreshold = { warn: 0.05, alarm: 0.1 };

/**
 * The share that replaces an empty bin's share in PSI, so that ln(a / e) is defined. 1e-4 is the
 * value most PSI implementations use (Evidently's `get_binned_data` replaces zero shares with
 * 0.0001 before its PSI, as do most PSI snippets in circulation). Only zero shares are replaced.
 * @see https://github.com/evidentlyai/evidently (stattests `utils.py`, `get_binned_data(..., feel_zeroes=True)`)
 */
export const DEFAULT_PSI_EPSILON = 0.0001;

/** Default number of baseline-quantile bins of a numeric field. */
export const DEFAULT_DRIFT_BINS = 10;
/** Fewest bins a numeric field may have. */
export const MIN_DRIFT_BINS = 2;
/** Most bins a numeric field may have. */
export const MAX_DRIFT_BINS = 100;
/** Default number of baseline categories kept by name (the rest is "other"). */
export const DEFAULT_TOP_CATEGORIES = 10;
/** Most categories kept by name. */
export const MAX_TOP_CATEGORIES = 1000;

/** The direction of a statistic. */
export function thresholdDirection(statistic: DriftStatistic): ThresholdDirection {
  return statistic === DriftStatistic.ACCURACY || statistic === DriftStatistic.AUC ? ThresholdDirection.BELOW : ThresholdDirection.ABOVE;
}

import { ValidationProblem } from '../errors';
import { FieldTypeKind } from '../schema';
import { ProblemType } from './problem-type';

/** Which way a metric improves. The service value is the one SageMaker's `ModelQuality` and Vertex AI's model evaluation use in prose; nothing renders it into a template. */
export enum MetricDirection {
  /** Larger is better (AUC, accuracy). */
  HIGHER_IS_BETTER = 'higher-is-better',
  /** Smaller is better (RMSE, MAE, log loss). */
  LOWER_IS_BETTER = 'lower-is-better',
}

/** Label field kinds each problem type accepts. */
const LABEL_KINDS: Record<ProblemType, ReadonlySet<string>> = {
  [ProblemType.BINARY_CLASSIFICATION]: new Set([FieldTypeKind.BOOLEAN, FieldTypeKind.INT32, FieldTypeKind.INT64]),
  [ProblemType.REGRESSION]: new Set([FieldTypeKind.INT32, FieldTypeKind.INT64, FieldTypeKind.FLOAT32, FieldTypeKind.FLOAT64, FieldTypeKind.DECIMAL]),
};

/** Everything a custom {@link EvaluationMetric} is declared from. */
export interface EvaluationMetricProps {
  /** Metric name as the evaluation step writes it into the metrics file: lowercase letters, digits and underscores. */
  readonly name: string;
  /** Which way the metric improves. Required: a metric without a direction cannot gate a model. */
  readonly direction: MetricDirection;
  /** What the model predicts. */
  readonly problemType: ProblemType;
  /**
   * Smallest value the metric can take.
   * @default - no lower bound
   */
  readonly min?: number;
  /**
   * Largest value the metric can take.
   * @default - no upper bound
   */
  readonly max?: number;
  /**
   * The XGBoost `eval_metric` that reports it during training, when there is one.
   * @default - none: the metric is computed by the evaluation step only
   */
  readonly xgboostEvalMetric?: string;
}

const METRIC_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The metric a training pipeline evaluates a model on, with the direction that makes a model
 * better and the range its values live in (so a bar outside the range is refused at synth).
 *
 * The built-in metrics are computed by the evaluation step of both clouds' pipelines from the
 * validation split; `EvaluationMetric.custom(...)` names one that a user's evaluation image
 * writes into the metrics file.
 *
 * @see https://xgboost.readthedocs.io/en/stable/parameter.html#learning-task-parameters (eval_metric names)
 */
export class EvaluationMetric {
  /** Area under the ROC curve, binary classification, 0–1, higher is better. */
  public static readonly AUC = new EvaluationMetric({
    name: 'auc', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION, min: 0, max: 1, xgboostEvalMetric: 'auc',
  });
  /** Share of correct predictions at threshold 0.5, binary classification, 0–1, higher is better. */
  public static readonly ACCURACY = new EvaluationMetric({
    name: 'accuracy', direction: MetricDirection.HIGHER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION, min: 0, max: 1, xgboostEvalMetric: 'error',
  });
  /** Negative log-likelihood, binary classification, ≥ 0, lower is better. */
  public static readonly LOG_LOSS = new EvaluationMetric({
    name: 'logloss', direction: MetricDirection.LOWER_IS_BETTER, problemType: ProblemType.BINARY_CLASSIFICATION, min: 0, xgboostEvalMetric: 'logloss',
  });
  /** Root mean squared error, regression, ≥ 0, lower is better. */
  public static readonly RMSE = new EvaluationMetric({
    name: 'rmse', direction: MetricDirection.LOWER_IS_BETTER, problemType: ProblemType.REGRESSION, min: 0, xgboostEvalMetric: 'rmse',
  });
  /** Mean absolute error, regression, ≥ 0, lower is better. */
  public static readonly MAE = new EvaluationMetric({
    name: 'mae', direction: MetricDirection.LOWER_IS_BETTER, problemType: ProblemType.REGRESSION, min: 0, xgboostEvalMetric: 'mae',
  });

  /** Every built-in metric. */
  public static readonly BUILT_IN: readonly EvaluationMetric[] = [
    EvaluationMetric.AUC, EvaluationMetric.ACCURACY, EvaluationMetric.LOG_LOSS, EvaluationMetric.RMSE, EvaluationMetric.MAE,
  ];

  /** A metric computed by your own evaluation image. Declaring one never throws; see {@link problems}. */
  public static custom(props: EvaluationMetricProps): EvaluationMetric {
    return new EvaluationMetric(props);
  }

  /** Metric name in the metrics file. */
  public readonly name: string;
  /** Which way it improves. */
  public readonly direction: MetricDirection;
  /** What the model predicts. */
  public readonly problemType: ProblemType;
  /** Smallest value, if bounded. */
  public readonly min?: number;
  /** Largest value, if bounded. */
  public readonly max?: number;
  /** XGBoost `eval_metric`, if any. */
  public readonly xgboostEvalMetric?: string;

  private constructor(private readonly props: EvaluationMetricProps) {
    this.name = props?.name;
    this.direction = props?.direction;
    this.problemType = props?.problemType;
    this.min = props?.min;
    this.max = props?.max;
    this.xgboostEvalMetric = props?.xgboostEvalMetric;
  }

  /** Whether this metric is one of {@link BUILT_IN}, which the pipelines' own evaluation step computes. */
  public get builtIn(): boolean {
    return EvaluationMetric.BUILT_IN.includes(this);
  }

  /** The XGBoost `objective` that trains a model this metric can judge. */
  public get xgboostObjective(): string {
    return this.problemType === ProblemType.REGRESSION ? 'reg:squarederror' : 'binary:logistic';
  }

  /** `true` when `candidate` is strictly better than `reference` by more than `margin`. */
  public beats(candidate: number, reference: number, margin = 0): boolean {
    return this.direction === MetricDirection.HIGHER_IS_BETTER ? candidate > reference + margin : candidate < reference - margin;
  }

  /** `true` when `value` clears `bar`: at least the bar (higher is better) or at most the bar (lower is better). */
  public clears(value: number, bar: number): boolean {
    return this.direction === MetricDirection.HIGHER_IS_BETTER ? value >= bar : value <= bar;
  }

  /** The range as a sentence fragment: `"from 0 to 1"`, `"at least 0"`, `"any number"`. */
  public rangeDescription(): string {
    if (this.min !== undefined && this.max !== undefined) {
      return `from ${this.min} to ${this.max}`;
    }
    if (this.min !== undefined) {
      return `at least ${this.min}`;
    }
    return this.max !== undefined ? `at most ${this.max}` : 'any finite number';
  }

  /** Whether `value` lies in the metric's range. */
  public inRange(value: number): boolean {
    return Number.isFinite(value) && (this.min === undefined || value >= this.min) && (this.max === undefined || value <= this.max);
  }

  /** Field kinds a label judged by this metric may have. */
  public get labelKinds(): readonly string[] {
    return [...LABEL_KINDS[this.problemType] ?? []];
  }

  /** Problems of a custom metric's declaration (property paths relative to the metric); built-ins have none. */
  public problems(): ValidationProblem[] {
    const p = this.props;
    if (p === null || typeof p !== 'object') {
      return [{ property: '', value: p, allowed: 'EvaluationMetric.custom({ name, direction, problemType })' }];
    }
    const problems: ValidationProblem[] = [];
    if (typeof p.name !== 'string' || !METRIC_NAME.test(p.name)) {
      problems.push({ property: 'name', value: p.name, allowed: '1 to 63 lowercase letters, digits and underscores, starting with a letter' });
    }
    if (!Object.values(MetricDirection).includes(p.direction)) {
      problems.push({ property: 'direction', value: p.direction, allowed: `a MetricDirection (${Object.values(MetricDirection).join(', ')}): a metric without a direction cannot gate a model` });
    }
    if (!Object.values(ProblemType).includes(p.problemType)) {
      problems.push({ property: 'problemType', value: p.problemType, allowed: `a ProblemType (${Object.values(ProblemType).join(', ')})` });
    }
    for (const bound of ['min', 'max'] as const) {
      if (p[bound] !== undefined && (typeof p[bound] !== 'number' || !Number.isFinite(p[bound]))) {
        problems.push({ property: bound, value: p[bound], allowed: 'a finite number, or left out' });
      }
    }
    if (typeof p.min === 'number' && typeof p.max === 'number' && p.min >= p.max) {
      problems.push({ property: 'max', value: p.max, allowed: `a number above min (${p.min})` });
    }
    return problems;
  }
}

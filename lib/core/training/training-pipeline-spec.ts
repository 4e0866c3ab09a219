import { AcceleratorRequest } from '../accelerators';
import { ValidationProblem } from '../errors';
import { NamingRule, namingProblem } from '../naming';
import { FieldTypeKind, ResolvedField, TableSchema } from '../schema';
import { MAX_PORTABLE_DECIMAL_PRECISION } from '../drift/dialect';
import { EvaluationMetric } from './metrics';
import { PromotionPolicy } from './promotion';

/**
 * Training pipeline names: the base of the state machine, workflow, scheduler job and model
 * registry names derived from them, so short enough that `<prefix>-<name>-<suffix>` fits the
 * tightest of those limits (Workflows: 64 characters; SageMaker model package groups: 63).
 */
export const TRAINING_PIPELINE_NAME_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
  description: '1 to 32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/** Feature kinds the built-in XGBoost algorithm reads as numbers (booleans as 0/1, dates as days since 1970-01-01). */
export const XGBOOST_FEATURE_KINDS: ReadonlySet<string> = new Set([
  FieldTypeKind.BOOLEAN, FieldTypeKind.INT32, FieldTypeKind.INT64, FieldTypeKind.FLOAT32, FieldTypeKind.FLOAT64, FieldTypeKind.DECIMAL, FieldTypeKind.DATE,
]);

/** How a window is chosen. */
enum WindowKind {
  LAST_DAYS = 'last-days',
  ENTIRE_TABLE = 'entire-table',
}

/**
 * Which rows of the source table a run trains on (an enum-like class).
 *
 * `lastDays(n)` reads the `n` whole UTC days before the run's start (partitions pruned on the
 * event date); `entireTable()` is a snapshot of every row at the run's start.
 */
export class TrainingWindow {
  /** The `days` whole UTC days before the day the run starts (today excluded, so a window is complete). */
  public static lastDays(days: number): TrainingWindow {
    return new TrainingWindow(WindowKind.LAST_DAYS, days);
  }

  /** Every row of the table when the run starts. */
  public static entireTable(): TrainingWindow {
    return new TrainingWindow(WindowKind.ENTIRE_TABLE, undefined);
  }

  private constructor(private readonly kind: WindowKind, private readonly dayCount: unknown) {}

  /** Days in the window, or `undefined` for the entire table. */
  public get days(): number | undefined {
    return this.kind === WindowKind.LAST_DAYS ? this.dayCount as number : undefined;
  }

  /** Problems of the window for a source schema (property paths relative to the window). */
  public problems(schema: TableSchema): ValidationProblem[] {
    if (this.kind === WindowKind.ENTIRE_TABLE) {
      return [];
    }
    const days = this.dayCount;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650) {
      return [{ property: 'days', value: days, allowed: 'a whole number of days from 1 to 3650' }];
    }
    if (schema.eventTime === undefined) {
      return [{ property: 'days', value: days, allowed: `TrainingWindow.entireTable() for a table without an event time ("${schema.name}" has none to window on)` }];
    }
    return [];
  }
}

/** A hyperparameter value: rendered as a string, which is what both services take. */
export type HyperparameterValue = string | number | boolean;

/** Everything a {@link TrainingPipelineSpec} is declared from. */
export interface TrainingPipelineSpecProps {
  /** The pipeline's name (see {@link TRAINING_PIPELINE_NAME_RULE}). */
  readonly name: string;
  /**
   * Schema of the source table: a lake table or a feature group's offline table. The construct
   * checks that the lake has it.
   */
  readonly schema: TableSchema;
  /** The field the model learns to predict. */
  readonly label: string;
  /**
   * The fields the model learns from, in order.
   * @default - every value field of the schema that the built-in algorithm reads (numbers, booleans, dates), except the label
   */
  readonly features?: string[];
  /**
   * The rows a run trains on.
   * @default - TrainingWindow.lastDays(30) when the schema has an event time, else TrainingWindow.entireTable()
   */
  readonly window?: TrainingWindow;
  /**
   * Share of the rows held out for evaluation, in percent. The split is deterministic: a hash of
   * the entity keys (or, without keys, of the event time) decides, so an entity never lands on
   * both sides and a rerun on the same data splits the same way.
   * @default 20
   */
  readonly validationPercentage?: number;
  /**
   * GPU capacity for the training step, resolved against the accelerator catalog by each cloud.
   * @default - CPU capacity (the built-in XGBoost trains on CPU; a job bills only while it runs)
   */
  readonly accelerator?: AcceleratorRequest;
  /**
   * Hyperparameters passed to the training job, merged over the built-in algorithm's defaults.
   * @default - the built-in algorithm's defaults (objective and eval_metric from the metric, 100 rounds)
   */
  readonly hyperparameters?: { [name: string]: HyperparameterValue };
  /**
   * The metric the evaluation step computes and the gate compares.
   * @default - EvaluationMetric.AUC for a boolean label, EvaluationMetric.RMSE otherwise
   */
  readonly metric?: EvaluationMetric;
  /**
   * The bar a version must clear to be registered: at least this value for a
   * higher-is-better metric, at most this value for a lower-is-better one. Must lie in the
   * metric's range.
   * @default - no bar: every evaluated version is registered (promotion still compares with the champion)
   */
  readonly bar?: number;
  /**
   * What happens to a version that clears the bar.
   * @default PromotionPolicy.manual()
   */
  readonly promotion?: PromotionPolicy;
}

/** Defaults of the built-in XGBoost training. */
export const XGBOOST_DEFAULT_HYPERPARAMETERS: { readonly [name: string]: string } = {
  num_round: '100',
  max_depth: '6',
  eta: '0.3',
};

/**
 * The neutral description of a continuous-training pipeline, the same on both clouds:
 * prepare (materialize a dataset version of the source rows into the lake) → train (on the
 * capacity the accelerator request resolves to) → evaluate (the metric on the validation split,
 * written as a metrics file into the lake) → gate (the bar, then the champion) → register (a
 * version carrying the metric and the dataset version).
 *
 * Declaring a spec never throws: the construct that uses it reports {@link problems} under its
 * own path.
 *
 * @example
 * const churn = new TrainingPipelineSpec({
 *   name: 'churn',
 *   schema: customerDaily,
 *   label: 'churned',
 *   metric: EvaluationMetric.AUC,
 *   bar: 0.75,
 *   promotion: PromotionPolicy.whenBetter({ margin: 0.005 }),
 * });
 */
export class TrainingPipelineSpec {
  /** The pipeline's name. */
  public readonly name: string;
  /** Schema of the source table. */
  public readonly schema: TableSchema;
  /** The label field's name. */
  public readonly label: string;
  /** The rows a run trains on. */
  public readonly window: TrainingWindow;
  /** Share held out for evaluation, in percent. */
  public readonly validationPercentage: number;
  /** GPU capacity, if any. */
  public readonly accelerator?: AcceleratorRequest;
  /** The metric. */
  public readonly metric: EvaluationMetric;
  /** The bar, if any. */
  public readonly bar?: number;
  /** What happens to a version that clears the bar. */
  public readonly promotion: PromotionPolicy;

  private readonly declared: TrainingPipelineSpecProps;

  constructor(props: TrainingPipelineSpecProps) {
    this.declared = props ?? ({} as TrainingPipelineSpecProps);
    const p = this.declared;
    this.name = p.name;
    this.schema = p.schema;
    this.label = p.label;
    const hasEventTime = p.schema instanceof TableSchema && p.schema.eventTime !== undefined;
    this.window = p.window ?? (hasEventTime ? TrainingWindow.lastDays(30) : TrainingWindow.entireTable());
    this.validationPercentage = p.validationPercentage ?? 20;
    this.accelerator = p.accelerator;
    this.metric = p.metric ?? defaultMetric(this.labelField);
    this.bar = p.bar;
    this.promotion = p.promotion ?? PromotionPolicy.manual();
  }

  /** The label's field, if the schema has it. */
  public get labelField(): ResolvedField | undefined {
    return this.schema instanceof TableSchema && typeof this.label === 'string' ? this.schema.field(this.label) : undefined;
  }

  /** The feature fields, in order (the declared ones, or the default selection). */
  public get features(): ResolvedField[] {
    if (!(this.schema instanceof TableSchema)) {
      return [];
    }
    if (Array.isArray(this.declared.features)) {
      return this.declared.features.map((name) => this.schema.field(name)).filter((f): f is ResolvedField => f !== undefined);
    }
    return this.schema.valueFields.filter((f) => f.name !== this.label && XGBOOST_FEATURE_KINDS.has(f.type.name));
  }

  /**
   * The columns of a prepared dataset version, in order: the label first, then the features —
   * the layout the built-in XGBoost reads from headerless CSV.
   */
  public get datasetColumns(): ResolvedField[] {
    const label = this.labelField;
    return label === undefined ? this.features : [label, ...this.features];
  }

  /** The fields the split hashes: the entity keys, else the event time. */
  public get splitFields(): string[] {
    if (!(this.schema instanceof TableSchema)) {
      return [];
    }
    return this.schema.entityKeys.length > 0 ? [...this.schema.entityKeys] : this.schema.eventTime ? [this.schema.eventTime] : [];
  }

  /** The hyperparameters of the built-in XGBoost: its defaults, the metric's objective and eval_metric, then the spec's own, all as strings. */
  public get xgboostHyperparameters(): { [name: string]: string } {
    const fromMetric: { [name: string]: string } = { objective: this.metric.xgboostObjective };
    if (this.metric.xgboostEvalMetric) {
      fromMetric.eval_metric = this.metric.xgboostEvalMetric;
    }
    const own = Object.fromEntries(Object.entries(this.declared.hyperparameters ?? {}).map(([k, v]) => [k, String(v)]));
    return { ...XGBOOST_DEFAULT_HYPERPARAMETERS, ...fromMetric, ...own };
  }

  /**
   * Everything wrong with the spec, property paths relative to it. The schema's own problems
   * come first (under `schema.`).
   */
  public problems(): ValidationProblem[] {
    const p = this.declared;
    const problems: ValidationProblem[] = [];
    const nameProblem = namingProblem(TRAINING_PIPELINE_NAME_RULE, p.name);
    if (nameProblem) {
      problems.push({ property: 'name', value: p.name, allowed: nameProblem });
    }
    if (!(p.schema instanceof TableSchema)) {
      problems.push({ property: 'schema', value: p.schema, allowed: 'a TableSchema (the source table\'s schema)' });
      return problems;
    }
    problems.push(...p.schema.problems().map((x) => ({ ...x, property: `schema.${x.property}` })));
    if (problems.length > 0) {
      return problems;
    }
    const schema = p.schema;
    const fieldNames = schema.fields.map((f) => f.name);
    const label = this.labelField;
    if (label === undefined) {
      problems.push({ property: 'label', value: p.label, allowed: `a field of "${schema.name}" (${fieldNames.join(', ')})` });
    } else if (schema.entityKeys.includes(label.name) || label.name === schema.eventTime) {
      problems.push({ property: 'label', value: p.label, allowed: 'a value field: entity keys and the event time identify a row, they are not predicted' });
    }
    if (!(this.metric instanceof EvaluationMetric)) {
      problems.push({ property: 'metric', value: p.metric, allowed: `an EvaluationMetric (${EvaluationMetric.BUILT_IN.map((m) => m.name).join(', ')}, or EvaluationMetric.custom(...))` });
      return problems;
    }
    problems.push(...this.metric.problems().map((x) => ({ ...x, property: x.property ? `metric.${x.property}` : 'metric' })));
    if (label !== undefined && !this.metric.labelKinds.includes(label.type.name)) {
      problems.push({
        property: 'label', value: p.label,
        allowed: `a ${this.metric.labelKinds.join(', ')} field for the metric "${this.metric.name}" (${this.metric.problemType}); "${label.name}" is ${label.type.toString()}`,
      });
    }
    if (p.features !== undefined) {
      if (!Array.isArray(p.features) || p.features.length === 0) {
        problems.push({ property: 'features', value: p.features, allowed: 'a non-empty list of field names, or left out for every numeric value field' });
      } else {
        p.features.forEach((name, i) => {
          const field = schema.field(name);
          if (field === undefined) {
            problems.push({ property: `features[${i}]`, value: name, allowed: `a field of "${schema.name}" (${fieldNames.join(', ')})` });
          } else if (name === p.label) {
            problems.push({ property: `features[${i}]`, value: name, allowed: 'a field other than the label' });
          } else if (p.features!.indexOf(name) !== i) {
            problems.push({ property: `features[${i}]`, value: name, allowed: 'each field once' });
          }
        });
      }
    } else if (this.features.length === 0) {
      problems.push({ property: 'features', value: undefined, allowed: `at least one numeric, boolean or date value field besides the label in "${schema.name}", or an explicit list` });
    }
    problems.push(...this.window.problems(schema).map((x) => ({ ...x, property: `window.${x.property}` })));
    const vp = this.validationPercentage;
    if (typeof vp !== 'number' || !Number.isInteger(vp) || vp < 1 || vp > 50) {
      problems.push({ property: 'validationPercentage', value: vp, allowed: 'a whole number from 1 to 50' });
    }
    if (this.splitFields.length === 0) {
      problems.push({ property: 'schema', value: schema.name, allowed: 'a schema with entity keys or an event time: the validation split hashes them' });
    }
    for (const name of this.splitFields) {
      const type = schema.field(name)?.type;
      if (type?.kind === FieldTypeKind.DECIMAL && (type.precision ?? 0) > MAX_PORTABLE_DECIMAL_PRECISION) {
        problems.push({
          property: 'schema', value: name,
          allowed: `entity keys the validation split can hash the same on every engine: a decimal key of at most ${MAX_PORTABLE_DECIMAL_PRECISION} digits ("${name}" is ${type.toString()})`,
        });
      }
    }
    if (p.bar !== undefined && (typeof p.bar !== 'number' || !this.metric.inRange(p.bar))) {
      problems.push({ property: 'bar', value: p.bar, allowed: `a value of ${this.metric.name}: ${this.metric.rangeDescription()}` });
    }
    if (!(this.promotion instanceof PromotionPolicy)) {
      problems.push({ property: 'promotion', value: p.promotion, allowed: 'PromotionPolicy.manual() or PromotionPolicy.whenBetter({ margin })' });
    } else {
      problems.push(...this.promotion.problems().map((x) => ({ ...x, property: `promotion.${x.property}` })));
    }
    if (p.hyperparameters !== undefined) {
      if (p.hyperparameters === null || typeof p.hyperparameters !== 'object' || Array.isArray(p.hyperparameters)) {
        problems.push({ property: 'hyperparameters', value: p.hyperparameters, allowed: 'an object of name → string, number or boolean' });
      } else {
        for (const [k, v] of Object.entries(p.hyperparameters)) {
          if (!['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'number' && !Number.isFinite(v))) {
            problems.push({ property: `hyperparameters.${k}`, value: v, allowed: 'a string, a finite number or a boolean' });
          }
        }
      }
    }
    return problems;
  }
}

function defaultMetric(label: ResolvedField | undefined): EvaluationMetric {
  return label?.type.kind === FieldTypeKind.BOOLEAN ? EvaluationMetric.AUC : EvaluationMetric.RMSE;
}

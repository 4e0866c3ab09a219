import { ProblemType } from '../training/problem-type';
import { ValidationProblem } from '../errors';
import { FieldType, FieldTypeKind, TableSchema } from '../schema';
import {
  DEFAULT_DRIFT_BINS, DEFAULT_DRIFT_THRESHOLDS, DEFAULT_MISSING_RATE_INCREASE, DEFAULT_PSI_EPSILON, DEFAULT_TOP_CATEGORIES,
  DriftStatistic, DriftThreshold, DriftThresholds, MAX_DRIFT_BINS, MAX_TOP_CATEGORIES, MIN_DRIFT_BINS, THRESHOLD_KEYS,
  ThresholdDirection, thresholdDirection,
} from './statistics';
import { CORE_GUARD_CONTEXT, guard } from '../guard';

/** How the drift statistics treat a field. */
export enum DriftFieldKind {
  /** Integers, floats and decimals: PSI over baseline-quantile bins, KS, missing rate. */
  NUMERIC = 'numeric',
  /** Strings and booleans: PSI over the baseline's top categories plus "other", unseen share, missing rate. */
  CATEGORICAL = 'categorical',
}

const NUMERIC_KINDS: ReadonlySet<string> = new Set([FieldTypeKind.INT32, FieldTypeKind.INT64, FieldTypeKind.FLOAT32, FieldTypeKind.FLOAT64, FieldTypeKind.DECIMAL]);
const CATEGORICAL_KINDS: ReadonlySet<string> = new Set([FieldTypeKind.STRING, FieldTypeKind.BOOLEAN]);

/** The drift kind of a field type, or `undefined` when no drift statistic applies (dates, timestamps, bytes). */
export function driftFieldKind(type: FieldType): DriftFieldKind | undefined {
  if (NUMERIC_KINDS.has(type.name)) {
    return DriftFieldKind.NUMERIC;
  }
  return CATEGORICAL_KINDS.has(type.name) ? DriftFieldKind.CATEGORICAL : undefined;
}

/** Per-field settings that replace the spec-wide ones for one monitored field. */
export interface DriftFieldOptions {
  /** The monitored field these options are for. */
  readonly field: string;
  /**
   * Baseline-quantile bins of a numeric field, 2 to 100.
   * @default - the spec's `bins`
   */
  readonly bins?: number;
  /**
   * Baseline categories kept by name for a categorical field's PSI, 1 to 1000.
   * @default - the spec's `topCategories`
   */
  readonly topCategories?: number;
  /**
   * Thresholds for this field; each statistic and level given replaces the spec-wide value.
   * @default - the spec's `thresholds`
   */
  readonly thresholds?: DriftThresholds;
}

/**
 * How captured predictions are matched with their labels: a choice between exclusive variants,
 * so a class with static factories.
 */
export class LabelJoin {
  /**
   * Match on a request id: the capture schema's field `captureField` equals the label schema's
   * field `labelField` (SageMaker's inference id, the id a client sends with each request).
   * @param captureField field of the capture schema holding the request id
   * @param labelField field of the label schema holding it @default - the same name as `captureField`
   */
  public static onRequestId(captureField: string, labelField?: string): LabelJoin {
    return new LabelJoin('request_id', captureField, labelField ?? captureField);
  }

  /**
   * Match on the capture schema's entity keys and event time, which the label schema has under the
   * same names and types (a label observed for the entity at the time of the prediction).
   */
  public static onEntityAndEventTime(): LabelJoin {
    return new LabelJoin('entity_time');
  }

  private constructor(
    /** `request_id` or `entity_time`. */
    public readonly mode: string,
    /** The capture schema's request-id field (request-id joins only). */
    public readonly captureField?: string,
    /** The label schema's request-id field (request-id joins only). */
    public readonly labelField?: string,
  ) {}
}

/** Model quality, computed when labels arrive in a table of their own. */
export interface ModelQualityOptions {
  /** What the model predicts. */
  readonly task: ProblemType;
  /** Schema of the label table. */
  readonly labelSchema: TableSchema;
  /** The field of the label table holding the true value (boolean or 0/1 integer for classification, numeric for regression). */
  readonly labelField: string;
  /** How predictions and labels are matched. */
  readonly join: LabelJoin;
  /**
   * Score at or above which a prediction counts as the positive class, for accuracy.
   * @default 0.5
   */
  readonly decisionThreshold?: number;
}

/** Everything a {@link DriftSpec} is declared from. */
export interface DriftSpecProps {
  /** Schema of the captured records: the model's inputs, its output, and optionally entity keys, event time and a request id. */
  readonly schema: TableSchema;
  /**
   * The monitored input fields.
   * @default - every numeric and categorical value field (entity keys, the event time, the
   * prediction field and the model-quality request-id field excluded)
   */
  readonly fields?: string[];
  /**
   * The field holding the model's output; monitored like an input (prediction drift) and used for
   * model quality.
   * @default - no prediction drift and no model quality
   */
  readonly predictionField?: string;
  /**
   * Baseline-quantile bins of numeric fields, 2 to 100.
   * @default DEFAULT_DRIFT_BINS (10)
   */
  readonly bins?: number;
  /**
   * Baseline categories kept by name in categorical PSI (the rest becomes one "other" bucket), 1 to 1000.
   * @default DEFAULT_TOP_CATEGORIES (10)
   */
  readonly topCategories?: number;
  /**
   * Thresholds for every field; each statistic and level given replaces its default.
   * @default DEFAULT_DRIFT_THRESHOLDS
   */
  readonly thresholds?: DriftThresholds;
  /**
   * Settings of single fields, which replace the spec-wide ones.
   * @default - none
   */
  readonly fieldOptions?: DriftFieldOptions[];
  /**
   * Model quality from a label table.
   * @default - no model quality
   */
  readonly modelQuality?: ModelQualityOptions;
  /**
   * The share that replaces an empty bin's share in PSI, greater than 0 and at most 0.01.
   * @default DEFAULT_PSI_EPSILON (0.0001)
   */
  readonly psiEpsilon?: number;
}

/** A threshold with its level values resolved for one statistic of one field. */
export interface ResolvedThreshold {
  /** The statistic. */
  readonly statistic: DriftStatistic;
  /** Which way the statistic gets worse. */
  readonly direction: ThresholdDirection;
  /** Warn level, if any. */
  readonly warn?: number;
  /** Alarm level, if any. */
  readonly alarm?: number;
  /** When true, `warn` and `alarm` are added to the baseline's value (the default missing-rate thresholds). */
  readonly relativeToBaseline: boolean;
}

/** One row of the results table that every window produces. */
export interface DriftResultRow {
  /** The field (the prediction field for model-quality rows). */
  readonly field: string;
  /** The statistic. */
  readonly statistic: DriftStatistic;
  /** Its thresholds. */
  readonly threshold: ResolvedThreshold;
}

/** A monitored field with its settings resolved. */
export interface MonitoredField {
  /** Field name. */
  readonly name: string;
  /** Field type. */
  readonly type: FieldType;
  /** How the statistics treat it. */
  readonly kind: DriftFieldKind;
  /** Whether it is the model's output. */
  readonly isPrediction: boolean;
  /** Bins (numeric fields). */
  readonly bins: number;
  /** Categories kept by name (categorical fields). */
  readonly topCategories: number;
  /** Thresholds of the statistics of this field, by statistic. */
  readonly thresholds: { readonly [statistic: string]: ResolvedThreshold };
}

const SHARE_STATISTICS: ReadonlySet<DriftStatistic> = new Set([DriftStatistic.KS, DriftStatistic.UNSEEN_SHARE, DriftStatistic.MISSING_RATE, DriftStatistic.ACCURACY, DriftStatistic.AUC]);

const LITERAL_SETTING = 'a number known at synth time: it shapes the generated queries, which are written at synth';

/**
 * The runtime types of `DriftSpecProps` (lib/core/guard), checked first by `problems()`: objects
 * where objects belong, literal numbers; the values are checked by the rules after it.
 */
const DRIFT_SPEC_GUARD = guard.props({
  bins: guard.literal(LITERAL_SETTING).optional(),
  topCategories: guard.literal(LITERAL_SETTING).optional(),
  psiEpsilon: guard.literal(LITERAL_SETTING).optional(),
  thresholds: guard.object({}, 'a DriftThresholds object').optional(),
  fieldOptions: guard.list(guard.object({}, 'a DriftFieldOptions object { field, ... }')).optional(),
  modelQuality: guard.object({}, 'a ModelQualityOptions object').optional(),
  predictionField: guard.string().optional(),
}, 'DriftSpecProps ({ schema, fields?, ... })');

/**
 * What drift is computed on, declared from the neutral schema of the captured records: the
 * monitored fields and their statistics, bins, categories and thresholds, and optionally model
 * quality against a label table. The same spec generates the baseline and window queries of every
 * dialect ({@link DriftQueries}).
 *
 * Declaring a spec never throws, like {@link TableSchema}: a construct calls {@link problems} and
 * reports the first one under its own path (`throwIfProblems(this, 'drift', spec.problems())`).
 *
 * | field type                         | statistics                                        |
 * |------------------------------------|---------------------------------------------------|
 * | int32, int64, float32/64, decimal  | psi (quantile bins), ks, missing_rate             |
 * | string, boolean                    | psi (top-K + other), unseen_share, missing_rate   |
 * | date, timestamp, bytes             | none (listing one in `fields` is a problem)       |
 * | prediction field                   | as its type, plus accuracy/auc or rmse/mae        |
 *
 * @example
 * const drift = new DriftSpec({
 *   schema: scoredOrders,
 *   predictionField: 'score',
 *   fieldOptions: [{ field: 'amount', bins: 20, thresholds: { psi: { alarm: 0.25 } } }],
 * });
 */
export class DriftSpec {
  /** Schema of the captured records. */
  public readonly schema: TableSchema;
  /** The prediction field, if any. */
  public readonly predictionField?: string;
  /** Model quality options, if any. */
  public readonly modelQuality?: ModelQualityOptions;
  /** The PSI zero-share replacement. */
  public readonly psiEpsilon: number;

  private readonly declared: DriftSpecProps;

  constructor(props: DriftSpecProps) {
    this.declared = props;
    // Declaring never throws, whatever plain JavaScript passes: problems() reports what is wrong.
    if (DRIFT_SPEC_GUARD.problems(props).length > 0) {
      props = {} as DriftSpecProps;
    }
    this.schema = props.schema;
    this.predictionField = props.predictionField;
    this.modelQuality = props.modelQuality;
    this.psiEpsilon = props.psiEpsilon ?? DEFAULT_PSI_EPSILON;
  }

  /**
   * The monitored fields, inputs in schema order then the prediction field. Fields whose type has
   * no statistic are left out here and reported by {@link problems}.
   */
  public get monitoredFields(): MonitoredField[] {
    const props = this.declared;
    // Nonsense input is reported by problems(); here it must only not throw.
    const names = Array.isArray(props.fields) ? props.fields : this.defaultFieldNames();
    const fieldOptions = Array.isArray(props.fieldOptions) ? props.fieldOptions : [];
    const ordered = [...names.filter((n) => n !== props.predictionField), ...(props.predictionField !== undefined ? [props.predictionField] : [])];
    const out: MonitoredField[] = [];
    for (const name of new Set(ordered)) {
      const field = this.schema.field(name);
      const kind = field ? driftFieldKind(field.type) : undefined;
      if (!field || kind === undefined) {
        continue;
      }
      const options = fieldOptions.find((o) => o?.field === name);
      out.push({
        name,
        type: field.type,
        kind,
        isPrediction: name === props.predictionField,
        bins: options?.bins ?? props.bins ?? DEFAULT_DRIFT_BINS,
        topCategories: options?.topCategories ?? props.topCategories ?? DEFAULT_TOP_CATEGORIES,
        thresholds: this.resolveThresholds(options?.thresholds),
      });
    }
    return out;
  }

  /**
   * The rows every window query produces, one per field and statistic, with the thresholds in
   * force: what a construct declares one metric and alarm for at synth time (a missing-rate row
   * with `relativeToBaseline` has thresholds that are only known per window, in the results table).
   */
  public get resultRows(): DriftResultRow[] {
    const rows: DriftResultRow[] = [];
    for (const f of this.monitoredFields) {
      const stats = f.kind === DriftFieldKind.NUMERIC
        ? [DriftStatistic.PSI, DriftStatistic.KS, DriftStatistic.MISSING_RATE]
        : [DriftStatistic.PSI, DriftStatistic.UNSEEN_SHARE, DriftStatistic.MISSING_RATE];
      stats.forEach((statistic) => rows.push({ field: f.name, statistic, threshold: f.thresholds[statistic] }));
    }
    const quality = this.declared.modelQuality;
    if (quality !== undefined && this.declared.predictionField !== undefined) {
      const stats = quality.task === ProblemType.BINARY_CLASSIFICATION ? [DriftStatistic.ACCURACY, DriftStatistic.AUC] : [DriftStatistic.RMSE, DriftStatistic.MAE];
      stats.forEach((statistic) => rows.push({ field: this.declared.predictionField!, statistic, threshold: this.specWideThresholds[statistic] }));
    }
    return rows;
  }

  /** The spec-wide thresholds resolved over the defaults: those of the model-quality statistics, and of every field without options. */
  public get specWideThresholds(): { readonly [statistic: string]: ResolvedThreshold } {
    return this.resolveThresholds(undefined);
  }

  /**
   * Everything wrong with this spec, in declaration order; empty when it is valid. Property paths
   * are relative to the spec (`fields[1]`, `fieldOptions[0].thresholds.psi.warn`,
   * `schema.fields[2].type`).
   */
  public problems(): ValidationProblem[] {
    const typeProblems = DRIFT_SPEC_GUARD.problems(this.declared, '', CORE_GUARD_CONTEXT);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    const props = this.declared;
    const problems: ValidationProblem[] = [];
    if (!(props.schema instanceof TableSchema)) {
      return [{ property: 'schema', value: props.schema, allowed: 'a TableSchema' }];
    }
    problems.push(...props.schema.problems().map((p) => ({ ...p, property: `schema.${p.property}` })));
    const schema = props.schema;
    const valueNames = schema.valueFields.map((f) => f.name);
    const excluded = new Set([...schema.entityKeys, ...(schema.eventTime ? [schema.eventTime] : [])]);

    if (props.fields !== undefined) {
      if (!Array.isArray(props.fields)) {
        problems.push({ property: 'fields', value: props.fields, allowed: 'a list of field names' });
      } else {
        props.fields.forEach((name, i) => {
          const field = schema.field(name);
          if (!field) {
            problems.push({ property: `fields[${i}]`, value: name, allowed: `a field of schema "${schema.name}" (${valueNames.join(', ')})` });
          } else if (excluded.has(name)) {
            problems.push({ property: `fields[${i}]`, value: name, allowed: `a value field: entity keys and the event time (${[...excluded].join(', ')}) identify records and are not monitored` });
          } else if (driftFieldKind(field.type) === undefined) {
            problems.push({ property: `fields[${i}]`, value: name, allowed: `a numeric (int32, int64, float32, float64, decimal) or categorical (string, boolean) field; "${name}" is ${field.type.toString()}, which has no drift statistic` });
          } else if (props.fields!.indexOf(name) !== i) {
            problems.push({ property: `fields[${i}]`, value: name, allowed: 'each field once' });
          }
        });
        if (props.fields.length === 0 && props.predictionField === undefined) {
          problems.push({ property: 'fields', value: props.fields, allowed: 'at least one field, or a predictionField' });
        }
      }
    } else if (this.defaultFieldNames().length === 0 && props.predictionField === undefined) {
      problems.push({ property: 'fields', value: undefined, allowed: `at least one numeric or categorical value field in schema "${schema.name}", or a predictionField` });
    }

    if (props.predictionField !== undefined) {
      const field = schema.field(props.predictionField);
      if (!field) {
        problems.push({ property: 'predictionField', value: props.predictionField, allowed: `a field of schema "${schema.name}" (${valueNames.join(', ')})` });
      } else if (excluded.has(props.predictionField) || driftFieldKind(field.type) === undefined) {
        problems.push({ property: 'predictionField', value: props.predictionField, allowed: `a numeric or categorical value field; "${props.predictionField}" is ${excluded.has(props.predictionField) ? 'an entity key or the event time' : field.type.toString()}` });
      }
    }

    problems.push(...integerProblem('bins', props.bins, MIN_DRIFT_BINS, MAX_DRIFT_BINS));
    problems.push(...integerProblem('topCategories', props.topCategories, 1, MAX_TOP_CATEGORIES));
    if (props.psiEpsilon !== undefined && !(typeof props.psiEpsilon === 'number' && props.psiEpsilon > 0 && props.psiEpsilon <= 0.01)) {
      problems.push({ property: 'psiEpsilon', value: props.psiEpsilon, allowed: 'a number greater than 0 and at most 0.01' });
    }
    problems.push(...thresholdProblems('thresholds', props.thresholds));
    problems.push(...mergedOrderProblems('thresholds', this.specWideThresholds, props.thresholds, undefined));

    const monitored = new Map(this.monitoredFields.map((f) => [f.name, f]));
    if (props.fieldOptions !== undefined && !Array.isArray(props.fieldOptions)) {
      problems.push({ property: 'fieldOptions', value: props.fieldOptions, allowed: 'a list of { field, bins?, topCategories?, thresholds? }' });
    }
    (Array.isArray(props.fieldOptions) ? props.fieldOptions : []).forEach((o, i) => {
      const field = monitored.get(o.field);
      if (!field) {
        problems.push({ property: `fieldOptions[${i}].field`, value: o.field, allowed: `a monitored field (${[...monitored.keys()].join(', ')})` });
        return;
      }
      if ((props.fieldOptions ?? []).findIndex((p) => p.field === o.field) !== i) {
        problems.push({ property: `fieldOptions[${i}].field`, value: o.field, allowed: 'each field in one entry' });
      }
      problems.push(...integerProblem(`fieldOptions[${i}].bins`, o.bins, MIN_DRIFT_BINS, MAX_DRIFT_BINS));
      problems.push(...integerProblem(`fieldOptions[${i}].topCategories`, o.topCategories, 1, MAX_TOP_CATEGORIES));
      if (o.bins !== undefined && field.kind !== DriftFieldKind.NUMERIC) {
        problems.push({ property: `fieldOptions[${i}].bins`, value: o.bins, allowed: `bins only on a numeric field; "${o.field}" is categorical (use topCategories)` });
      }
      if (o.topCategories !== undefined && field.kind !== DriftFieldKind.CATEGORICAL) {
        problems.push({ property: `fieldOptions[${i}].topCategories`, value: o.topCategories, allowed: `topCategories only on a categorical field; "${o.field}" is numeric (use bins)` });
      }
      problems.push(...thresholdProblems(`fieldOptions[${i}].thresholds`, o.thresholds));
      problems.push(...mergedOrderProblems(`fieldOptions[${i}].thresholds`, field.thresholds, o.thresholds, this.specWideThresholds));
    });

    if (props.modelQuality !== undefined) {
      problems.push(...this.qualityProblems(props.modelQuality));
    }
    return problems;
  }

  private defaultFieldNames(): string[] {
    const requestId = this.declared.modelQuality?.join?.captureField;
    return this.schema.valueFields
      .filter((f) => driftFieldKind(f.type) !== undefined && f.name !== this.declared.predictionField && f.name !== requestId)
      .map((f) => f.name);
  }

  private resolveThresholds(fieldThresholds: DriftThresholds | undefined): { [statistic: string]: ResolvedThreshold } {
    const spec = this.declared.thresholds ?? {};
    const out: { [statistic: string]: ResolvedThreshold } = {};
    for (const { key, statistic } of THRESHOLD_KEYS) {
      const given: DriftThreshold = { ...spec[key], ...fieldThresholds?.[key] };
      const direction = thresholdDirection(statistic);
      if (statistic === DriftStatistic.MISSING_RATE && given.warn === undefined && given.alarm === undefined) {
        out[statistic] = { statistic, direction, warn: DEFAULT_MISSING_RATE_INCREASE.warn, alarm: DEFAULT_MISSING_RATE_INCREASE.alarm, relativeToBaseline: true };
        continue;
      }
      const defaults = statistic === DriftStatistic.MISSING_RATE ? {} : DEFAULT_DRIFT_THRESHOLDS[key] ?? {};
      out[statistic] = { statistic, direction, warn: given.warn ?? defaults.warn, alarm: given.alarm ?? defaults.alarm, relativeToBaseline: false };
    }
    return out;
  }

  private qualityProblems(q: ModelQualityOptions): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const schema = this.schema;
    if (this.declared.predictionField === undefined) {
      problems.push({ property: 'predictionField', value: undefined, allowed: 'the field holding the model output, required with modelQuality' });
    } else {
      const prediction = schema.field(this.declared.predictionField);
      if (prediction && driftFieldKind(prediction.type) !== DriftFieldKind.NUMERIC) {
        problems.push({ property: 'predictionField', value: this.declared.predictionField, allowed: `a numeric field with modelQuality (a score for classification, the predicted value for regression); it is ${prediction.type.toString()}` });
      }
    }
    if (q.task !== ProblemType.BINARY_CLASSIFICATION && q.task !== ProblemType.REGRESSION) {
      problems.push({ property: 'modelQuality.task', value: q.task, allowed: Object.values(ProblemType).join(' or ') });
    }
    if (!(q.labelSchema instanceof TableSchema)) {
      problems.push({ property: 'modelQuality.labelSchema', value: q.labelSchema, allowed: 'a TableSchema' });
      return problems;
    }
    problems.push(...q.labelSchema.problems().map((p) => ({ ...p, property: `modelQuality.labelSchema.${p.property}` })));
    const labels = q.labelSchema;
    const label = labels.field(q.labelField);
    if (!label) {
      problems.push({ property: 'modelQuality.labelField', value: q.labelField, allowed: `a field of label schema "${labels.name}" (${labels.fields.map((f) => f.name).join(', ')})` });
    } else if (q.task === ProblemType.BINARY_CLASSIFICATION && !isBinaryLabelType(label.type)) {
      problems.push({ property: 'modelQuality.labelField', value: q.labelField, allowed: `a boolean or integer (0/1) field for binary classification; it is ${label.type.toString()}` });
    } else if (q.task === ProblemType.REGRESSION && driftFieldKind(label.type) !== DriftFieldKind.NUMERIC) {
      problems.push({ property: 'modelQuality.labelField', value: q.labelField, allowed: `a numeric field for regression; it is ${label.type.toString()}` });
    }
    if (q.decisionThreshold !== undefined && !(typeof q.decisionThreshold === 'number' && Number.isFinite(q.decisionThreshold))) {
      problems.push({ property: 'modelQuality.decisionThreshold', value: q.decisionThreshold, allowed: 'a finite number' });
    }
    if (!(q.join instanceof LabelJoin)) {
      problems.push({ property: 'modelQuality.join', value: q.join, allowed: 'LabelJoin.onRequestId(field) or LabelJoin.onEntityAndEventTime()' });
      return problems;
    }
    for (const [capture, labelName] of joinPairs(schema, q.join)) {
      const c = schema.field(capture);
      const l = labels.field(labelName);
      if (!c) {
        problems.push({ property: 'modelQuality.join', value: capture, allowed: q.join.mode === 'request_id'
          ? `a request-id field of capture schema "${schema.name}" (${schema.fields.map((f) => f.name).join(', ')})`
          : `a join key: the capture schema "${schema.name}" needs entity keys and an event time to join labels on them` });
      } else if (!l) {
        problems.push({ property: 'modelQuality.join', value: labelName, allowed: `a field of label schema "${labels.name}" carrying the join key "${capture}" (it has ${labels.fields.map((f) => f.name).join(', ')})` });
      } else if (c.type.toString() !== l.type.toString()) {
        problems.push({ property: 'modelQuality.join', value: labelName, allowed: `a join key of the same type on both sides: "${capture}" is ${c.type.toString()}, label "${labelName}" is ${l.type.toString()}` });
      }
    }
    if (q.join.mode === 'entity_time' && (schema.entityKeys.length === 0 || schema.eventTime === undefined)) {
      problems.push({ property: 'modelQuality.join', value: 'onEntityAndEventTime', allowed: `a capture schema with entity keys and an event time ("${schema.name}" has ${schema.entityKeys.length === 0 ? 'no entity keys' : 'no event time'}), or LabelJoin.onRequestId(field)` });
    }
    return problems;
  }
}

/** The (capture field, label field) pairs a join matches on. */
export function joinPairs(schema: TableSchema, join: LabelJoin): Array<[string, string]> {
  if (join.mode === 'request_id') {
    return [[join.captureField!, join.labelField!]];
  }
  return [...schema.entityKeys, ...(schema.eventTime ? [schema.eventTime] : [])].map((k) => [k, k]);
}

function isBinaryLabelType(type: FieldType): boolean {
  return type.kind === FieldTypeKind.BOOLEAN || type.kind === FieldTypeKind.INT32 || type.kind === FieldTypeKind.INT64;
}

function integerProblem(property: string, value: number | undefined, min: number, max: number): ValidationProblem[] {
  if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) {
    return [];
  }
  return [{ property, value, allowed: `an integer from ${min} to ${max}` }];
}

function levelsOrdered(direction: ThresholdDirection, warn: number | undefined, alarm: number | undefined): boolean {
  if (warn === undefined || alarm === undefined) {
    return true;
  }
  return direction === ThresholdDirection.ABOVE ? warn <= alarm : warn >= alarm;
}

/**
 * Levels that are each valid but out of order once merged with the levels they are paired with
 * (a field's warn above the spec-wide or default alarm). Reported where the merge happened, and
 * only when neither side is already out of order on its own.
 */
function mergedOrderProblems(
  prefix: string,
  merged: { readonly [statistic: string]: ResolvedThreshold },
  given: DriftThresholds | undefined,
  outer: { readonly [statistic: string]: ResolvedThreshold } | undefined,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const { key, statistic } of THRESHOLD_KEYS) {
    const t = merged[statistic];
    const own = given?.[key];
    if (!own || t.relativeToBaseline || levelsOrdered(t.direction, t.warn, t.alarm) || !levelsOrdered(t.direction, own.warn, own.alarm)) {
      continue;
    }
    const o = outer?.[statistic];
    if (o && !o.relativeToBaseline && !levelsOrdered(o.direction, o.warn, o.alarm)) {
      continue;
    }
    problems.push({
      property: `${prefix}.${key}`,
      value: own,
      allowed: `levels in order once merged with the ${outer ? 'spec-wide' : 'default'} ones: warn ${t.warn}, alarm ${t.alarm}; warn must be ${t.direction === ThresholdDirection.ABOVE ? 'at most' : 'at least'} alarm`,
    });
  }
  return problems;
}

function thresholdProblems(prefix: string, thresholds: DriftThresholds | undefined): ValidationProblem[] {
  if (thresholds === undefined) {
    return [];
  }
  const problems: ValidationProblem[] = [];
  for (const { key, statistic } of THRESHOLD_KEYS) {
    const t = thresholds[key];
    if (t === undefined) {
      continue;
    }
    const max = SHARE_STATISTICS.has(statistic) ? 1 : Number.POSITIVE_INFINITY;
    for (const level of ['warn', 'alarm'] as const) {
      const v = t[level];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max)) {
        problems.push({ property: `${prefix}.${key}.${level}`, value: v, allowed: max === 1 ? `a number from 0 to 1 (${statistic} is a share)` : 'a finite number, 0 or more' });
      }
    }
    const direction = thresholdDirection(statistic);
    if (typeof t.warn === 'number' && typeof t.alarm === 'number' && !levelsOrdered(direction, t.warn, t.alarm)) {
      problems.push({ property: `${prefix}.${key}.warn`, value: t.warn, allowed: direction === ThresholdDirection.ABOVE
        ? `at most the alarm level (${t.alarm}): ${statistic} gets worse as it grows`
        : `at least the alarm level (${t.alarm}): ${statistic} gets worse as it falls` });
    }
  }
  return problems;
}

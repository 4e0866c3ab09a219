import { SqlDialect } from '../drift/dialect';
import { FieldTypeKind, ResolvedField } from '../schema';
import { TrainingPipelineSpec } from './training-pipeline-spec';

/** Where and when a dataset version is read: what {@link trainingDatasetQueries} needs besides the spec. */
export interface TrainingDatasetQueryOptions {
  /** The source table's name parts (`[project, dataset, table]` on BigQuery, `[database, table]` on Athena). */
  readonly table: readonly string[];
  /**
   * An SQL expression of the run's start as a UTC timestamp (a literal, a parameter, or a
   * placeholder the orchestrator replaces): the window ends at its day's midnight
   * (`TrainingWindow.lastDays`) or at the instant itself (`TrainingWindow.entireTable`).
   */
  readonly runStart: string;
}

/** The two SELECTs of a dataset version: the rows of each side of the split. */
export interface TrainingDatasetQueries {
  /** Rows whose split bucket is at least `validationPercentage`. */
  readonly train: string;
  /** Rows whose split bucket is below `validationPercentage`. */
  readonly validation: string;
  /** The SQL expression of a row's split bucket (0 to 99). */
  readonly splitBucket: string;
}

/**
 * The SELECTs that materialize a dataset version of `spec`: the label, then the features
 * (`spec.datasetColumns`), as numbers the built-in XGBoost reads from headerless CSV (booleans
 * 0/1, decimals as doubles, dates as days since 1970-01-01), rows with a label only, inside the
 * window, on one side of the split.
 *
 * The split is the one both clouds implement: a row is in validation when
 * `hashPercentile(split fields) < validationPercentage` (see {@link SqlDialect.hashPercentile} and
 * {@link SqlDialect.portableText}; several split fields are joined with `|`), so an entity is on
 * one side only and a rerun over the same rows splits them the same way, on Athena as on BigQuery.
 *
 * Window: `lastDays(n)` reads `[midnight of the run's day − n days, midnight of the run's day)`
 * on the event time; `entireTable()` reads every row whose event time is before the run's start
 * (every row, for a table without an event time). Both predicates are on the partition column,
 * so partitions are pruned (and BigQuery's required partition filter is met).
 *
 * Call only with a spec without problems (`spec.problems()` empty).
 */
export function trainingDatasetQueries(spec: TrainingPipelineSpec, dialect: SqlDialect, options: TrainingDatasetQueryOptions): TrainingDatasetQueries {
  const label = spec.labelField!;
  const columns = spec.datasetColumns.map((field) => `${numericColumn(dialect, field)} AS ${dialect.identifier(field.name)}`);
  const schema = spec.schema;
  const splitBucket = trainingSplitBucket(spec, dialect);
  const where = [`${dialect.identifier(label.name)} IS NOT NULL`];
  if (schema.eventTime !== undefined) {
    const time = dialect.identifier(schema.eventTime);
    const days = spec.window.days;
    if (days === undefined) {
      where.push(`${time} < ${options.runStart}`);
    } else {
      const end = dialect.startOfDay(options.runStart);
      where.push(`${time} >= ${dialect.daysBefore(end, days)}`, `${time} < ${end}`);
    }
  }
  const select = (side: string) => `SELECT ${columns.join(', ')} FROM ${dialect.table(options.table)} WHERE ${[...where, side].join(' AND ')}`;
  const vp = spec.validationPercentage;
  return { train: select(`${splitBucket} >= ${vp}`), validation: select(`${splitBucket} < ${vp}`), splitBucket };
}

/**
 * The SQL expression of a row's split bucket (0 to 99), the one both clouds' prepare steps use:
 * `hashPercentile` of the spec's split fields as portable text joined by `|`, so a row lands on
 * the same side of the split on Athena and on BigQuery. A row is in validation when its bucket is
 * below `validationPercentage`.
 */
export function trainingSplitBucket(spec: TrainingPipelineSpec, dialect: SqlDialect): string {
  const keyText = spec.splitFields
    .map((name) => dialect.portableText(dialect.identifier(name), spec.schema.field(name)!.type))
    .reduce((joined, text) => (joined === '' ? text : `${joined} || '|' || ${text}`), '');
  return dialect.hashPercentile(spec.splitFields.length > 1 ? `(${keyText})` : keyText);
}

/** A dataset column as XGBoost reads it: a number. */
function numericColumn(dialect: SqlDialect, field: ResolvedField): string {
  const column = dialect.identifier(field.name);
  switch (field.type.kind) {
    case FieldTypeKind.BOOLEAN: return `CAST(${column} AS ${dialect.bigintType})`;
    case FieldTypeKind.DECIMAL: return `CAST(${column} AS ${dialect.doubleType})`;
    case FieldTypeKind.DATE: return dialect.daysSinceEpoch(column);
    default: return column;
  }
}

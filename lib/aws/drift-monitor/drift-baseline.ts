import { IDENTIFIER_RULE, ValidationProblem } from '../../core';
import { guard, CORE_GUARD_CONTEXT } from '../../core';

/** Options of {@link DriftBaseline.fromLakeTable}. */
export interface DriftBaselineOptions {
  /**
   * The baseline's id in the baseline and results tables (their `baseline_id` column). A run
   * computes the baseline when the baseline table has no rows of this id, and never again: give a
   * new id (a dataset version, a date) to compute a new baseline from the table as it is then.
   * 1 to 128 letters, digits, `.`, `_`, `-` and `:`.
   * @default - `<zone>.<tableName>`
   */
  readonly baselineId?: string;
}

const BASELINE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The data the baseline statistics are computed from: a table of the monitor's lake (typically the
 * training data, such as the TrainingPipeline's source table) whose columns include the monitored
 * fields under the same names. Its bin edges, top categories and distributions are computed once
 * per baseline id, by the first run that finds none, and every window is compared with them.
 */
export class DriftBaseline {
  /**
   * A table of the monitor's lake.
   * @param zone the lake zone holding it
   * @param tableName its name (the schema's name for a table the lake created)
   * @param options the baseline id
   */
  public static fromLakeTable(zone: string, tableName: string, options: DriftBaselineOptions = {}): DriftBaseline {
    guard.props({}, 'an object of options such as { baselineId }').check(undefined, options, CORE_GUARD_CONTEXT, 'DriftBaseline.fromLakeTable(options)');
    return new DriftBaseline(zone, tableName, options.baselineId ?? `${zone}.${tableName}`);
  }

  private constructor(
    /** The lake zone holding the table. */
    public readonly zone: string,
    /** The table's name. */
    public readonly tableName: string,
    /** The baseline id. */
    public readonly baselineId: string,
  ) {}

  /** Problems of the names (property paths relative to the baseline). */
  public problems(): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    // A token zone is named here, before the baseline id derived from it.
    if (typeof this.zone !== 'string' || this.zone === '' || CORE_GUARD_CONTEXT.isUnresolved(this.zone)) {
      problems.push({ property: 'zone', value: this.zone, allowed: 'a zone of the lake' });
    }
    if (typeof this.tableName !== 'string' || !IDENTIFIER_RULE.pattern.test(this.tableName)) {
      problems.push({ property: 'tableName', value: this.tableName, allowed: `a table name: ${IDENTIFIER_RULE.description}` });
    }
    if (typeof this.baselineId !== 'string' || !BASELINE_ID.test(this.baselineId)) {
      problems.push({ property: 'baselineId', value: this.baselineId, allowed: '1 to 128 letters, digits, ".", "_", "-" and ":"' });
    }
    return problems;
  }
}

import { ValidationProblem, ZONE_NAME_RULE } from '../../core';

/** Options of {@link DriftBaseline.fromLakeTable}. */
export interface DriftBaselineOptions {
  /**
   * The baseline's id in the baseline table: the monitor computes the baseline when no row holds
   * this id, then compares every window with it. Change it (a dataset version, a model version)
   * to compute a new baseline, after retraining for example. 1 to 128 letters, digits, `_`, `-`, `.` and `:`.
   * @default - `<zone>.<tableName>`
   */
  readonly baselineId?: string;
}

/** Baseline ids: what the workflow passes as a query parameter and the results table keeps. */
const BASELINE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The data the baseline statistics are computed from (the data the model was trained on): the
 * bins, top categories, distributions and missing rates every window is compared with. The
 * same class on both clouds.
 *
 * The monitor computes the baseline once per id, on its first run, from every row of the table
 * (only the monitored columns are read).
 */
export class DriftBaseline {
  /**
   * A table of the monitor's lake, created through it (`lake.addTable` or the lake's `tables`),
   * whose columns include the spec's monitored fields with the same types.
   * @param zone the lake zone of the table, such as `curated`
   * @param tableName the table (the schema name)
   */
  public static fromLakeTable(zone: string, tableName: string, options: DriftBaselineOptions = {}): DriftBaseline {
    return new DriftBaseline(zone, tableName, options ?? {});
  }

  private constructor(
    /** The lake zone of the table. */
    public readonly zone: string,
    /** The table name. */
    public readonly tableName: string,
    private readonly options: DriftBaselineOptions,
  ) {}

  /** The baseline id (given, or `<zone>.<tableName>`). */
  public get baselineId(): string {
    return this.options.baselineId ?? `${this.zone}.${this.tableName}`;
  }

  /** Problems of this source, properties relative to it (`zone`, `tableName`, `baselineId`). */
  public problems(): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    if (typeof this.zone !== 'string' || !ZONE_NAME_RULE.pattern.test(this.zone)) {
      problems.push({ property: 'zone', value: this.zone, allowed: `a lake zone name: ${ZONE_NAME_RULE.description}` });
    }
    if (typeof this.tableName !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/.test(this.tableName)) {
      problems.push({ property: 'tableName', value: this.tableName, allowed: 'a table name of the lake (letters, digits and underscores)' });
    }
    const id = this.options.baselineId;
    if (id !== undefined && (typeof id !== 'string' || !BASELINE_ID.test(id))) {
      problems.push({ property: 'baselineId', value: id, allowed: '1 to 128 letters, digits, underscores, hyphens, periods and colons' });
    }
    return problems;
  }
}

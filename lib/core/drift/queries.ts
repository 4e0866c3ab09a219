import { ValidationProblem } from '../errors';
import { FieldTypeKind, ResolvedField } from '../schema';
import { ParameterStyle, SqlDialect } from './dialect';
import { CapturedRecords, DriftTable, WindowPartitioning } from './source';
import { ProblemType } from '../training/problem-type';
import { DriftFieldKind, DriftSpec, joinPairs, MonitoredField } from './spec';
import { BaselineRowKind, DRIFT_BASELINE_COLUMNS, DRIFT_RESULT_COLUMNS } from './tables';
import { DriftLevel, DriftStatistic, ThresholdDirection } from './statistics';

/** The runtime parameters of the drift queries. */
export enum DriftParameter {
  /** Start of the window, inclusive: a timestamp text `yyyy-MM-dd HH:mm:ss` (UTC). */
  WINDOW_START = 'window_start',
  /** End of the window, exclusive, in the same form. */
  WINDOW_END = 'window_end',
  /** The baseline's id (a dataset version): written by the baseline query, read by the window query. */
  BASELINE_ID = 'baseline_id',
}

const PARAM_MARK = '\u0001';
const param = (name: DriftParameter) => `${PARAM_MARK}${name}${PARAM_MARK}`;

/** Options of {@link DriftQuery.insertInto}. */
export interface DriftInsertOptions {
  /**
   * A string partition column the target table has after its schema's columns (the AWS lake's
   * `event_date`), filled with the UTC date (`yyyy-MM-dd`) of the target's event-time column.
   * @default - no partition column (BigQuery tables partitioned on a column of the schema)
   */
  readonly datePartitionColumn?: string;
}

/**
 * One generated query: its SQL text and the runtime parameters it takes.
 *
 * On a positional dialect (Trino, DuckDB) `parameters` lists one name per `?` marker, in order,
 * with repeats: Athena's `ExecutionParameters` are bound that way ({@link executionParameters}
 * builds the list). On BigQuery it lists each `@name` once.
 */
export class DriftQuery {
  /** The SQL text. */
  public readonly sql: string;
  /** Parameter names: one per marker in order (positional), or each name once (named). */
  public readonly parameters: readonly string[];
  /** The output columns, in order (the columns of the table the query fills). */
  public readonly columns: readonly string[];

  private readonly template: string;

  /**
   * Built by {@link DriftQueries}; `template` marks each parameter as U+0001 name U+0001.
   */
  constructor(
    /** Dialect of the query. */
    public readonly dialect: SqlDialect,
    template: string,
    columns: readonly string[],
    private readonly eventTimeColumn?: string,
  ) {
    this.template = template;
    this.columns = columns;
    const names: string[] = [];
    const pattern = new RegExp(`${PARAM_MARK}([a-z_]+)${PARAM_MARK}`, 'g');
    this.sql = template.replace(pattern, (_m, name: string) => {
      if (dialect.parameterStyle === ParameterStyle.POSITIONAL || !names.includes(name)) {
        names.push(name);
      }
      return dialect.parameterStyle === ParameterStyle.POSITIONAL ? '?' : `@${name}`;
    });
    this.parameters = names;
  }

  /**
   * The same query as `INSERT INTO table (columns) SELECT ...`, so its rows land in the results or
   * baseline table of a lake.
   */
  public insertInto(table: DriftTable, options: DriftInsertOptions = {}): DriftQuery {
    const d = this.dialect;
    const columns = [...this.columns];
    let select = this.template;
    if (options.datePartitionColumn !== undefined) {
      if (this.eventTimeColumn === undefined) {
        throw new Error('drift: datePartitionColumn needs a query whose table has an event time (the results query)');
      }
      columns.push(options.datePartitionColumn);
      select = `SELECT drift_rows.*, ${d.formatTimestamp(`drift_rows.${d.identifier(this.eventTimeColumn)}`, 'yyyy-MM-dd')} AS ${d.identifier(options.datePartitionColumn)} FROM (${select}) drift_rows`;
    }
    return new DriftQuery(d, `INSERT INTO ${table.render(d)} (${columns.map((c) => d.identifier(c)).join(', ')}) ${select}`, columns, this.eventTimeColumn);
  }

  /**
   * The parameter values in binding order, from values by name: one per marker on a positional
   * dialect, one per name on BigQuery (its named parameters, in {@link parameters} order). The
   * values are passed as they are, for a client that binds them (DuckDB, BigQuery).
   */
  public parameterValues(values: { [name: string]: string }): string[] {
    return this.parameters.map((name) => {
      const value = values[name];
      if (value === undefined) {
        throw new Error(`drift: no value for query parameter "${name}" (the query takes ${[...new Set(this.parameters)].join(', ')})`);
      }
      return value;
    });
  }

  /**
   * The values of Athena's `StartQueryExecution` `ExecutionParameters`: one per `?` marker, in
   * order, each an SQL string literal (quoted, quotes doubled), since Athena substitutes them as
   * text. A state machine builds the same list from its input with `States.Format('\'{}\'', ...)`
   * in {@link parameters} order.
   * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
   */
  public executionParameters(values: { [name: string]: string }): string[] {
    return this.parameterValues(values).map((v) => `'${v.replace(/'/g, "''")}'`);
  }
}

/** Where the model-quality labels are read from. */
export interface DriftLabelSource {
  /** The label table, whose columns are the label schema's fields. */
  readonly table: DriftTable;
  /**
   * How the window's partitions of the label table are found. When the label schema has an event
   * time, labels are filtered to the window on it (it must be the time of the prediction the label
   * is for); otherwise the whole label table is read.
   * @default WindowPartitioning.TIME_COLUMN_ONLY
   */
  readonly partitioning?: WindowPartitioning;
}

/** Options of {@link DriftQueries.baseline}. */
export interface DriftBaselineQueryOptions {
  /** The training data: a dataset-version table whose columns are the capture schema's monitored fields. */
  readonly source: DriftTable;
}

/** Options of {@link DriftQueries.window}. */
export interface DriftWindowQueryOptions {
  /** Where the window's records come from. */
  readonly records: CapturedRecords;
  /** The baseline table ({@link driftBaselineSchema}) the baseline query filled. */
  readonly baselineTable: DriftTable;
  /**
   * The label table, required when the spec has model quality.
   * @default - no labels
   */
  readonly labels?: DriftLabelSource;
}

/**
 * Generates a {@link DriftSpec}'s queries in one dialect:
 *
 * - {@link baseline}: from a dataset version, the rows of the baseline table
 *   ({@link driftBaselineSchema}): quantile bin edges (numpy's default linear interpolation,
 *   computed exactly with window functions), top categories, every category seen, each numeric
 *   field's distinct values with counts, and missing rates. Parameter: `baseline_id`.
 * - {@link window}: from the baseline table and one window [start, end) of captured records, the
 *   rows of the results table ({@link driftResultsSchema}). Parameters: `window_start`,
 *   `window_end`, `baseline_id`.
 *
 * The statistics are written once in portable SQL; the dialect changes only quoting, parameter
 * markers, casts, timestamp formatting and payload decoding. Each table is read in one place,
 * with only the columns the statistics need and, for the records and labels, the window's
 * partitions only.
 *
 * @see https://numpy.org/doc/stable/reference/generated/numpy.quantile.html (the 'linear' method the edges follow)
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
 * @see https://cloud.google.com/bigquery/docs/parameterized-queries
 *
 * @example
 * const queries = new DriftQueries(spec, SqlDialect.TRINO);
 * const window = queries.window({
 *   records: CapturedRecords.table({ table: DriftTable.named(['lake_curated', 'scored_orders']), partitioning: WindowPartitioning.dateColumn() }),
 *   baselineTable: DriftTable.named(['lake_curated', 'drift_baseline']),
 * }).insertInto(DriftTable.named(['lake_curated', 'drift_results']), { datePartitionColumn: 'event_date' });
 * // window.sql, window.parameters: ['window_start', 'window_end', ...]
 */
export class DriftQueries {
  constructor(
    /** The spec the queries compute. */
    public readonly spec: DriftSpec,
    /** Their dialect. */
    public readonly dialect: SqlDialect,
  ) {}

  /** Problems of the spec and of window-query options, with property paths relative to the spec (`records.jsonPaths`). */
  public problems(options?: DriftWindowQueryOptions): ValidationProblem[] {
    const problems = this.spec.problems();
    if (options !== undefined) {
      problems.push(...options.records.problems('records', this.spec.schema, this.dialect, this.spec.predictionField));
      problems.push(...options.baselineTable.problems('baselineTable'));
      if (this.spec.modelQuality !== undefined && options.labels === undefined) {
        problems.push({ property: 'labels', value: undefined, allowed: 'a label table: the spec has modelQuality' });
      }
      if (options.labels !== undefined) {
        problems.push(...options.labels.table.problems('labels.table'));
        problems.push(...(options.labels.partitioning ?? WindowPartitioning.TIME_COLUMN_ONLY).problems('labels.partitioning'));
      }
    }
    return problems;
  }

  /** The baseline query: a SELECT of the baseline table's rows (see the class description). */
  public baseline(options: DriftBaselineQueryOptions): DriftQuery {
    const d = this.dialect;
    const fields = this.spec.monitoredFields;
    const numeric = fields.filter((f) => f.kind === DriftFieldKind.NUMERIC);
    const categorical = fields.filter((f) => f.kind === DriftFieldKind.CATEGORICAL);
    const ctes: string[] = [];
    ctes.push(`src AS (SELECT ${fields.map((f) => d.identifier(f.name)).join(', ')} FROM ${options.source.render(d)})`);
    const branches: string[] = [];
    const bid = param(DriftParameter.BASELINE_ID);
    const D = d.doubleType;
    const S = d.stringType;
    const B = d.bigintType;
    const nul = (t: string) => `CAST(NULL AS ${t})`;
    const row = (kind: BaselineRowKind, cols: { ordinal: string; lower?: string; upper?: string; category?: string; value?: string; rowCount: string; share?: string }) =>
      `SELECT ${bid} AS baseline_id, field, ${d.string(kind)} AS kind, CAST(${cols.ordinal} AS ${B}) AS ordinal, ${cols.lower ?? nul(D)} AS lower_edge, ${cols.upper ?? nul(D)} AS upper_edge, `
      + `${cols.category ?? nul(S)} AS category, ${cols.value ?? nul(D)} AS value, CAST(${cols.rowCount} AS ${B}) AS row_count, ${cols.share ?? nul(D)} AS share`;

    if (numeric.length > 0) {
      ctes.push(`num_values AS (${this.longValues('src', numeric)})`);
      ctes.push('num_present AS (SELECT field, v FROM num_values WHERE v IS NOT NULL)');
      ctes.push('num_sorted AS (SELECT field, v, ROW_NUMBER() OVER (PARTITION BY field ORDER BY v) - 1 AS i FROM num_present)');
      ctes.push('num_counts AS (SELECT field, COUNT(*) AS n FROM num_present GROUP BY field)');
      const ordinals = numeric.flatMap((f) => range(f.bins).map((j) => `SELECT ${d.string(f.name)} AS field, ${j} AS j, ${f.bins} AS bins`));
      ctes.push(`bin_ordinals AS (${ordinals.join(' UNION ALL ')})`);
      // numpy.quantile's default ('linear'): position h = (n - 1)·k/bins, lo = floor(h), t = h − lo,
      // edge = a + (b − a)·t, computed as b − (b − a)·(1 − t) when t ≥ 0.5 as numpy's _lerp does.
      const h = `CAST((c.n - 1) * o.j AS ${D})`;
      ctes.push(`edge_index AS (SELECT o.field, o.j AS k, FLOOR(${h} / o.bins) AS lo, (${h} - FLOOR(${h} / o.bins) * o.bins) / o.bins AS t FROM bin_ordinals o JOIN num_counts c ON c.field = o.field WHERE o.j > 0)`);
      ctes.push('edges AS (SELECT e.field, e.k, CASE WHEN e.t >= 0.5 THEN COALESCE(b.v, a.v) - (COALESCE(b.v, a.v) - a.v) * (1 - e.t) ELSE a.v + (COALESCE(b.v, a.v) - a.v) * e.t END AS edge'
        + ' FROM edge_index e JOIN num_sorted a ON a.field = e.field AND a.i = e.lo LEFT JOIN num_sorted b ON b.field = e.field AND b.i = e.lo + 1)');
      ctes.push('bins AS (SELECT o.field, o.j AS ordinal, lo.edge AS lower_edge, up.edge AS upper_edge FROM bin_ordinals o'
        + ' LEFT JOIN edges lo ON lo.field = o.field AND lo.k = o.j LEFT JOIN edges up ON up.field = o.field AND up.k = o.j + 1)');
      ctes.push(...binCtes(numeric, 'SELECT field, ordinal, upper_edge FROM bins', 'num_present', 'baseline_bin'));
      ctes.push('bin_counts AS (SELECT b.field, b.ordinal, b.lower_edge, b.upper_edge, COALESCE(c.n, 0) AS row_count FROM bins b'
        + ' LEFT JOIN baseline_bin_counts c ON c.field = b.field AND c.ordinal = b.ordinal)');
      ctes.push('value_counts AS (SELECT field, v, COUNT(*) AS row_count FROM num_present GROUP BY field, v)');
      branches.push(`${row(BaselineRowKind.NUMERIC_BIN, { ordinal: 'ordinal', lower: 'lower_edge', upper: 'upper_edge', rowCount: 'row_count', share: `CAST(row_count AS ${D}) / NULLIF(SUM(row_count) OVER (PARTITION BY field), 0)` })} FROM bin_counts`);
      branches.push(`${row(BaselineRowKind.VALUE, { ordinal: '0', value: 'v', rowCount: 'row_count' })} FROM value_counts`);
    }
    if (categorical.length > 0) {
      ctes.push(`cat_values AS (${this.longCategories('src', categorical)})`);
      ctes.push('cat_counts AS (SELECT field, c AS category, COUNT(*) AS row_count FROM cat_values WHERE c IS NOT NULL GROUP BY field, c)');
      ctes.push('cat_ranked AS (SELECT field, category, row_count, ROW_NUMBER() OVER (PARTITION BY field ORDER BY row_count DESC, category) AS category_rank,'
        + ' SUM(row_count) OVER (PARTITION BY field) AS n FROM cat_counts)');
      ctes.push(`cat_params AS (${categorical.map((f) => `SELECT ${d.string(f.name)} AS field, ${f.topCategories} AS top_k`).join(' UNION ALL ')})`);
      ctes.push('cat_assigned AS (SELECT r.field, CASE WHEN r.category_rank <= p.top_k THEN r.category_rank ELSE 0 END AS ordinal,'
        + ` CASE WHEN r.category_rank <= p.top_k THEN r.category END AS category, r.row_count FROM cat_ranked r JOIN cat_params p ON p.field = r.field`
        + ` UNION ALL SELECT field, 0 AS ordinal, ${nul(S)} AS category, 0 AS row_count FROM cat_params)`);
      ctes.push('cat_buckets AS (SELECT field, ordinal, category, SUM(row_count) AS row_count FROM cat_assigned GROUP BY field, ordinal, category)');
      branches.push(`${row(BaselineRowKind.CATEGORY_BUCKET, { ordinal: 'ordinal', category: 'category', rowCount: 'row_count', share: `CAST(row_count AS ${D}) / NULLIF(SUM(row_count) OVER (PARTITION BY field), 0)` })} FROM cat_buckets`);
      branches.push(`${row(BaselineRowKind.CATEGORY, { ordinal: 'category_rank', category: 'category', rowCount: 'row_count', share: `CAST(row_count AS ${D}) / n` })} FROM cat_ranked`);
    }
    const presence = [
      ...(numeric.length > 0 ? ['SELECT field, v IS NULL AS missing FROM num_values'] : []),
      ...(categorical.length > 0 ? ['SELECT field, c IS NULL AS missing FROM cat_values'] : []),
    ];
    ctes.push(`summary AS (SELECT field, COUNT(*) AS row_count, SUM(CASE WHEN missing THEN 1 ELSE 0 END) AS missing_count FROM (${presence.join(' UNION ALL ')}) p GROUP BY field)`);
    branches.push(`${row(BaselineRowKind.SUMMARY, { ordinal: '0', rowCount: 'row_count', share: `CAST(missing_count AS ${D}) / row_count` })} FROM summary`);
    return new DriftQuery(d, `WITH ${ctes.join(',\n')}\n${branches.join('\nUNION ALL ')}`, DRIFT_BASELINE_COLUMNS);
  }

  /** The window query: a SELECT of the results table's rows (see the class description). */
  public window(options: DriftWindowQueryOptions): DriftQuery {
    const d = this.dialect;
    const spec = this.spec;
    const D = d.doubleType;
    const fields = spec.monitoredFields;
    const numeric = fields.filter((f) => f.kind === DriftFieldKind.NUMERIC);
    const categorical = fields.filter((f) => f.kind === DriftFieldKind.CATEGORICAL);
    const quality = spec.modelQuality;
    const windowStart = `CAST(${param(DriftParameter.WINDOW_START)} AS ${d.timestampType})`;
    const windowEnd = `CAST(${param(DriftParameter.WINDOW_END)} AS ${d.timestampType})`;
    const eps = literal(d, spec.psiEpsilon);

    const needed = new Map<string, ResolvedField>();
    const need = (name: string) => needed.set(name, spec.schema.field(name)!);
    fields.forEach((f) => need(f.name));
    const pairs = quality ? joinPairs(spec.schema, quality.join) : [];
    pairs.forEach(([capture]) => need(capture));

    const ctes: string[] = [];
    ctes.push(`records AS (${options.records.selectRecords({ dialect: d, schema: spec.schema, fields: [...needed.values()], windowStart, windowEnd }, spec.predictionField)})`);
    ctes.push(`baseline AS (SELECT field, kind, ordinal, lower_edge, upper_edge, category, value, row_count, share FROM ${options.baselineTable.render(d)} WHERE baseline_id = ${param(DriftParameter.BASELINE_ID)})`);
    const computed: string[] = [];
    const psiRows: string[] = [];
    const presence: string[] = [];

    if (numeric.length > 0) {
      ctes.push(`num_values AS (${this.longValues('records', numeric)})`);
      ctes.push('num_present AS (SELECT field, v FROM num_values WHERE v IS NOT NULL)');
      ctes.push(...binCtes(numeric, `SELECT field, ordinal, upper_edge FROM baseline WHERE kind = ${d.string(BaselineRowKind.NUMERIC_BIN)}`, 'num_present', 'window_bin'));
      ctes.push(`num_bins AS (SELECT b.field, b.ordinal, b.share AS expected, COALESCE(c.n, 0) AS n FROM baseline b LEFT JOIN window_bin_counts c ON c.field = b.field AND c.ordinal = b.ordinal`
        + ` WHERE b.kind = ${d.string(BaselineRowKind.NUMERIC_BIN)})`);
      psiRows.push('SELECT field, expected, n FROM num_bins');
      // KS: both distribution functions at every distinct value of either sample, as ks_2samp. The
      // union is ordered by (value, side), a total order since each side's values are distinct, and
      // evaluated at the last row of each value, where both running counts include all its ties.
      // (A RANGE frame would say the same without LEAD, but DuckDB runs it several times slower.)
      ctes.push('ks_window_values AS (SELECT field, v, COUNT(*) AS n FROM num_present GROUP BY field, v)');
      ctes.push(`ks_points AS (SELECT field, value AS v, 0 AS side, row_count AS base_n, 0 AS win_n FROM baseline WHERE kind = ${d.string(BaselineRowKind.VALUE)}`
        + ' UNION ALL SELECT field, v, 1 AS side, 0 AS base_n, n AS win_n FROM ks_window_values)');
      const ordered = 'OVER (PARTITION BY field ORDER BY v, side ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
      ctes.push(`ks_cdf AS (SELECT field, v, SUM(base_n) ${ordered} AS base_cum, SUM(win_n) ${ordered} AS win_cum, LEAD(v) OVER (PARTITION BY field ORDER BY v, side) AS next_v,`
        + ' SUM(base_n) OVER (PARTITION BY field) AS base_total, SUM(win_n) OVER (PARTITION BY field) AS win_total FROM ks_points)');
      ctes.push(`ks AS (SELECT field, MAX(CASE WHEN next_v IS NULL OR next_v <> v THEN ABS(CAST(base_cum AS ${D}) / NULLIF(base_total, 0) - CAST(win_cum AS ${D}) / NULLIF(win_total, 0)) END) AS value,`
        + ' MAX(win_total) AS sample_size FROM ks_cdf GROUP BY field)');
      computed.push(`SELECT field, ${d.string(DriftStatistic.KS)} AS statistic, value, sample_size FROM ks`);
      presence.push('SELECT field, v IS NULL AS missing FROM num_values');
    }
    if (categorical.length > 0) {
      ctes.push(`cat_values AS (${this.longCategories('records', categorical)})`);
      ctes.push('cat_counts AS (SELECT field, c AS category, COUNT(*) AS n FROM cat_values WHERE c IS NOT NULL GROUP BY field, c)');
      ctes.push(`cat_bucket_counts AS (SELECT w.field, COALESCE(b.ordinal, 0) AS ordinal, SUM(w.n) AS n FROM cat_counts w LEFT JOIN baseline b`
        + ` ON b.field = w.field AND b.category = w.category AND b.kind = ${d.string(BaselineRowKind.CATEGORY_BUCKET)} GROUP BY w.field, COALESCE(b.ordinal, 0))`);
      ctes.push(`cat_buckets AS (SELECT b.field, b.ordinal, b.share AS expected, COALESCE(a.n, 0) AS n FROM baseline b LEFT JOIN cat_bucket_counts a ON a.field = b.field AND a.ordinal = b.ordinal`
        + ` WHERE b.kind = ${d.string(BaselineRowKind.CATEGORY_BUCKET)})`);
      psiRows.push('SELECT field, expected, n FROM cat_buckets');
      ctes.push(`unseen AS (SELECT w.field, CAST(SUM(CASE WHEN b.category IS NULL THEN w.n ELSE 0 END) AS ${D}) / SUM(w.n) AS value, SUM(w.n) AS sample_size FROM cat_counts w`
        + ` LEFT JOIN baseline b ON b.field = w.field AND b.category = w.category AND b.kind = ${d.string(BaselineRowKind.CATEGORY)} GROUP BY w.field)`);
      computed.push(`SELECT field, ${d.string(DriftStatistic.UNSEEN_SHARE)} AS statistic, value, sample_size FROM unseen`);
      presence.push('SELECT field, c IS NULL AS missing FROM cat_values');
    }
    if (psiRows.length > 0) {
      // PSI = Σ (a − e)·ln(a / e), zero shares replaced by psiEpsilon on both sides.
      ctes.push(`psi_shares AS (SELECT field, expected, CAST(n AS ${D}) / NULLIF(SUM(n) OVER (PARTITION BY field), 0) AS actual, SUM(n) OVER (PARTITION BY field) AS total FROM (${psiRows.join(' UNION ALL ')}) r)`);
      ctes.push(`psi AS (SELECT field, SUM((a - e) * LN(a / e)) AS value, MAX(total) AS sample_size FROM (SELECT field, CASE WHEN expected = 0 THEN ${eps} ELSE expected END AS e,`
        + ` CASE WHEN actual = 0 THEN ${eps} ELSE actual END AS a, total FROM psi_shares) s GROUP BY field)`);
      computed.push(`SELECT field, ${d.string(DriftStatistic.PSI)} AS statistic, value, sample_size FROM psi`);
    }
    if (presence.length > 0) {
      ctes.push(`missing AS (SELECT field, CAST(SUM(CASE WHEN missing THEN 1 ELSE 0 END) AS ${D}) / COUNT(*) AS value, COUNT(*) AS sample_size FROM (${presence.join(' UNION ALL ')}) p GROUP BY field)`);
      computed.push(`SELECT field, ${d.string(DriftStatistic.MISSING_RATE)} AS statistic, value, sample_size FROM missing`);
    }
    if (quality !== undefined && spec.predictionField !== undefined && options.labels !== undefined) {
      ctes.push(...this.qualityCtes(options.labels, pairs, windowStart, windowEnd));
      const prediction = d.string(spec.predictionField);
      if (quality.task === ProblemType.BINARY_CLASSIFICATION) {
        computed.push(`SELECT ${prediction} AS field, ${d.string(DriftStatistic.ACCURACY)} AS statistic, accuracy AS value, n AS sample_size FROM quality`);
        computed.push(`SELECT ${prediction} AS field, ${d.string(DriftStatistic.AUC)} AS statistic, value, sample_size FROM auc`);
      } else {
        computed.push(`SELECT ${prediction} AS field, ${d.string(DriftStatistic.RMSE)} AS statistic, rmse AS value, n AS sample_size FROM quality`);
        computed.push(`SELECT ${prediction} AS field, ${d.string(DriftStatistic.MAE)} AS statistic, mae AS value, n AS sample_size FROM quality`);
      }
    }

    const expected = this.expectedRows();
    ctes.push(`expected_rows AS (${expected.join(' UNION ALL ')})`);
    ctes.push(`computed AS (${computed.join(' UNION ALL ')})`);
    ctes.push(`thresholds AS (SELECT e.field, e.statistic, c.value, COALESCE(c.sample_size, 0) AS sample_size,`
      + ` CASE WHEN e.relative = 1 THEN e.warn + COALESCE(s.share, 0) ELSE e.warn END AS warn_threshold,`
      + ` CASE WHEN e.relative = 1 THEN e.alarm + COALESCE(s.share, 0) ELSE e.alarm END AS alarm_threshold, e.direction`
      + ` FROM expected_rows e LEFT JOIN computed c ON c.field = e.field AND c.statistic = e.statistic`
      + ` LEFT JOIN baseline s ON s.field = e.field AND s.kind = ${d.string(BaselineRowKind.SUMMARY)})`);
    const reached = (level: 'warn_threshold' | 'alarm_threshold') =>
      `(${level} IS NOT NULL AND ((direction = ${d.string(ThresholdDirection.ABOVE)} AND value >= ${level}) OR (direction = ${d.string(ThresholdDirection.BELOW)} AND value <= ${level})))`;
    ctes.push(`levels AS (SELECT field, statistic, value, sample_size, warn_threshold, alarm_threshold, direction, CASE`
      + ` WHEN value IS NULL OR (warn_threshold IS NULL AND alarm_threshold IS NULL) THEN ${d.string(DriftLevel.NONE)}`
      + ` WHEN ${reached('alarm_threshold')} THEN ${d.string(DriftLevel.ALARM)}`
      + ` WHEN ${reached('warn_threshold')} THEN ${d.string(DriftLevel.WARN)}`
      + ` ELSE ${d.string(DriftLevel.OK)} END AS level FROM thresholds)`);
    const select = `SELECT ${windowStart} AS window_start, ${windowEnd} AS window_end, CAST(${param(DriftParameter.BASELINE_ID)} AS ${d.stringType}) AS baseline_id,`
      + ` field, statistic, value, CAST(sample_size AS ${d.bigintType}) AS sample_size, warn_threshold, alarm_threshold, direction, level,`
      + ` level = ${d.string(DriftLevel.ALARM)} AS breached FROM levels`;
    return new DriftQuery(d, `WITH ${ctes.join(',\n')}\n${select}`, DRIFT_RESULT_COLUMNS, 'window_start');
  }

  /** One row per field and statistic the window query must produce, with its static thresholds. */
  private expectedRows(): string[] {
    const d = this.dialect;
    return this.spec.resultRows.map(({ field, threshold: t }) => `SELECT ${d.string(field)} AS field, ${d.string(t.statistic)} AS statistic,`
      + ` ${t.warn === undefined ? `CAST(NULL AS ${d.doubleType})` : literal(d, t.warn)} AS warn, ${t.alarm === undefined ? `CAST(NULL AS ${d.doubleType})` : literal(d, t.alarm)} AS alarm,`
      + ` ${d.string(t.direction)} AS direction, ${t.relativeToBaseline ? 1 : 0} AS relative`);
  }

  private qualityCtes(labels: DriftLabelSource, pairs: Array<[string, string]>, windowStart: string, windowEnd: string): string[] {
    const d = this.dialect;
    const D = d.doubleType;
    const quality = this.spec.modelQuality!;
    const labelSchema = quality.labelSchema;
    const labelColumns = [...new Set([...pairs.map(([, l]) => l), quality.labelField])];
    const where: string[] = [];
    if (labelSchema.eventTime !== undefined) {
      const partition = (labels.partitioning ?? WindowPartitioning.TIME_COLUMN_ONLY).predicate(d, '', windowStart, windowEnd);
      if (partition) {
        where.push(partition);
      }
      const time = d.identifier(labelSchema.eventTime);
      where.push(`${time} >= ${windowStart}`, `${time} < ${windowEnd}`);
    }
    const labelType = labelSchema.field(quality.labelField)!.type.kind;
    const label = `l.${d.identifier(quality.labelField)}`;
    const y = quality.task === ProblemType.REGRESSION
      ? `CAST(${label} AS ${D})`
      : labelType === FieldTypeKind.BOOLEAN ? `CASE WHEN ${label} THEN 1 ELSE 0 END` : `CASE WHEN ${label} = 1 THEN 1 ELSE 0 END`;
    const prediction = `r.${d.identifier(this.spec.predictionField!)}`;
    const on = pairs.map(([c, l]) => `r.${d.identifier(c)} = l.${d.identifier(l)}`).join(' AND ');
    const ctes = [
      `labels AS (SELECT ${labelColumns.map((c) => d.identifier(c)).join(', ')} FROM ${labels.table.render(d)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''})`,
      `labelled AS (SELECT CAST(${prediction} AS ${D}) AS p, ${y} AS y FROM records r JOIN labels l ON ${on} WHERE ${prediction} IS NOT NULL AND ${label} IS NOT NULL)`,
    ];
    ctes.push(...modelQualityCtes(d, quality.task, quality.decisionThreshold ?? 0.5));
    return ctes;
  }

  /** Numeric fields of `from` in long form: one row per record and field, `v` a double (NULL when missing). */
  private longValues(from: string, fields: MonitoredField[]): string {
    const d = this.dialect;
    const cases = fields.map((f) => `WHEN ${d.string(f.name)} THEN CAST(s.${d.identifier(f.name)} AS ${d.doubleType})`).join(' ');
    return `SELECT f.field, CASE f.field ${cases} END AS v FROM ${from} s CROSS JOIN (${fieldList(d, fields)}) f`;
  }

  /** Categorical fields of `from` in long form: `c` the category as text (booleans as 'true'/'false'). */
  private longCategories(from: string, fields: MonitoredField[]): string {
    const d = this.dialect;
    const cases = fields.map((f) => {
      const column = `s.${d.identifier(f.name)}`;
      const text = f.type.kind === FieldTypeKind.BOOLEAN ? `CASE WHEN ${column} THEN 'true' WHEN NOT ${column} THEN 'false' END` : `CAST(${column} AS ${d.stringType})`;
      return `WHEN ${d.string(f.name)} THEN ${text}`;
    }).join(' ');
    return `SELECT f.field, CASE f.field ${cases} END AS c FROM ${from} s CROSS JOIN (${fieldList(d, fields)}) f`;
  }
}

/**
 * The model-quality statistics over a CTE `labelled (p, y)` (a prediction `p` and its label `y`,
 * both numbers, `y` 0/1 for a binary task), as CTEs:
 *
 * - binary classification: `quality (n, accuracy)` at the decision threshold, `auc (value,
 *   sample_size)` by the rank sum with tied scores at their mid-rank;
 * - regression: `quality (n, rmse, mae)`.
 *
 * The drift window query and the training pipelines' evaluation query both compute quality
 * with these, so the metric a model was promoted on is the one drift monitoring reports.
 */
export function modelQualityCtes(d: SqlDialect, task: ProblemType, decisionThreshold = 0.5): string[] {
  const D = d.doubleType;
  const ctes: string[] = [];
  if (task === ProblemType.BINARY_CLASSIFICATION) {
    const threshold = literal(d, decisionThreshold);
    ctes.push(`quality AS (SELECT COUNT(*) AS n, CAST(SUM(CASE WHEN (p >= ${threshold} AND y = 1) OR (p < ${threshold} AND y = 0) THEN 1 ELSE 0 END) AS ${D}) / NULLIF(COUNT(*), 0) AS accuracy FROM labelled)`);
    // AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), R₊ the positives' rank sum with tied scores at their mid-rank.
    ctes.push('auc_groups AS (SELECT p, COUNT(*) AS n, SUM(y) AS pos FROM labelled GROUP BY p)');
    ctes.push('auc_ranked AS (SELECT n, pos, SUM(n) OVER (ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - n AS below FROM auc_groups)');
    ctes.push(`auc AS (SELECT (SUM(CAST(pos AS ${D}) * (CAST(below AS ${D}) + (CAST(n AS ${D}) + 1) / 2)) - CAST(SUM(pos) AS ${D}) * (CAST(SUM(pos) AS ${D}) + 1) / 2)`
      + ` / NULLIF(CAST(SUM(pos) AS ${D}) * (CAST(SUM(n) AS ${D}) - CAST(SUM(pos) AS ${D})), 0) AS value, COALESCE(SUM(n), 0) AS sample_size FROM auc_ranked)`);
  } else {
    ctes.push('quality AS (SELECT COUNT(*) AS n, SQRT(AVG((p - y) * (p - y))) AS rmse, AVG(ABS(p - y)) AS mae FROM labelled)');
  }
  return ctes;
}

/**
 * Log loss over the same `labelled (p, y)` CTE, binary classification, as the CTE `logloss
 * (value, sample_size)`: `p` is clipped to [1e-15, 1 − 1e-15], as scikit-learn's `log_loss` clips it.
 */
export function logLossCte(d: SqlDialect): string {
  const eps = literal(d, 1e-15);
  const one = literal(d, 1);
  const clipped = `LEAST(GREATEST(p, ${eps}), ${one} - ${eps})`;
  return `logloss AS (SELECT -AVG(CASE WHEN y = 1 THEN LN(${clipped}) ELSE LN(${one} - ${clipped}) END) AS value, COUNT(*) AS sample_size FROM labelled)`;
}

function fieldList(d: SqlDialect, fields: MonitoredField[]): string {
  return fields.map((f) => `SELECT ${d.string(f.name)} AS field`).join(' UNION ALL ');
}

/**
 * Counts of `values` (field, v) per bin, as `<prefix>_counts` (field, ordinal, n). The bin of a
 * value is the number of its field's edges at or below it (numpy.searchsorted side='right'),
 * found by a CASE chain over the field's edges pivoted into one row: a hash join on the field and
 * a few comparisons per value, where a range join on the bin bounds would be a nested loop.
 * `edges` yields (field, ordinal, upper_edge) per bin; the last bin's upper edge is NULL, which
 * ends the chain of a field with fewer bins than the widest.
 */
function binCtes(fields: MonitoredField[], edges: string, values: string, prefix: string): string[] {
  const widest = Math.max(...fields.map((f) => f.bins));
  const edgeColumns = range(widest - 1).map((k) => `MAX(CASE WHEN ordinal = ${k} THEN upper_edge END) AS e${k + 1}`);
  const chain = range(widest - 1).map((k) => `WHEN e.e${k + 1} IS NULL OR v.v < e.e${k + 1} THEN ${k}`).join(' ');
  return [
    `${prefix}_edges AS (SELECT field, ${edgeColumns.join(', ')} FROM (${edges}) b GROUP BY field)`,
    `${prefix}_counts AS (SELECT v.field, CASE ${chain} ELSE ${widest - 1} END AS ordinal, COUNT(*) AS n FROM ${values} v JOIN ${prefix}_edges e ON e.field = v.field`
      + ` GROUP BY v.field, CASE ${chain} ELSE ${widest - 1} END)`,
  ];
}

/** A number as a double literal of the dialect (Trino reads `0.1` as a decimal). */
function literal(d: SqlDialect, value: number): string {
  return `CAST(${String(value)} AS ${d.doubleType})`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_v, i) => i);
}

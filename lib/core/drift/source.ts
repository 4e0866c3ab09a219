import { ValidationProblem } from '../errors';
import { FieldTypeKind, ResolvedField, TableSchema } from '../schema';
import { IDENTIFIER_RULE } from '../naming';
import { SqlDialect } from './dialect';
import { guard, CORE_GUARD_CONTEXT } from '../guard';

/**
 * A table a drift query reads or writes: named by its parts (quoted for each dialect), or given as
 * SQL text for what a name cannot say (a `TABLESAMPLE`, DuckDB's `read_parquet(...)` in tests).
 */
export class DriftTable {
  /**
   * A table by name: `['database', 'table']` for Athena/Glue, `['project', 'dataset', 'table']`
   * for BigQuery. Quoted by the dialect (`"db"."t"`, `` `p.d.t` ``).
   */
  public static named(parts: string[]): DriftTable {
    return new DriftTable([...parts], undefined);
  }

  /** A table given as SQL text, used as it is after FROM. The caller answers for its quoting. */
  public static sql(text: string): DriftTable {
    return new DriftTable(undefined, text);
  }

  private constructor(
    /** Name parts, for a named table. */
    public readonly parts: readonly string[] | undefined,
    /** SQL text, for a table given as SQL. */
    public readonly text: string | undefined,
  ) {}

  /** The table reference in a dialect. */
  public render(dialect: SqlDialect): string {
    return this.parts !== undefined ? dialect.table(this.parts) : this.text!;
  }

  /** Problems of this reference: empty parts, or parts with characters no engine accepts unquoted in a path. */
  public problems(property: string): ValidationProblem[] {
    if (this.parts !== undefined) {
      if (this.parts.length === 0 || this.parts.some((p) => typeof p !== 'string' || !/^[A-Za-z0-9_-]{1,1024}$/.test(p))) {
        return [{ property, value: this.parts, allowed: 'one to three name parts of letters, digits, underscores and hyphens' }];
      }
      return [];
    }
    return typeof this.text === 'string' && this.text.trim() !== '' ? [] : [{ property, value: this.text, allowed: 'non-empty SQL text' }];
  }
}

const PARTITION_FORMAT = /^yyyy(?<sep1>[-/_]?)MM(?:\k<sep1>dd(?:(?:\k<sep1>|[ T])HH)?)?$/;

/**
 * How the rows of one time window are found in a table: the predicate on the table's partition
 * column that makes the engine read only the window's partitions, in addition to the exact
 * predicate on the time column. A choice between variants, so a class with static factories.
 *
 * | table                                   | partitioning                                   |
 * |-----------------------------------------|------------------------------------------------|
 * | AWS lake table (partition projection)   | `dateColumn()`: `event_date` 'yyyy-MM-dd'      |
 * | SageMaker capture (hour path)           | `hourColumn('capture_hour')`: 'yyyy/MM/dd/HH'  |
 * | BigQuery table partitioned on the time  | `TIME_COLUMN_ONLY`: the time predicate prunes  |
 *
 * A formatted partition column is compared as text from the window start's partition to the
 * partition of the last instant before the window end, so a window that ends on a partition
 * boundary does not read the next partition. The format must be big-endian and zero-padded
 * (`yyyy`, `MM`, `dd`, `HH` with one separator), so text order is time order.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 * @see https://cloud.google.com/bigquery/docs/querying-partitioned-tables
 */
export class WindowPartitioning {
  /** No partition column: the predicate on the time column is all there is, and is what prunes a BigQuery table partitioned on that column. */
  public static readonly TIME_COLUMN_ONLY = new WindowPartitioning(undefined, undefined);

  /**
   * A string partition column holding the UTC date of the event time.
   * @param column @default 'event_date' (the lake's partition column)
   * @param format @default 'yyyy-MM-dd'
   */
  public static dateColumn(column: string = 'event_date', format: string = 'yyyy-MM-dd'): WindowPartitioning {
    return new WindowPartitioning(column, format);
  }

  /**
   * A string partition column holding the UTC hour, like the path SageMaker data capture writes
   * (`<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/`) projected into one column.
   * @param column @default 'capture_hour'
   * @param format @default 'yyyy/MM/dd/HH'
   */
  public static hourColumn(column: string = 'capture_hour', format: string = 'yyyy/MM/dd/HH'): WindowPartitioning {
    return new WindowPartitioning(column, format);
  }

  private constructor(
    /** The partition column, or `undefined` for {@link TIME_COLUMN_ONLY}. */
    public readonly column: string | undefined,
    /** The column's format. */
    public readonly format: string | undefined,
  ) {}

  /**
   * Hours one partition spans (1 for an hour column, 24 for a date column), or `undefined` for
   * {@link TIME_COLUMN_ONLY}. A construct checks that its window is a whole number of partitions
   * (a window shorter than an hour reads a whole capture hour for a part of it).
   */
  public get granularityHours(): number | undefined {
    if (this.format === undefined) {
      return undefined;
    }
    return this.format.includes('HH') ? 1 : this.format.includes('dd') ? 24 : 24 * 31;
  }

  /** The partition predicate for a window, or `undefined` when the time predicate suffices. */
  public predicate(dialect: SqlDialect, qualifier: string, windowStart: string, windowEnd: string): string | undefined {
    if (this.column === undefined) {
      return undefined;
    }
    const column = `${qualifier}${dialect.identifier(this.column)}`;
    return `${column} >= ${dialect.formatTimestamp(windowStart, this.format!)} AND ${column} <= ${dialect.formatTimestamp(dialect.justBefore(windowEnd), this.format!)}`;
  }

  /** Problems of this partitioning. */
  public problems(property: string): ValidationProblem[] {
    if (this.column === undefined) {
      return [];
    }
    const problems: ValidationProblem[] = [];
    if (!IDENTIFIER_RULE.pattern.test(this.column)) {
      problems.push({ property: `${property}.column`, value: this.column, allowed: IDENTIFIER_RULE.description });
    }
    if (!PARTITION_FORMAT.test(this.format ?? '')) {
      problems.push({ property: `${property}.format`, value: this.format, allowed: 'yyyy, MM, dd and HH in that order, zero-padded, with one separator (-, / or _), such as yyyy-MM-dd or yyyy/MM/dd/HH' });
    }
    return problems;
  }
}

/** The parts of a records source a query generator needs. */
export interface RecordsQueryContext {
  /** Target dialect. */
  readonly dialect: SqlDialect;
  /** Schema of the records. */
  readonly schema: TableSchema;
  /** The fields to produce, each once. */
  readonly fields: readonly ResolvedField[];
  /** SQL expression of the window start (a timestamp). */
  readonly windowStart: string;
  /** SQL expression of the window end, exclusive. */
  readonly windowEnd: string;
}

/** The columns of SageMaker's data-capture JSON Lines, as a Glue (Hive) table over them declares them. */
export const SAGEMAKER_CAPTURE_COLUMNS: ReadonlyArray<{ readonly name: string; readonly type: string }> = [
  { name: 'capturedata', type: 'struct<endpointinput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>,endpointoutput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>>' },
  { name: 'eventmetadata', type: 'struct<eventid:string,inferenceid:string,inferencetime:string>' },
  { name: 'eventversion', type: 'string' },
];

/** Options of {@link CapturedRecords.sageMakerCapture}. */
export interface SageMakerCaptureOptions {
  /** The Glue table over the capture objects, with the columns of {@link SAGEMAKER_CAPTURE_COLUMNS} and a projected partition column. */
  readonly table: DriftTable;
  /**
   * The partition column over the capture path.
   * @default WindowPartitioning.hourColumn() (`capture_hour`, 'yyyy/MM/dd/HH')
   */
  readonly partitioning?: WindowPartitioning;
  /**
   * The schema fields of a CSV request, in column order.
   * @default - the schema's value fields in schema order, without the prediction and request-id fields
   */
  readonly inputCsvColumns?: string[];
  /**
   * The schema fields of a CSV response, in column order.
   * @default - the prediction field alone
   */
  readonly outputCsvColumns?: string[];
  /**
   * JSON paths of fields in a JSON request or response, by field name.
   * @default - `$.<field>` in the request, and `$` (the whole response, a scalar) for the prediction field
   */
  readonly jsonPaths?: { [field: string]: string };
  /**
   * The schema field that receives the request id: the inference id the client sent, else the
   * event id SageMaker assigned.
   * @default - no request id
   */
  readonly requestIdField?: string;
}

/** Options of {@link CapturedRecords.vertexRequestResponseLog}. */
export interface VertexRequestResponseLogOptions {
  /** The request-response logging table ModelEndpoint's capture writes (`<prefix>_request_response_logging`). */
  readonly table: DriftTable;
  /**
   * JSON paths of fields in one logged instance (one element of `request_payload`) or its
   * prediction (the element of `response_payload` at the same position), by field name.
   * @default - `$.<field>` in the instance, and `$` (the prediction, a scalar) for the prediction field
   */
  readonly jsonPaths?: { [field: string]: string };
  /**
   * Only the requests served by this deployed model (a canary's two models log into one table).
   * @default - every deployed model
   */
  readonly deployedModelId?: string;
  /**
   * The schema field that receives the logged `request_id`.
   * @default - no request id
   */
  readonly requestIdField?: string;
}

/** Options of {@link CapturedRecords.table}. */
export interface RecordsTableOptions {
  /** The table, whose columns are the schema's fields. */
  readonly table: DriftTable;
  /**
   * How the window's partitions are found.
   * @default WindowPartitioning.TIME_COLUMN_ONLY
   */
  readonly partitioning?: WindowPartitioning;
}

/** The runtime type of a `CapturedRecords` factory's options: an object with a `DriftTable` (checked at the factory). */
const RECORDS_OPTIONS_GUARD = guard.props({
  table: guard.satisfies((v) => v instanceof DriftTable, 'a DriftTable (DriftTable.named([...]) or DriftTable.sql(...))'),
}, 'an object of options with a table');

/**
 * Where the records of a window come from, as the schema's fields: a lake table whose columns are
 * the fields, SageMaker's data capture, or Vertex AI's request-response log. One schema drives the
 * parsing of both captures. A choice between variants, so a class with static factories.
 */
export class CapturedRecords {
  /** A table whose columns are the schema's fields, filtered on the schema's event time. */
  public static table(options: RecordsTableOptions): CapturedRecords {
    RECORDS_OPTIONS_GUARD.check(undefined, options, CORE_GUARD_CONTEXT, 'CapturedRecords.table(options)');
    return new CapturedRecords('table', options.table, options.partitioning ?? WindowPartitioning.TIME_COLUMN_ONLY, options);
  }

  /**
   * SageMaker data capture: JSON Lines objects, one line per request, each with
   * `captureData.endpointInput` / `endpointOutput` (`data`, `encoding` CSV, JSON or BASE64,
   * `observedContentType`, `mode`) and `eventMetadata` (`eventId`, `inferenceId`, `inferenceTime`).
   * The schema's event time is `inferenceTime`; fields are read from the CSV columns or JSON paths
   * of the decoded payload. One record per request: a CSV payload of several lines (a batch)
   * yields its first line, a JSON payload the values at the paths.
   *
   * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html
   */
  public static sageMakerCapture(options: SageMakerCaptureOptions): CapturedRecords {
    RECORDS_OPTIONS_GUARD.check(undefined, options, CORE_GUARD_CONTEXT, 'CapturedRecords.sageMakerCapture(options)');
    return new CapturedRecords('sagemaker', options.table, options.partitioning ?? WindowPartitioning.hourColumn(), options);
  }

  /**
   * Vertex AI's request-response logging table in BigQuery. Its columns used here: `logging_time`
   * (TIMESTAMP, the event time and the window predicate), `request_payload` and `response_payload`
   * (ARRAY<STRING>, one JSON text per instance and per prediction), `deployed_model_id` (STRING)
   * and `request_id` (NUMERIC). One record per logged instance. BigQuery and DuckDB only.
   *
   * @see https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging#request-response_logging
   */
  public static vertexRequestResponseLog(options: VertexRequestResponseLogOptions): CapturedRecords {
    RECORDS_OPTIONS_GUARD.check(undefined, options, CORE_GUARD_CONTEXT, 'CapturedRecords.vertexRequestResponseLog(options)');
    return new CapturedRecords('vertex', options.table, WindowPartitioning.TIME_COLUMN_ONLY, options);
  }

  private constructor(
    /** `table`, `sagemaker` or `vertex`. */
    public readonly kind: string,
    /** The table read. */
    public readonly source: DriftTable,
    /** How the window's partitions are found. */
    public readonly partitioning: WindowPartitioning,
    private readonly options: RecordsTableOptions | SageMakerCaptureOptions | VertexRequestResponseLogOptions,
  ) {}

  /**
   * Problems of this source for a schema and dialect: a capture field that is not in the schema, a
   * table without event time, a Vertex log on Trino.
   */
  public problems(property: string, schema: TableSchema, dialect: SqlDialect, predictionField?: string): ValidationProblem[] {
    const problems = [...this.source.problems(`${property}.table`), ...this.partitioning.problems(`${property}.partitioning`)];
    const names = new Set(schema.fields.map((f) => f.name));
    const addFieldProblem = (p: string, name: string) => {
      if (!names.has(name)) {
        problems.push({ property: p, value: name, allowed: `a field of schema "${schema.name}" (${[...names].join(', ')})` });
      }
    };
    if (this.kind === 'table') {
      if (schema.eventTime === undefined) {
        problems.push({ property: `${property}.table`, value: schema.name, allowed: 'a schema with an event time: a window is a range of it' });
      }
      return problems;
    }
    if (this.kind === 'vertex' && dialect === SqlDialect.TRINO) {
      problems.push({ property, value: 'vertexRequestResponseLog', allowed: 'the BigQuery dialect (the Vertex AI log is a BigQuery table)' });
    }
    const o = this.options as SageMakerCaptureOptions & VertexRequestResponseLogOptions;
    if (o.requestIdField !== undefined) {
      addFieldProblem(`${property}.requestIdField`, o.requestIdField);
    }
    (o.inputCsvColumns ?? []).forEach((n, i) => addFieldProblem(`${property}.inputCsvColumns[${i}]`, n));
    (o.outputCsvColumns ?? []).forEach((n, i) => addFieldProblem(`${property}.outputCsvColumns[${i}]`, n));
    for (const [name, path] of Object.entries(o.jsonPaths ?? {})) {
      addFieldProblem(`${property}.jsonPaths`, name);
      if (typeof path !== 'string' || !/^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/.test(path)) {
        problems.push({ property: `${property}.jsonPaths.${name}`, value: path, allowed: 'a JSON path of member names and array indexes, such as $.amount or $.instances[0]' });
      }
    }
    if (this.kind === 'sagemaker' && (o.outputCsvColumns ?? []).length > 0 && predictionField !== undefined && !(o.outputCsvColumns ?? []).includes(predictionField)) {
      problems.push({ property: `${property}.outputCsvColumns`, value: o.outputCsvColumns, allowed: `a list that includes the prediction field "${predictionField}"` });
    }
    return problems;
  }

  /**
   * A SELECT producing the window's records with the given fields as columns (each cast to its
   * schema type), reading only the window's partitions. Used by the window query; exposed so a
   * construct can also materialize parsed captures into a lake table.
   */
  public selectRecords(ctx: RecordsQueryContext, predictionField?: string): string {
    switch (this.kind) {
      case 'table': return this.selectFromTable(ctx);
      case 'sagemaker': return this.selectFromSageMaker(ctx, predictionField);
      default: return this.selectFromVertex(ctx, predictionField);
    }
  }

  private selectFromTable(ctx: RecordsQueryContext): string {
    const d = ctx.dialect;
    const time = d.identifier(ctx.schema.eventTime!);
    const where = [
      this.partitioning.predicate(d, '', ctx.windowStart, ctx.windowEnd),
      `${time} >= ${ctx.windowStart}`,
      `${time} < ${ctx.windowEnd}`,
    ].filter((p) => p !== undefined);
    return `SELECT ${ctx.fields.map((f) => d.identifier(f.name)).join(', ')} FROM ${this.source.render(d)} WHERE ${where.join(' AND ')}`;
  }

  private selectFromSageMaker(ctx: RecordsQueryContext, predictionField?: string): string {
    const d = ctx.dialect;
    const o = this.options as SageMakerCaptureOptions;
    const input = 'c.capturedata.endpointinput';
    const output = 'c.capturedata.endpointoutput';
    const decoded = (part: string) => `CASE WHEN ${part}.encoding = 'BASE64' THEN ${d.fromBase64Utf8(`${part}.data`)} ELSE ${part}.data END`;
    const isJson = (part: string) => `CASE WHEN ${part}.encoding = 'JSON' OR (${part}.encoding = 'BASE64' AND LOWER(${part}.observedcontenttype) LIKE '%json%') THEN 1 ELSE 0 END`;
    const requestId = o.requestIdField;
    const outputColumns = o.outputCsvColumns ?? (predictionField !== undefined ? [predictionField] : []);
    const inputColumns = o.inputCsvColumns ?? ctx.schema.valueFields.map((f) => f.name).filter((n) => n !== predictionField && n !== requestId && !outputColumns.includes(n));
    const raw = [
      `${d.timestampFromIso('c.eventmetadata.inferencetime')} AS capture_time`,
      `COALESCE(c.eventmetadata.inferenceid, c.eventmetadata.eventid) AS capture_request_id`,
      `${decoded(input)} AS capture_input`,
      `${d.firstLine(decoded(input))} AS capture_input_csv`,
      `${isJson(input)} AS capture_input_json`,
      `${decoded(output)} AS capture_output`,
      `${d.firstLine(decoded(output))} AS capture_output_csv`,
      `${isJson(output)} AS capture_output_json`,
    ];
    const partition = this.partitioning.predicate(d, 'c.', ctx.windowStart, ctx.windowEnd);
    const fields = ctx.fields.map((f) => {
      let text: string;
      if (f.name === ctx.schema.eventTime) {
        return `capture_time AS ${d.identifier(f.name)}`;
      } else if (f.name === requestId) {
        text = 'capture_request_id';
      } else {
        const inOutput = outputColumns.includes(f.name);
        const payload = inOutput ? 'capture_output' : 'capture_input';
        const csvIndex = (inOutput ? outputColumns : inputColumns).indexOf(f.name) + 1;
        const path = o.jsonPaths?.[f.name] ?? (f.name === predictionField ? '$' : `$.${f.name}`);
        const csv = csvIndex > 0 ? d.csvField(`${payload}_csv`, csvIndex) : 'NULL';
        text = `CASE WHEN ${payload}_json = 1 THEN ${d.jsonScalar(payload, path)} ELSE ${csv} END`;
      }
      return `${castText(d, text, f)} AS ${d.identifier(f.name)}`;
    });
    return `SELECT ${fields.join(', ')} FROM (SELECT ${raw.join(', ')} FROM ${this.source.render(d)} c${partition ? ` WHERE ${partition}` : ''}) capture`
      + ` WHERE capture_time >= ${ctx.windowStart} AND capture_time < ${ctx.windowEnd}`;
  }

  private selectFromVertex(ctx: RecordsQueryContext, predictionField?: string): string {
    const d = ctx.dialect;
    const o = this.options as VertexRequestResponseLogOptions;
    const where = [`l.logging_time >= ${ctx.windowStart}`, `l.logging_time < ${ctx.windowEnd}`,
      ...(o.deployedModelId !== undefined ? [`l.deployed_model_id = ${d.string(o.deployedModelId)}`] : [])].join(' AND ');
    // The prediction of instance i is the response element at the same offset. It is joined by
    // offset rather than taken as `response_payload[SAFE_OFFSET(pos)]`, which node-sql-parser's
    // BigQuery grammar does not read with a column as the offset.
    const inner = d === SqlDialect.BIGQUERY
      ? `SELECT l.logging_time AS capture_time, CAST(l.request_id AS STRING) AS capture_request_id, instance AS capture_input, prediction AS capture_output`
        + ` FROM ${this.source.render(d)} AS l CROSS JOIN UNNEST(l.request_payload) AS instance WITH OFFSET AS pos`
        + ` LEFT JOIN UNNEST(l.response_payload) AS prediction WITH OFFSET AS response_pos ON response_pos = pos WHERE ${where}`
      : `SELECT capture_time, capture_request_id, capture_input, capture_responses[pos] AS capture_output FROM (`
        + `SELECT l.logging_time AS capture_time, CAST(l.request_id AS ${d.stringType}) AS capture_request_id, l.response_payload AS capture_responses,`
        + ` UNNEST(l.request_payload) AS capture_input, UNNEST(generate_series(1, len(l.request_payload))) AS pos FROM ${this.source.render(d)} AS l WHERE ${where}) instances`;
    const fields = ctx.fields.map((f) => {
      if (f.name === ctx.schema.eventTime) {
        return `capture_time AS ${d.identifier(f.name)}`;
      }
      if (f.name === o.requestIdField) {
        return `capture_request_id AS ${d.identifier(f.name)}`;
      }
      const isPrediction = f.name === predictionField;
      const path = o.jsonPaths?.[f.name] ?? (isPrediction ? '$' : `$.${f.name}`);
      return `${castText(d, d.jsonScalar(isPrediction ? 'capture_output' : 'capture_input', path), f)} AS ${d.identifier(f.name)}`;
    });
    return `SELECT ${fields.join(', ')} FROM (${inner}) capture`;
  }
}

/** Parsed text cast to a field's type, NULL when it does not parse. */
function castText(d: SqlDialect, text: string, field: ResolvedField): string {
  switch (field.type.kind) {
    case FieldTypeKind.STRING: return text;
    case FieldTypeKind.BOOLEAN: return d.tryCast(text, d.booleanType);
    case FieldTypeKind.INT32:
    case FieldTypeKind.INT64: return d.tryCast(text, d.bigintType);
    case FieldTypeKind.TIMESTAMP: return d.timestampFromIso(text);
    case FieldTypeKind.DATE: return d.tryCast(text, 'DATE');
    default: return d.tryCast(text, d.doubleType);
  }
}

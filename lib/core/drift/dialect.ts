/**
 * The few things that differ between the SQL engines the drift queries run on. Everything else in
 * the generated SQL (CASE, COUNT, SUM, LN, FLOOR, ABS, window functions, UNION ALL, joins) is
 * written once and is the same text on every engine.
 */

import { FieldType, FieldTypeKind } from '../schema';

/** How a dialect marks a runtime parameter. */
export enum ParameterStyle {
  /** `?`, bound by position: each occurrence takes one value, in order (Athena `ExecutionParameters`). */
  POSITIONAL = 'positional',
  /** `@name`, bound by name; an occurrence may repeat (BigQuery query parameters). */
  NAMED = 'named',
}

/** The SQL types the generated queries cast to. */
interface DialectTypes {
  readonly double: string;
  readonly string: string;
  readonly bigint: string;
  readonly timestamp: string;
  readonly boolean: string;
}

/**
 * An SQL dialect the drift statistics are generated for: Trino (Amazon Athena engine 3), GoogleSQL
 * (BigQuery), or DuckDB.
 *
 * The DuckDB dialect exists for proof: the tests run the generated statistics on DuckDB, which
 * runs in-process, and compare them with numpy/scipy. The DuckDB text differs from the two cloud
 * dialects only in the places listed on this class (quoting, parameter markers, casts, time
 * formatting, payload decoding), so a statistic proven on DuckDB is the same SQL on the clouds.
 *
 * @see https://trino.io/docs/current/functions.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
 * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-all
 * @see https://cloud.google.com/bigquery/docs/parameterized-queries
 * @see https://duckdb.org/docs/stable/sql/functions/overview
 */
export class SqlDialect {
  /**
   * Trino, as Amazon Athena engine 3 runs it. Parameters are positional `?` markers, bound from
   * `StartQueryExecution`'s `ExecutionParameters` (each value an SQL literal, strings quoted).
   */
  public static readonly TRINO = new SqlDialect('trino', ParameterStyle.POSITIONAL,
    { double: 'DOUBLE', string: 'VARCHAR', bigint: 'BIGINT', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' });

  /** GoogleSQL, as BigQuery runs it. Parameters are named `@name` query parameters. */
  public static readonly BIGQUERY = new SqlDialect('bigquery', ParameterStyle.NAMED,
    { double: 'FLOAT64', string: 'STRING', bigint: 'INT64', timestamp: 'TIMESTAMP', boolean: 'BOOL' });

  /**
   * DuckDB, for the tests that prove the statistics (see the class description). Positional `?`
   * markers like Trino, so the tests also prove the parameter order the Athena side relies on.
   */
  public static readonly DUCKDB = new SqlDialect('duckdb', ParameterStyle.POSITIONAL,
    { double: 'DOUBLE', string: 'VARCHAR', bigint: 'BIGINT', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' });

  private constructor(
    /** Dialect name: `trino`, `bigquery` or `duckdb`. */
    public readonly name: string,
    /** How runtime parameters are marked. */
    public readonly parameterStyle: ParameterStyle,
    private readonly types: DialectTypes,
  ) {}

  /** The type name of a 64-bit float. */
  public get doubleType(): string { return this.types.double; }
  /** The type name of text. */
  public get stringType(): string { return this.types.string; }
  /** The type name of a 64-bit integer. */
  public get bigintType(): string { return this.types.bigint; }
  /** The type name of a timestamp without time zone. */
  public get timestampType(): string { return this.types.timestamp; }
  /** The type name of a boolean. */
  public get booleanType(): string { return this.types.boolean; }

  /**
   * A table reference from its name parts: `"db"."table"` on Trino and DuckDB,
   * `` `project.dataset.table` `` on BigQuery.
   *
   */
  public table(parts: readonly string[]): string {
    if (this === SqlDialect.BIGQUERY) {
      return `\`${parts.join('.')}\``;
    }
    return parts.map((p) => this.identifier(p)).join('.');
  }

  /** A quoted identifier. */
  public identifier(name: string): string {
    return this === SqlDialect.BIGQUERY ? `\`${name}\`` : `"${name.replace(/"/g, '""')}"`;
  }

  /** A string literal. */
  public string(value: string): string {
    if (this === SqlDialect.BIGQUERY) {
      return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    }
    return `'${value.replace(/'/g, "''")}'`;
  }

  /** `CAST(x AS T)` that yields NULL instead of failing (Trino/DuckDB `TRY_CAST`, BigQuery `SAFE_CAST`). */
  public tryCast(expression: string, type: string): string {
    return this === SqlDialect.BIGQUERY ? `SAFE_CAST(${expression} AS ${type})` : `TRY_CAST(${expression} AS ${type})`;
  }

  /** Integer-exact floor division used for quantile positions (all three engines: FLOOR of a double). */
  public floorDiv(numerator: string, denominator: string): string {
    return `FLOOR(CAST(${numerator} AS ${this.types.double}) / ${denominator})`;
  }

  /**
   * A timestamp formatted with a neutral pattern made of `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` and
   * separators (`yyyy-MM-dd`, `yyyy/MM/dd/HH`, `yyyy-MM-dd HH:mm:ss`): Trino `date_format`, BigQuery `FORMAT_TIMESTAMP`, DuckDB
   * `strftime`.
   *
   */
  public formatTimestamp(expression: string, pattern: string): string {
    const strftime = pattern.replace('yyyy', '%Y').replace('MM', '%m').replace('dd', '%d').replace('HH', '%H').replace('mm', '%M').replace('ss', '%S');
    switch (this) {
      case SqlDialect.TRINO: return `date_format(${expression}, ${this.string(strftime)})`;
      case SqlDialect.BIGQUERY: return `FORMAT_TIMESTAMP(${this.string(strftime)}, ${expression})`;
      default: return `strftime(${expression}, ${this.string(strftime)})`;
    }
  }

  /**
   * The last instant before a timestamp: the inclusive upper end of a half-open window, for
   * partition predicates (1 ms on Trino, whose timestamps default to millisecond precision, and on
   * DuckDB; 1 µs on BigQuery, written without INTERVAL arithmetic, which node-sql-parser's
   * BigQuery grammar does not read in microseconds).
   *
   */
  public justBefore(expression: string): string {
    switch (this) {
      case SqlDialect.TRINO: return `${expression} - INTERVAL '0.001' SECOND`;
      case SqlDialect.BIGQUERY: return `TIMESTAMP_MICROS(UNIX_MICROS(${expression}) - 1)`;
      default: return `${expression} - INTERVAL 1 MILLISECOND`;
    }
  }

  /** An ISO-8601 text (`2024-05-01T10:00:00Z`, with offset or `Z`) as a UTC timestamp without zone. */
  public timestampFromIso(expression: string): string {
    switch (this) {
      // at_timezone rather than AT TIME ZONE: the same in Trino, and node-sql-parser reads it inside CAST.
      case SqlDialect.TRINO: return `CAST(at_timezone(from_iso8601_timestamp(${expression}), 'UTC') AS TIMESTAMP)`;
      case SqlDialect.BIGQUERY: return `SAFE.TIMESTAMP(${expression})`;
      default: return `CAST(${this.tryCast(expression, 'TIMESTAMPTZ')} AT TIME ZONE 'UTC' AS TIMESTAMP)`;
    }
  }

  /** A scalar at a JSON path of a JSON text, as text (Trino `json_extract_scalar`, BigQuery `JSON_VALUE`, DuckDB `json_extract_string`). */
  public jsonScalar(expression: string, path: string): string {
    switch (this) {
      case SqlDialect.TRINO: return `json_extract_scalar(${expression}, ${this.string(path)})`;
      case SqlDialect.BIGQUERY: return `JSON_VALUE(${expression}, ${this.string(path)})`;
      default: return `json_extract_string(${expression}, ${this.string(path)})`;
    }
  }

  /** The 1-based `index`-th comma-separated value of a CSV line, as text; NULL when absent or empty. */
  public csvField(expression: string, index: number): string {
    switch (this) {
      case SqlDialect.BIGQUERY: return `NULLIF(SPLIT(${expression}, ',')[SAFE_OFFSET(${index - 1})], '')`;
      default: return `NULLIF(split_part(${expression}, ',', ${index}), '')`;
    }
  }

  /** The first line of a text (what precedes its first line feed). */
  public firstLine(expression: string): string {
    return this === SqlDialect.BIGQUERY ? `SPLIT(${expression}, '\n')[SAFE_OFFSET(0)]` : `split_part(${expression}, chr(10), 1)`;
  }

  /**
   * A whole number from 0 to 99 that a text hashes to, the same on every engine: the first 32
   * bits of the MD5 digest of its UTF-8 bytes, as an unsigned integer, modulo 100 (Trino
   * `md5`/`from_base`, BigQuery `MD5`/hex cast, DuckDB `md5`/hex cast). The training pipelines of
   * both clouds split rows with it (`< validationPercentage` is validation), so one row lands on
   * the same side on both. A NULL text hashes to NULL.
   * @see https://trino.io/docs/current/functions/binary.html#md5
   * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
   * @see https://duckdb.org/docs/stable/sql/functions/text#md5string
   */
  public hashPercentile(text: string): string {
    switch (this) {
      case SqlDialect.TRINO: return `mod(from_base(substr(to_hex(md5(to_utf8(${text}))), 1, 8), 16), 100)`;
      case SqlDialect.BIGQUERY: return `MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${text})), 1, 8)) AS INT64), 100)`;
      default: return `mod(CAST(('0x' || substr(md5(${text}), 1, 8)) AS BIGINT), 100)`;
    }
  }

  /** A date `days` days after a date (negative: before). */
  public addDays(date: string, days: number): string {
    switch (this) {
      case SqlDialect.TRINO: return `date_add('day', ${days}, ${date})`;
      case SqlDialect.BIGQUERY: return `DATE_ADD(${date}, INTERVAL ${days} DAY)`;
      default: return `CAST(${date} + INTERVAL (${days}) DAY AS DATE)`;
    }
  }

  /** Whole days from 1970-01-01 to a date, as an integer (how the built-in XGBoost reads a date feature). */
  public daysSinceEpoch(date: string): string {
    return this === SqlDialect.BIGQUERY ? `DATE_DIFF(${date}, DATE '1970-01-01', DAY)` : `date_diff('day', DATE '1970-01-01', ${date})`;
  }

  /** Base64 text decoded to UTF-8 text. */
  public fromBase64Utf8(expression: string): string {
    switch (this) {
      case SqlDialect.TRINO: return `from_utf8(from_base64(${expression}))`;
      case SqlDialect.BIGQUERY: return `SAFE_CONVERT_BYTES_TO_STRING(FROM_BASE64(${expression}))`;
      default: return `decode(from_base64(${expression}))`;
    }
  }

  /** Midnight (UTC) of the day of a timestamp. */
  public startOfDay(expression: string): string {
    return this === SqlDialect.BIGQUERY ? `TIMESTAMP_TRUNC(${expression}, DAY)` : `date_trunc('day', ${expression})`;
  }

  /** A timestamp `days` whole days earlier. */
  public daysBefore(expression: string, days: number): string {
    if (!Number.isInteger(days)) {
      throw new Error(`daysBefore: ${days} is not a whole number of days`);
    }
    switch (this) {
      case SqlDialect.TRINO: return `${expression} - INTERVAL '${days}' DAY`;
      case SqlDialect.BIGQUERY: return `TIMESTAMP_SUB(${expression}, INTERVAL ${days} DAY)`;
      default: return `${expression} - INTERVAL (${days}) DAY`;
    }
  }

  /**
   * A key value's text for the split hash, the same on every engine (the training pipelines of
   * both clouds write it alike): strings as they are, integers and dates (`yyyy-MM-dd`) cast to
   * text, booleans `true`/`false`, timestamps `yyyy-MM-dd HH:mm:ss` (UTC, seconds), decimals as
   * their unscaled integer (the value times 10^scale, at most 18 digits: each engine's own CAST
   * of a decimal to text differs, BigQuery dropping trailing zeros), NULL as the empty text.
   *
   * @throws Error for a kind that has no portable text (floats, bytes) or a decimal of more than 18 digits
   */
  public portableText(expression: string, type: FieldType): string {
    const s = this.types.string;
    switch (type.kind) {
      case FieldTypeKind.STRING: return `COALESCE(${expression}, '')`;
      case FieldTypeKind.INT32:
      case FieldTypeKind.INT64:
      case FieldTypeKind.DATE: return `COALESCE(CAST(${expression} AS ${s}), '')`;
      case FieldTypeKind.BOOLEAN: return `CASE WHEN ${expression} THEN 'true' WHEN NOT ${expression} THEN 'false' ELSE '' END`;
      case FieldTypeKind.TIMESTAMP: return `COALESCE(${this.formatTimestamp(expression, 'yyyy-MM-dd HH:mm:ss')}, '')`;
      case FieldTypeKind.DECIMAL: {
        if ((type.precision ?? 0) > MAX_PORTABLE_DECIMAL_PRECISION) {
          throw new Error(`portableText: ${type.toString()} has more than ${MAX_PORTABLE_DECIMAL_PRECISION} digits`);
        }
        return `COALESCE(CAST(CAST(${expression} * ${10 ** (type.scale ?? 0)} AS ${this.types.bigint}) AS ${s}), '')`;
      }
      default: throw new Error(`portableText: ${type.toString()} has no portable text`);
    }
  }
}

/** Decimals up to this precision have a portable text (their unscaled value fits a 64-bit integer). */
export const MAX_PORTABLE_DECIMAL_PRECISION = 18;

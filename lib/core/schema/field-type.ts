/**
 * The primitive kinds a neutral schema field can have.
 *
 * Each kind is mapped once, in `type-mapping.ts`, to what every service needs.
 */
export enum FieldTypeKind {
  /** UTF-8 text. */
  STRING = 'string',
  /** true / false. */
  BOOLEAN = 'boolean',
  /** 32-bit signed integer. */
  INT32 = 'int32',
  /** 64-bit signed integer. */
  INT64 = 'int64',
  /** IEEE 754 single precision. */
  FLOAT32 = 'float32',
  /** IEEE 754 double precision. */
  FLOAT64 = 'float64',
  /** Exact decimal with a precision and a scale. */
  DECIMAL = 'decimal',
  /** Calendar date without time. */
  DATE = 'date',
  /** Instant in time, microsecond precision, UTC. */
  TIMESTAMP = 'timestamp',
  /** Opaque bytes. */
  BYTES = 'bytes',
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(Object.values(FieldTypeKind));

/** Decimal bounds shared by Glue/Parquet (precision ≤ 38) and BigQuery (BIGNUMERIC covers 38). */
export const MAX_DECIMAL_PRECISION = 38;

/**
 * The type of a schema field: an enum-like class with a static factory per kind.
 *
 * Use the constants (`FieldType.STRING`) or `FieldType.decimal(precision, scale)` in code;
 * `FieldType.of(name)` parses a type name read from a file, and an unknown name is reported by
 * schema validation with the list of known names (not thrown here, so that the error can carry
 * the construct path).
 */
export class FieldType {
  /** UTF-8 text. */
  public static readonly STRING = new FieldType(FieldTypeKind.STRING);
  /** true / false. */
  public static readonly BOOLEAN = new FieldType(FieldTypeKind.BOOLEAN);
  /** 32-bit signed integer. */
  public static readonly INT32 = new FieldType(FieldTypeKind.INT32);
  /** 64-bit signed integer. */
  public static readonly INT64 = new FieldType(FieldTypeKind.INT64);
  /** Single-precision float. */
  public static readonly FLOAT32 = new FieldType(FieldTypeKind.FLOAT32);
  /** Double-precision float. */
  public static readonly FLOAT64 = new FieldType(FieldTypeKind.FLOAT64);
  /** Calendar date. */
  public static readonly DATE = new FieldType(FieldTypeKind.DATE);
  /** Instant in time (UTC, microseconds). The only type an event-time field may have. */
  public static readonly TIMESTAMP = new FieldType(FieldTypeKind.TIMESTAMP);
  /** Opaque bytes. */
  public static readonly BYTES = new FieldType(FieldTypeKind.BYTES);

  /**
   * Exact decimal.
   * @param precision total digits, 1 to 38
   * @param scale digits after the point, 0 to `precision`
   */
  public static decimal(precision: number, scale: number): FieldType {
    return new FieldType(FieldTypeKind.DECIMAL, precision, scale);
  }

  /**
   * Parses a type name such as `"string"`, `"int64"` or `"decimal(10,2)"`.
   * Unknown names are kept as they are and reported by schema validation.
   */
  public static of(name: string): FieldType {
    const decimal = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(name.trim());
    if (decimal) {
      return FieldType.decimal(Number(decimal[1]), Number(decimal[2]));
    }
    return new FieldType(name.trim());
  }

  private constructor(
    /** The kind name; one of {@link FieldTypeKind} for a valid type. */
    public readonly name: string,
    /** Decimal precision, for `decimal` only. */
    public readonly precision?: number,
    /** Decimal scale, for `decimal` only. */
    public readonly scale?: number,
  ) {}

  /** The kind, or `undefined` when the name is not a known kind. */
  public get kind(): FieldTypeKind | undefined {
    return KNOWN_KINDS.has(this.name) ? (this.name as FieldTypeKind) : undefined;
  }

  /** `"decimal(10,2)"` for decimals, the kind name otherwise. */
  public toString(): string {
    return this.name === FieldTypeKind.DECIMAL ? `decimal(${this.precision},${this.scale})` : this.name;
  }

  /** Why this type is not valid, or `undefined` when it is. */
  public problem(): string | undefined {
    if (this.kind === undefined) {
      return `one of ${[...KNOWN_KINDS].join(', ')} or decimal(precision,scale)`;
    }
    if (this.kind === FieldTypeKind.DECIMAL) {
      const p = this.precision;
      const s = this.scale;
      if (!Number.isInteger(p) || p! < 1 || p! > MAX_DECIMAL_PRECISION || !Number.isInteger(s) || s! < 0 || s! > p!) {
        return `decimal precision an integer from 1 to ${MAX_DECIMAL_PRECISION} and scale an integer from 0 to the precision`;
      }
    }
    return undefined;
  }
}

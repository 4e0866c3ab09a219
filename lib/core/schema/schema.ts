import { ValidationProblem } from '../errors';
import { Guard, guard } from '../guard';
import { FieldType, FieldTypeKind } from './field-type';
import { IDENTIFIER_RULE, RESERVED_FIELD_NAMES } from '../naming';

/** One column of a {@link TableSchema}. */
export interface FieldSpec {
  /** Column name: lowercase letters, digits and underscores, starting with a letter, at most 128 characters. */
  readonly name: string;
  /** Column type. */
  readonly type: FieldType;
  /**
   * Whether the column may hold nulls.
   * @default - true for ordinary fields; false (and required to stay false) for entity keys and the event time
   */
  readonly nullable?: boolean;
  /**
   * Human description, copied into the Glue column comment and the BigQuery column description.
   * @default - no description
   */
  readonly description?: string;
}

/** Everything a {@link TableSchema} is declared from. */
export interface TableSchemaProps {
  /** Table name: lowercase letters, digits and underscores, starting with a letter, at most 128 characters. */
  readonly name: string;
  /** The columns, in order. At least one. */
  readonly fields: FieldSpec[];
  /**
   * Names of the fields that identify an entity (a customer, a device): the record identifier of
   * feature groups and the clustering columns of BigQuery tables. Key fields must be non-nullable
   * and of a comparable type (no floats, no bytes).
   * @default - no entity keys
   */
  readonly entityKeys?: string[];
  /**
   * Name of the field that says when the event happened. It must be a `timestamp` field; lake
   * tables are partitioned on its date.
   * @default - no event time: tables are not partitioned
   */
  readonly eventTime?: string;
  /**
   * Description of the table.
   * @default - no description
   */
  readonly description?: string;
}

/** A field with its nullability resolved. */
export interface ResolvedField {
  /** Column name. */
  readonly name: string;
  /** Column type. */
  readonly type: FieldType;
  /** Whether nulls are allowed (false for keys and the event time). */
  readonly nullable: boolean;
  /** Description, if any. */
  readonly description?: string;
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The runtime types of `TableSchemaProps` (lib/core/guard), checked first by `problems()`: the
 * props and each field an object, the key and event-time names strings. The name and the fields'
 * names and types are checked by the rules after it, which say what a name may be.
 */
const FIELD_GUARD = guard.object({
  nullable: guard.boolean().optional(),
  description: guard.string().optional(),
}, 'a field { name, type, nullable?, description? }');

const TABLE_SCHEMA_GUARD = guard.props({
  fields: new Guard<unknown>('a list of fields', (v, p, c) => (Array.isArray(v)
    ? v.flatMap((f, i) => FIELD_GUARD.problems(f, `${p}[${i}]`, c))
    : [])).optional(),
  entityKeys: guard.list(guard.string()).optional(),
  eventTime: guard.string().optional(),
  description: guard.string().optional(),
}, 'TableSchemaProps ({ name, fields, entityKeys?, eventTime?, description? })');

/** Field kinds that may serve as an entity key: BigQuery cannot cluster on floats or bytes, and equality on floats is not an identity. */
const KEY_KINDS: ReadonlySet<string> = new Set([
  FieldTypeKind.STRING, FieldTypeKind.INT32, FieldTypeKind.INT64, FieldTypeKind.DECIMAL,
  FieldTypeKind.DATE, FieldTypeKind.TIMESTAMP, FieldTypeKind.BOOLEAN,
]);

/**
 * The neutral description of a table: the one schema that every cloud's lake table (and later
 * stream, topic schema and feature group) is generated from, so they cannot disagree.
 *
 * Declaring a schema never throws: a schema is usually written outside any construct. The
 * construct that uses it calls {@link TableSchema.problems} and reports the first problem under
 * its own construct path.
 *
 * @example
 * const orders = new TableSchema({
 *   name: 'orders',
 *   fields: [
 *     { name: 'order_id', type: FieldType.STRING },
 *     { name: 'customer_id', type: FieldType.STRING },
 *     { name: 'amount', type: FieldType.decimal(12, 2) },
 *     { name: 'ordered_at', type: FieldType.TIMESTAMP },
 *   ],
 *   entityKeys: ['customer_id'],
 *   eventTime: 'ordered_at',
 * });
 */
export class TableSchema {
  /**
   * Reads a schema from plain data (parsed JSON or YAML), field types given by name
   * (`"string"`, `"decimal(10,2)"`). Unknown type names are reported by {@link problems}.
   */
  public static fromJson(json: TableSchemaJson): TableSchema {
    // Plain data is not held to the types: what is not an object is kept as it is, for problems()
    // to report under the construct that uses the schema.
    if (!isObject(json)) {
      return new TableSchema(json);
    }
    const fields: unknown = json.fields;
    return new TableSchema({
      name: json.name,
      description: json.description,
      entityKeys: json.entityKeys,
      eventTime: json.eventTime,
      fields: Array.isArray(fields)
        ? fields.map((f) => (isObject(f)
          ? { name: f.name, type: FieldType.of(String(f.type)), nullable: f.nullable, description: f.description }
          : f))
        : fields as FieldSpec[],
    });
  }

  /** Table name. */
  public readonly name: string;
  /** Table description, if any. */
  public readonly description?: string;
  /** Entity key field names, in order. */
  public readonly entityKeys: readonly string[];
  /** Event-time field name, if any. */
  public readonly eventTime?: string;
  /** The fields with nullability resolved. */
  public readonly fields: readonly ResolvedField[];

  private readonly declared: TableSchemaProps;

  constructor(props: TableSchemaProps) {
    this.declared = props;
    // Declaring never throws, whatever plain JavaScript passes: problems() reports what is wrong.
    const declared: Partial<TableSchemaProps> = isObject(props) ? props : {};
    this.name = declared.name as string;
    this.description = declared.description;
    this.entityKeys = Array.isArray(declared.entityKeys) ? [...declared.entityKeys] : [];
    this.eventTime = declared.eventTime;
    const required = new Set([...this.entityKeys, ...(declared.eventTime ? [declared.eventTime] : [])]);
    this.fields = (Array.isArray(declared.fields) ? declared.fields.filter(isObject) : []).map((f) => ({
      name: f.name,
      type: f.type,
      nullable: f.nullable ?? !required.has(f.name),
      description: f.description,
    }));
  }

  /** The field of that name, or `undefined`. */
  public field(name: string): ResolvedField | undefined {
    return this.fields.find((f) => f.name === name);
  }

  /** The fields that are neither entity keys nor the event time. */
  public get valueFields(): ResolvedField[] {
    return this.fields.filter((f) => !this.entityKeys.includes(f.name) && f.name !== this.eventTime);
  }

  /**
   * Everything wrong with this schema, in declaration order; empty when it is valid.
   * Property paths are relative to the schema (`fields[2].type`).
   */
  public problems(): ValidationProblem[] {
    const typeProblems = TABLE_SCHEMA_GUARD.problems(this.declared);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    const problems: ValidationProblem[] = [];
    const props = this.declared;
    if (typeof props.name !== 'string' || !IDENTIFIER_RULE.pattern.test(props.name)) {
      problems.push({ property: 'name', value: props.name, allowed: IDENTIFIER_RULE.description });
    }
    if (!Array.isArray(props.fields) || props.fields.length === 0) {
      problems.push({ property: 'fields', value: props.fields, allowed: 'at least one field' });
      return problems;
    }
    const seen = new Map<string, number>();
    props.fields.forEach((f, i) => {
      if (typeof f.name !== 'string' || !IDENTIFIER_RULE.pattern.test(f.name)) {
        problems.push({ property: `fields[${i}].name`, value: f.name, allowed: IDENTIFIER_RULE.description });
      } else if (RESERVED_FIELD_NAMES.has(f.name)) {
        problems.push({ property: `fields[${i}].name`, value: f.name, allowed: `a name other than ${[...RESERVED_FIELD_NAMES].join(', ')} (reserved for the lake's partition column)` });
      } else if (seen.has(f.name)) {
        problems.push({ property: `fields[${i}].name`, value: f.name, allowed: `a name not already used (fields[${seen.get(f.name)}] has it); field names must be unique` });
      } else {
        seen.set(f.name, i);
      }
      const typeProblem = f.type instanceof FieldType ? f.type.problem() : 'a FieldType such as FieldType.STRING or FieldType.of("int64")';
      if (typeProblem !== undefined) {
        problems.push({ property: `fields[${i}].type`, value: f.type instanceof FieldType ? f.type.toString() : f.type, allowed: typeProblem });
      }
    });
    (props.entityKeys ?? []).forEach((key, i) => {
      const index = seen.get(key);
      if (index === undefined) {
        problems.push({ property: `entityKeys[${i}]`, value: key, allowed: `the name of a field of this schema (${[...seen.keys()].join(', ')})` });
        return;
      }
      const field = props.fields[index];
      if (field.nullable === true) {
        problems.push({ property: `fields[${index}].nullable`, value: true, allowed: 'false for an entity key field (keys identify an entity and cannot be null)' });
      }
      if (field.type instanceof FieldType && !KEY_KINDS.has(field.type.name)) {
        problems.push({ property: `entityKeys[${i}]`, value: key, allowed: `a field of type ${[...KEY_KINDS].join(', ')}; "${key}" is ${field.type.toString()}` });
      }
      if ((props.entityKeys ?? []).indexOf(key) !== i) {
        problems.push({ property: `entityKeys[${i}]`, value: key, allowed: 'each key field once' });
      }
    });
    if (props.eventTime !== undefined) {
      const index = seen.get(props.eventTime);
      if (index === undefined) {
        problems.push({ property: 'eventTime', value: props.eventTime, allowed: `the name of a timestamp field of this schema (${[...seen.keys()].join(', ')})` });
      } else {
        const field = props.fields[index];
        if (!(field.type instanceof FieldType) || field.type.kind !== FieldTypeKind.TIMESTAMP) {
          problems.push({ property: 'eventTime', value: props.eventTime, allowed: `a field of type timestamp; "${props.eventTime}" is ${field.type instanceof FieldType ? field.type.toString() : String(field.type)}` });
        }
        if (field.nullable === true) {
          problems.push({ property: `fields[${index}].nullable`, value: true, allowed: 'false for the event-time field (every event happens at some time)' });
        }
      }
    }
    return problems;
  }
}

/** The plain-data form of a schema read by {@link TableSchema.fromJson}. */
export interface TableSchemaJson {
  /** Table name. */
  readonly name: string;
  /** Fields, types by name. */
  readonly fields: FieldSpecJson[];
  /** Entity key field names. @default - none */
  readonly entityKeys?: string[];
  /** Event-time field name. @default - none */
  readonly eventTime?: string;
  /** Description. @default - none */
  readonly description?: string;
}

/** A field in plain data. */
export interface FieldSpecJson {
  /** Column name. */
  readonly name: string;
  /** Type name, such as `"string"` or `"decimal(10,2)"`. */
  readonly type: string;
  /** Nullability. @default - as {@link FieldSpec.nullable} */
  readonly nullable?: boolean;
  /** Description. @default - none */
  readonly description?: string;
}

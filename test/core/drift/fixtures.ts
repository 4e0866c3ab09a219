/**
 * Shared fixtures of the drift tests: the schemas and spec of the committed reference data
 * (tools/drift/reference.py), and a DuckDB session that loads it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  DriftQuery, DriftSpec, DriftSpecProps, FieldType, FieldTypeKind, LabelJoin, ModelQualityOptions, ProblemType, TableSchema,
} from '../../../lib/core';

export const DATA_DIR = path.join(__dirname, '..', '..', '..', 'tools', 'drift', 'data');

/** The reference values, as tools/drift/reference.py wrote them. */
export const reference = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'reference.json'), 'utf8'));

/** Schema of the captured records of the reference data. */
export const capturedSchema = new TableSchema({
  name: 'scored_requests',
  fields: [
    { name: 'request_id', type: FieldType.STRING },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'event_time', type: FieldType.TIMESTAMP },
    { name: 'amount', type: FieldType.FLOAT64 },
    { name: 'age', type: FieldType.INT64 },
    { name: 'balance', type: FieldType.decimal(12, 2) },
    { name: 'country', type: FieldType.STRING },
    { name: 'channel', type: FieldType.STRING },
    { name: 'is_member', type: FieldType.BOOLEAN },
    { name: 'score', type: FieldType.FLOAT64 },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'event_time',
});

/** Schema of the label table of the reference data. */
export const labelSchema = new TableSchema({
  name: 'request_labels',
  fields: [
    { name: 'request_id', type: FieldType.STRING },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'event_time', type: FieldType.TIMESTAMP },
    { name: 'label', type: FieldType.BOOLEAN },
    { name: 'target', type: FieldType.FLOAT64 },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'event_time',
});

/** The spec the reference values were computed for (bins and categories from its config). */
export function referenceSpec(modelQuality?: ModelQualityOptions, extra: Partial<DriftSpecProps> = {}): DriftSpec {
  const config = reference.config;
  return new DriftSpec({
    schema: capturedSchema,
    fields: ['amount', 'age', 'balance', 'country', 'channel', 'is_member'],
    predictionField: 'score',
    psiEpsilon: config.psiEpsilon,
    fieldOptions: [
      ...Object.entries(config.bins as Record<string, number>).map(([field, bins]) => ({ field, bins })),
      ...Object.entries(config.topCategories as Record<string, number>).map(([field, topCategories]) => ({ field, topCategories })),
    ],
    modelQuality,
    ...extra,
  });
}

/** Model quality of the reference data: classification of `label`, or regression of `target`, joined on the request id. */
export function referenceQuality(task: ProblemType, join: LabelJoin = LabelJoin.onRequestId('request_id')): ModelQualityOptions {
  return { task, labelSchema, labelField: task === ProblemType.REGRESSION ? 'target' : 'label', join, decisionThreshold: reference.config.decisionThreshold };
}

/** The DuckDB type of a neutral field type (what a lake's DDL would declare). */
export function duckdbType(kind: FieldTypeKind | undefined, precision?: number, scale?: number): string {
  switch (kind) {
    case FieldTypeKind.STRING: return 'VARCHAR';
    case FieldTypeKind.BOOLEAN: return 'BOOLEAN';
    case FieldTypeKind.INT32: return 'INTEGER';
    case FieldTypeKind.INT64: return 'BIGINT';
    case FieldTypeKind.FLOAT32: return 'FLOAT';
    case FieldTypeKind.FLOAT64: return 'DOUBLE';
    case FieldTypeKind.DECIMAL: return `DECIMAL(${precision},${scale})`;
    case FieldTypeKind.DATE: return 'DATE';
    case FieldTypeKind.TIMESTAMP: return 'TIMESTAMP';
    default: return 'BLOB';
  }
}

/** `CREATE TABLE` from a schema, as a lake would create it. */
export function createTableSql(schema: TableSchema, name: string = schema.name): string {
  const columns = schema.fields.map((f) => `"${f.name}" ${duckdbType(f.type.kind, f.type.precision, f.type.scale)}${f.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE "${name}" (${columns.join(', ')})`;
}

/** `read_csv` of a committed data file with the schema's column types. */
export function readCsvSql(file: string, schema: TableSchema): string {
  const columns = schema.fields.map((f) => `'${f.name}': '${duckdbType(f.type.kind, f.type.precision, f.type.scale)}'`).join(', ');
  return `read_csv('${path.join(DATA_DIR, file)}', header = true, columns = {${columns}})`;
}

/** A DuckDB session in memory. */
export class DuckSession {
  public static async open(): Promise<DuckSession> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new DuckSession(instance, await instance.connect());
  }

  private constructor(private readonly instance: DuckDBInstance, public readonly connection: DuckDBConnection) {}

  /** Runs a statement. */
  public async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Runs a generated query with its parameters bound by position, and returns its rows as JS values. */
  public async query(query: DriftQuery | string, values: Record<string, string> = {}): Promise<Array<Record<string, unknown>>> {
    const sql = typeof query === 'string' ? query : query.sql;
    const params = typeof query === 'string' ? [] : query.parameterValues(values);
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
  }

  /** Closes the session. */
  public close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

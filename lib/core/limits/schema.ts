/**
 * The free-text limits a table schema meets on each cloud: the table description and the column
 * descriptions, which the lake copies into the Glue table (AWS) or the BigQuery table (Google
 * Cloud). A schema is neutral, so the limits are checked where a cloud renders it.
 */
import { ValidationProblem } from '../errors';
import { TableSchema } from '../schema';
import { GLUE_COLUMN_COMMENT, GLUE_TABLE_DESCRIPTION } from './aws';
import { BIGQUERY_COLUMN_DESCRIPTION, BIGQUERY_TABLE_DESCRIPTION } from './gcp';
import { TextLimit, textLimitProblem } from './limits';

/** The text limits of one cloud's table: its description and its column descriptions. */
export interface SchemaTextLimits {
  /** The table description. */
  readonly table: TextLimit;
  /** Each column's description. */
  readonly column: TextLimit;
}

/** Glue Data Catalog tables (AWS). */
export const GLUE_SCHEMA_TEXT: SchemaTextLimits = { table: GLUE_TABLE_DESCRIPTION, column: GLUE_COLUMN_COMMENT };

/** BigQuery tables (Google Cloud). */
export const BIGQUERY_SCHEMA_TEXT: SchemaTextLimits = { table: BIGQUERY_TABLE_DESCRIPTION, column: BIGQUERY_COLUMN_DESCRIPTION };

/**
 * The descriptions of `schema` that `limits` refuse (paths `description`, `fields[i].description`
 * relative to the schema). Descriptions that are unresolved tokens (`isToken`) are skipped: their
 * text is only known at deploy.
 */
export function schemaTextProblems(schema: TableSchema, limits: SchemaTextLimits, isToken: (value: string) => boolean = () => false): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const check = (property: string, value: unknown, limit: TextLimit) => {
    if (value === undefined || (typeof value === 'string' && isToken(value))) {
      return;
    }
    const problem = textLimitProblem(limit, value);
    if (problem !== undefined) {
      problems.push({ property, value: typeof value === 'string' && value.length > 60 ? `${value.slice(0, 57)}... (${[...value].length} characters)` : value, allowed: problem });
    }
  };
  check('description', schema.description, limits.table);
  schema.fields.forEach((f, i) => check(`fields[${i}].description`, f.description, limits.column));
  return problems;
}

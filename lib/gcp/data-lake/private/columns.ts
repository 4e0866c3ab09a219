/**
 * Columns a lake table has beyond its schema's (the metadata a Pub/Sub BigQuery subscription
 * writes, for example): what BigQuery accepts to add to an existing table.
 */
import { BigQueryColumn, MlopsValidationError, PathLike, TableSchema } from '../../../core';

/**
 * BigQuery column names: letters, digits and underscores, starting with a letter or an
 * underscore, at most 300 characters.
 * @see https://cloud.google.com/bigquery/docs/schemas#column_names
 */
export const BIGQUERY_COLUMN_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;

/**
 * The columns of `columns` that the table does not have yet, after checking each: NULLABLE, a
 * BigQuery column name, not a schema field, not given twice, and identical to an existing
 * extra column of the same name. Validates `schema` first when it is a schema, so that field
 * names are known.
 */
export function resolveExtraColumns(scope: PathLike, schema: unknown, columns: unknown, existing: readonly BigQueryColumn[], property: string): BigQueryColumn[] {
  if (!Array.isArray(columns)) {
    throw new MlopsValidationError(scope, property, columns, 'a list of BigQuery columns ({ name, type, mode: "NULLABLE" })');
  }
  const fieldNames = schema instanceof TableSchema ? schema.fields.map((f) => f.name) : [];
  const added: BigQueryColumn[] = [];
  columns.forEach((column: BigQueryColumn, i) => {
    const name = column?.name;
    if (typeof name !== 'string' || !BIGQUERY_COLUMN_NAME_PATTERN.test(name)) {
      throw new MlopsValidationError(scope, `${property}[${i}].name`, name,
        'a BigQuery column name: letters, digits and underscores, starting with a letter or an underscore, at most 300 characters');
    }
    if (column.mode !== 'NULLABLE') {
      throw new MlopsValidationError(scope, `${property}[${i}].mode`, column.mode,
        '"NULLABLE": BigQuery adds only NULLABLE (or REPEATED) columns to an existing table, and rows written before the column existed have no value in it');
    }
    if (fieldNames.includes(name)) {
      throw new MlopsValidationError(scope, `${property}[${i}].name`, name, `a name that is not a field of the schema "${(schema as TableSchema).name}"`);
    }
    const same = existing.find((c) => c.name === name);
    if (same !== undefined) {
      if (canonicalJson(same) !== canonicalJson(column)) {
        throw new MlopsValidationError(scope, `${property}[${i}]`, column, `the same definition as the table's existing column "${name}": ${JSON.stringify(same)}`);
      }
      return;
    }
    if (added.some((c) => c.name === name)) {
      throw new MlopsValidationError(scope, `${property}[${i}].name`, name, 'a column name not given twice');
    }
    added.push({ ...column });
  });
  return added;
}

/** JSON of a flat object with its keys sorted, so that two column definitions compare by content. */
function canonicalJson(value: object): string {
  return JSON.stringify(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

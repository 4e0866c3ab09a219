import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { BigQueryColumn, TableSchema } from '../../core';

/**
 * BigQuery clusters a table on at most four columns; the lake clusters on the entity keys.
 * @see https://cloud.google.com/bigquery/docs/clustered-tables#limitations
 */
export const BIGQUERY_MAX_CLUSTERING_COLUMNS = 4;

/** A BigQuery table of a lake, as returned by `DataLake.addTable`. */
export interface LakeTable {
  /** The zone whose dataset holds the table. */
  readonly zone: string;
  /** The schema the table was generated from. */
  readonly schema: TableSchema;
  /** The id of the dataset holding the table (`<prefix_snake>_<zone_snake>`). */
  readonly datasetId: string;
  /** The table id (the schema name). */
  readonly tableId: string;
  /** The `google_bigquery_table` resource. */
  readonly table: BigqueryTable;
}

/** Options of `DataLake.addTable`. */
export interface LakeTableOptions {
  /**
   * Columns after the schema's own, for data the neutral schema does not describe: the message
   * metadata a Pub/Sub BigQuery subscription writes, for example. Each must be `NULLABLE`
   * (BigQuery adds only NULLABLE or REPEATED columns to an existing table, so the same column can
   * also be added later with `DataLake.addTableColumns`), have a BigQuery column name, and not
   * share its name with a schema field or another extra column.
   *
   * @default - no extra columns
   * @see https://cloud.google.com/bigquery/docs/managing-table-schemas (Add an empty column)
   */
  readonly extraColumns?: BigQueryColumn[];
}

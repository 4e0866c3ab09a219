import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { TableSchema } from '../core';

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

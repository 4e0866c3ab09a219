import { SqlDialect, TrainingPipelineSpec, trainingDatasetQueries } from '../../../core';

/** Placeholders of the prepare script, replaced by the workflow at run time. */
export const PREPARE_PLACEHOLDERS = {
  sourceTable: '@@SOURCE_TABLE@@',
  datasetUri: '@@DATASET_URI@@',
  runStart: '@@RUN_START@@',
} as const;

/**
 * The prepare step's BigQuery script: two `EXPORT DATA` statements writing the dataset version's
 * `train/` and `validation/` folders as headerless CSV (the label first), from core's dataset
 * SELECTs in GoogleSQL. One query job runs both; `overwrite` makes a retried run rewrite its own
 * version only.
 *
 * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/export-statements
 */
export function prepareScript(spec: TrainingPipelineSpec): string {
  const queries = trainingDatasetQueries(spec, SqlDialect.BIGQUERY, {
    table: [PREPARE_PLACEHOLDERS.sourceTable],
    runStart: `TIMESTAMP('${PREPARE_PLACEHOLDERS.runStart}')`,
  });
  const exportTo = (side: 'train' | 'validation', select: string) =>
    `EXPORT DATA OPTIONS (uri = '${PREPARE_PLACEHOLDERS.datasetUri}/${side}/part-*.csv', format = 'CSV', overwrite = true, header = false) AS ${select};`;
  return `${exportTo('train', queries.train)}\n${exportTo('validation', queries.validation)}`;
}

/**
 * The Glue Data Catalog table input of a lake table, generated from the neutral schema.
 */
import * as glue from 'aws-cdk-lib/aws-glue';
import { glueType, LAKE_PARTITION_COLUMN, TableSchema } from '../../core';

/** Parquet through the Hive SerDe: what Athena, Glue ETL, EMR and Spark all read and write. */
export const PARQUET_FORMAT = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
} as const;

/**
 * First day Athena projects partitions from. Queries that filter on `event_date` only touch the
 * days they name; unfiltered queries enumerate every day from here to today.
 */
export const PARTITION_PROJECTION_START = '2020-01-01';

/**
 * Athena partition projection on `event_date`: partitions are computed from the table
 * properties, so no crawler and no `MSCK REPAIR TABLE` are needed.
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html#partition-projection-date-type
 */
export function partitionProjectionParameters(location: string): Record<string, string> {
  const column = LAKE_PARTITION_COLUMN;
  return {
    'projection.enabled': 'true',
    [`projection.${column}.type`]: 'date',
    [`projection.${column}.format`]: 'yyyy-MM-dd',
    [`projection.${column}.range`]: `${PARTITION_PROJECTION_START},NOW`,
    [`projection.${column}.interval`]: '1',
    [`projection.${column}.interval.unit`]: 'DAYS',
    'storage.location.template': `${location}${column}=\${${column}}/`,
  };
}

/**
 * The `TableInput` of an external Parquet table at `location` (ending with `/`). The schema must
 * have been validated. Tables with an event time are partitioned by its UTC date.
 */
export function parquetTableInput(schema: TableSchema, location: string): glue.CfnTable.TableInputProperty {
  const partitioned = schema.eventTime !== undefined;
  return {
    name: schema.name,
    description: schema.description,
    tableType: 'EXTERNAL_TABLE',
    parameters: {
      'EXTERNAL': 'TRUE',
      'classification': 'parquet',
      'parquet.compression': 'SNAPPY',
      ...(partitioned ? partitionProjectionParameters(location) : {}),
    },
    partitionKeys: partitioned
      ? [{ name: LAKE_PARTITION_COLUMN, type: 'date', comment: `UTC date of ${schema.eventTime}; partition, projected by Athena` }]
      : undefined,
    storageDescriptor: {
      location,
      inputFormat: PARQUET_FORMAT.inputFormat,
      outputFormat: PARQUET_FORMAT.outputFormat,
      compressed: false,
      storedAsSubDirectories: false,
      serdeInfo: {
        serializationLibrary: PARQUET_FORMAT.serializationLibrary,
        parameters: { 'serialization.format': '1' },
      },
      columns: schema.fields.map((f) => ({ name: f.name, type: glueType(f.type), comment: f.description })),
    },
  };
}

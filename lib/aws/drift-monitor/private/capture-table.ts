/**
 * The Glue table over an endpoint's SageMaker data capture: JSON Lines objects that SageMaker
 * writes under `<capture prefix><endpoint>/<variant>/yyyy/mm/dd/hh/`, read with the OpenX JSON
 * SerDe (its case-insensitive keys map `captureData.endpointInput` to `capturedata.endpointinput`),
 * with the hour path projected into the string column `capture_hour` ('yyyy/MM/dd/HH') so that a
 * window's query reads only its hours' objects. The core `CapturedRecords.sageMakerCapture`
 * parses the payloads into the schema's fields.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html#partition-projection-date-type
 * @see https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html
 */
import { Stack } from 'aws-cdk-lib/core';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { SAGEMAKER_CAPTURE_COLUMNS, WindowPartitioning } from '../../../core';

/** The capture's partitioning: the hour path as `capture_hour`. */
export const CAPTURE_PARTITIONING = WindowPartitioning.hourColumn();
/** First hour Athena projects capture partitions from. */
export const CAPTURE_PROJECTION_START = '2020/01/01/00';

/** What the capture table is declared from. */
export interface CaptureTableInputs {
  readonly databaseName: string;
  readonly tableName: string;
  /** `s3://<bucket>/<capture prefix><endpoint>/<variant>/`. */
  readonly location: string;
  readonly description: string;
}

/** Creates the capture table `CaptureTable` under `scope`. */
export function createCaptureTable(scope: Construct, inputs: CaptureTableInputs): glue.CfnTable {
  const column = CAPTURE_PARTITIONING.column!;
  return new glue.CfnTable(scope, 'CaptureTable', {
    catalogId: Stack.of(scope).account,
    databaseName: inputs.databaseName,
    tableInput: {
      name: inputs.tableName,
      description: inputs.description,
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        'EXTERNAL': 'TRUE',
        'classification': 'json',
        'projection.enabled': 'true',
        [`projection.${column}.type`]: 'date',
        [`projection.${column}.format`]: CAPTURE_PARTITIONING.format!,
        [`projection.${column}.range`]: `${CAPTURE_PROJECTION_START},NOW`,
        [`projection.${column}.interval`]: '1',
        [`projection.${column}.interval.unit`]: 'HOURS',
        'storage.location.template': `${inputs.location}\${${column}}/`,
      },
      partitionKeys: [{ name: column, type: 'string', comment: 'UTC hour of the capture path (yyyy/MM/dd/HH); partition, projected by Athena' }],
      storageDescriptor: {
        location: inputs.location,
        inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        compressed: false,
        storedAsSubDirectories: false,
        serdeInfo: {
          serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
          parameters: { 'case.insensitive': 'TRUE', 'ignore.malformed.json': 'TRUE' },
        },
        columns: SAGEMAKER_CAPTURE_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
      },
    },
  });
}

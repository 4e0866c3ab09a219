import * as glue from 'aws-cdk-lib/aws-glue';
import { TableSchema } from '../../core';

/** A Glue table of the lake. */
export interface LakeTable {
  /** Zone of the table. */
  readonly zone: string;
  /** The neutral schema the table was generated from. */
  readonly schema: TableSchema;
  /** The Glue table resource. */
  readonly table: glue.CfnTable;
  /** Glue database holding the table. */
  readonly databaseName: string;
  /** Table name (the schema's name). */
  readonly tableName: string;
  /** Where the data lives: `s3://<zone bucket>/<table>/`. */
  readonly location: string;
}

import * as glue from 'aws-cdk-lib/aws-glue';

/** A Glue table of the lake. */
export interface LakeTable {
  /** Zone of the table. */
  readonly zone: string;
  /** Glue database holding the table. */
  readonly databaseName: string;
  /** Table name (the schema's name). */
  readonly tableName: string;
  /** Where the data lives: `s3://<zone bucket>/<table>/`. */
  readonly location: string;
  /** The Glue table resource. */
  readonly resource: glue.CfnTable;
}

/**
 * AWS example: a data lake for an ML platform, with the orders table in the raw zone and the
 * customer features in the curated zone.
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DataLake } from 'mlops-constructs/aws';
import { customerDaily, orders } from '../schemas';

/** A stack holding one hardened DataLake with two tables. */
export class LakeStack extends Stack {
  /** The lake. */
  public readonly lake: DataLake;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.lake = new DataLake(this, 'Lake', {
      tables: [
        { zone: 'raw', schema: orders },
        { zone: 'curated', schema: customerDaily },
      ],
    });
  }
}

/**
 * Shared fixtures of the AWS tests: schemas and a fresh stack per test.
 */
import { App, AppProps, Stack } from 'aws-cdk-lib';
import { ALLOW_DATA_DESTRUCTION_CONTEXT, FieldType, TableSchema } from 'mlops-constructs';

/** An order event: keys, a decimal, descriptions and an event time (so: partitioned). */
export const orders = new TableSchema({
  name: 'orders',
  description: 'One row per order.',
  fields: [
    { name: 'order_id', type: FieldType.STRING, description: 'Order number.' },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'amount', type: FieldType.decimal(12, 2), description: 'Order total.' },
    { name: 'item_count', type: FieldType.INT32 },
    { name: 'items_total', type: FieldType.INT64 },
    { name: 'score', type: FieldType.FLOAT32 },
    { name: 'weight', type: FieldType.FLOAT64 },
    { name: 'gift', type: FieldType.BOOLEAN },
    { name: 'ship_date', type: FieldType.DATE },
    { name: 'payload', type: FieldType.BYTES },
    { name: 'ordered_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'ordered_at',
});

/** A reference table without event time (so: not partitioned). */
export const countries = new TableSchema({
  name: 'countries',
  fields: [
    { name: 'code', type: FieldType.STRING },
    { name: 'name', type: FieldType.STRING },
  ],
  entityKeys: ['code'],
});

/** A stack in a fresh app, with a concrete environment so ARNs and account ids are readable. */
export function newStack(appProps: AppProps = {}): Stack {
  const app = new App(appProps);
  return new Stack(app, 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** A stack in an app that allows data destruction. */
export function newDestroyableStack(): Stack {
  return newStack({ context: { [ALLOW_DATA_DESTRUCTION_CONTEXT]: true } });
}

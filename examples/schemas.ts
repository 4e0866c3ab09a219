/**
 * The schemas and the feature group the examples share. One object drives the Glue table, the
 * Firehose Parquet conversion and the SageMaker feature group on AWS, and the BigQuery table, the
 * Pub/Sub Avro schema and the Vertex AI feature registry on Google Cloud, so no two of them can
 * disagree about a column.
 */
import { FeatureGroupSpec, FieldType, TableSchema } from 'mlops-constructs';

/** Orders as they arrive from the shop. */
export const orders = new TableSchema({
  name: 'orders',
  description: 'One row per order placed in the shop.',
  fields: [
    { name: 'order_id', type: FieldType.STRING, description: 'Order number.' },
    { name: 'customer_id', type: FieldType.STRING, description: 'Who ordered.' },
    { name: 'amount', type: FieldType.decimal(12, 2), description: 'Order total in the shop currency.' },
    { name: 'item_count', type: FieldType.INT32 },
    { name: 'channel', type: FieldType.STRING, description: 'web, app or store.' },
    { name: 'ordered_at', type: FieldType.TIMESTAMP, description: 'When the order was placed (UTC).' },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'ordered_at',
});

/** Daily features per customer, computed from orders into the curated zone. */
export const customerDaily = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'avg_basket_30d', type: FieldType.FLOAT64 },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

/**
 * The customer features served online and kept offline on both clouds: every value field of
 * `customerDaily`, keyed by `customer_id` and versioned by `computed_at`.
 */
export const customerFeatures = new FeatureGroupSpec({
  name: 'customer_daily',
  schema: customerDaily,
  description: 'Order behaviour per customer, recomputed daily.',
});

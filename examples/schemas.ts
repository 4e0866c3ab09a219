/**
 * The schemas and the feature group the examples share. One object drives the Glue table, the
 * Firehose Parquet conversion and the SageMaker feature group on AWS, and the BigQuery table, the
 * Pub/Sub Avro schema and the Vertex AI feature registry on Google Cloud, so no two of them can
 * disagree about a column.
 */
import { EvaluationMetric, FeatureGroupSpec, FieldType, PromotionPolicy, TableSchema, TrainingPipelineSpec } from 'mlops-constructs';

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

/**
 * The customer table with the label a churn model learns: the shared `customer_daily` features
 * plus whether the customer ordered nothing in the 30 days after `computed_at`.
 */
export const customerChurn = new TableSchema({
  name: 'customer_churn',
  description: 'customer_daily with the churn label (no order in the next 30 days), filled in by the labelling job.',
  fields: [...customerDaily.fields.map((f) => ({ name: f.name, type: f.type, description: f.description })), { name: 'churned_30d', type: FieldType.BOOLEAN }],
  entityKeys: [...customerDaily.entityKeys],
  eventTime: customerDaily.eventTime,
});

/**
 * The model of the maturity-level reference architectures (both clouds): churn in 30 days from
 * `customerChurn`, AUC (the boolean label's default) with a bar of 0.7.
 */
export const churnTraining = new TrainingPipelineSpec({ name: 'churn', schema: customerChurn, label: 'churned_30d', metric: EvaluationMetric.AUC, bar: 0.7 });

/**
 * The same model at maturity level 3: a retrained version that clears the bar replaces the
 * champion only when it beats it (by the default margin), without a person.
 */
export const churnRetraining = new TrainingPipelineSpec({
  name: 'churn', schema: customerChurn, label: 'churned_30d', metric: EvaluationMetric.AUC, bar: 0.7, promotion: PromotionPolicy.whenBetter(),
});

/**
 * What the training pipeline and model registry tests share: a regional lake with a key and a
 * curated `customer_daily` table, a training cluster on it, a registry, and the spec.
 */
import { TerraformStack } from 'cdktf';
import { EvaluationMetric, FieldType, PromotionPolicy, TableSchema, TrainingPipelineSpec, TrainingPipelineSpecProps } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline, TrainingPipelineProps } from 'mlops-constructs/gcp';

export const KEY = { id: 'projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform' };

export const customerDaily = new TableSchema({
  name: 'customer_daily',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_7d', type: FieldType.INT64 },
    { name: 'spend_7d', type: FieldType.decimal(14, 2) },
    { name: 'vip', type: FieldType.BOOLEAN },
    { name: 'churned', type: FieldType.BOOLEAN },
    { name: 'note', type: FieldType.STRING },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});

export function churnSpec(overrides: Partial<TrainingPipelineSpecProps> = {}): TrainingPipelineSpec {
  return new TrainingPipelineSpec({
    name: 'churn', schema: customerDaily, label: 'churned', metric: EvaluationMetric.AUC, bar: 0.75,
    promotion: PromotionPolicy.whenBetter({ margin: 0.005 }), ...overrides,
  });
}

/** Lake, cluster and registry in `stack`; the lake is regional (europe-west4) with a key in the region (`null`: no key). */
export function platform(stack: TerraformStack, lakeKey: { id: string } | null = KEY) {
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'europe-west4', encryptionKey: lakeKey ?? undefined, tables: [{ zone: 'curated', schema: customerDaily }] });
  const training = new GpuTrainingCluster(stack, 'Training', { lake, location: 'europe-west4', network: 'ml-vpc' });
  const registry = new ModelRegistry(stack, 'Registry', { lake, modelId: 'churn' });
  return { lake, training, registry };
}

/** A pipeline over `platform(stack)` with props overrides. */
export function pipeline(stack: TerraformStack, props: Partial<TrainingPipelineProps> = {}, lakeKey: { id: string } | null = KEY) {
  const p = platform(stack, lakeKey);
  return { ...p, pipeline: new TrainingPipeline(stack, 'Pipeline', { lake: p.lake, training: p.training, registry: p.registry, spec: churnSpec(), ...props }) };
}

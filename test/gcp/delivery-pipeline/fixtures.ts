/** What the delivery pipeline tests share: the props of a pipeline in europe-west4 with a key there. */
import { TerraformStack } from 'cdktf';
import { DeliveryPipeline, DeliveryPipelineProps } from 'mlops-constructs/gcp';

export const KEY = { id: 'projects/acme-ml-ci/locations/europe-west4/keyRings/delivery/cryptoKeys/delivery' };

export const PROPS: DeliveryPipelineProps = {
  prefix: 'acme-ml',
  repository: 'acme/ml-platform',
  connection: 'github-acme',
  project: 'acme-ml-ci',
  region: 'europe-west4',
  stagingProject: 'acme-ml-staging',
  productionProject: 'acme-ml-prod',
  encryptionKey: KEY,
};

/** A pipeline `Delivery` in `stack`, with props overrides (a key set to `undefined` removes the prop). */
export function delivery(stack: TerraformStack, overrides: Partial<DeliveryPipelineProps> = {}): DeliveryPipeline {
  return new DeliveryPipeline(stack, 'Delivery', { ...PROPS, ...overrides });
}

/** The step ids of a trigger's build, in order. */
export function stepIds(trigger: Record<string, any>): string[] {
  return trigger.build.step.map((s: { id: string }) => s.id);
}

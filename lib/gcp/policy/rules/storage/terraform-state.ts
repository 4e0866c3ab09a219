import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/** The label a Terraform state bucket carries (the `DeliveryPipeline`'s `TERRAFORM_STATE_LABEL`; label yours the same to have it judged). */
export const TERRAFORM_STATE_BUCKET_LABEL = { key: 'purpose', value: 'terraform-state' } as const;

/** Whether `resource` is a bucket labelled as holding Terraform state. */
export function isTerraformStateBucket(resource: SynthesizedResource): boolean {
  if (resource.type !== 'google_storage_bucket') {
    return false;
  }
  const labels = nestedBlock(resource.config, 'labels');
  return labels?.[TERRAFORM_STATE_BUCKET_LABEL.key] === TERRAFORM_STATE_BUCKET_LABEL.value;
}

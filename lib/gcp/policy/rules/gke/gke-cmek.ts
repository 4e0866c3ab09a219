import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE, gkeNodePoolsOf, nodeConfigOf } from './node-configs';

/**
 * GKE keeps its data under customer-managed keys: clusters encrypt Kubernetes Secrets at the
 * application layer (`database_encryption { state = "ENCRYPTED", key_name = <Cloud KMS key> }`),
 * and every node pool (see `gkeNodePoolsOf`) encrypts its boot disks
 * (`node_config.boot_disk_kms_key`).
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.3.1 ("Ensure Kubernetes Secrets are
 * encrypted using keys managed in Cloud KMS") and 5.9.1 ("Enable Customer-Managed Encryption
 * Keys (CMEK) for GKE Persistent Disks (PD)", node boot disks). checkov has no resource check for
 * either.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/using-cmek
 */
export function gkeCustomerManagedEncryption(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type === GKE_CLUSTER_TYPE) {
    const encryption = nestedBlock(resource.config, 'database_encryption');
    if (encryption?.state !== 'ENCRYPTED' || typeof encryption.key_name !== 'string' || encryption.key_name === '') {
      return PolicyCompliance.NON_COMPLIANT;
    }
  }
  const pools = gkeNodePoolsOf(resource);
  if (pools.length === 0) {
    return resource.type === GKE_CLUSTER_TYPE ? PolicyCompliance.COMPLIANT : PolicyCompliance.NOT_APPLICABLE;
  }
  const encrypted = pools.every((pool) => {
    const key = nodeConfigOf(pool).boot_disk_kms_key;
    return typeof key === 'string' && key !== '';
  });
  return encrypted ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

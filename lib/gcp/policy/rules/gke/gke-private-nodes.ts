import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE, GKE_NODE_POOL_TYPE } from './node-configs';

/**
 * GKE nodes have private IP addresses only: clusters set
 * `private_cluster_config.enable_private_nodes = true`, and no node pool opts out with
 * `network_config.enable_private_nodes = false`. A node pool that says nothing inherits the
 * cluster's setting and is not applicable.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.6.5 ("Ensure clusters are created with
 * Private Nodes") and checkov CKV_GCP_25 (`GKEPrivateClusterConfig`) / CKV_GCP_64
 * (`GKEPrivateNodes`), which only ask for a `private_cluster_config` block; this rule also
 * requires the flag inside it, since the block alone does not make nodes private.
 */
export function gkeClusterPrivateNodes(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type === GKE_CLUSTER_TYPE) {
    return nestedBlock(resource.config, 'private_cluster_config')?.enable_private_nodes === true
      ? PolicyCompliance.COMPLIANT
      : PolicyCompliance.NON_COMPLIANT;
  }
  if (resource.type === GKE_NODE_POOL_TYPE) {
    return nestedBlock(resource.config, 'network_config')?.enable_private_nodes === false
      ? PolicyCompliance.NON_COMPLIANT
      : PolicyCompliance.NOT_APPLICABLE;
  }
  return PolicyCompliance.NOT_APPLICABLE;
}

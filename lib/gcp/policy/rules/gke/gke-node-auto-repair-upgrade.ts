import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, nestedBlocks, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE, GKE_NODE_POOL_TYPE } from './node-configs';

/**
 * GKE node pools repair and upgrade themselves: `management { auto_repair = true,
 * auto_upgrade = true }`, written out (as checkov asks) on each `google_container_node_pool` and
 * on each inline `node_pool` of a cluster. A cluster's default node pool has no `management`
 * block and is not judged.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.5.2 ("Ensure Node Auto-Repair is
 * enabled for GKE nodes") and 5.5.3 ("Ensure Node Auto-Upgrade is enabled for GKE nodes"), and
 * checkov CKV_GCP_9 (`GKENodePoolAutoRepairEnabled`) and CKV_GCP_10
 * (`GKENodePoolAutoUpgradeEnabled`).
 */
export function gkeNodeAutoRepairAndUpgrade(resource: SynthesizedResource): PolicyCompliance {
  const pools = resource.type === GKE_NODE_POOL_TYPE
    ? [resource.config]
    : resource.type === GKE_CLUSTER_TYPE ? nestedBlocks(resource.config, 'node_pool') : [];
  if (pools.length === 0) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const managed = pools.every((pool) => {
    const management = nestedBlock(pool, 'management');
    return management?.auto_repair === true && management.auto_upgrade === true;
  });
  return managed ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

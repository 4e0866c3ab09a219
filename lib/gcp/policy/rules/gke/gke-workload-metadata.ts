import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE, gkeNodePoolsOf, nodeConfigOf } from './node-configs';

/** The workload metadata mode that runs the GKE metadata server (and needs Workload Identity). */
const GKE_METADATA_MODE = 'GKE_METADATA';

/**
 * Pods reach Google Cloud through Workload Identity, never through the node's credentials: the
 * cluster sets `workload_identity_config.workload_pool`, and every node pool it runs
 * (see `gkeNodePoolsOf`) sets `node_config.workload_metadata_config.mode = "GKE_METADATA"`, which
 * hides the node's metadata (kubelet credentials, instance identity) from pods.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.4.2 ("Ensure the GKE Metadata Server is
 * Enabled") and checkov CKV_GCP_69 (`GKEMetadataServerIsEnabled`, same mode on clusters and node
 * pools). Unlike checkov, a cluster that removes its default node pool is not asked for a
 * `node_config` of its own; its separately managed pools are judged instead.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata
 */
export function gkeWorkloadMetadataServer(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type === GKE_CLUSTER_TYPE) {
    const workloadPool = nestedBlock(resource.config, 'workload_identity_config')?.workload_pool;
    if (typeof workloadPool !== 'string' || workloadPool === '') {
      return PolicyCompliance.NON_COMPLIANT;
    }
  }
  const pools = gkeNodePoolsOf(resource);
  if (pools.length === 0) {
    return resource.type === GKE_CLUSTER_TYPE ? PolicyCompliance.COMPLIANT : PolicyCompliance.NOT_APPLICABLE;
  }
  const allOnMetadataServer = pools.every((pool) => nestedBlock(nodeConfigOf(pool), 'workload_metadata_config')?.mode === GKE_METADATA_MODE);
  return allOnMetadataServer ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

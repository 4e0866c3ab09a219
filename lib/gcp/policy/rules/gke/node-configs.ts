import { nestedBlock, nestedBlocks, SynthesizedResource, TerraformBlock } from '../../engine/synthesized-stack';

/** The Terraform type of GKE clusters. */
export const GKE_CLUSTER_TYPE = 'google_container_cluster';
/** The Terraform type of separately managed GKE node pools. */
export const GKE_NODE_POOL_TYPE = 'google_container_node_pool';

/**
 * The node pools a GKE rule judges on `resource`, each as its pool block (`node_config`,
 * `management`, `network_config`, ...):
 *
 * | resource                                   | pools judged                                               |
 * |--------------------------------------------|------------------------------------------------------------|
 * | `google_container_node_pool`               | the pool itself                                            |
 * | `google_container_cluster`                 | its inline `node_pool` blocks, and its default node pool (`node_config`) unless `remove_default_node_pool = true` |
 * | anything else                              | none                                                       |
 *
 * A cluster that removes its default pool runs it only while the cluster is created, then
 * deletes it, so its `node_config` is not judged.
 *
 * @param resource the resource under judgment
 * @returns one block per pool: `{ node_config, management?, ... }`; empty when nothing applies
 */
export function gkeNodePoolsOf(resource: SynthesizedResource): TerraformBlock[] {
  if (resource.type === GKE_NODE_POOL_TYPE) {
    return [resource.config];
  }
  if (resource.type !== GKE_CLUSTER_TYPE) {
    return [];
  }
  const inline = nestedBlocks(resource.config, 'node_pool');
  const keepsDefaultPool = resource.config.remove_default_node_pool !== true;
  return keepsDefaultPool ? [{ node_config: resource.config.node_config }, ...inline] : inline;
}

/** A pool's `node_config` block, or an empty block when the pool sets none (every setting at its default). */
export function nodeConfigOf(pool: TerraformBlock): TerraformBlock {
  return nestedBlock(pool, 'node_config') ?? {};
}

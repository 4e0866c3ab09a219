import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';

/**
 * The GKE resource classes, loaded when the first cluster is built instead of when
 * `mlops-constructs/gcp` is imported: `container-cluster` holds the provider's largest resource
 * schema and takes ~60 ms to load, which every Google Cloud app would otherwise pay.
 */
export function gkeResources(): { ContainerCluster: typeof ContainerCluster; ContainerNodePool: typeof ContainerNodePool } {
  return {
    ContainerCluster: require('@cdktf/provider-google/lib/container-cluster').ContainerCluster,
    ContainerNodePool: require('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool,
  };
}

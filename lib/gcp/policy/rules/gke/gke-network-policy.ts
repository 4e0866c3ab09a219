import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE } from './node-configs';

/** The datapath provider of GKE Dataplane V2, which enforces Kubernetes network policies. */
const DATAPLANE_V2 = 'ADVANCED_DATAPATH';

/**
 * GKE clusters enforce Kubernetes NetworkPolicies: either through GKE Dataplane V2
 * (`datapath_provider = "ADVANCED_DATAPATH"`, which always enforces them) or through the
 * network policy add-on (`network_policy { enabled = true }`).
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.6.7 ("Ensure Network policy is enabled
 * on Kubernetes Engine Clusters") and checkov CKV_GCP_12 (`GKENetworkPolicyEnabled`, which also
 * accepts Dataplane V2 but only together with a `network_policy` block).
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2
 */
export function gkeClusterNetworkPolicy(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== GKE_CLUSTER_TYPE) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const enforced = resource.config.datapath_provider === DATAPLANE_V2
    || nestedBlock(resource.config, 'network_policy')?.enabled === true;
  return enforced ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

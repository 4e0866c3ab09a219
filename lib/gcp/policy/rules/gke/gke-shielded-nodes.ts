import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE } from './node-configs';

/**
 * GKE clusters run Shielded GKE Nodes (`enable_shielded_nodes = true`): node identity is backed by
 * a vTPM and verified by the control plane before a node joins. The google provider defaults the
 * flag to `true`; like checkov, the rule asks for it in the configuration, so that the template
 * states it.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.5.5 ("Ensure Shielded GKE Nodes are
 * Enabled") and checkov CKV_GCP_71 (`GKEEnableShieldedNodes`).
 */
export function gkeClusterShieldedNodes(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== GKE_CLUSTER_TYPE) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return resource.config.enable_shielded_nodes === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

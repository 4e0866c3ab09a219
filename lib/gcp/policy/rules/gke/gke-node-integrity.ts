import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { gkeNodePoolsOf, nodeConfigOf } from './node-configs';

/**
 * Every GKE node pool boots verified and is monitored: `node_config.shielded_instance_config`
 * sets `enable_secure_boot = true` (the provider's default is `false`) and does not turn
 * `enable_integrity_monitoring` off (its default is `true`). Pools are those of `gkeNodePoolsOf`.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.5.7 ("Ensure Secure Boot for Shielded
 * GKE Nodes is Enabled") and 5.5.6 ("Ensure Integrity Monitoring for Shielded GKE Nodes is
 * Enabled"), and checkov CKV_GCP_68 (`GKESecureBootforShieldedNodes`) and CKV_GCP_72
 * (`GKEEnsureIntegrityMonitoring`).
 */
export function gkeNodeSecureBoot(resource: SynthesizedResource): PolicyCompliance {
  const pools = gkeNodePoolsOf(resource);
  if (pools.length === 0) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const verified = pools.every((pool) => {
    const shielded = nestedBlock(nodeConfigOf(pool), 'shielded_instance_config');
    return shielded?.enable_secure_boot === true && shielded.enable_integrity_monitoring !== false;
  });
  return verified ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

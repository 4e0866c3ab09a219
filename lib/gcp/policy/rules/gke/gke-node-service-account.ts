import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';
import { gkeNodePoolsOf, nodeConfigOf } from './node-configs';

/** The Compute Engine default service account: `<project number>-compute@developer.gserviceaccount.com`. */
const COMPUTE_DEFAULT_SERVICE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/**
 * Every GKE node pool (see `gkeNodePoolsOf`) runs as a dedicated service account:
 * `node_config.service_account` is set, and is neither `"default"` nor the Compute Engine default
 * service account, which holds the broad Editor role in many projects.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.2.1 ("Ensure GKE clusters are not
 * running using the Compute Engine default service account"). checkov has no resource check for
 * GKE node service accounts.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa
 */
export function gkeNodeDedicatedServiceAccount(resource: SynthesizedResource): PolicyCompliance {
  const pools = gkeNodePoolsOf(resource);
  if (pools.length === 0) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const dedicated = pools.every((pool) => {
    const account = nodeConfigOf(pool).service_account;
    return typeof account === 'string' && account !== '' && account !== 'default' && !COMPUTE_DEFAULT_SERVICE_ACCOUNT.test(account);
  });
  return dedicated ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE } from './node-configs';

/**
 * GKE clusters use neither legacy authorization nor client certificates: `enable_legacy_abac` is
 * not `true`, and `master_auth.client_certificate_config.issue_client_certificate = false` is
 * written out (as checkov asks). Clients authenticate with Google identities, and RBAC with IAM
 * decides what they may do.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.8.4 ("Ensure Legacy Authorization
 * (ABAC) is Disabled") and 5.8.2 ("Ensure authentication using Client Certificates is
 * Disabled"), and checkov CKV_GCP_7 (`GKEDisableLegacyAuth`) and CKV_GCP_13
 * (`GKEClientCertificateDisabled`).
 */
export function gkeClusterNoLegacyAuthentication(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== GKE_CLUSTER_TYPE) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  if (resource.config.enable_legacy_abac === true) {
    return PolicyCompliance.NON_COMPLIANT;
  }
  const masterAuth = nestedBlock(resource.config, 'master_auth');
  const clientCertificates = masterAuth ? nestedBlock(masterAuth, 'client_certificate_config') : undefined;
  return clientCertificates?.issue_client_certificate === false ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

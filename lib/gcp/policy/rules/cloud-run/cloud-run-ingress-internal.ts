import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/** The v2 ingress settings that keep the internet out. */
const INTERNAL_INGRESS = ['INGRESS_TRAFFIC_INTERNAL_ONLY', 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'];

/**
 * Cloud Run (v2) services accept requests only from internal sources
 * (`ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY"`), or from internal sources and Cloud Load Balancing
 * (`"INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"`, where the load balancer can add Cloud Armor and IAP).
 * A service without `ingress` gets the default, which lets any resource on the internet reach it.
 *
 * There is no checkov check on Cloud Run ingress; checkov makes the same requirement of Cloud
 * Functions (CKV_GCP_124 `CloudFunctionPermissiveIngress`: internal only, or internal and load
 * balancing). The rule follows Google's "Restrict network ingress for Cloud Run".
 *
 * @see https://cloud.google.com/run/docs/securing/ingress
 */
export function cloudRunIngressInternal(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloud_run_v2_service') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const ingress = resource.config.ingress;
  return typeof ingress === 'string' && INTERNAL_INGRESS.includes(ingress) ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * No user-managed service account keys (`google_service_account_key`): a key is a long-lived
 * credential that leaves Google Cloud and must be rotated by hand; the library's identities
 * authenticate with Google-managed credentials (attached service accounts, Workload Identity,
 * OAuth tokens minted for Cloud Scheduler).
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 1.4 ("Ensure That There Are Only
 * GCP-Managed Service Account Keys for Each Service Account").
 *
 * @see https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
 */
export function serviceAccountNoKeys(resource: SynthesizedResource): PolicyCompliance {
  return resource.type === 'google_service_account_key' ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.NOT_APPLICABLE;
}

import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Artifact Registry repositories are encrypted with a customer-managed key (`kms_key_name`).
 *
 * Mirrors checkov CKV_GCP_84 (`ArtifactRegsitryEncryptedWithCMK`, "Ensure Artifact Registry
 * Repositories are encrypted with Customer Supplied Encryption Keys (CSEK)"), which passes any
 * `kms_key_name`. The CIS Google Cloud benchmark has no Artifact Registry control.
 *
 * @see https://cloud.google.com/artifact-registry/docs/cmek
 */
export function artifactRegistryRepositoryCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_artifact_registry_repository') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = resource.config.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

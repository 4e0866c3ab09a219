import { PolicyRuleDefinition } from '../../engine/pack';
import { artifactRegistryRepositoryCmek } from './artifact-registry-repository-cmek';
import { artifactRegistryRepositoryNotPublic } from './artifact-registry-repository-not-public';

/**
 * The rules for Artifact Registry repositories (`DeliveryPipeline` with `cloudRunDelivery`).
 * Both checkov ids were read in checkov's source (`checkov/terraform/checks/resource/gcp/`); the
 * CIS Google Cloud benchmark has no Artifact Registry control.
 *
 * | id      | rule                                                           | reference                            |
 * |---------|----------------------------------------------------------------|--------------------------------------|
 * | GCP-AR1 | repository is encrypted with a CMEK                            | CKV_GCP_84                           |
 * | GCP-AR2 | repository is not public (IAM member/binding/policy)           | CKV_GCP_101                          |
 */
export const ARTIFACT_REGISTRY_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-AR1',
    rule: artifactRegistryRepositoryCmek,
    message: 'The Artifact Registry repository is not encrypted with a customer-managed key: set kms_key_name and grant the Artifact Registry service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.',
    reference: 'checkov CKV_GCP_84',
  },
  {
    id: 'GCP-AR2',
    rule: artifactRegistryRepositoryNotPublic,
    message: 'The Artifact Registry repository is granted to allUsers or allAuthenticatedUsers (IAM member, binding or policy): remove the public grant.',
    reference: 'checkov CKV_GCP_101',
  },
];

import { PolicyRuleDefinition } from '../../engine/pack';
import { workflowsCmek } from './workflows-cmek';
import { workflowsDedicatedServiceAccount } from './workflows-dedicated-service-account';

/**
 * The rules for Cloud Workflows (`TrainingPipeline`). Neither the CIS Google Cloud benchmark nor
 * checkov has a Workflows control: each rule cites the Google document it follows.
 *
 * | id      | rule                                                         | reference                                              |
 * |---------|--------------------------------------------------------------|--------------------------------------------------------|
 * | GCP-WF1 | workflow is encrypted with a CMEK                            | Google "Use customer-managed encryption keys" (Workflows) |
 * | GCP-WF2 | workflow runs as a dedicated service account                 | Google Workflows authentication; CKV_GCP_30's pattern  |
 */
export const WORKFLOWS_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-WF1',
    rule: workflowsCmek,
    message: 'The workflow is not encrypted with a customer-managed key: set crypto_key_name (TrainingPipeline: pass encryptionKey, or give the lake a key in the workflow\'s region) and grant the Workflows service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.',
    reference: 'Google Cloud "Use customer-managed encryption keys" for Workflows (https://cloud.google.com/workflows/docs/use-cmek); no CIS control or checkov check',
  },
  {
    id: 'GCP-WF2',
    rule: workflowsDedicatedServiceAccount,
    message: 'The workflow runs as the Compute Engine default service account (or none): set service_account to a dedicated account with only the roles its calls need.',
    reference: 'Google Cloud Workflows "Grant a workflow permission to access Google Cloud resources" (https://cloud.google.com/workflows/docs/authentication); the pattern of checkov CKV_GCP_30',
  },
];

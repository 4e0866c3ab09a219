import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * BigQuery tables are encrypted with a customer-managed key
 * (`encryption_configuration.kms_key_name`). Views hold no data and are not applicable.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 7.2 ("Ensure That All BigQuery Tables Are
 * Encrypted With Customer-Managed Encryption Key (CMEK)", v1.3.0) and checkov CKV_GCP_80
 * (`BigQueryTableEncryptedWithCMK`).
 */
export function bigqueryTableCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_bigquery_table') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  if (nestedBlock(resource.config, 'view') !== undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'encryption_configuration')?.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

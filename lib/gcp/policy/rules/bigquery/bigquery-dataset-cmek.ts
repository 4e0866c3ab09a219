import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * BigQuery datasets name a default customer-managed encryption key
 * (`default_encryption_configuration.kms_key_name`), so every table created in them later is
 * encrypted with it.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 7.3 ("Ensure That a Default
 * Customer-Managed Encryption Key (CMEK) Is Specified for All BigQuery Data Sets", v1.3.0) and
 * checkov CKV_GCP_81 (`BigQueryDatasetEncryptedWithCMK`).
 */
export function bigqueryDatasetCmek(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_bigquery_dataset') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const key = nestedBlock(resource.config, 'default_encryption_configuration')?.kms_key_name;
  return typeof key === 'string' && key !== '' ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

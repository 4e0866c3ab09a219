import { CIS_GCP_BENCHMARK, PolicyRuleDefinition } from '../../engine/pack';
import { bigqueryDatasetCmek } from './bigquery-dataset-cmek';
import { bigqueryDatasetNotPublic } from './bigquery-dataset-not-public';
import { bigqueryTableCmek } from './bigquery-table-cmek';

/**
 * The rules for BigQuery datasets and tables (`DataLake`). GcpFoundationChecks lists them after
 * the Cloud Storage rules.
 *
 * | id        | rule                                                        | reference                     |
 * |-----------|-------------------------------------------------------------|-------------------------------|
 * | GCP-BQ1   | dataset is not public (access entries, IAM)                 | CIS 7.1, CKV_GCP_15           |
 * | GCP-BQ2   | dataset has a default CMEK                                  | CIS 7.3, CKV_GCP_81           |
 * | GCP-BQ3   | table is encrypted with a CMEK                              | CIS 7.2, CKV_GCP_80           |
 */
export const BIGQUERY_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-BQ1',
    rule: bigqueryDatasetNotPublic,
    message: 'The BigQuery dataset is granted to allUsers or allAuthenticatedUsers (access entry, IAM member, binding or policy): remove the public grant.',
    reference: `${CIS_GCP_BENCHMARK} 7.1; checkov CKV_GCP_15`,
  },
  {
    id: 'GCP-BQ2',
    rule: bigqueryDatasetCmek,
    message: 'The BigQuery dataset has no default customer-managed encryption key: set default_encryption_configuration { kms_key_name } (DataLake: pass encryptionKey).',
    reference: `${CIS_GCP_BENCHMARK} 7.3; checkov CKV_GCP_81`,
  },
  {
    id: 'GCP-BQ3',
    rule: bigqueryTableCmek,
    message: 'The BigQuery table is not encrypted with a customer-managed key: set encryption_configuration { kms_key_name } (DataLake: pass encryptionKey).',
    reference: `${CIS_GCP_BENCHMARK} 7.2; checkov CKV_GCP_80`,
  },
];

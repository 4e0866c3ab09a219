import { CIS_GCP_BENCHMARK, PolicyRuleDefinition } from '../../engine/pack';
import { kmsKeyRotation } from './kms-key-rotation';

/**
 * The rules for Cloud KMS keys. GcpFoundationChecks lists them after the BigQuery rules.
 *
 * | id        | rule                                                        | reference                     |
 * |-----------|-------------------------------------------------------------|-------------------------------|
 * | GCP-KMS1  | KMS key rotates within 90 days                              | CIS 1.10, CKV_GCP_43          |
 */
export const KMS_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-KMS1',
    rule: kmsKeyRotation,
    message: 'The Cloud KMS key does not rotate within 90 days: set rotation_period between "86400s" and "7776000s".',
    reference: `${CIS_GCP_BENCHMARK} 1.10; checkov CKV_GCP_43`,
  },
];

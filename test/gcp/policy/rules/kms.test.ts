/**
 * The Cloud KMS rule of the GCP policy pack (GCP-KMS1), on small Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { kmsKeyRotation } from '../../../../lib/gcp/policy/rules/kms/kms-key-rotation';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

describe('GCP-KMS1 kmsKeyRotation (CIS 1.10, CKV_GCP_43)', () => {
  const key = (config: Record<string, unknown>) => ({ google_kms_crypto_key: { k: { name: 'k', key_ring: 'r', ...config } } });

  test.each(['7776000s', '86400s', '2592000s'])('compliant with rotation_period %s', (period) => {
    expect(judge(kmsKeyRotation, key({ rotation_period: period }), 'google_kms_crypto_key.k')).toBe(COMPLIANT);
  });
  test.each([['over 90 days', '7776001s'], ['under a day', '3600s'], ['absent', undefined], ['an unresolved variable', '${var.rotation}']])('non-compliant when %s', (_name, period) => {
    expect(judge(kmsKeyRotation, key({ rotation_period: period }), 'google_kms_crypto_key.k')).toBe(NON_COMPLIANT);
  });
  test('asymmetric keys cannot rotate automatically: not applicable', () => {
    expect(judge(kmsKeyRotation, key({ purpose: 'ASYMMETRIC_SIGN' }), 'google_kms_crypto_key.k')).toBe(NOT_APPLICABLE);
  });
});


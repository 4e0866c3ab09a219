import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

const ONE_DAY_SECONDS = 24 * 60 * 60;
/** The longest rotation period the rule accepts: 90 days, `"7776000s"`. */
export const MAX_KMS_ROTATION_SECONDS = 90 * ONE_DAY_SECONDS;
/** Cloud KMS does not rotate asymmetric keys automatically. */
const ASYMMETRIC_PURPOSES = ['ASYMMETRIC_SIGN', 'ASYMMETRIC_DECRYPT'];

/**
 * Cloud KMS keys rotate automatically at least every 90 days: `rotation_period` between one day
 * and `"7776000s"`. Asymmetric keys, which Cloud KMS cannot rotate automatically, are not
 * applicable. A rotation period that is not a literal number of seconds (an unresolved variable)
 * cannot be shown to comply and is non-compliant.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 1.10 ("Ensure KMS Encryption Keys Are
 * Rotated Within a Period of 90 Days", v2.0.0) and checkov CKV_GCP_43
 * (`GoogleKMSKeyRotationPeriod`, same bounds and the same asymmetric exception).
 */
export function kmsKeyRotation(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_kms_crypto_key') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  if (typeof resource.config.purpose === 'string' && ASYMMETRIC_PURPOSES.includes(resource.config.purpose)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const period = resource.config.rotation_period;
  const match = typeof period === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(period) : null;
  if (match === null) {
    return PolicyCompliance.NON_COMPLIANT;
  }
  const seconds = Number(match[1]);
  return seconds >= ONE_DAY_SECONDS && seconds <= MAX_KMS_ROTATION_SECONDS ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

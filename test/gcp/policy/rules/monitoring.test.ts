/**
 * The Cloud Monitoring rule of the GCP policy pack (GCP-MON1), on small Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { MONITORING_RULES } from '../../../../lib/gcp/policy/rules/monitoring';
import { monitoringAlertPolicyEnabled } from '../../../../lib/gcp/policy/rules/monitoring/monitoring-alert-policy-enabled';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;
const policy = (overrides: Record<string, unknown> = {}) => ({
  google_monitoring_alert_policy: {
    a: { display_name: 'drift', combiner: 'OR', conditions: [{ display_name: 'level', condition_threshold: { filter: 'metric.type = "x"' } }], ...overrides },
  },
});

describe('GCP-MON1 monitoringAlertPolicyEnabled (Google: manage alerting policies)', () => {
  test.each([undefined, true])('compliant with enabled %j and a condition', (enabled) => {
    expect(judge(monitoringAlertPolicyEnabled, policy({ enabled }), 'google_monitoring_alert_policy.a')).toBe(COMPLIANT);
  });
  test('non-compliant when disabled, or without a condition', () => {
    expect(judge(monitoringAlertPolicyEnabled, policy({ enabled: false }), 'google_monitoring_alert_policy.a')).toBe(NON_COMPLIANT);
    expect(judge(monitoringAlertPolicyEnabled, policy({ conditions: [] }), 'google_monitoring_alert_policy.a')).toBe(NON_COMPLIANT);
    expect(judge(monitoringAlertPolicyEnabled, policy({ conditions: undefined }), 'google_monitoring_alert_policy.a')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources; the rule cites the Google document it follows', () => {
    expect(judge(monitoringAlertPolicyEnabled, { google_monitoring_metric_descriptor: { d: { type: 'custom.googleapis.com/x' } } }, 'google_monitoring_metric_descriptor.d')).toBe(NOT_APPLICABLE);
    expect(MONITORING_RULES.map((r) => [r.id, r.reference])).toEqual([['GCP-MON1', expect.stringContaining('https://cloud.google.com/monitoring/alerts/manage-alerts')]]);
  });
});

import { PolicyRuleDefinition } from '../../engine/pack';
import { monitoringAlertPolicyEnabled } from './monitoring-alert-policy-enabled';

/**
 * The rules for Cloud Monitoring (the alert policies of `TrainingPipeline`, `StreamingIngest` and
 * `DriftMonitor`). Neither the CIS Google Cloud benchmark nor checkov has an alert-policy control:
 * the rule cites the Google document it follows.
 *
 * | id       | rule                                          | reference                                   |
 * |----------|-----------------------------------------------|---------------------------------------------|
 * | GCP-MON1 | alert policy is enabled and has a condition   | Google "Manage alerting policies"           |
 */
export const MONITORING_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-MON1',
    rule: monitoringAlertPolicyEnabled,
    message: 'The alert policy is disabled (enabled = false) or has no condition: it never opens an incident. Enable it, or remove it and say where the signal is watched instead.',
    reference: 'Google Cloud "Manage alerting policies" (https://cloud.google.com/monitoring/alerts/manage-alerts#disable); no CIS control or checkov check',
  },
];

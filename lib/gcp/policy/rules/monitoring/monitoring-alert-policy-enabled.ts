import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * Alert policies are enabled (`enabled` unset or true) and have at least one condition: a
 * disabled policy keeps its conditions and channels but never opens an incident, so a drift at its
 * alarm level or a failed pipeline run goes unnoticed while the stack looks monitored.
 *
 * The CIS Google Cloud benchmark's monitoring controls (2.4–2.11) ask for specific log-metric
 * alerts, and checkov has no alert-policy check; the rule follows Google's "Manage alerting
 * policies" (a disabled policy does not create incidents or send notifications).
 *
 * @see https://cloud.google.com/monitoring/alerts/manage-alerts#disable
 */
export function monitoringAlertPolicyEnabled(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_monitoring_alert_policy') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const { enabled, conditions } = resource.config;
  const hasCondition = Array.isArray(conditions) ? conditions.length > 0 : conditions !== undefined && conditions !== null;
  return enabled !== false && hasCondition ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}

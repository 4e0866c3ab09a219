/**
 * DriftMonitor under the project's GCP policy pack (GcpFoundationChecks): zero findings for its
 * resources and its lake tables with a key in the region, and the Workflows, BigQuery, Cloud
 * Scheduler and Cloud Monitoring rules firing when the key is missing or a user weakens what the
 * monitor created — so that "zero findings" cannot come from rules that never run.
 */
import { TerraformStack } from 'cdktf';
import { GcpChecks } from 'mlops-constructs/gcp';
import { newStack } from '../support';
import { monitored } from './fixtures';

function findingsUnder(stack: TerraformStack, ...paths: string[]): string[] {
  return GcpChecks.check(stack).findings.filter((f) => paths.some((p) => f.constructPath.startsWith(`stack/${p}`))).map((f) => f.ruleId).sort();
}

test('zero findings for the monitor and its drift tables with the lake key in the region', () => {
  const stack = newStack();
  monitored(stack);
  expect(findingsUnder(stack, 'Drift/', 'Lake/Zone-curated/Table-drift')).toEqual([]);
});

test('a disabled drift alert (GCP-MON1), and a scheduler target weakened after the fact (GCP-SCH1, GCP-SCH2), are reported', () => {
  const stack = newStack();
  const { monitor } = monitored(stack);
  monitor.driftAlert.addOverride('enabled', false);
  monitor.schedulerJob.addOverride('http_target.oauth_token', null);
  monitor.schedulerJob.addOverride('http_target.uri', 'http://example.com/run');
  expect(findingsUnder(stack, 'Drift/')).toEqual(['GCP-MON1', 'GCP-SCH1', 'GCP-SCH2']);
});

test('a workflow without its key (GCP-WF1) is reported', () => {
  const stack = newStack();
  const { monitor } = monitored(stack);
  monitor.workflow.addOverride('crypto_key_name', null);
  expect(findingsUnder(stack, 'Drift/')).toEqual(['GCP-WF1']);
});

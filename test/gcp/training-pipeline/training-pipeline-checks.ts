/**
 * TrainingPipeline and ModelRegistry under the project's GCP policy pack (GcpFoundationChecks):
 * zero findings with a key in the region, and the Workflows, Pub/Sub and Cloud Scheduler rules
 * firing where the key is missing or a user weakens the schedule's target — so that "zero
 * findings" cannot come from rules that never run.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformStack } from 'cdktf';
import { GcpChecks } from 'mlops-constructs/gcp';
import { newStack } from '../support';
import { pipeline } from './fixtures';

function findingsUnder(stack: TerraformStack, ...paths: string[]): string[] {
  return GcpChecks.check(stack).findings.filter((f) => paths.some((p) => f.constructPath.startsWith(`stack/${p}/`))).map((f) => f.ruleId).sort();
}

test('zero findings for the pipeline and the registry with a key in the region', () => {
  const stack = newStack();
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'ml', location: 'europe-west4' });
  const key = new KmsCryptoKey(stack, 'Key', { name: 'platform', keyRing: ring.id, rotationPeriod: '7776000s' });
  pipeline(stack, {}, key);
  expect(GcpChecks.check(stack).findings.map(GcpChecks.formatFinding)).toEqual([]);
});

test('without a key: the workflow (GCP-WF1) and the announcement topic (GCP-PS1) are reported', () => {
  const stack = newStack();
  pipeline(stack, {}, null);
  expect(findingsUnder(stack, 'Pipeline', 'Registry')).toEqual(['GCP-PS1', 'GCP-WF1']);
});

test('a schedule whose target is weakened after the fact (no token, plain http) is reported (GCP-SCH1, GCP-SCH2)', () => {
  const stack = newStack();
  const { pipeline: p } = pipeline(stack);
  p.schedulerJob!.addOverride('http_target.oauth_token', null);
  p.schedulerJob!.addOverride('http_target.uri', 'http://example.com/run');
  expect(findingsUnder(stack, 'Pipeline')).toEqual(['GCP-SCH1', 'GCP-SCH2']);
});

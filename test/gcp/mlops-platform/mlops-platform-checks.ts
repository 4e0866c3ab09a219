/**
 * MlopsPlatform under the project's GCP policy pack (GcpFoundationChecks): zero findings at each
 * level with a key in the region, the request-logging rule acknowledged (with its reason) only
 * while the level has no capture, and the children's rules firing without a key — so that "zero
 * findings" cannot come from rules that never run.
 */
import { MlopsCapability } from 'mlops-constructs';
import { GcpChecks, MlopsPlatform } from 'mlops-constructs/gcp';
import { churnRetraining, churnTraining, orders } from '../../../examples/schemas';
import { newStack } from '../support';

const KEY = { id: 'projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform' };

function checked(level: number, key: { id: string } | null = KEY) {
  const stack = newStack();
  new MlopsPlatform(stack, 'Platform', {
    level,
    training: level === 3 ? churnRetraining : churnTraining,
    events: orders,
    region: 'europe-west4',
    encryptionKey: key ?? undefined,
    network: 'ml-vpc',
    delivery: level >= 2 ? { repository: 'acme/ml-platform', connection: 'github', stagingProject: 'acme-ml-staging', productionProject: 'acme-ml-prod' } : undefined,
  });
  return GcpChecks.check(stack);
}

test.each([0, 1, 2, 3])('level %i: zero findings with a key in the region', (level) => {
  expect(checked(level).findings.map(GcpChecks.formatFinding)).toEqual([]);
});

test('level 0 acknowledges GCP-VAI7 (no capture yet, a level-1 capability); level 1 captures and acknowledges nothing of the endpoint', () => {
  const vai7 = (level: number) => checked(level).acknowledged.filter((a) => a.ruleId === 'GCP-VAI7').map((a) => a.reason);
  expect(vai7(0)).toEqual([expect.stringContaining(MlopsCapability.ENDPOINT_CAPTURE)]);
  expect(vai7(1)).toEqual([]);
  expect(vai7(3)).toEqual([]);
});

test('without a key, the children are reported: lake (GCP-BQ2), topics (GCP-PS1), endpoint (GCP-VAI5), workflow (GCP-WF1)', () => {
  const rules = new Set(checked(1, null).findings.map((f) => f.ruleId));
  expect([...rules]).toEqual(expect.arrayContaining(['GCP-BQ2', 'GCP-PS1', 'GCP-VAI5', 'GCP-WF1']));
});

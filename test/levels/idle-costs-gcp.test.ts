/**
 * The idle-cost table of the Google Cloud level stacks (tools/levels/idle-costs-gcp.ts): every
 * resource type a level stack synthesizes is in it, so a new always-on resource cannot appear
 * unpriced, and the estimate of each level is what the table says.
 */
import { Testing } from 'cdktf';
import { createLevelStack, GCP_LEVELS } from '../../examples/gcp/levels';
import { gcpIdleCost, GCP_IDLE_COSTS } from '../../tools/levels/idle-costs-gcp';

const documents = new Map(GCP_LEVELS.map((level) => [level, JSON.parse(JSON.stringify(createLevelStack(Testing.app(), level).toTerraform()))]));
const costOf = (level: number) => gcpIdleCost(documents.get(level));

test.each([...GCP_LEVELS])('level %i: every resource type is in the table', (level) => {
  expect(costOf(level).unknownTypes).toEqual([]);
  expect(Object.keys(documents.get(level).resource).length).toBeGreaterThan(10);
});

test('an unknown type is reported, not priced as free; alert policies count per condition', () => {
  const cost = gcpIdleCost({
    resource: {
      google_compute_router_nat: { nat: {} },
      google_kms_crypto_key: { a: {}, b: {} },
      google_monitoring_alert_policy: { p: { conditions: [{}, {}] } },
    },
  });
  expect(cost.unknownTypes).toEqual(['google_compute_router_nat']);
  expect(cost.lines.map((l) => [l.type, l.count, l.monthlyUsd])).toEqual([['google_kms_crypto_key', 2, 0.12], ['google_monitoring_alert_policy', 2, 3]]);
  expect(cost.pricedMonthlyUsd).toBe(3.12);
});

test('every entry cites a page and a date; every billing entry has a price or says why not', () => {
  for (const [type, entry] of Object.entries(GCP_IDLE_COSTS)) {
    expect({ type, source: entry.source }).toEqual({ type, source: expect.stringMatching(/^https:\/\/\S+$/) });
    expect({ type, date: entry.date }).toEqual({ type, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    if (entry.billsWhenIdle && entry.monthlyUsd === undefined) {
      expect({ type, note: entry.note }).toEqual({ type, note: expect.stringMatching(/No stored page gives/) });
    }
  }
});

test('level 0: only the platform key bills while idle (the endpoint has no model; lake, registry and topic bill per use)', () => {
  expect(costOf(0).lines.map((l) => [l.type, l.count, l.monthlyUsd])).toEqual([['google_kms_crypto_key', 1, 0.06]]);
  expect(costOf(0).pricedMonthlyUsd).toBe(0.06);
  expect(costOf(0).unpriced).toEqual([]);
});

test('level 1: the scheduler job, three alert conditions and the key are priced; the feature online store bills and has no price in the table', () => {
  expect(costOf(1).lines.map((l) => [l.type, l.count, l.monthlyUsd])).toEqual([
    ['google_cloud_scheduler_job', 1, 0.1], ['google_kms_crypto_key', 1, 0.06], ['google_monitoring_alert_policy', 3, 4.5], ['google_vertex_ai_feature_online_store', 1, undefined],
  ]);
  expect(costOf(1).pricedMonthlyUsd).toBe(4.66);
  expect(costOf(1).unpriced).toEqual(['google_vertex_ai_feature_online_store']);
  // No GKE cluster or node pool: training is Vertex AI custom jobs, billed per run.
  expect(documents.get(1).resource.google_container_cluster).toBeUndefined();
  expect(documents.get(1).resource.google_container_node_pool).toBeUndefined();
});

test('level 2 adds no idle bill (triggers bill per build-minute); level 3 adds the drift monitor\'s scheduler job and two alert conditions', () => {
  expect(costOf(2).lines).toEqual(costOf(1).lines);
  expect(costOf(3).lines.map((l) => [l.type, l.count, l.monthlyUsd])).toEqual([
    ['google_cloud_scheduler_job', 2, 0.2], ['google_kms_crypto_key', 1, 0.06], ['google_monitoring_alert_policy', 5, 7.5], ['google_vertex_ai_feature_online_store', 1, undefined],
  ]);
  expect(costOf(3).pricedMonthlyUsd).toBe(7.76);
});

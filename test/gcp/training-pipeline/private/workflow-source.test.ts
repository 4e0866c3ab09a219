/**
 * The gate of the generated workflow, run by the test interpreter of the Workflows language,
 * agrees with core `gateDecision` on every row of its table: both directions, no bar and a bar,
 * manual and automatic promotion with and without a margin, no champion, a champion beaten, tied
 * or not beaten, candidates on, above and below the bar. And the champion's metric is read from
 * the labels a registered version carries.
 */
import {
  EvaluationMetric, GateDecision, gateDecision, MODEL_VERSION_METADATA, PromotionPolicy,
} from '../../../../lib/core';
import { metricFromLabelValue, metricLabelValue } from '../../../../lib/gcp/model-registry/model-registry';
import { BELOW_BAR_ERROR, gateSubworkflow, numberLiteral } from '../../../../lib/gcp/training-pipeline/private/workflow-source';
import { runSubworkflow, WorkflowRaise } from '../workflows-interpreter';

/** The generated gate's decision, as core names it. */
function workflowDecision(metric: EvaluationMetric, bar: number | undefined, policy: PromotionPolicy, candidate: number, champion?: number): GateDecision {
  try {
    const decision = runSubworkflow(gateSubworkflow(metric, bar, policy) as any, {
      candidate, champion_exists: champion !== undefined, champion_value: champion ?? null,
    });
    return decision === 'champion' ? GateDecision.CHAMPION : decision === 'challenger' ? GateDecision.CHALLENGER : (() => { throw new Error(`returned ${decision}`); })();
  } catch (e) {
    if (e instanceof WorkflowRaise && (e.raised as { code: string }).code === BELOW_BAR_ERROR) {
      return GateDecision.BELOW_BAR;
    }
    throw e;
  }
}

const CASES: Array<{ metric: EvaluationMetric; bar?: number; candidates: number[]; champions: Array<number | undefined> }> = [
  { metric: EvaluationMetric.AUC, bar: 0.75, candidates: [0.5, 0.7499, 0.75, 0.755, 0.8, 0.805, 0.81, 0.9], champions: [undefined, 0.7, 0.75, 0.8, 0.805, 0.9] },
  { metric: EvaluationMetric.AUC, candidates: [0, 0.3, 0.8, 1], champions: [undefined, 0.3, 0.8] },
  { metric: EvaluationMetric.RMSE, bar: 250, candidates: [10, 200, 249, 250, 250.5, 400], champions: [undefined, 200, 201, 249.5, 250, 300] },
  { metric: EvaluationMetric.LOG_LOSS, bar: 0.4, candidates: [0.1, 0.39, 0.4, 0.41], champions: [undefined, 0.1, 0.395, 0.4] },
];
const POLICIES = [PromotionPolicy.manual(), PromotionPolicy.whenBetter(), PromotionPolicy.whenBetter({ margin: 0.005 }), PromotionPolicy.whenBetter({ margin: 1 })];

test('the generated gate decides as core gateDecision on every row of its table', () => {
  let rows = 0;
  const seen = new Set<GateDecision>();
  for (const { metric, bar, candidates, champions } of CASES) {
    for (const policy of POLICIES) {
      for (const candidate of candidates) {
        for (const champion of champions) {
          // No bar: every evaluated version clears it (the spec's default), so the policy alone decides.
          const core = bar === undefined ? policy.decide(metric, candidate, champion) : gateDecision(metric, bar, policy, candidate, champion);
          expect({ metric: metric.name, bar, policy: policy.margin, automatic: policy.automatic, candidate, champion, decision: workflowDecision(metric, bar, policy, candidate, champion) })
            .toEqual({ metric: metric.name, bar, policy: policy.margin, automatic: policy.automatic, candidate, champion, decision: core });
          seen.add(core);
          rows++;
        }
      }
    }
  }
  expect(rows).toBeGreaterThan(400);
  expect(seen).toEqual(new Set([GateDecision.BELOW_BAR, GateDecision.CHALLENGER, GateDecision.CHAMPION]));
});

test('below the bar the run fails with ModelBelowBar and a message naming the metric, the value and the bar', () => {
  expect(() => runSubworkflow(gateSubworkflow(EvaluationMetric.AUC, 0.75, PromotionPolicy.manual()) as any, { candidate: 0.6, champion_exists: false, champion_value: null }))
    .toThrow(expect.objectContaining({ raised: { code: 'ModelBelowBar', message: 'auc 0.6 does not clear the bar 0.75 (at least): not registered' } }));
});

test('a champion without a comparable metric keeps the candidate a challenger (never displaced by a number it cannot be compared with)', () => {
  const gate = gateSubworkflow(EvaluationMetric.AUC, undefined, PromotionPolicy.whenBetter()) as any;
  expect(runSubworkflow(gate, { candidate: 0.99, champion_exists: true, champion_value: null })).toBe('challenger');
  expect(runSubworkflow(gate, { candidate: 0.99, champion_exists: false, champion_value: null })).toBe('champion');
});

test('numbers are written without exponents; metric labels round-trip', () => {
  expect(numberLiteral(0.005)).toBe('0.005');
  expect(numberLiteral(1e-7)).toBe('0.0000001');
  expect(numberLiteral(250)).toBe('250');
  for (const value of [0.8123, 0, 1, 249.75, 1.5e-5, 12345.678]) {
    const label = metricLabelValue(value);
    expect(label).toMatch(/^[a-z0-9_-]{1,63}$/);
    expect(metricFromLabelValue(label)).toBe(value);
  }
  expect(metricFromLabelValue(undefined)).toBeUndefined();
  expect(metricFromLabelValue('n_a')).toBeUndefined();
  expect(MODEL_VERSION_METADATA.metricValue).toBe('metric-value');
});

import { EvaluationMetric, gateDecision, GateDecision, PromotionPolicy } from 'mlops-constructs';

describe('gateDecision: the table both clouds implement', () => {
  const auc = EvaluationMetric.AUC;
  const whenBetter = PromotionPolicy.whenBetter({ margin: 0.01 });

  test.each([
    ['below the bar', auc, 0.7, whenBetter, 0.69, 0.6, GateDecision.BELOW_BAR],
    ['not a number', auc, 0.7, whenBetter, Number.NaN, undefined, GateDecision.BELOW_BAR],
    ['manual: always challenger', auc, 0.7, PromotionPolicy.manual(), 0.99, 0.6, GateDecision.CHALLENGER],
    ['whenBetter, no champion yet', auc, 0.7, whenBetter, 0.71, undefined, GateDecision.CHAMPION],
    ['whenBetter, beats by more than the margin', auc, 0.7, whenBetter, 0.82, 0.8, GateDecision.CHAMPION],
    ['whenBetter, beats by exactly the margin (not more)', auc, 0.7, PromotionPolicy.whenBetter({ margin: 0.5 }), 1, 0.5, GateDecision.CHALLENGER],
    ['whenBetter, worse than the champion', auc, 0.7, whenBetter, 0.75, 0.8, GateDecision.CHALLENGER],
    ['lower is better: RMSE beats', EvaluationMetric.RMSE, 10, whenBetter, 8, 9, GateDecision.CHAMPION],
    ['lower is better: RMSE above the bar', EvaluationMetric.RMSE, 10, whenBetter, 11, 12, GateDecision.BELOW_BAR],
  ])('%s', (_what, metric, bar, policy, candidate, champion, decision) => {
    expect(gateDecision(metric, bar, policy, candidate, champion)).toBe(decision);
  });
});

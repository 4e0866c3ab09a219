/**
 * The gate handler, with the SageMaker client mocked at the client level (aws-sdk-client-mock):
 * every row of the core gateDecision table, the champion read from the registry's newest
 * Approved version, a champion that cannot be compared, and the shipped bundle itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DescribeModelPackageCommand, ListModelPackagesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { EvaluationMetric, GateDecision, gateDecision, PromotionPolicy } from 'mlops-constructs';
import { GateEvent, handler } from '../../../lib/aws/training-pipeline/private/handlers/gate';

const sagemaker = mockClient(SageMakerClient);
const CHAMPION_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/churn-models/7';

function withChampion(metadata: Record<string, string> | undefined): void {
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: metadata === undefined ? [] : [{ ModelPackageArn: CHAMPION_ARN, ModelPackageGroupName: 'churn-models', ModelPackageStatus: 'Completed', CreationTime: new Date(0) } as any] });
  sagemaker.on(DescribeModelPackageCommand).resolves({ ModelPackageArn: CHAMPION_ARN, CustomerMetadataProperties: metadata } as any);
}

const event = (overrides: Partial<GateEvent> = {}): GateEvent => ({ modelPackageGroupName: 'churn-models', metric: 'auc', bar: 0.7, automatic: false, margin: 0, candidate: '0.8', ...overrides });

beforeEach(() => sagemaker.reset());

test('the champion is the group\'s newest Approved version, read with ListModelPackages then DescribeModelPackage', async () => {
  withChampion({ 'metric-name': 'auc', 'metric-value': '0.75' });
  const result = await handler(event({ automatic: true }));
  expect(sagemaker.commandCalls(ListModelPackagesCommand)[0].args[0].input).toEqual({
    ModelPackageGroupName: 'churn-models', ModelApprovalStatus: 'Approved', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1,
  });
  expect(sagemaker.commandCalls(DescribeModelPackageCommand)[0].args[0].input).toEqual({ ModelPackageName: CHAMPION_ARN });
  expect(result).toMatchObject({ decision: GateDecision.CHAMPION, approvalStatus: 'Approved', candidate: 0.8, champion: { modelPackageArn: CHAMPION_ARN, metricValue: 0.75 } });
});

describe('every row of the core table, for a higher- and a lower-is-better metric', () => {
  const rows: Array<[string, number | null, boolean, number, string, number | undefined]> = [
    // metric, bar, automatic, margin, candidate, champion
    ['auc', 0.7, false, 0, '0.6', undefined],
    ['auc', 0.7, false, 0, '0.8', undefined],
    ['auc', 0.7, false, 0, '0.8', 0.9],
    ['auc', 0.7, true, 0, '0.8', undefined],
    ['auc', 0.7, true, 0.01, '0.8', 0.75],
    ['auc', 0.7, true, 0.01, '0.755', 0.75],
    ['auc', 0.7, true, 0, '0.7', 0.8],
    ['auc', null, true, 0, '0.1', undefined],
    ['rmse', 10, true, 0, '12', undefined],
    ['rmse', 10, true, 0.5, '8', 9],
    ['rmse', 10, true, 0.5, '8.7', 9],
    ['rmse', null, false, 0, '1000', 3],
  ];
  test.each(rows)('%s bar %s automatic %s margin %s: candidate %s vs champion %s', async (name, bar, automatic, margin, candidate, champion) => {
    withChampion(champion === undefined ? undefined : { 'metric-name': name, 'metric-value': String(champion) });
    const result = await handler(event({ metric: name, bar, automatic, margin, candidate }));
    const metric = EvaluationMetric.BUILT_IN.find((m) => m.name === name)!;
    const policy = automatic ? PromotionPolicy.whenBetter({ margin }) : PromotionPolicy.manual();
    const expected = gateDecision(metric, bar ?? (name === 'auc' ? -Infinity : Infinity), policy, Number(candidate), champion);
    expect(result.decision).toBe(expected);
    expect(result.approvalStatus).toBe({ [GateDecision.CHAMPION]: 'Approved', [GateDecision.CHALLENGER]: 'PendingManualApproval', [GateDecision.BELOW_BAR]: undefined }[expected]);
  });
});

test('a candidate without a value (no validation rows) is below the bar, and says why', async () => {
  withChampion(undefined);
  for (const candidate of [null, '']) {
    const result = await handler(event({ candidate }));
    expect(result).toMatchObject({ decision: GateDecision.BELOW_BAR, approvalStatus: undefined, candidate: null });
    expect(result.reason).toMatch(/no value: no validation rows\?/);
  }
});

test('a champion that carries no comparable metric is never replaced automatically', async () => {
  for (const metadata of [{} as Record<string, string>, { 'metric-name': 'accuracy', 'metric-value': '0.9' }, { 'metric-name': 'auc', 'metric-value': 'n/a' }]) {
    withChampion(metadata);
    const result = await handler(event({ automatic: true, candidate: '0.99' }));
    expect(result).toMatchObject({ decision: GateDecision.CHALLENGER, approvalStatus: 'PendingManualApproval', champion: { modelPackageArn: CHAMPION_ARN } });
    expect(result.reason).toMatch(/carries no auc to compare with/);
  }
});

test('an unknown metric and a SageMaker error fail the invocation (and so the run)', async () => {
  await expect(handler(event({ metric: 'f1' }))).rejects.toThrow(/unknown metric "f1"/);
  sagemaker.on(ListModelPackagesCommand).rejects(new Error('AccessDeniedException'));
  await expect(handler(event())).rejects.toThrow(/AccessDeniedException/);
});

test('the shipped bundle: built at the library\'s build, under 1 MB, exporting the handler', () => {
  const bundle = path.join(__dirname, '..', '..', '..', 'dist', 'handlers', 'training-pipeline-gate', 'index.js');
  const size = fs.statSync(bundle).size;
  expect(size).toBeLessThan(1024 * 1024);
  expect(size).toBeGreaterThan(50 * 1024); // the SageMaker client is inside, not left to the runtime
  expect(typeof require(bundle).handler).toBe('function');
  expect(fs.readdirSync(path.dirname(bundle))).toEqual(['index.js']);
});

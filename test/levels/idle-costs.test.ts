/**
 * The idle-cost table of the AWS level stacks (tools/levels/idle-costs.ts): every resource type a
 * level stack synthesizes is in it — with and without an endpoint — so a new always-on resource
 * cannot appear unpriced, and the estimate of each level is what the table says.
 */
import { awsIdleCost, AWS_IDLE_COSTS } from '../../tools/levels/idle-costs';
import { AWS_LEVELS } from '../../examples/aws/levels';
import { levelStack, levelTemplates } from '../aws/mlops-platform/fixtures';

jest.setTimeout(60_000);

const cases = AWS_LEVELS.flatMap((level) => [false, true].map((approved) => [level, approved] as const));
const costs = new Map(cases.map(([level, approved]) => [`${level}/${approved}`, awsIdleCost(levelTemplates(levelStack(level, { approved })))]));
const costOf = (level: number, approved: boolean) => costs.get(`${level}/${approved}`)!;

test.each(cases)('level %i (approved version: %p): every resource type is in the table', (level, approved) => {
  expect(costOf(level, approved).unknownTypes).toEqual([]);
});

test('an unknown type is reported, not priced as free', () => {
  const cost = awsIdleCost({ Resources: { Nat: { Type: 'AWS::EC2::NatGateway' }, Key: { Type: 'AWS::KMS::Key' } } });
  expect(cost.unknownTypes).toEqual(['AWS::EC2::NatGateway']);
  expect(cost.pricedMonthlyUsd).toBe(1);
});

test('every entry cites a page and a date; every billing entry has a price or says why not', () => {
  for (const [type, entry] of Object.entries(AWS_IDLE_COSTS)) {
    expect({ type, source: entry.source }).toEqual({ type, source: expect.stringMatching(/^https:\/\/\S+$/) });
    expect({ type, date: entry.date }).toEqual({ type, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    if (entry.billsWhenIdle && entry.monthlyUsd === undefined) {
      expect({ type, note: entry.note }).toEqual({ type, note: expect.stringMatching(/no stored page/) });
    }
  }
});

test('level 0: two keys (lake, registry) before a version is approved; the serverless endpoint adds its key and two alarms, not an idle bill', () => {
  expect(costOf(0, false).lines.map((l) => [l.type, l.count])).toEqual([['AWS::KMS::Key', 2]]);
  expect(costOf(0, false).pricedMonthlyUsd).toBe(2);
  expect(costOf(0, true).lines.map((l) => [l.type, l.count])).toEqual([['AWS::CloudWatch::Alarm', 2], ['AWS::KMS::Key', 3]]);
  expect(costOf(0, true).pricedMonthlyUsd).toBe(3.2);
  expect(costOf(0, true).unpriced).toEqual([]);
});

test('level 1: the on-demand stream is most of it; the instance-backed endpoint bills and has no price in the table', () => {
  expect(costOf(1, false).lines.map((l) => [l.type, l.count, l.monthlyUsd])).toEqual([
    ['AWS::CloudWatch::Alarm', 8, 0.8], ['AWS::Kinesis::Stream', 1, 29.2], ['AWS::KMS::Key', 7, 7],
  ]);
  expect(costOf(1, false).pricedMonthlyUsd).toBe(37);
  expect(costOf(1, true).unpriced).toEqual(['AWS::SageMaker::Endpoint']);
  expect(costOf(1, true).pricedMonthlyUsd).toBe(38.2);
});

test('levels 2 and 3: the delivery pipeline adds one key (pipelines, builds, rules bill per use); the endpoints are in the stages\' stacks, staging serverless (its key and two alarms, no idle bill) and production instance-backed; the drift monitor adds a key and two alarms', () => {
  expect(costOf(2, false).pricedMonthlyUsd).toBe(38);
  // 38 + staging (key, 2 alarms) + production (key, 2 alarms), and production's instances, unpriced.
  expect(costOf(2, true).pricedMonthlyUsd).toBe(40.4);
  expect(costOf(2, true).unpriced).toEqual(['AWS::SageMaker::Endpoint']);
  expect(costOf(3, true).lines.map((l) => [l.type, l.count])).toEqual([
    ['AWS::CloudWatch::Alarm', 14], ['AWS::Kinesis::Stream', 1], ['AWS::KMS::Key', 11], ['AWS::SageMaker::Endpoint', 1],
  ]);
  expect(costOf(3, true).pricedMonthlyUsd).toBe(41.6);
});

/**
 * The checks every AWS construct passes, for MlopsPlatform: zero findings from the CloudFormation
 * validator (errors and warnings) and from cdk-nag AwsSolutions and NIST 800-53 rev 5 on each
 * level's stack with an approved model version in the context, so that the endpoint is in the
 * checked templates — the level stack's at levels 0 and 1, the stages' serving stacks from level 2
 * (`npm run synth` checks the reference stacks, which have none yet).
 *
 * One checked synth for the whole file. Stacks: `Level<N>` for each level this build composes, in a
 * concrete environment; and the Canary (see checkedSynth).
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AWS_LEVELS, MlopsLevelStack, SYNTH_CONTEXT } from '../../../examples/aws/levels';
import { AwsFinding, checkedSynth, findingsUnder, formatFindings } from '../../../tools/checks/aws-checks';
import { approvedContext, env } from './fixtures';

/** The feature group fingerprints of the `Level<N>` stacks (their group names derive from the stack names). */
const FINGERPRINTS: Record<string, string> = {
  Level1: 'v1.94d5b5.1a8ce8.6ae92d.ee5606.6cc458.57401f.23fd24.74234e',
  Level2: 'v1.99de50.1a8ce8.6ae92d.ee5606.1b6bb5.57401f.23fd24.74234e',
  Level3: 'v1.dc084f.1a8ce8.6ae92d.ee5606.b224d8.57401f.23fd24.74234e',
};

const STACKS = AWS_LEVELS.map((l) => `Level${l}`);

let findings: AwsFinding[];
let assembly: CloudAssembly;

beforeAll(() => {
  const context = Object.assign({ ...SYNTH_CONTEXT }, ...STACKS.map((name) => approvedContext(name)));
  ({ assembly, findings } = checkedSynth((app) => {
    AWS_LEVELS.forEach((level, i) => new MlopsLevelStack(app, STACKS[i], { level, env, featureFingerprint: FINGERPRINTS[STACKS[i]] }));
  }, { context }));
});

test('vacuity: the validator and both packs ran in this synth and report the plain bucket', () => {
  const canary = findingsUnder(findings, 'Canary');
  expect(new Set(canary.map((f) => f.plugin))).toEqual(new Set(['CloudFormation Validate', 'AwsSolutions', 'NIST.800.53.R5']));
});

test('the checked stacks hold what they are meant to check: the endpoint from level 0, the delivery pipeline from 2, the drift monitor at 3', () => {
  const types = (stack: string) => Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type);
  expect(types('Level2')).toContain('AWS::CodePipeline::Pipeline');
  expect(types('Level3').filter((t) => t === 'AWS::StepFunctions::StateMachine')).toHaveLength(2);
});

test.each(['Staging', 'Production'].flatMap((stage) => STACKS.slice(2).map((stack) => `${stack}/${stage}`)))('%s (the delivered application, and the platform\'s endpoint of that stage) has zero findings', (path) => {
  const [stack, stage] = path.split('/');
  const serving = assembly.stacksRecursively.find((s) => s.stackName === `${stack}-${stage}-Serving`);
  expect(Object.values((serving!.template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type)).toContain('AWS::SageMaker::Endpoint');
  expect(formatFindings(findingsUnder(findings, path))).toBe('');
  expect(findings.some((f) => f.constructPaths.some((p) => p.startsWith('Canary/')))).toBe(true);
});

test.each(STACKS)('%s (with its endpoint, or from level 2 its endpoints in the stages) has zero findings, errors and warnings', (stack) => {
  const types = Object.values((assembly.getStackByName(stack).template as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type);
  if (['Level0', 'Level1'].includes(stack)) {
    expect(types).toContain('AWS::SageMaker::Endpoint');
  } else {
    expect(types).not.toContain('AWS::SageMaker::Endpoint');
  }
  expect(formatFindings(findingsUnder(findings, stack))).toBe('');
});

test('every finding of the synth is the canary\'s', () => {
  const elsewhere = findings.filter((f) => f.constructPaths.length === 0 || f.constructPaths.some((p) => !p.startsWith('Canary/')));
  expect(formatFindings(elsewhere)).toBe('');
});

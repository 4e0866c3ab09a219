/**
 * A Terraform variable's number (an encoded token) handed to Duration or Size is refused at the
 * factory with the library's error, never printed as a garbage number by the prop that checks it.
 * Found by test/gcp/constructs.property.test.ts: `jobTimeout: Duration.hours(variable.numberValue)`
 * was reported as `{"amount":-8.1e+298,...}` (and likewise messageRetention, window,
 * modelLatencyAlarmThreshold).
 */
import { TerraformVariable } from 'cdktf';
import { MlopsValidationError } from 'mlops-constructs';
import { Duration, Size, TrainingPipeline } from 'mlops-constructs/gcp';
import { newStack } from './support';
import { churnSpec, platform } from './training-pipeline/fixtures';

const hours = (stack: ReturnType<typeof newStack>) => new TerraformVariable(stack, 'Hours', { type: 'number', default: 3 }).numberValue;

test.each<[string, (n: number) => unknown]>([
  ['Duration.seconds(amount)', (n) => Duration.seconds(n)],
  ['Duration.minutes(amount)', (n) => Duration.minutes(n)],
  ['Duration.hours(amount)', (n) => Duration.hours(n)],
  ['Duration.days(amount)', (n) => Duration.days(n)],
  ['Size.mebibytes(amount)', (n) => Size.mebibytes(n)],
  ['Size.gibibytes(amount)', (n) => Size.gibibytes(n)],
])('%s of a Terraform variable: "a literal number", the token not printed', (property, make) => {
  const amount = hours(newStack());
  let error: unknown;
  try {
    make(amount);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlopsValidationError);
  expect((error as MlopsValidationError).property).toBe(property);
  expect((error as Error).message).toMatch(/invalid .*\(amount\): \(a token\)\. Allowed: a literal number/);
  expect((error as Error).message).not.toMatch(/e\+\d{3}/);
});

test('the failing input the property test found: jobTimeout of Duration.hours(variable)', () => {
  const stack = newStack();
  const { lake, training, registry } = platform(stack);
  expect(() => new TrainingPipeline(stack, 'Pipeline', {
    lake, training, registry, spec: churnSpec(), jobTimeout: Duration.hours(hours(stack)),
  })).toThrow(/\[<no construct>\] invalid Duration\.hours\(amount\): \(a token\)/);
});

test('literal amounts are unaffected', () => {
  expect([Duration.hours(2).toSeconds(), Size.gibibytes(2).toMebibytes()]).toEqual([7200, 2048]);
});

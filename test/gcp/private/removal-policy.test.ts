import { RemovalPolicy } from 'mlops-constructs/gcp';
import { resolveRemovalPolicy } from '../../../lib/gcp/private/removal-policy';

const scope = (context: Record<string, unknown> = {}) => ({ node: { path: 'stack/Lake', tryGetContext: (k: string) => context[k] } });

test('retains by default', () => {
  expect(resolveRemovalPolicy(scope(), 'removalPolicy', undefined)).toBe(RemovalPolicy.RETAIN);
});
test('DESTROY needs the app-level opt-in', () => {
  expect(() => resolveRemovalPolicy(scope(), 'removalPolicy', RemovalPolicy.DESTROY)).toThrow(/"mlops-constructs:allowDataDestruction": true/);
  expect(resolveRemovalPolicy(scope({ 'mlops-constructs:allowDataDestruction': true }), 'removalPolicy', RemovalPolicy.DESTROY)).toBe(RemovalPolicy.DESTROY);
});
test('an unknown policy is refused with the allowed values', () => {
  expect(() => resolveRemovalPolicy(scope(), 'removalPolicy', 'snapshot' as RemovalPolicy))
    .toThrow(/\[stack\/Lake\] invalid removalPolicy: "snapshot"\. Allowed: RemovalPolicy\.RETAIN or RemovalPolicy\.DESTROY/);
});

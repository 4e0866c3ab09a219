/**
 * What the rule tests share: a rule judging one resource of a small Terraform JSON fixture stack.
 */
import { PolicyCompliance } from '../../../lib/gcp/policy/engine/compliance';
import { PolicyRule } from '../../../lib/gcp/policy/engine/pack';
import { SynthesizedStack, TerraformJson } from '../../../lib/gcp/policy/engine/synthesized-stack';

/** Resources of a fixture stack: type → local name → configuration. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Judges the resource at `address` of a fixture stack with `rule`. */
export function judge(rule: PolicyRule, resources: Resources, address: string, data: TerraformJson['data'] = {}): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: resources, data });
  const resource = stack.resources.find((r) => r.address === address);
  if (!resource) {
    throw new Error(`fixture has no ${address}`);
  }
  return rule(resource, stack);
}

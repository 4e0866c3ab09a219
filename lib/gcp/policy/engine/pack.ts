import { PolicyCompliance } from './compliance';
import { SynthesizedResource, SynthesizedStack } from './synthesized-stack';

/**
 * A policy rule: a small pure function judging one resource of a synthesized stack. It may read
 * the rest of the stack (for cross-resource checks) but must not change anything.
 */
export type PolicyRule = (resource: SynthesizedResource, stack: SynthesizedStack) => PolicyCompliance;

/** A rule as a pack lists it: an id users acknowledge, the rule, what a finding says, where it comes from. */
export interface PolicyRuleDefinition {
  /** Stable rule id, e.g. `GCP-GCS1`. Acknowledgments name it. */
  readonly id: string;
  /** The rule function. */
  readonly rule: PolicyRule;
  /** What is wrong and how to fix it, as reported in a finding. */
  readonly message: string;
  /** The CIS Google Cloud Platform Foundation Benchmark control and/or checkov check the rule mirrors. */
  readonly reference: string;
}

/** A named set of rules (cdk-nag's `NagPack`). */
export interface PolicyPack {
  /** Pack name, shown in reports. */
  readonly name: string;
  /** The rules, in report order. */
  readonly rules: readonly PolicyRuleDefinition[];
}

/** How rule references name the CIS benchmark (sections follow it: `${CIS_GCP_BENCHMARK} 5.2`). */
export const CIS_GCP_BENCHMARK = 'CIS Google Cloud Platform Foundation Benchmark';

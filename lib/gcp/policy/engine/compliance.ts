/** The verdict of one policy rule on one synthesized resource (cdk-nag's `NagRuleCompliance`). */
export enum PolicyCompliance {
  /** The resource follows the rule. */
  COMPLIANT = 'compliant',
  /** The resource breaks the rule: the runner reports a finding. */
  NON_COMPLIANT = 'non-compliant',
  /** The rule says nothing about this kind of resource (or another resource carries the verdict). */
  NOT_APPLICABLE = 'not-applicable',
}

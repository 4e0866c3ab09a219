import { PolicyRuleDefinition } from '../pack';

/** The rules for what this area's constructs create; GcpFoundationChecks lists them after the storage rules. */
export const GKE_RULES: readonly PolicyRuleDefinition[] = [];

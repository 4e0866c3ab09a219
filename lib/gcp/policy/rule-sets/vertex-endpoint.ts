import { PolicyRuleDefinition } from '../pack';

/** The rules for what this area's constructs create; GcpFoundationChecks lists them after the storage rules. */
export const VERTEX_ENDPOINT_RULES: readonly PolicyRuleDefinition[] = [];

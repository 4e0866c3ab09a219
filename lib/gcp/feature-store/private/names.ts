import { NamingRule } from '../../../core';
import { GcpLocationService } from '../../../core/locations';
import { regionRule } from '../../private/regions';

/**
 * Ids of feature online stores, feature views and feature groups: up to 60 characters of
 * `[a-z0-9_]`, not starting with a digit. Hyphens are refused, so a lake prefix has its hyphens
 * turned into underscores in these ids.
 *
 * The v1 API gives 60 characters for feature groups (`featureGroupId`); v1beta1 documents 128.
 * The stricter v1 limit is applied.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#name
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store_featureview#name
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups/create (featureGroupId)
 */
export const VERTEX_FEATURE_RESOURCE_ID_RULE: NamingRule = {
  pattern: /^[a-z_][a-z0-9_]{0,59}$/,
  description: '1 to 60 characters of lowercase letters, digits and underscores, not starting with a digit (Vertex AI Feature Store ids)',
};

/**
 * A Vertex AI region (`us-central1`, `europe-west4`). Feature Store resources are regional: there
 * is no `US` or `EU` multi-region for them.
 * @see https://cloud.google.com/vertex-ai/docs/general/locations
 */
export const VERTEX_REGION_RULE: NamingRule = regionRule(
  'a Vertex AI region such as "us-central1" or "europe-west4" (Feature Store resources are regional, not multi-regional)', GcpLocationService.VERTEX_AI);

/**
 * Projects allowed to reach a Private Service Connect endpoint: a project id or a project number.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#project_allowlist
 */
export const PSC_ALLOWED_PROJECT_RULE: NamingRule = {
  pattern: /^(?:[0-9]{1,20}|[a-z][a-z0-9-]{4,28}[a-z0-9])$/,
  description: 'a project id ("my-project") or a project number ("123456789012")',
};

import { PolicyCompliance } from '../../engine/compliance';
import { grantedMembers, isPublicMember } from '../shared/iam-members';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** The Vertex AI Feature Store resources that take IAM grants (most are google-beta resources). */
const FEATURE_STORE_GRANTED_RESOURCES = [
  'google_vertex_ai_feature_online_store',
  'google_vertex_ai_feature_online_store_featureview',
  'google_vertex_ai_feature_group',
  'google_vertex_ai_featurestore',
  'google_vertex_ai_featurestore_entitytype',
];

/** Their IAM member, binding and policy resources. */
const FEATURE_STORE_GRANT_TYPES: readonly string[] = FEATURE_STORE_GRANTED_RESOURCES
  .flatMap((type) => ['member', 'binding', 'policy'].map((kind) => `${type}_iam_${kind}`));

/**
 * No IAM member, binding or policy on a Vertex AI Feature Store resource (online store, feature
 * view, feature group, and the legacy featurestore and entity type) grants `allUsers` or
 * `allAuthenticatedUsers`: feature values are data about the entities they describe.
 *
 * No CIS control or checkov check covers these resources; this applies the principle of CIS 5.1
 * and 7.1 (checkov CKV_GCP_28 for buckets, CKV_GCP_15 for datasets) to the IAM resources of the
 * feature store. Each grant resource is judged on its own.
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/control-access
 */
export function vertexFeatureStoreNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  if (!FEATURE_STORE_GRANT_TYPES.includes(resource.type)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return grantedMembers(resource, stack).some(isPublicMember) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
}

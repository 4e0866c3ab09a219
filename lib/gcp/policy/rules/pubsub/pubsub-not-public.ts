import { PolicyCompliance } from '../../engine/compliance';
import { grantedMembers, isPublicMember } from '../shared/iam-members';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** Pub/Sub topics and subscriptions, with the IAM resources that grant on them and the attribute naming the target. */
const PUBSUB_GRANTS: ReadonlyArray<{ readonly target: string; readonly grants: readonly string[]; readonly targetAttribute: string }> = [
  {
    target: 'google_pubsub_topic',
    grants: ['google_pubsub_topic_iam_member', 'google_pubsub_topic_iam_binding', 'google_pubsub_topic_iam_policy'],
    targetAttribute: 'topic',
  },
  {
    target: 'google_pubsub_subscription',
    grants: ['google_pubsub_subscription_iam_member', 'google_pubsub_subscription_iam_binding', 'google_pubsub_subscription_iam_policy'],
    targetAttribute: 'subscription',
  },
];

/**
 * No Pub/Sub topic or subscription is granted to `allUsers` or `allAuthenticatedUsers` through an
 * IAM member, binding or policy: a public topic lets anyone inject messages into the pipeline, a
 * public subscription lets anyone read them.
 *
 * Mirrors checkov CKV_GCP_99 (`PubSubPrivateTopic`, "Ensure that PubSub Topics are not anonymously
 * or publicly accessible"), which reads `google_pubsub_topic_iam_member` / `_binding`; this rule
 * also reads topic IAM policies and applies the same test to subscriptions, for which checkov has
 * no check.
 *
 * Cross-resource like the bucket rule: a public grant is reported on the topic or subscription
 * when the stack defines it (found through the grant's reference or literal name), otherwise on
 * the grant.
 *
 * @see https://cloud.google.com/pubsub/docs/access-control
 */
export function pubsubNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  const isPublicGrant = (grant: SynthesizedResource): boolean => grantedMembers(grant, stack).some(isPublicMember);
  for (const kind of PUBSUB_GRANTS) {
    if (resource.type === kind.target) {
      const grants = stack.resourcesOfType(...kind.grants)
        .filter((grant) => stack.designates(grant.config[kind.targetAttribute], resource, ['name', 'id'], 'name'));
      return grants.some(isPublicGrant) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
    }
    if (kind.grants.includes(resource.type)) {
      const targetInStack = stack.resourcesOfType(kind.target)
        .some((target) => stack.designates(resource.config[kind.targetAttribute], target, ['name', 'id'], 'name'));
      if (targetInStack) {
        return PolicyCompliance.NOT_APPLICABLE;
      }
      return isPublicGrant(resource) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
    }
  }
  return PolicyCompliance.NOT_APPLICABLE;
}

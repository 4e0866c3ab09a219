import { PolicyCompliance } from '../../engine/compliance';
import { grantedMembers, isPublicMember } from '../shared/iam-members';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** Cloud Run services, v2 and v1 resources, with the attribute their IAM resources name them by. */
const SERVICE_GRANTS: ReadonlyArray<{ readonly service: string; readonly grants: readonly string[]; readonly serviceAttribute: string }> = [
  {
    service: 'google_cloud_run_v2_service',
    grants: ['google_cloud_run_v2_service_iam_member', 'google_cloud_run_v2_service_iam_binding', 'google_cloud_run_v2_service_iam_policy'],
    serviceAttribute: 'name',
  },
  {
    service: 'google_cloud_run_service',
    grants: ['google_cloud_run_service_iam_member', 'google_cloud_run_service_iam_binding', 'google_cloud_run_service_iam_policy'],
    serviceAttribute: 'service',
  },
];

/**
 * No Cloud Run service can be invoked by `allUsers` or `allAuthenticatedUsers`: no IAM member,
 * binding or policy grants them a role on it, and the v2 service does not switch the invoker check
 * off (`invoker_iam_disabled = true` lets every caller that reaches it invoke it).
 *
 * Mirrors checkov CKV_GCP_102 (`GCPCloudRunPrivateService`, "Ensure that GCP Cloud Run services
 * are not anonymously or publicly accessible"), which reads the v1
 * `google_cloud_run_service_iam_member` / `_binding` resources; this rule reads the v2 resources,
 * policies and `invoker_iam_disabled` as well.
 *
 * Cross-resource like the bucket rule: a public grant is reported on the service when the stack
 * defines it (found through the grant's reference or literal name), otherwise on the grant.
 *
 * @see https://cloud.google.com/run/docs/securing/managing-access
 */
export function cloudRunNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  const isPublicGrant = (grant: SynthesizedResource): boolean => grantedMembers(grant, stack).some(isPublicMember);
  for (const kind of SERVICE_GRANTS) {
    const grantsOf = (service: SynthesizedResource): SynthesizedResource[] => stack.resourcesOfType(...kind.grants)
      .filter((grant) => stack.designates(grant.config[kind.serviceAttribute], service, ['name', 'id'], 'name'));
    if (resource.type === kind.service) {
      if (resource.config.invoker_iam_disabled === true) {
        return PolicyCompliance.NON_COMPLIANT;
      }
      return grantsOf(resource).some(isPublicGrant) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
    }
    if (kind.grants.includes(resource.type)) {
      const serviceInStack = stack.resourcesOfType(kind.service)
        .some((service) => stack.designates(resource.config[kind.serviceAttribute], service, ['name', 'id'], 'name'));
      if (serviceInStack) {
        return PolicyCompliance.NOT_APPLICABLE;
      }
      return isPublicGrant(resource) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
    }
  }
  return PolicyCompliance.NOT_APPLICABLE;
}

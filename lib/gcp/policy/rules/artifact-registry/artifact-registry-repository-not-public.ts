import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';
import { grantedMembers, isPublicMember } from '../shared/iam-members';

const GRANTS = ['google_artifact_registry_repository_iam_member', 'google_artifact_registry_repository_iam_binding', 'google_artifact_registry_repository_iam_policy'];

/**
 * No Artifact Registry repository is granted to `allUsers` or `allAuthenticatedUsers` through an
 * IAM member, binding or policy: a public repository lets anyone pull the images (and what they
 * contain), or push over them.
 *
 * Mirrors checkov CKV_GCP_101 (`ArtifactRegistryPrivateRepo`, "Ensure that Artifact Registry
 * repositories are not anonymously or publicly accessible"), which reads the IAM member and
 * binding resources; this rule also reads IAM policies. As the Pub/Sub rule, a public grant is
 * reported on the repository when the stack defines it, otherwise on the grant.
 *
 * @see https://cloud.google.com/artifact-registry/docs/access-control
 */
export function artifactRegistryRepositoryNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  const isPublicGrant = (grant: SynthesizedResource): boolean => grantedMembers(grant, stack).some(isPublicMember);
  if (resource.type === 'google_artifact_registry_repository') {
    const grants = stack.resourcesOfType(...GRANTS).filter((g) => stack.designates(g.config.repository, resource, ['name', 'id', 'repository_id'], 'repository_id'));
    return grants.some(isPublicGrant) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  if (GRANTS.includes(resource.type)) {
    const inStack = stack.resourcesOfType('google_artifact_registry_repository')
      .some((r) => stack.designates(resource.config.repository, r, ['name', 'id', 'repository_id'], 'repository_id'));
    if (inStack) {
      return PolicyCompliance.NOT_APPLICABLE;
    }
    return isPublicGrant(resource) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  return PolicyCompliance.NOT_APPLICABLE;
}

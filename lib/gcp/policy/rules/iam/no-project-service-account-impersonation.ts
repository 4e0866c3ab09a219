import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';
import { PROJECT_IAM_TYPES, projectGrants } from './project-iam';

/** The roles that act as or mint tokens for service accounts. */
const IMPERSONATION_ROLES = ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'];

/**
 * Nobody holds Service Account User or Service Account Token Creator on the project: granted
 * there, they let the member act as every service account of the project. Grant them on the one
 * account instead (`google_service_account_iam_member`), as the library's launch and register
 * grants do.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 1.6 ("Ensure That IAM Users Are Not
 * Assigned the Service Account User or Service Account Token Creator Roles at Project Level") and
 * checkov CKV_GCP_41 (`GoogleRoleServiceAccountUser`).
 *
 * @see https://cloud.google.com/iam/docs/service-account-permissions
 */
export function noProjectServiceAccountImpersonation(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  if (!(PROJECT_IAM_TYPES as readonly string[]).includes(resource.type)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return projectGrants(resource, stack).some((g) => IMPERSONATION_ROLES.includes(g.role)) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
}

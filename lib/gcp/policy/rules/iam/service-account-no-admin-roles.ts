import { PolicyCompliance } from '../../engine/compliance';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';
import { isServiceAccountMember, PROJECT_IAM_TYPES, projectGrants } from './project-iam';

/** Basic roles and predefined administrator roles (`roles/<service>.admin`, `roles/*Admin`). */
const ADMIN_ROLE = /^roles\/(?:owner|editor|[A-Za-z0-9_.]*[aA]dmin)$/;

/**
 * No service account holds an administrator role on the project: `roles/owner`, `roles/editor`,
 * or a predefined `…admin` / `…Admin` role. A workload's identity gets the narrow roles its calls
 * need (the library grants intent-named roles and custom roles only).
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 1.5 ("Ensure That Service Account Has No
 * Admin Privileges") and checkov CKV_GCP_42 (`GoogleProjectAdminServiceAccount`, on
 * `google_project_iam_member` and `_binding`); this rule also reads project IAM policies.
 *
 * @see https://cloud.google.com/iam/docs/best-practices-service-accounts#restrict-admin-privileges
 */
export function serviceAccountNoAdminRoles(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  if (!(PROJECT_IAM_TYPES as readonly string[]).includes(resource.type)) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return projectGrants(resource, stack).some((g) => ADMIN_ROLE.test(g.role) && isServiceAccountMember(g.member))
    ? PolicyCompliance.NON_COMPLIANT
    : PolicyCompliance.COMPLIANT;
}

/**
 * The service account and project IAM rules of the GCP policy pack (GCP-IAM1..3), on small
 * Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { IAM_RULES } from '../../../../lib/gcp/policy/rules/iam';
import { noProjectServiceAccountImpersonation } from '../../../../lib/gcp/policy/rules/iam/no-project-service-account-impersonation';
import { serviceAccountNoAdminRoles } from '../../../../lib/gcp/policy/rules/iam/service-account-no-admin-roles';
import { serviceAccountNoKeys } from '../../../../lib/gcp/policy/rules/iam/service-account-no-keys';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;
const member = (role: string, who: string) => ({ google_project_iam_member: { m: { project: 'p', role, member: who } } });

describe('GCP-IAM1 serviceAccountNoKeys (CIS 1.4)', () => {
  test('a service account key is non-compliant; the account itself is not judged', () => {
    expect(judge(serviceAccountNoKeys, { google_service_account_key: { k: { service_account_id: '${google_service_account.s.name}' } } }, 'google_service_account_key.k')).toBe(NON_COMPLIANT);
    expect(judge(serviceAccountNoKeys, { google_service_account: { s: { account_id: 'churn-pipeline' } } }, 'google_service_account.s')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-IAM2 serviceAccountNoAdminRoles (CIS 1.5, CKV_GCP_42)', () => {
  test('compliant: narrow roles to service accounts, admin roles to people', () => {
    expect(judge(serviceAccountNoAdminRoles, member('roles/bigquery.jobUser', '${google_service_account.s.member}'), 'google_project_iam_member.m')).toBe(COMPLIANT);
    expect(judge(serviceAccountNoAdminRoles, member('roles/bigquery.admin', 'group:admins@example.com'), 'google_project_iam_member.m')).toBe(COMPLIANT);
    expect(judge(serviceAccountNoAdminRoles, member('${google_project_iam_custom_role.r.name}', 'serviceAccount:a@p.iam.gserviceaccount.com'), 'google_project_iam_member.m')).toBe(COMPLIANT);
  });
  test.each(['roles/owner', 'roles/editor', 'roles/storage.admin', 'roles/iam.serviceAccountAdmin'])('non-compliant: %s to a service account', (role) => {
    expect(judge(serviceAccountNoAdminRoles, member(role, 'serviceAccount:a@p.iam.gserviceaccount.com'), 'google_project_iam_member.m')).toBe(NON_COMPLIANT);
    expect(judge(serviceAccountNoAdminRoles, member(role, '${google_service_account.s.member}'), 'google_project_iam_member.m')).toBe(NON_COMPLIANT);
  });
  test('bindings and policies count too; other resources are not judged', () => {
    expect(judge(serviceAccountNoAdminRoles, { google_project_iam_binding: { b: { project: 'p', role: 'roles/editor', members: ['user:a@example.com', 'serviceAccount:x@p.iam.gserviceaccount.com'] } } },
      'google_project_iam_binding.b')).toBe(NON_COMPLIANT);
    expect(judge(serviceAccountNoAdminRoles, { google_project_iam_policy: { p: { project: 'p', policy_data: '${data.google_iam_policy.all.policy_data}' } } }, 'google_project_iam_policy.p',
      { google_iam_policy: { all: { binding: [{ role: 'roles/owner', members: ['serviceAccount:x@p.iam.gserviceaccount.com'] }] } } })).toBe(NON_COMPLIANT);
    expect(judge(serviceAccountNoAdminRoles, { google_storage_bucket_iam_member: { m: { role: 'roles/storage.admin', member: 'serviceAccount:x@p.iam.gserviceaccount.com' } } },
      'google_storage_bucket_iam_member.m')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-IAM3 noProjectServiceAccountImpersonation (CIS 1.6, CKV_GCP_41)', () => {
  test.each(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'])('non-compliant: %s on the project', (role) => {
    expect(judge(noProjectServiceAccountImpersonation, member(role, 'group:ops@example.com'), 'google_project_iam_member.m')).toBe(NON_COMPLIANT);
    expect(judge(noProjectServiceAccountImpersonation, { google_project_iam_policy: { p: { project: 'p', policy_data: JSON.stringify({ bindings: [{ role, members: ['user:a@example.com'] }] }) } } },
      'google_project_iam_policy.p')).toBe(NON_COMPLIANT);
  });
  test('compliant on the project for other roles; the same role on one service account is not judged', () => {
    expect(judge(noProjectServiceAccountImpersonation, member('roles/workflows.invoker', 'group:ops@example.com'), 'google_project_iam_member.m')).toBe(COMPLIANT);
    expect(judge(noProjectServiceAccountImpersonation, { google_service_account_iam_member: { m: { role: 'roles/iam.serviceAccountUser', member: 'group:ops@example.com' } } },
      'google_service_account_iam_member.m')).toBe(NOT_APPLICABLE);
  });
  test('the rules cite CIS controls and checkov checks', () => {
    expect(IAM_RULES.map((r) => [r.id, r.reference])).toEqual([
      ['GCP-IAM1', expect.stringMatching(/CIS .* 1\.4/)],
      ['GCP-IAM2', expect.stringMatching(/CIS .* 1\.5.*CKV_GCP_42/)],
      ['GCP-IAM3', expect.stringMatching(/CIS .* 1\.6.*CKV_GCP_41/)],
    ]);
  });
});

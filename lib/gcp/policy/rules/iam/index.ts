import { PolicyRuleDefinition } from '../../engine/pack';
import { noProjectServiceAccountImpersonation } from './no-project-service-account-impersonation';
import { serviceAccountNoAdminRoles } from './service-account-no-admin-roles';
import { serviceAccountNoKeys } from './service-account-no-keys';

/**
 * The rules for service accounts and project IAM (every construct creates service accounts; the
 * `TrainingPipeline` creates two).
 *
 * | id       | rule                                                              | reference               |
 * |----------|-------------------------------------------------------------------|-------------------------|
 * | GCP-IAM1 | no user-managed service account keys                              | CIS 1.4                 |
 * | GCP-IAM2 | no service account with an admin, owner or editor role on the project | CIS 1.5, CKV_GCP_42 |
 * | GCP-IAM3 | no Service Account User / Token Creator on the project            | CIS 1.6, CKV_GCP_41     |
 */
export const IAM_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-IAM1',
    rule: serviceAccountNoKeys,
    message: 'A user-managed service account key is created: authenticate with the attached service account, Workload Identity or workload identity federation instead of a long-lived key.',
    reference: 'CIS Google Cloud Platform Foundation Benchmark 1.4',
  },
  {
    id: 'GCP-IAM2',
    rule: serviceAccountNoAdminRoles,
    message: 'A service account is granted roles/owner, roles/editor or an administrator role on the project: grant the narrow roles its calls need.',
    reference: 'CIS Google Cloud Platform Foundation Benchmark 1.5; checkov CKV_GCP_42',
  },
  {
    id: 'GCP-IAM3',
    rule: noProjectServiceAccountImpersonation,
    message: 'roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator is granted on the project (every service account of the project): grant it on the one service account (google_service_account_iam_member).',
    reference: 'CIS Google Cloud Platform Foundation Benchmark 1.6; checkov CKV_GCP_41',
  },
];

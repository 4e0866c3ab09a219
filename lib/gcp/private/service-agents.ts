/**
 * Google-managed service agents: the project lookup their emails are built from, their members,
 * and the key access they need for customer-managed encryption.
 *
 * Each construct keeps its own `google_project` data source where it always had it (a data
 * source is addressed by its construct path too), so two constructs of one stack can hold two
 * lookups of the same project.
 */
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { Construct } from 'constructs';
import { ITerraformDependable } from '../cdktf';
import { ICryptoKey } from '../crypto-key';

/**
 * The email domains of the service agents the constructs grant to: `service-<project number>@<domain>`.
 * @see https://cloud.google.com/iam/docs/service-agents
 */
export const SERVICE_AGENT_DOMAINS = {
  /** Pub/Sub (BigQuery subscriptions, dead-lettering, topic CMEK). */
  pubsub: 'gcp-sa-pubsub.iam.gserviceaccount.com',
  /** Vertex AI (feature view syncs, endpoint CMEK and request-response logging, custom jobs). */
  vertexAi: 'gcp-sa-aiplatform.iam.gserviceaccount.com',
  /** Cloud Run (container image CMEK). */
  cloudRun: 'serverless-robot-prod.iam.gserviceaccount.com',
  /** GKE (Secrets encryption in etcd). */
  gke: 'container-engine-robot.iam.gserviceaccount.com',
  /** Compute Engine (node boot disks). */
  compute: 'compute-system.iam.gserviceaccount.com',
  /** Workflows (workflow and execution data CMEK). */
  workflows: 'gcp-sa-workflows.iam.gserviceaccount.com',
} as const;

/** What a service agent needs on a customer-managed key. */
export const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** The `google_project` data source of `project` (the provider's project when `undefined`): its number names the service agents. */
export function createProjectLookup(scope: Construct, id: string, project: string | undefined): DataGoogleProject {
  return new DataGoogleProject(scope, id, { projectId: project });
}

/** `serviceAccount:service-<project number>@<domain>`. */
export function serviceAgentMember(project: DataGoogleProject, domain: string): string {
  return `serviceAccount:service-${project.number}@${domain}`;
}

/** Lets `member` (a service agent) encrypt and decrypt with `key`. */
export function createKeyAccess(scope: Construct, id: string, key: ICryptoKey, member: string, dependsOn?: ITerraformDependable[]): KmsCryptoKeyIamMember {
  return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId: key.id, role: KMS_ENCRYPTER_DECRYPTER_ROLE, member, dependsOn });
}

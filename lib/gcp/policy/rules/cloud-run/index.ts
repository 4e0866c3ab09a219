import { PolicyRuleDefinition } from '../../engine/pack';
import { cloudRunCmek } from './cloud-run-cmek';
import { cloudRunDedicatedServiceAccount } from './cloud-run-dedicated-service-account';
import { cloudRunIngressInternal } from './cloud-run-ingress-internal';
import { cloudRunNotPublic } from './cloud-run-not-public';

/**
 * The rules for Cloud Run services (`ModelEndpoint` on Cloud Run). GcpFoundationChecks lists them
 * after the storage rules.
 *
 * Checkov ids were read in checkov's source (`checkov/terraform/checks/resource/gcp/`); where
 * checkov has no Cloud Run check, the rule cites the Google document it follows and, if checkov
 * makes the same requirement of another service, that check.
 *
 * | id       | rule                                                                  | reference                                        |
 * |----------|-----------------------------------------------------------------------|--------------------------------------------------|
 * | GCP-RUN1 | service is not invokable by allUsers / allAuthenticatedUsers          | CKV_GCP_102 (v1 IAM resources; v2 here too)      |
 * | GCP-RUN2 | ingress is internal, or internal and Cloud Load Balancing              | Cloud Run ingress guide; as CKV_GCP_124 for Cloud Functions |
 * | GCP-RUN3 | container image encrypted with a CMEK                                 | Cloud Run CMEK guide; no checkov equivalent      |
 * | GCP-RUN4 | revisions run as a dedicated service account, not the Compute default | Cloud Run service identity; as CKV_GCP_30 for instances |
 */
export const CLOUD_RUN_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-RUN1',
    rule: cloudRunNotPublic,
    message: 'The Cloud Run service can be invoked by anyone: remove the allUsers / allAuthenticatedUsers grant and do not set invoker_iam_disabled = true.',
    reference: 'checkov CKV_GCP_102; https://cloud.google.com/run/docs/securing/managing-access',
  },
  {
    id: 'GCP-RUN2',
    rule: cloudRunIngressInternal,
    message: 'The Cloud Run service accepts requests from the internet: set ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY" or "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER".',
    reference: 'https://cloud.google.com/run/docs/securing/ingress; no checkov check on Cloud Run (checkov CKV_GCP_124 requires it of Cloud Functions)',
  },
  {
    id: 'GCP-RUN3',
    rule: cloudRunCmek,
    message: 'The Cloud Run service is not encrypted with a customer-managed key: set template { encryption_key } (ModelEndpoint: pass encryptionKey).',
    reference: 'https://cloud.google.com/run/docs/securing/using-cmek; no checkov equivalent',
  },
  {
    id: 'GCP-RUN4',
    rule: cloudRunDedicatedServiceAccount,
    message: 'The Cloud Run revisions run as the Compute Engine default service account: set template { service_account } to a dedicated service account.',
    reference: 'https://cloud.google.com/run/docs/securing/service-identity; no checkov check on Cloud Run (checkov CKV_GCP_30 requires it of Compute Engine instances)',
  },
];

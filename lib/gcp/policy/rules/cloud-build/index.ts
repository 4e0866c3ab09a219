import { PolicyRuleDefinition } from '../../engine/pack';
import { cloudbuildTriggerBuildLogs } from './cloudbuild-trigger-build-logs';
import { cloudbuildTriggerDedicatedServiceAccount } from './cloudbuild-trigger-dedicated-service-account';

/**
 * The rules for Cloud Build triggers (`DeliveryPipeline`). Neither the CIS Google Cloud benchmark
 * nor checkov has a Cloud Build trigger control: each rule cites the Google document it follows.
 *
 * | id      | rule                                                          | reference                                                   |
 * |---------|---------------------------------------------------------------|-------------------------------------------------------------|
 * | GCP-CB1 | trigger builds as a dedicated, user-specified service account | Google "Configure user-specified service accounts"; CKV_GCP_30's pattern |
 * | GCP-CB2 | the trigger's inline build keeps its logs (logging not NONE)  | Google "Store and manage build logs"                        |
 */
export const CLOUD_BUILD_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-CB1',
    rule: cloudbuildTriggerDedicatedServiceAccount,
    message: 'The Cloud Build trigger builds as the legacy Cloud Build service account or the Compute Engine default account (or none): set service_account to a dedicated account with only the roles the build needs.',
    reference: 'Google Cloud Build "Configure user-specified service accounts" (https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts); the pattern of checkov CKV_GCP_30; no CIS control',
  },
  {
    id: 'GCP-CB2',
    rule: cloudbuildTriggerBuildLogs,
    message: 'The Cloud Build trigger\'s build discards its logs (options.logging = NONE): log to Cloud Logging (CLOUD_LOGGING_ONLY) or to a logs bucket, so that what each deployment ran can be audited.',
    reference: 'Google Cloud Build "Store and manage build logs" (https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs); no CIS control or checkov check',
  },
];

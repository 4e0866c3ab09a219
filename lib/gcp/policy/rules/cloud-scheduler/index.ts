import { PolicyRuleDefinition } from '../../engine/pack';
import { cloudSchedulerAuthenticatedTarget } from './cloud-scheduler-authenticated-target';
import { cloudSchedulerHttpsTarget } from './cloud-scheduler-https-target';

/**
 * The rules for Cloud Scheduler jobs (`TrainingPipeline` schedules). Neither the CIS Google Cloud
 * benchmark nor checkov has a Cloud Scheduler control: each rule cites the Google document it follows.
 *
 * | id       | rule                                                     | reference                                         |
 * |----------|----------------------------------------------------------|---------------------------------------------------|
 * | GCP-SCH1 | HTTP target authenticates as a service account (OAuth/OIDC) | Google "Use authentication with HTTP targets"  |
 * | GCP-SCH2 | HTTP target is an https:// URL                           | Google "Use authentication with HTTP targets"     |
 */
export const CLOUD_SCHEDULER_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-SCH1',
    rule: cloudSchedulerAuthenticatedTarget,
    message: 'The Cloud Scheduler job calls its HTTP target without authenticating: set http_target.oauth_token (Google APIs) or http_target.oidc_token (Cloud Run and other ID-token services) with a service_account_email.',
    reference: 'Google Cloud Scheduler "Use authentication with HTTP targets" (https://cloud.google.com/scheduler/docs/http-target-auth); no CIS control or checkov check',
  },
  {
    id: 'GCP-SCH2',
    rule: cloudSchedulerHttpsTarget,
    message: 'The Cloud Scheduler job\'s HTTP target is not an https:// URL: the request and its token would travel unencrypted.',
    reference: 'Google Cloud Scheduler "Use authentication with HTTP targets" (https://cloud.google.com/scheduler/docs/http-target-auth); no CIS control or checkov check',
  },
];

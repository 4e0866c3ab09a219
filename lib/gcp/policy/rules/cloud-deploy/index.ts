import { PolicyRuleDefinition } from '../../engine/pack';
import { clouddeployProductionApproval } from './clouddeploy-production-approval';
import { clouddeployTargetDedicatedServiceAccount } from './clouddeploy-target-dedicated-service-account';

/**
 * The rules for Cloud Deploy (`DeliveryPipeline` with `cloudRunDelivery`). Neither the CIS Google
 * Cloud benchmark nor checkov has a Cloud Deploy control: each rule cites the Google document it
 * follows.
 *
 * | id      | rule                                                               | reference                                       |
 * |---------|--------------------------------------------------------------------|-------------------------------------------------|
 * | GCP-CD1 | the last target of a delivery pipeline requires approval           | Cloud Deploy `Target.requireApproval`           |
 * | GCP-CD2 | targets render and deploy as a dedicated execution service account | Google "Cloud Deploy service accounts"; CKV_GCP_30's pattern |
 */
export const CLOUD_DEPLOY_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-CD1',
    rule: clouddeployProductionApproval,
    message: 'The last (production) target of the Cloud Deploy delivery pipeline does not require approval: set require_approval = true on it (DeliveryPipeline: ProductionApproval.manual()).',
    reference: 'Google Cloud Deploy Target.requireApproval (https://cloud.google.com/deploy/docs/api/reference/rest/v1/projects.locations.targets#Target); no CIS control or checkov check',
  },
  {
    id: 'GCP-CD2',
    rule: clouddeployTargetDedicatedServiceAccount,
    message: 'The Cloud Deploy target renders or deploys as the Compute Engine default account (no execution_configs service_account): set a dedicated execution service account with only the roles its rollouts need.',
    reference: 'Google "Cloud Deploy service accounts" (https://cloud.google.com/deploy/docs/cloud-deploy-service-account); the pattern of checkov CKV_GCP_30; no CIS control',
  },
];

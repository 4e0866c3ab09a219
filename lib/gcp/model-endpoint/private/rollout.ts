/**
 * The resources of a Vertex AI canary rollout, under the endpoint's `Rollout` scope: the
 * workflow (`Rollout/Resource`), its service account, a project custom role holding only the
 * permissions the workflow's calls need, acting as the serving account, and the Workflows
 * service agent's access to the key.
 */
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { Construct } from 'constructs';
import { ITerraformDependable } from '../../cdktf';
import { MANAGED_BY_LABELS } from '../../private/labels';
import { SERVICE_AGENT_DOMAINS } from '../../private/service-agents';
import { terraformEscapedSource } from '../../private/workflows';
import { VertexAiMachineSpec } from '../../vertex-ai-api';
import { renderCanaryRollout, ResolvedCanaryRollout, ROLLOUT_ENVIRONMENT } from './canary-rollout';
import { EndpointContext } from './context';
import { rolloutAccountId, rolloutRoleId, rolloutWorkflowName } from './names';

/**
 * What the workflow's calls need, and nothing else (a project custom role: the provider has no
 * endpoint-level IAM resource, and `roles/aiplatform.user` holds hundreds of permissions).
 *
 * | permission                      | call                                                     |
 * |---------------------------------|----------------------------------------------------------|
 * | aiplatform.endpoints.get        | endpoints.get (the traffic split in force)               |
 * | aiplatform.endpoints.deploy     | endpoints.deployModel (the canary)                       |
 * | aiplatform.endpoints.update     | endpoints.patch (`trafficSplit`: promotion)              |
 * | aiplatform.endpoints.undeploy   | endpoints.undeployModel (rollback, retiring the old one) |
 * | aiplatform.models.get           | deployModel reads the model version it deploys           |
 * | monitoring.timeSeries.list      | timeSeries.list (the rollback metrics)                   |
 *
 * @see https://cloud.google.com/vertex-ai/docs/general/access-control
 * @see https://cloud.google.com/monitoring/access-control
 */
export const ROLLOUT_PERMISSIONS: readonly string[] = [
  'aiplatform.endpoints.get',
  'aiplatform.endpoints.deploy',
  'aiplatform.endpoints.update',
  'aiplatform.endpoints.undeploy',
  'aiplatform.models.get',
  'monitoring.timeSeries.list',
];

/** deployModel with a serving account needs `iam.serviceAccounts.actAs` on it: granted on that one account. */
const ACT_AS_ROLE = 'roles/iam.serviceAccountUser';

/** What the rollout is built from, resolved by the endpoint. */
export interface CanaryRolloutSpec {
  readonly rollout: ResolvedCanaryRollout;
  readonly endpointId: string;
  /** The endpoint's resource name (a token). */
  readonly endpointResourceName: string;
  readonly machineSpec: VertexAiMachineSpec;
  readonly errorRateThreshold: number;
  readonly modelLatencyThresholdMs: number;
  readonly dependsOn: ITerraformDependable[];
}

/** The created rollout. */
export interface CanaryRolloutResources {
  readonly workflow: WorkflowsWorkflow;
  readonly serviceAccount: ServiceAccount;
  readonly source: string;
}

/** The workflow and its identity, under `<endpoint>/Rollout`. */
export function createCanaryRollout(ctx: EndpointContext, spec: CanaryRolloutSpec): CanaryRolloutResources {
  const scope = new Construct(ctx.scope, 'Rollout');
  const name = rolloutWorkflowName(ctx.prefix);
  const serviceAccount = new ServiceAccount(scope, 'ServiceAccount', {
    project: ctx.project,
    accountId: rolloutAccountId(ctx.prefix),
    displayName: `${ctx.prefix} canary rollout`,
    description: `Runs the workflow ${name}: deploys model versions onto the Vertex AI endpoint "${ctx.prefix}" by canary, reads their metrics, promotes or rolls back (mlops-constructs ModelEndpoint).`,
  });
  const role = new ProjectIamCustomRole(scope, 'Role', {
    project: ctx.projectId(),
    roleId: rolloutRoleId(ctx.prefix),
    title: `${ctx.prefix} endpoint canary rollout`,
    description: `Deploy, shift traffic and undeploy on Vertex AI endpoints, read metrics (created for "${ctx.prefix}" by mlops-constructs).`,
    permissions: [...ROLLOUT_PERMISSIONS],
  });
  const access = new Construct(scope, 'Access');
  const grants: ITerraformDependable[] = [
    new ProjectIamMember(access, 'Role', { project: ctx.projectId(), role: role.name, member: serviceAccount.member }),
    new ServiceAccountIamMember(access, 'ActAsServing', { serviceAccountId: ctx.servingAccount.name, role: ACT_AS_ROLE, member: serviceAccount.member }),
  ];
  if (ctx.encryptionKey) {
    grants.push(ctx.keyGrant('WorkflowsServiceAgentKeyAccess', ctx.serviceAgent(SERVICE_AGENT_DOMAINS.workflows)));
  }
  const source = renderCanaryRollout({
    rollout: spec.rollout,
    endpointId: spec.endpointId,
    machineSpec: spec.machineSpec,
    minReplicas: ctx.minReplicas,
    maxReplicas: ctx.maxReplicas,
    errorRateThreshold: spec.errorRateThreshold,
    modelLatencyThresholdMs: spec.modelLatencyThresholdMs,
  });
  const workflow = new WorkflowsWorkflow(scope, 'Resource', {
    project: ctx.project,
    region: ctx.region,
    name,
    description: `Canary rollout of a model version onto the Vertex AI endpoint "${ctx.prefix}": ${spec.rollout.canaryPercent} % for `
      + `${spec.rollout.bakeSeconds} s, then all traffic; rolled back when the error rate or model latency crosses its level.`,
    serviceAccount: serviceAccount.id,
    sourceContents: terraformEscapedSource(source.text),
    userEnvVars: {
      [ROLLOUT_ENVIRONMENT.endpoint]: spec.endpointResourceName,
      [ROLLOUT_ENVIRONMENT.region]: ctx.region,
      [ROLLOUT_ENVIRONMENT.servingAccount]: ctx.servingAccount.email,
    },
    callLogLevel: 'LOG_ERRORS_ONLY',
    cryptoKeyName: ctx.encryptionKey?.id,
    labels: MANAGED_BY_LABELS,
    deletionProtection: false,
    dependsOn: [...grants, ...spec.dependsOn],
  });
  return { workflow, serviceAccount, source: source.text };
}

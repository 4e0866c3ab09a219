/**
 * The Vertex AI half of a ModelEndpoint: the endpoint resource, the deployModel machine spec and
 * the traffic split of a deployModel body.
 */
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { acceleratorOfferingByInstanceType, AcceleratorPlatform, MlopsValidationError, throwIfProblems } from '../../../core';
import { ITerraformDependable } from '../../cdktf';
import { MANAGED_BY_LABELS } from '../../private/labels';
import { SERVICE_AGENT_DOMAINS } from '../../private/service-agents';
import { resolveLiteralName } from '../../private/validate';
import { warn } from '../../private/warnings';
import { VertexAiMachineSpec } from '../../vertex-ai-api';
import { ModelEndpointDeployModelOptions } from '../deploy-model-request';
import { ModelEndpointVertexAccess, ModelEndpointVertexAiOptions } from '../vertex-ai';
import { EndpointContext } from './context';
import { MACHINE_TYPE_RULE, VERTEX_DEPLOYED_MODEL_ID_RULE } from './names';
import { percentProblems } from './validation';

/** Vertex AI's own default machine for a deployed model. */
const DEFAULT_VERTEX_MACHINE_TYPE = 'n1-standard-2';

/**
 * Accelerator-optimized families carry their GPUs: a machine type of these families is always
 * deployed with its accelerators (N1 machines take attached GPUs or none).
 * @see https://cloud.google.com/compute/docs/accelerator-optimized-machines
 */
const GPU_BUNDLED_MACHINE_FAMILIES = ['a2', 'a3', 'g2'];

/** The Vertex AI endpoint `Resource`, after the service agent's grants on the key and the capture dataset. */
export function createVertexEndpoint(ctx: EndpointContext, options: ModelEndpointVertexAiOptions, endpointId: string, warningId: string): VertexAiEndpoint {
  const displayName = options.displayName ?? ctx.prefix;
  const agent = ctx.serviceAgent(SERVICE_AGENT_DOMAINS.vertexAi);
  const dependsOn: ITerraformDependable[] = [];
  if (ctx.encryptionKey) {
    dependsOn.push(ctx.keyGrant('VertexServiceAgentKeyAccess', agent));
  }
  if (ctx.capture) {
    dependsOn.push(ctx.captureGrant('VertexServiceAgentWriter', agent));
  }
  const access = options.access ?? ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT;
  if (access === ModelEndpointVertexAccess.DEDICATED_PUBLIC) {
    warn(ctx.scope, warningId, `The Vertex AI endpoint "${ctx.prefix}" is reachable from the internet `
      + '(DEDICATED_PUBLIC); only IAM stands between it and any caller. Prefer PRIVATE_SERVICE_CONNECT.');
  }
  return new VertexAiEndpoint(ctx.scope, 'Resource', {
    project: ctx.project,
    name: endpointId,
    displayName,
    description: `Model endpoint "${ctx.prefix}" (mlops-constructs ModelEndpoint). Models are deployed by the pipeline through the Vertex AI API.`,
    location: ctx.region,
    region: ctx.region,
    labels: MANAGED_BY_LABELS,
    encryptionSpec: ctx.encryptionKey ? { kmsKeyName: ctx.encryptionKey.id } : undefined,
    privateServiceConnectConfig: access === ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT
      ? { enablePrivateServiceConnect: true, enableSecurePrivateServiceConnect: true, projectAllowlist: options.allowedProjects ?? [ctx.projectId()] }
      : undefined,
    network: access === ModelEndpointVertexAccess.VPC_PEERING ? options.network : undefined,
    dedicatedEndpointEnabled: access === ModelEndpointVertexAccess.DEDICATED_PUBLIC ? true : undefined,
    predictRequestResponseLoggingConfig: ctx.capture ? {
      enabled: true,
      samplingRate: ctx.capture.samplingPercentage / 100,
      bigqueryDestination: { outputUri: `bq://${ctx.capture.table}` },
    } : undefined,
    dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
  });
}

/**
 * The deployModel machine spec: the catalog's row with an accelerator (resolved by the endpoint,
 * with the given machine type), else a CPU machine type.
 */
export function resolveVertexMachineSpec(ctx: EndpointContext, machineType: string | undefined): VertexAiMachineSpec {
  const accelerator = ctx.accelerator;
  if (accelerator === undefined) {
    const type = machineType ?? DEFAULT_VERTEX_MACHINE_TYPE;
    resolveLiteralName(ctx.scope, 'platform.machineType', MACHINE_TYPE_RULE, type);
    if (GPU_BUNDLED_MACHINE_FAMILIES.includes(type.split('-')[0])) {
      const offering = acceleratorOfferingByInstanceType(AcceleratorPlatform.GCP_VERTEX, type);
      throw new MlopsValidationError(ctx.scope, 'platform.machineType', type,
        `a machine type without built-in GPUs, or also set accelerator${offering ? ` ({ gpu: GpuType.${offering.gpu.name.replace('-', '_')}, gpusPerNode: ${offering.gpusPerNode} })` : ''}: ${type} always carries GPUs`);
    }
    return { machineType: type };
  }
  return { machineType: accelerator.instanceType, acceleratorType: accelerator.vertexAcceleratorType, acceleratorCount: accelerator.gpusPerNode };
}

/** The trafficSplit of a deployModel body: all to the new deployment, or a canary beside the stable one. */
export function renderTrafficSplit(ctx: EndpointContext, options: ModelEndpointDeployModelOptions, access: ModelEndpointVertexAccess): { [deployedModelId: string]: number } {
  const { canaryTrafficPercentage: canary, stableDeployedModelId: stable } = options;
  if (canary === undefined && stable === undefined) {
    return { 0: 100 };
  }
  throwIfProblems(ctx.scope, '', percentProblems(canary, 'deployModelRequest.canaryTrafficPercentage', 1, 99,
    'a whole percent from 1 to 99 for the new deployment (with stableDeployedModelId, which keeps the rest)'));
  const stableId = resolveLiteralName(ctx.scope, 'deployModelRequest.stableDeployedModelId', VERTEX_DEPLOYED_MODEL_ID_RULE, stable);
  if (access === ModelEndpointVertexAccess.VPC_PEERING) {
    throw new MlopsValidationError(ctx.scope, 'deployModelRequest.canaryTrafficPercentage', canary,
      'no canary on a VPC-peered endpoint: private endpoints serve one model and cannot split traffic (use PRIVATE_SERVICE_CONNECT)');
  }
  return { 0: canary!, [stableId]: 100 - canary! };
}

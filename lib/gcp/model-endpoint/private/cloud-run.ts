/**
 * The Cloud Run half of a ModelEndpoint: the service, its instance size, traffic and environment.
 */
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { MlopsValidationError, throwIfProblems } from '../../../core';
import { ITerraformDependable } from '../../cdktf';
import { MANAGED_BY_LABELS } from '../../private/labels';
import { SERVICE_AGENT_DOMAINS } from '../../private/service-agents';
import { warn } from '../../private/warnings';
import { Size } from '../../size';
import { ModelEndpointCloudRunIngress, ModelEndpointCloudRunOptions, ModelEndpointTraffic } from '../cloud-run';
import { EndpointContext } from './context';
import { cloudRunMemoryQuantity, cloudRunResourceProblems, revisionSuffixProblems } from './validation';

const DEFAULT_CLOUD_RUN_CPU = 2;
const DEFAULT_CLOUD_RUN_MEMORY = Size.gibibytes(4);
const DEFAULT_CLOUD_RUN_PORT = 8080;
/** Environment variables the endpoint sets on a Cloud Run container that captures. */
const CAPTURE_TABLE_VARIABLE = 'MLOPS_CAPTURE_TABLE';
const CAPTURE_SAMPLING_VARIABLE = 'MLOPS_CAPTURE_SAMPLING_PERCENTAGE';

/** The warning ids the service may add. */
export interface CloudRunWarningIds {
  readonly publicAccess: string;
  readonly noDeletionProtection: string;
}

/**
 * The Cloud Run service `Resource`, after the service agent's key grant and the serving
 * account's capture grant. Checks what the options cannot check alone: the instance size against
 * the GPU, revision names against the service name, the capture variables.
 */
export function createCloudRunService(ctx: EndpointContext, options: ModelEndpointCloudRunOptions, warnings: CloudRunWarningIds): CloudRunV2Service {
  const gpu = ctx.accelerator;
  const cpu = options.cpu ?? (gpu ? gpu.vcpus : DEFAULT_CLOUD_RUN_CPU);
  const memory = options.memory ?? (gpu ? Size.gibibytes(gpu.memoryGiB) : DEFAULT_CLOUD_RUN_MEMORY);
  throwIfProblems(ctx.scope, 'platform', cloudRunResourceProblems(cpu, memory, gpu !== undefined));
  const port = options.port ?? DEFAULT_CLOUD_RUN_PORT;
  const ingress = options.ingress ?? ModelEndpointCloudRunIngress.INTERNAL_ONLY;
  const serviceName = ctx.prefix;
  const suffix = options.revisionSuffix;
  if (suffix !== undefined) {
    throwIfProblems(ctx.scope, '', revisionSuffixProblems(suffix, serviceName, 'platform.revisionSuffix'));
  }
  if (ingress === ModelEndpointCloudRunIngress.ALL) {
    warn(ctx.scope, warnings.publicAccess, `The Cloud Run service "${serviceName}" accepts requests from the internet `
      + '(ingress ALL); only IAM stands between it and any caller. Prefer INTERNAL_ONLY or INTERNAL_AND_CLOUD_LOAD_BALANCING.');
  }
  const deletionProtection = options.deletionProtection ?? true;
  if (!deletionProtection) {
    warn(ctx.scope, warnings.noDeletionProtection, `The Cloud Run service "${serviceName}" has no deletion protection: `
      + 'a Terraform change can delete the serving endpoint.');
  }
  const traffic = options.traffic ?? ModelEndpointTraffic.latest();
  throwIfProblems(ctx.scope, 'platform.traffic', traffic.problems(serviceName));
  const environment = renderEnvironment(ctx, options.environment);

  const dependsOn: ITerraformDependable[] = [];
  if (ctx.encryptionKey) {
    dependsOn.push(ctx.keyGrant('CloudRunServiceAgentKeyAccess', ctx.serviceAgent(SERVICE_AGENT_DOMAINS.cloudRun)));
  }
  if (ctx.capture) {
    dependsOn.push(ctx.captureGrant('ServingAccountWriter', ctx.servingAccount.member));
  }
  const limits: Record<string, string> = { cpu: String(cpu), memory: cloudRunMemoryQuantity(memory) };
  if (gpu) {
    limits['nvidia.com/gpu'] = String(gpu.gpusPerNode);
  }
  return new CloudRunV2Service(ctx.scope, 'Resource', {
    project: ctx.project,
    name: serviceName,
    location: ctx.region,
    description: `Model endpoint "${ctx.prefix}" (mlops-constructs ModelEndpoint).`,
    labels: MANAGED_BY_LABELS,
    ingress,
    deletionProtection,
    template: {
      revision: suffix === undefined ? undefined : `${serviceName}-${suffix}`,
      labels: MANAGED_BY_LABELS,
      serviceAccount: ctx.servingAccount.email,
      encryptionKey: ctx.encryptionKey?.id,
      scaling: { minInstanceCount: ctx.minReplicas, maxInstanceCount: ctx.maxReplicas },
      nodeSelector: gpu ? { accelerator: gpu.gcpAcceleratorType ?? gpu.instanceType } : undefined,
      gpuZonalRedundancyDisabled: gpu ? !(options.gpuZonalRedundancy ?? true) : undefined,
      containers: [{
        image: options.image,
        ports: { containerPort: port },
        env: environment.length > 0 ? environment : undefined,
        // A GPU needs CPU always allocated (instance-based billing): cpu_idle false.
        resources: { limits, cpuIdle: gpu === undefined, startupCpuBoost: true },
      }],
    },
    traffic: traffic._render(serviceName),
    dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
  });
}

/** The container's variables: the options' (names checked by the platform), then the capture variables. */
function renderEnvironment(ctx: EndpointContext, environment: { [name: string]: string } | undefined): Array<{ name: string; value: string }> {
  const reserved = ctx.capture ? [CAPTURE_TABLE_VARIABLE, CAPTURE_SAMPLING_VARIABLE] : [];
  const variables = Object.entries(environment ?? {}).map(([name, value]) => {
    if (reserved.includes(name)) {
      throw new MlopsValidationError(ctx.scope, `platform.environment[${JSON.stringify(name)}]`, name,
        `a name other than ${reserved.join(' and ')}, which the endpoint sets for capture`);
    }
    return { name, value };
  });
  if (ctx.capture) {
    variables.push({ name: CAPTURE_TABLE_VARIABLE, value: ctx.capture.table }, { name: CAPTURE_SAMPLING_VARIABLE, value: String(ctx.capture.samplingPercentage) });
  }
  return variables;
}

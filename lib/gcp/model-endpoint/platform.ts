import { namingProblem, ValidationProblem } from '../../core';
import { Token } from '../cdktf';
import { GCP_PROJECT_ID_RULE } from '../project';
import { Size } from '../size';
import { ModelEndpointCloudRunIngress, ModelEndpointCloudRunOptions, ModelEndpointTraffic } from './cloud-run';
import { CLOUD_RUN_CONTAINER_ENVIRONMENT, environmentProblems as limitEnvironmentProblems } from '../../core/limits';
import { VERTEX_DISPLAY_NAME_MAX_LENGTH, VERTEX_ENDPOINT_ID_RULE } from './private/names';
import { describeTargets, revisionSuffixProblems } from './private/validation';
import { PLATFORM_OPTION_NAMES, PlatformKind, PlatformVariant } from './private/variant';
import { ModelEndpointVertexAccess, ModelEndpointVertexAiOptions } from './vertex-ai';

const PLATFORM_NAMES: Record<PlatformKind, { readonly label: string; readonly factory: string }> = {
  [PlatformKind.VERTEX_AI]: { label: 'Vertex AI', factory: 'ModelEndpointPlatform.vertexAi({ ... })' },
  [PlatformKind.CLOUD_RUN]: { label: 'Cloud Run', factory: 'ModelEndpointPlatform.cloudRun({ image, ... })' },
};

/**
 * Where a {@link ModelEndpoint} serves, with the settings only that platform has.
 *
 * | platform                     | what Terraform creates                         | how a model gets there                                  |
 * |------------------------------|------------------------------------------------|---------------------------------------------------------|
 * | `vertexAi({ ... })`          | a Vertex AI endpoint                           | the pipeline sends `deployModelRequest` (Terraform cannot) |
 * | `cloudRun({ image, ... })`   | a Cloud Run (v2) service running the image     | Terraform deploys the image as a new revision           |
 *
 * `VERTEX_AI` and `CLOUD_RUN` are the platforms with every default: `VERTEX_AI` is the default of
 * `ModelEndpointProps.platform`. A Cloud Run endpoint needs an image, so `CLOUD_RUN` serves to
 * name the kind (as in `ModelEndpoint.fromModelEndpointAttributes`); the endpoint refuses it
 * without one.
 *
 * Declaring one never throws; the endpoint reports bad options under its own path (`platform.<option>`).
 */
export class ModelEndpointPlatform {
  /** A Vertex AI endpoint with the default options. */
  public static vertexAi(options: ModelEndpointVertexAiOptions = {}): ModelEndpointPlatform {
    return new ModelEndpointPlatform({ kind: PlatformKind.VERTEX_AI, options });
  }

  /** A Cloud Run (v2) service running a custom serving container, with an L4 GPU if the endpoint asks for one. */
  public static cloudRun(options: ModelEndpointCloudRunOptions): ModelEndpointPlatform {
    return new ModelEndpointPlatform({ kind: PlatformKind.CLOUD_RUN, options });
  }

  /** Vertex AI with the default options (Private Service Connect). The default platform. */
  public static readonly VERTEX_AI: ModelEndpointPlatform = ModelEndpointPlatform.vertexAi();

  /** Cloud Run, with no image: names the kind (for imports); an endpoint needs `cloudRun({ image })`. */
  public static readonly CLOUD_RUN: ModelEndpointPlatform = new ModelEndpointPlatform({ kind: PlatformKind.CLOUD_RUN, options: {} as ModelEndpointCloudRunOptions });

  private constructor(private readonly variant: PlatformVariant) {}

  /** Everything wrong with these options on their own; property paths relative to them. Empty when valid. */
  public problems(): ValidationProblem[] {
    const options: unknown = this.variant.options;
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      return [{ property: '', value: options, allowed: `an object of ${PLATFORM_NAMES[this.variant.kind].label} options` }];
    }
    const foreign = foreignOptionProblems(this.variant.kind, options as Record<string, unknown>);
    if (foreign.length > 0) {
      return foreign;
    }
    return this.variant.kind === PlatformKind.VERTEX_AI ? vertexAiProblems(this.variant.options) : cloudRunProblems(this.variant.options);
  }

  /**
   * The variant, for the endpoint to build.
   * @internal
   */
  public _variant(): PlatformVariant {
    return this.variant;
  }
}

/** Options that are not this platform's: the other platform's (a likely mix-up), or unknown ones. */
function foreignOptionProblems(kind: PlatformKind, options: Record<string, unknown>): ValidationProblem[] {
  const own = PLATFORM_OPTION_NAMES[kind];
  const other = kind === PlatformKind.VERTEX_AI ? PlatformKind.CLOUD_RUN : PlatformKind.VERTEX_AI;
  const entry = Object.entries(options).find(([name, value]) => value !== undefined && !own.includes(name));
  if (entry === undefined) {
    return [];
  }
  const [name, value] = entry;
  const allowed = PLATFORM_OPTION_NAMES[other].includes(name)
    ? `no ${name} on ${PLATFORM_NAMES[kind].label}: it is a ${PLATFORM_NAMES[other].label} option; use ${PLATFORM_NAMES[other].factory} to serve on ${PLATFORM_NAMES[other].label}`
    : `one of the ${PLATFORM_NAMES[kind].label} options: ${own.join(', ')}`;
  return [{ property: name, value, allowed }];
}

function vertexAiProblems(options: ModelEndpointVertexAiOptions): ValidationProblem[] {
  const access = options.access ?? ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT;
  if (!(Object.values(ModelEndpointVertexAccess) as string[]).includes(access)) {
    return [{ property: 'access', value: access, allowed: `one of ${Object.keys(ModelEndpointVertexAccess).map((k) => `ModelEndpointVertexAccess.${k}`).join(', ')}` }];
  }
  const network = options.network;
  if (access === ModelEndpointVertexAccess.VPC_PEERING) {
    if (typeof network !== 'string' || (!Token.isUnresolved(network) && !/^projects\/[0-9]+\/global\/networks\/[a-z]([-a-z0-9]*[a-z0-9])?$/.test(network))) {
      return [{
        property: 'network', value: network,
        allowed: 'with VPC_PEERING, the peered network "projects/<project number>/global/networks/<name>" (a project number, not an id)',
      }];
    }
  } else if (network !== undefined) {
    return [{ property: 'network', value: network, allowed: 'no network unless access is ModelEndpointVertexAccess.VPC_PEERING' }];
  }
  const allowed = options.allowedProjects;
  if (allowed !== undefined) {
    if (access !== ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT) {
      return [{ property: 'allowedProjects', value: allowed, allowed: 'no allowed projects unless access is ModelEndpointVertexAccess.PRIVATE_SERVICE_CONNECT' }];
    }
    if (!Array.isArray(allowed) || allowed.length === 0) {
      return [{ property: 'allowedProjects', value: allowed, allowed: 'a non-empty list of project ids' }];
    }
    const bad = allowed.findIndex((p) => !(typeof p === 'string' && Token.isUnresolved(p)) && namingProblem(GCP_PROJECT_ID_RULE, p) !== undefined);
    if (bad >= 0) {
      return [{ property: `allowedProjects[${bad}]`, value: allowed[bad], allowed: GCP_PROJECT_ID_RULE.description }];
    }
  }
  const endpointId = options.endpointId;
  if (endpointId !== undefined && !(typeof endpointId === 'string' && Token.isUnresolved(endpointId)) && namingProblem(VERTEX_ENDPOINT_ID_RULE, endpointId) !== undefined) {
    return [{ property: 'endpointId', value: endpointId, allowed: VERTEX_ENDPOINT_ID_RULE.description }];
  }
  const displayName = options.displayName;
  if (displayName !== undefined && (typeof displayName !== 'string' || displayName.length === 0 || [...displayName].length > VERTEX_DISPLAY_NAME_MAX_LENGTH)) {
    return [{ property: 'displayName', value: displayName, allowed: `1 to ${VERTEX_DISPLAY_NAME_MAX_LENGTH} characters` }];
  }
  return [];
}

function cloudRunProblems(options: ModelEndpointCloudRunOptions): ValidationProblem[] {
  const image = options.image;
  if (typeof image !== 'string' || image.trim() === '') {
    return [{ property: 'image', value: image, allowed: 'the serving container image (required on Cloud Run), e.g. "us-docker.pkg.dev/<project>/<repository>/<image>:<tag>"' }];
  }
  if (options.memory !== undefined && !(options.memory instanceof Size)) {
    return [{ property: 'memory', value: options.memory, allowed: 'a Size, such as Size.gibibytes(16)' }];
  }
  const port = options.port;
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
    return [{ property: 'port', value: port, allowed: 'a port number from 1 to 65535' }];
  }
  const ingress = options.ingress;
  if (ingress !== undefined && !(Object.values(ModelEndpointCloudRunIngress) as string[]).includes(ingress)) {
    return [{ property: 'ingress', value: ingress, allowed: `one of ${Object.keys(ModelEndpointCloudRunIngress).map((k) => `ModelEndpointCloudRunIngress.${k}`).join(', ')}` }];
  }
  const suffix = options.revisionSuffix;
  if (suffix !== undefined) {
    const problems = revisionSuffixProblems(suffix, undefined, 'revisionSuffix');
    if (problems.length > 0) {
      return problems;
    }
  }
  const traffic = options.traffic;
  if (traffic !== undefined) {
    if (!(traffic instanceof ModelEndpointTraffic)) {
      return [{ property: 'traffic', value: traffic, allowed: 'ModelEndpointTraffic.latest(), .split([...targets]) or .canary(stableRevisionSuffix, percent)' }];
    }
    const problems = traffic.problems();
    if (problems.length > 0) {
      return problems.map((p) => ({ ...p, property: p.property === '' ? 'traffic' : `traffic${p.property.startsWith('[') ? '' : '.'}${p.property}` }));
    }
    const targets = traffic._targets();
    const latest = targets.find((t) => t.revisionSuffix === undefined);
    const same = targets.find((t) => t.revisionSuffix !== undefined && t.revisionSuffix === suffix);
    if (latest && latest.percent > 0 && same && same.percent > 0) {
      return [{
        property: 'traffic', value: describeTargets(targets),
        allowed: `a split between different revisions: "${suffix}" is the revision this deployment creates, which is also the latest; name the stable revision instead`,
      }];
    }
  }
  return environmentProblems(options.environment);
}

/** The container's variables under Cloud Run's limits: C-identifier names, at most 1000, none of the names Cloud Run reserves (PORT, K_SERVICE, …). */
function environmentProblems(environment: unknown): ValidationProblem[] {
  return limitEnvironmentProblems(CLOUD_RUN_CONTAINER_ENVIRONMENT, environment);
}

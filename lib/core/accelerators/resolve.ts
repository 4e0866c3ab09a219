/**
 * How a neutral {@link AcceleratorRequest} resolves against the catalog: the offerings of a GPU on
 * a platform, the problems of a request, the offering it resolves to (with or without an explicit
 * instance or machine type). Constructs of both clouds resolve here, so that they cannot disagree.
 */
import { MlopsValidationError, ValidationProblem } from '../errors';
import { AcceleratorOffering, AcceleratorPlatform, AcceleratorRequest, ACCELERATOR_CATALOG, GpuType, ResolvedAccelerator } from './catalog';


/** The offerings of that GPU on that platform, fewest vCPUs first (catalog order on ties). */
export function acceleratorOfferings(gpu: GpuType, platform: AcceleratorPlatform): AcceleratorOffering[] {
  return ACCELERATOR_CATALOG
    .map((offering, index) => ({ offering, index }))
    .filter(({ offering }) => offering.gpu === gpu && offering.platform === platform)
    .sort((a, b) => a.offering.vcpus - b.offering.vcpus || a.index - b.index)
    .map(({ offering }) => offering);
}

/**
 * Problems with a request on a platform, with property paths `gpu`, `gpusPerNode` and
 * `nodeCount`. `allowed` lists the valid combinations, e.g.
 * `"H100 on sagemaker: 8 GPUs per node (ml.p5.48xlarge)"`.
 *
 * The core knows nothing of deploy-time tokens: a construct skips the check (or the field) when a
 * value is unresolved.
 */
export function acceleratorProblems(request: AcceleratorRequest, platform: AcceleratorPlatform): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const { gpu, gpusPerNode } = request;
  const nodeCount = request.nodeCount ?? 1;

  const gpuProblem = gpu instanceof GpuType ? gpu.problem() : `a GpuType (${GpuType.ALL.map((g) => g.name).join(', ')})`;
  const offerings = gpuProblem === undefined ? acceleratorOfferings(gpu, platform) : [];
  if (gpuProblem !== undefined) {
    problems.push({ property: 'gpu', value: describeGpu(gpu), allowed: gpuProblem });
  } else if (offerings.length === 0) {
    problems.push({ property: 'gpu', value: gpu.name, allowed: `a GPU type offered on ${platform}: ${platformCombinations(platform)}` });
  } else if (!isPositiveInteger(gpusPerNode)) {
    problems.push({ property: 'gpusPerNode', value: gpusPerNode, allowed: `a positive integer that a node carries; ${gpuCombinations(gpu, platform, offerings)}` });
  } else if (!offerings.some((o) => o.gpusPerNode === gpusPerNode)) {
    problems.push({ property: 'gpusPerNode', value: gpusPerNode, allowed: gpuCombinations(gpu, platform, offerings) });
  }
  if (!isPositiveInteger(nodeCount)) {
    problems.push({ property: 'nodeCount', value: nodeCount, allowed: 'a positive integer (at least 1 node)' });
  }
  return problems;
}

/**
 * The smallest offering (fewest vCPUs) carrying exactly `gpusPerNode` GPUs of that type.
 *
 * Throws {@link MlopsValidationError} without a construct path when {@link acceleratorProblems}
 * is not empty: constructs call `acceleratorProblems` + `throwIfProblems(this, '<prop>', ...)`
 * first, so that the error names their path and property.
 */
export function resolveAccelerator(request: AcceleratorRequest, platform: AcceleratorPlatform): ResolvedAccelerator {
  const problem = acceleratorProblems(request, platform)[0];
  if (problem !== undefined) {
    throw new MlopsValidationError(undefined, problem.property, problem.value, problem.allowed);
  }
  const offering = acceleratorOfferings(request.gpu, platform).find((o) => o.gpusPerNode === request.gpusPerNode);
  if (offering === undefined) {
    // acceleratorProblems reports every request without an offering; reaching here is a bug.
    throw new Error(`no ${request.gpu.name} offering with ${request.gpusPerNode} GPUs on ${platform}`);
  }
  const nodeCount = request.nodeCount ?? 1;
  return { ...offering, nodeCount, totalGpus: offering.gpusPerNode * nodeCount };
}

/**
 * The catalog row of an instance or machine type on a platform, or `undefined` for a type the
 * catalog does not carry (CPU types, unknown types). Matching is exact (`'ml.p5.48xlarge'` on
 * SAGEMAKER, `'p5.48xlarge'` on EC2). On GCP_COMPUTE and GCP_VERTEX, a3-highgpu-8g and
 * a3-megagpu-8g are distinct rows.
 */
export function acceleratorOfferingByInstanceType(platform: AcceleratorPlatform, instanceType: string): AcceleratorOffering | undefined {
  return ACCELERATOR_CATALOG.find((o) => o.platform === platform && o.instanceType === instanceType);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function describeGpu(gpu: unknown): unknown {
  return gpu instanceof GpuType ? gpu.name : gpu;
}

/** "H100 on sagemaker: 8 GPUs per node (ml.p5.48xlarge)" */
function gpuCombinations(gpu: GpuType, platform: AcceleratorPlatform, offerings: readonly AcceleratorOffering[]): string {
  return `${gpu.name} on ${platform}: ${countsWithTypes(offerings)}`;
}

/** "1 GPU per node (g4dn.xlarge, …); 4 GPUs per node (g4dn.12xlarge)" */
function countsWithTypes(offerings: readonly AcceleratorOffering[]): string {
  const counts = [...new Set(offerings.map((o) => o.gpusPerNode))].sort((a, b) => a - b);
  return counts
    .map((count) => `${count} GPU${count === 1 ? '' : 's'} per node (${offerings.filter((o) => o.gpusPerNode === count).map((o) => o.instanceType).join(', ')})`)
    .join('; ');
}

/** "T4 (1, 2, 4 GPUs per node), L4 (1, 2, 4, 8 GPUs per node), …" */
function platformCombinations(platform: AcceleratorPlatform): string {
  return GpuType.ALL
    .map((gpu) => ({ gpu, counts: [...new Set(acceleratorOfferings(gpu, platform).map((o) => o.gpusPerNode))].sort((a, b) => a - b) }))
    .filter(({ counts }) => counts.length > 0)
    .map(({ gpu, counts }) => `${gpu.name} (${counts.join(', ')} GPU${counts.length === 1 && counts[0] === 1 ? '' : 's'} per node)`)
    .join(', ');
}

/** Options of {@link resolveAcceleratorOffering}. */
export interface AcceleratorOfferingOptions {
  /**
   * An explicit instance or machine type: it must be a catalog row of the platform carrying
   * exactly the request's GPUs (a larger host for the same GPUs).
   * @default - the smallest row carrying them
   */
  readonly instanceType?: string;
  /**
   * Property path of the request in the problems returned.
   * @default 'accelerator'
   */
  readonly requestProperty?: string;
  /**
   * Property path of the explicit type in the problems returned.
   * @default 'instanceType'
   */
  readonly instanceTypeProperty?: string;
  /**
   * Says whether a value is a deploy-time token (the core knows no token system). An explicit
   * type that is one is used as given, with the GPUs of the smallest matching row.
   * @default - no value is a token
   */
  readonly isUnresolved?: (value: unknown) => boolean;
}

/**
 * The one way a construct turns a request (and, optionally, an explicit instance or machine type)
 * into an offering: the offering, or the problems, with property paths named by `options`.
 *
 * | request          | instanceType                          | result                                        |
 * |------------------|---------------------------------------|-----------------------------------------------|
 * | not an object    | any                                   | problem at `requestProperty`                  |
 * | has problems     | any                                   | those problems, under `requestProperty`       |
 * | valid            | -                                     | the smallest row carrying exactly those GPUs  |
 * | valid            | a token                               | that row, with the token as its type          |
 * | valid            | a row carrying exactly those GPUs     | that row                                      |
 * | valid            | anything else                         | problem at `instanceTypeProperty`, listing the rows that fit |
 */
export function resolveAcceleratorOffering(
  request: AcceleratorRequest,
  platform: AcceleratorPlatform,
  options: AcceleratorOfferingOptions = {},
): ResolvedAccelerator | ValidationProblem[] {
  const requestProperty = options.requestProperty ?? 'accelerator';
  if (request === null || typeof request !== 'object') {
    return [{ property: requestProperty, value: request, allowed: 'an AcceleratorRequest such as { gpu: GpuType.L4, gpusPerNode: 1 }' }];
  }
  const problems = acceleratorProblems(request, platform);
  if (problems.length > 0) {
    return problems.map((p) => ({ ...p, property: `${requestProperty}.${p.property}` }));
  }
  const carrying = acceleratorOfferings(request.gpu, platform).filter((o) => o.gpusPerNode === request.gpusPerNode);
  const nodeCount = request.nodeCount ?? 1;
  const resolved = (offering: AcceleratorOffering): ResolvedAccelerator => ({ ...offering, nodeCount, totalGpus: offering.gpusPerNode * nodeCount });
  const explicit: unknown = options.instanceType;
  if (explicit === undefined) {
    return resolved(carrying[0]);
  }
  if (options.isUnresolved?.(explicit)) {
    return { ...resolved(carrying[0]), instanceType: explicit as string };
  }
  const offering = typeof explicit === 'string' ? acceleratorOfferingByInstanceType(platform, explicit) : undefined;
  if (offering === undefined || !carrying.includes(offering)) {
    return [{
      property: options.instanceTypeProperty ?? 'instanceType',
      value: explicit,
      allowed: `a type on ${platform} carrying ${request.gpusPerNode} × ${request.gpu.name}: ${carrying.map((o) => o.instanceType).join(', ')}`,
    }];
  }
  return resolved(offering);
}

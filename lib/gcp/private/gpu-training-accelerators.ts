import {
  AcceleratorPlatform, acceleratorOfferingByInstanceType, acceleratorOfferings, acceleratorProblems, AcceleratorRequest, MlopsValidationError,
  PathLike, ResolvedAccelerator, resolveAccelerator, throwIfProblems,
} from '../../core';
import { Token } from '../cdktf';

/**
 * Resolves an accelerator request of a GpuTrainingCluster prop against the catalog, naming the
 * prop in every error: `<property>.accelerator.gpu`, `<property>.accelerator.gpusPerNode`,
 * `<property>.accelerator.nodeCount`, `<property>.machineType`.
 *
 * Without `machineType`, the smallest machine type carrying exactly `gpusPerNode` GPUs is taken.
 * With it, the machine type must be a catalog row of that platform carrying that GPU, that many
 * per node (a larger host for the same GPUs); a machine type holding an unresolved token is used
 * as given, with the accelerator of the smallest matching row.
 *
 * @throws MlopsValidationError for a request no machine type of the platform satisfies
 */
export function resolveGpuTrainingAccelerator(
  scope: PathLike,
  property: string,
  request: AcceleratorRequest,
  machineType: string | undefined,
  platform: AcceleratorPlatform,
): ResolvedAccelerator {
  if (request === null || typeof request !== 'object') {
    throw new MlopsValidationError(scope, `${property}.accelerator`, request, 'an AcceleratorRequest such as { gpu: GpuType.L4, gpusPerNode: 1 }');
  }
  throwIfProblems(scope, `${property}.accelerator`, acceleratorProblems(request, platform));
  const smallest = resolveAccelerator(request, platform);
  if (machineType === undefined) {
    return smallest;
  }
  if (typeof machineType === 'string' && Token.isUnresolved(machineType)) {
    return { ...smallest, instanceType: machineType };
  }
  const offering = typeof machineType === 'string' ? acceleratorOfferingByInstanceType(platform, machineType) : undefined;
  if (offering === undefined || offering.gpu !== request.gpu || offering.gpusPerNode !== request.gpusPerNode) {
    const matching = acceleratorOfferings(request.gpu, platform).filter((o) => o.gpusPerNode === request.gpusPerNode).map((o) => o.instanceType);
    throw new MlopsValidationError(scope, `${property}.machineType`, machineType,
      `a machine type on ${platform} carrying ${request.gpusPerNode} × ${request.gpu.name}: ${matching.join(', ')}`);
  }
  return { ...offering, nodeCount: smallest.nodeCount, totalGpus: smallest.totalGpus };
}

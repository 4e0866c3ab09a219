import { guard } from '../guard';

/**
 * The runtime type of an `AcceleratorRequest` prop: an object whose counts are literals (the GPU
 * count picks the instance type and the node count is checked against the catalog at synth; a
 * parameter gives neither). The values themselves, and missing ones, are checked by
 * `acceleratorProblems`, with the catalog's combinations in the message.
 */
export const ACCELERATOR_REQUEST_GUARD = guard.object({
  gpu: guard.defined('a GpuType such as GpuType.L4').optional(),
  gpusPerNode: guard.literal('a number known at synth time: the instance type is chosen from it').optional(),
  nodeCount: guard.literal('a number known at synth time: the instance type is chosen from it').optional(),
}, 'an AcceleratorRequest such as { gpu: GpuType.L4, gpusPerNode: 1 }');

/**
 * What SageMaker HyperPod accepts, as data: instance types per instance group, naming rules,
 * deep health checks. Kept apart from the construct so that the facts and their sources are in
 * one place.
 */
import {
  AcceleratorOffering,
  AcceleratorPlatform,
  AcceleratorRequest,
  acceleratorOfferings,
  acceleratorProblems,
  GpuType,
  NamingRule,
  ValidationProblem,
} from '../../../core';

/**
 * Instance types a HyperPod instance group accepts, as listed by the SageMaker API reference
 * (`ClusterInstanceRequirements.InstanceTypes` valid values). The list has grown with every
 * HyperPod release; a type missing here is refused at synth rather than at deploy time.
 * `ml.g4dn.*` is not a HyperPod type (it is one for training jobs).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceRequirements.html
 */
export const HYPERPOD_GPU_INSTANCE_TYPES: ReadonlySet<string> = new Set([
  'ml.p4d.24xlarge', 'ml.p4de.24xlarge', 'ml.p5.48xlarge', 'ml.p5.4xlarge', 'ml.p5e.48xlarge', 'ml.p5en.48xlarge',
  'ml.g5.xlarge', 'ml.g5.2xlarge', 'ml.g5.4xlarge', 'ml.g5.8xlarge', 'ml.g5.12xlarge', 'ml.g5.16xlarge', 'ml.g5.24xlarge', 'ml.g5.48xlarge',
  'ml.g6.xlarge', 'ml.g6.2xlarge', 'ml.g6.4xlarge', 'ml.g6.8xlarge', 'ml.g6.16xlarge', 'ml.g6.12xlarge', 'ml.g6.24xlarge', 'ml.g6.48xlarge',
  'ml.g6e.xlarge', 'ml.g6e.2xlarge', 'ml.g6e.4xlarge', 'ml.g6e.8xlarge', 'ml.g6e.16xlarge', 'ml.g6e.12xlarge', 'ml.g6e.24xlarge', 'ml.g6e.48xlarge',
  'ml.gr6.4xlarge', 'ml.gr6.8xlarge',
]);

/**
 * CPU instance types a HyperPod instance group accepts, for the Slurm controller group: the
 * `ml.c5`, `ml.c5n`, `ml.m5` and `ml.t3` sizes of the same valid-values list (also the whole CPU
 * list of the first HyperPod API, `ClusterInstanceGroupSpecification.InstanceType`).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceRequirements.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceGroupSpecification.html
 */
export const HYPERPOD_CPU_INSTANCE_TYPES: readonly string[] = [
  'ml.t3.medium', 'ml.t3.large', 'ml.t3.xlarge', 'ml.t3.2xlarge',
  'ml.m5.large', 'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.m5.4xlarge', 'ml.m5.8xlarge', 'ml.m5.12xlarge', 'ml.m5.16xlarge', 'ml.m5.24xlarge',
  'ml.c5.large', 'ml.c5.xlarge', 'ml.c5.2xlarge', 'ml.c5.4xlarge', 'ml.c5.9xlarge', 'ml.c5.12xlarge', 'ml.c5.18xlarge', 'ml.c5.24xlarge',
  'ml.c5n.large', 'ml.c5n.2xlarge', 'ml.c5n.4xlarge', 'ml.c5n.9xlarge', 'ml.c5n.18xlarge',
];

/**
 * HyperPod cluster names: 1 to 63 letters, digits and hyphens, starting and ending with a letter
 * or digit (`^[a-zA-Z0-9](-*[a-zA-Z0-9])*$`, at most 63).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateCluster.html
 */
export const HYPERPOD_CLUSTER_NAME_RULE: NamingRule = {
  pattern: /^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
  description: '1 to 63 letters, digits and hyphens, starting and ending with a letter or digit',
};

/**
 * HyperPod instance group names: same rule as cluster names.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceGroupSpecification.html
 */
export const HYPERPOD_GROUP_NAME_RULE: NamingRule = {
  pattern: /^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
  description: '1 to 63 letters, digits and hyphens, starting and ending with a letter or digit',
};

/**
 * The on-start deep health checks of a GPU group: hardware stress tests (DCGM diagnostics, EFA)
 * and connectivity tests (NCCL) before a node joins Slurm.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-resiliency-slurm-deep-health-checks.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceGroupHealthCheckConfiguration.html
 */
export const HYPERPOD_DEEP_HEALTH_CHECKS = ['InstanceStress', 'InstanceConnectivity'];

/**
 * The HyperPod offerings of a GPU request: the catalog's SageMaker offerings that HyperPod
 * accepts, fewest vCPUs first.
 */
export function hyperPodOfferings(request: AcceleratorRequest): AcceleratorOffering[] {
  return acceleratorOfferings(request.gpu, AcceleratorPlatform.SAGEMAKER).filter((o) => HYPERPOD_GPU_INSTANCE_TYPES.has(o.instanceType));
}

/**
 * Problems of a GPU request for a HyperPod group: the catalog's problems on SageMaker, then
 * whether HyperPod has a type carrying exactly that many GPUs of that model.
 */
export function hyperPodAcceleratorProblems(request: AcceleratorRequest): ValidationProblem[] {
  const problems = acceleratorProblems(request, AcceleratorPlatform.SAGEMAKER);
  if (problems.length > 0) {
    return problems;
  }
  const offerings = hyperPodOfferings(request);
  if (!offerings.some((o) => o.gpusPerNode === request.gpusPerNode)) {
    const property = offerings.length === 0 ? 'gpu' : 'gpusPerNode';
    const value = offerings.length === 0 ? request.gpu.name : request.gpusPerNode;
    return [{ property, value, allowed: `a GPU type and count that a HyperPod instance type carries: ${hyperPodCombinations()}` }];
  }
  return [];
}

/** "A10G × 1 (ml.g5.xlarge, …), 4 (…), 8 (…); L4 × …" for every catalog GPU type HyperPod offers, in GpuType.ALL order. */
export function hyperPodCombinations(): string {
  return GpuType.ALL
    .map((gpu) => {
      const offerings = acceleratorOfferings(gpu, AcceleratorPlatform.SAGEMAKER).filter((o) => HYPERPOD_GPU_INSTANCE_TYPES.has(o.instanceType));
      const counts = [...new Set(offerings.map((o) => o.gpusPerNode))].sort((a, b) => a - b);
      return counts.length === 0 ? undefined
        : `${gpu.name} × ${counts.map((n) => `${n} (${offerings.filter((o) => o.gpusPerNode === n).map((o) => o.instanceType).join(', ')})`).join(', ')}`;
    })
    .filter((text) => text !== undefined)
    .join('; ');
}

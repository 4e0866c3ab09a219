/**
 * The accelerator catalog: which instance or machine type carries which GPU, how many per node,
 * on each place where capacity is bought. Constructs on both clouds take the same neutral
 * {@link AcceleratorRequest} ("8 × H100 on 4 nodes") and resolve it here, so that a training
 * cluster on AWS and its twin on Google Cloud cannot disagree on what was asked for.
 *
 * Every row cites the public page it comes from (`source`). Rows that the stored documentation
 * did not confirm are left out rather than guessed; they are listed in the comment of each
 * family.
 */
/**
 * A GPU model (enum-like).
 *
 * Memory per GPU is NVIDIA's figure as the clouds publish it.
 * @see https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html (T4 16 GiB, A10G 24 GiB, L4 24 GiB)
 * @see https://cloud.google.com/compute/docs/gpus (A100 40GB / 80GB, H100 80GB, H200 141GB)
 */
export class GpuType {
  /** NVIDIA T4, 16 GiB. */
  public static readonly T4 = new GpuType('T4', 16);
  /** NVIDIA A10G (AWS G5), 24 GiB. */
  public static readonly A10G = new GpuType('A10G', 24);
  /** NVIDIA L4, 24 GiB. */
  public static readonly L4 = new GpuType('L4', 24);
  /** NVIDIA A100 40 GB. */
  public static readonly A100_40GB = new GpuType('A100-40GB', 40);
  /** NVIDIA A100 80 GB. */
  public static readonly A100_80GB = new GpuType('A100-80GB', 80);
  /** NVIDIA H100 80 GB. */
  public static readonly H100 = new GpuType('H100', 80);
  /** NVIDIA H200 141 GB. */
  public static readonly H200 = new GpuType('H200', 141);

  /** Every known GPU type, smallest memory first. */
  public static readonly ALL: readonly GpuType[] = [
    GpuType.T4, GpuType.A10G, GpuType.L4, GpuType.A100_40GB, GpuType.A100_80GB, GpuType.H100, GpuType.H200,
  ];

  /**
   * The GPU type of that name (`'H100'`, `'A100-80GB'`). An unknown name gives a GpuType whose
   * {@link problem} says which names exist, so that bad input is reported with the rest of a
   * request's problems instead of throwing here.
   */
  public static of(name: string): GpuType {
    return GpuType.ALL.find((g) => g.name === name) ?? new GpuType(name, 0, false);
  }

  private constructor(
    /** The name: 'T4' | 'A10G' | 'L4' | 'A100-40GB' | 'A100-80GB' | 'H100' | 'H200'. */
    public readonly name: string,
    /** GPU memory per GPU, in GiB. */
    public readonly memoryGiB: number,
    private readonly known = true,
  ) {}

  /** `undefined` for a known GPU type, else what is allowed. */
  public problem(): string | undefined {
    return this.known ? undefined : `one of ${GpuType.ALL.map((g) => g.name).join(', ')}`;
  }

  /** The name. */
  public toString(): string {
    return this.name;
  }
}

/** Where capacity is bought (enum). */
export enum AcceleratorPlatform {
  /** Amazon SageMaker `ml.*` instance types (training jobs, HyperPod, hosting). */
  SAGEMAKER = 'sagemaker',
  /** Amazon EC2 instance types. */
  EC2 = 'ec2',
  /** Compute Engine / GKE machine types, with a guest accelerator type. */
  GCP_COMPUTE = 'gcp-compute',
  /** Vertex AI custom training / prediction machine types, with a Vertex accelerator type. */
  GCP_VERTEX = 'gcp-vertex',
  /** Cloud Run GPU: L4 only, one per instance. */
  GCP_CLOUD_RUN = 'gcp-cloud-run',
}

/** One way to buy GPUs: an instance or machine type on a platform, and what it carries. */
export interface AcceleratorOffering {
  /** The GPU model it carries. */
  readonly gpu: GpuType;
  /** Where it is bought. */
  readonly platform: AcceleratorPlatform;
  /**
   * The instance or machine type (`'ml.p5.48xlarge'`, `'p5.48xlarge'`, `'a3-highgpu-8g'`,
   * `'g2-standard-8'`); for Cloud Run the accelerator name `'nvidia-l4'`.
   */
  readonly instanceType: string;
  /** GPUs on one node. */
  readonly gpusPerNode: number;
  /** vCPUs of one node (for Cloud Run: the minimum an instance with a GPU must have). */
  readonly vcpus: number;
  /** Host memory of one node, in GiB (for Cloud Run: the minimum an instance with a GPU must have). */
  readonly memoryGiB: number;
  /** Compute Engine / GKE guest accelerator name (`'nvidia-h100-80gb'`); only on GCP_COMPUTE and GCP_CLOUD_RUN rows. */
  readonly gcpAcceleratorType?: string;
  /** Vertex AI `AcceleratorType` enum value (`'NVIDIA_H100_80GB'`); only on GCP_VERTEX rows. */
  readonly vertexAcceleratorType?: string;
  /** URL of the public page the row comes from. */
  readonly source: string;
}

/** A cloud-neutral request for GPU capacity: which GPU, how many per node, how many nodes. */
export interface AcceleratorRequest {
  /** The GPU model. */
  readonly gpu: GpuType;
  /** GPUs on each node: a count some instance type of the platform carries exactly. */
  readonly gpusPerNode: number;
  /**
   * Nodes: a positive integer.
   * @default 1
   */
  readonly nodeCount?: number;
}

/** A request resolved to one offering. */
export interface ResolvedAccelerator extends AcceleratorOffering {
  /** Nodes requested. */
  readonly nodeCount: number;
  /** `gpusPerNode × nodeCount`. */
  readonly totalGpus: number;
}

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

/** GPU count, vCPUs, memory of g4dn and g5 (Batch's table of GPU instance types). */
const AWS_BATCH_GPU_TABLE = 'https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html';
/** EC2 hardware specifications (p4d.24xlarge: 96 vCPUs, 1,152 GiB, 8 accelerators). */
const AWS_EC2_ACCELERATED = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/accelerated-computing-instances.html';
/**
 * GPU name, count and memory, vCPUs and memory of g6, p4de, p5, p5e, p5en as returned by EC2
 * DescribeInstanceTypes, published in Karpenter's generated instance-type reference.
 */
const KARPENTER_INSTANCE_TYPES = 'https://karpenter.sh/docs/reference/instance-types/';
/** SageMaker training instance types (the `ml.*` names that exist for training). */
const SAGEMAKER_INSTANCE_TYPES = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceGroup.html';
/** Compute Engine GPU machine types (G2 and A3 rows, guest accelerator names). */
const GCP_GPUS = 'https://cloud.google.com/compute/docs/gpus';
/** Accelerator-optimized machine family (A2, A3 Mega, A3 Ultra rows). */
const GCP_ACCELERATOR_OPTIMIZED = 'https://cloud.google.com/compute/docs/accelerator-optimized-machines';
/** Vertex AI machine types for custom training and the AcceleratorType enum. */
const GCP_VERTEX_COMPUTE = 'https://cloud.google.com/vertex-ai/docs/training/configure-compute';
/** Cloud Run GPU: one NVIDIA L4 per instance, at least 4 CPUs and 16 GiB of memory. */
const GCP_CLOUD_RUN_GPU = 'https://cloud.google.com/run/docs/configuring/services/gpu';

// ---------------------------------------------------------------------------------------------
// AWS: each EC2 type also exists as `ml.<type>` on SageMaker (API_InstanceGroup valid values list
// ml.g4dn.*, ml.g5.*, ml.g6.*, ml.p4d.24xlarge, ml.p4de.24xlarge, ml.p5.48xlarge, ml.p5e.48xlarge,
// ml.p5en.48xlarge).
// ---------------------------------------------------------------------------------------------

/** [instance type, GPUs, vCPUs, memory GiB] */
type Size = readonly [string, number, number, number];

function awsRows(gpu: GpuType, source: string, sizes: readonly Size[]): AcceleratorOffering[] {
  return sizes.flatMap(([type, gpus, vcpus, memoryGiB]) => [
    { gpu, platform: AcceleratorPlatform.EC2, instanceType: type, gpusPerNode: gpus, vcpus, memoryGiB, source },
    { gpu, platform: AcceleratorPlatform.SAGEMAKER, instanceType: `ml.${type}`, gpusPerNode: gpus, vcpus, memoryGiB, source: SAGEMAKER_INSTANCE_TYPES },
  ]);
}

// g4dn.metal (8 × T4) is left out: SageMaker has no ml.g4dn.metal and a bare-metal host is no
// training node type.
const G4DN = awsRows(GpuType.T4, AWS_BATCH_GPU_TABLE, [
  ['g4dn.xlarge', 1, 4, 16], ['g4dn.2xlarge', 1, 8, 32], ['g4dn.4xlarge', 1, 16, 64], ['g4dn.8xlarge', 1, 32, 128],
  ['g4dn.16xlarge', 1, 64, 256], ['g4dn.12xlarge', 4, 48, 192],
]);

const G5 = awsRows(GpuType.A10G, AWS_BATCH_GPU_TABLE, [
  ['g5.xlarge', 1, 4, 16], ['g5.2xlarge', 1, 8, 32], ['g5.4xlarge', 1, 16, 64], ['g5.8xlarge', 1, 32, 128],
  ['g5.16xlarge', 1, 64, 256], ['g5.12xlarge', 4, 48, 192], ['g5.24xlarge', 4, 96, 384], ['g5.48xlarge', 8, 192, 768],
]);

const G6 = awsRows(GpuType.L4, KARPENTER_INSTANCE_TYPES, [
  ['g6.xlarge', 1, 4, 16], ['g6.2xlarge', 1, 8, 32], ['g6.4xlarge', 1, 16, 64], ['g6.8xlarge', 1, 32, 128],
  ['g6.16xlarge', 1, 64, 256], ['g6.12xlarge', 4, 48, 192], ['g6.24xlarge', 4, 96, 384], ['g6.48xlarge', 8, 192, 768],
]);

const P4D = awsRows(GpuType.A100_40GB, AWS_EC2_ACCELERATED, [['p4d.24xlarge', 8, 96, 1152]]);
const P4DE = awsRows(GpuType.A100_80GB, KARPENTER_INSTANCE_TYPES, [['p4de.24xlarge', 8, 96, 1152]]);
// p5.4xlarge (one H100) is left out: the generated reference lists it with a GPU count of 0, so
// the stored documentation does not confirm its GPU count.
const P5 = awsRows(GpuType.H100, KARPENTER_INSTANCE_TYPES, [['p5.48xlarge', 8, 192, 2048]]);
const P5E = awsRows(GpuType.H200, KARPENTER_INSTANCE_TYPES, [['p5e.48xlarge', 8, 192, 2048], ['p5en.48xlarge', 8, 192, 2048]]);

// ---------------------------------------------------------------------------------------------
// Google Cloud: each machine type exists on Compute Engine / GKE (guest accelerator name) and on
// Vertex AI custom training (AcceleratorType enum). Google publishes memory in "GB" that are
// binary (Compute Engine's memoryMb of g2-standard-4 is 16384), so the figures are GiB.
// GPU counts and guest accelerator names per machine type match Google's Cluster Toolkit
// (GoogleCloudPlatform/cluster-toolkit modules/internal/gpu-definition/main.tf).
// ---------------------------------------------------------------------------------------------

function gcpRows(gpu: GpuType, gcpAcceleratorType: string, vertexAcceleratorType: string, source: string, sizes: readonly Size[]): AcceleratorOffering[] {
  return sizes.flatMap(([type, gpus, vcpus, memoryGiB]) => [
    { gpu, platform: AcceleratorPlatform.GCP_COMPUTE, instanceType: type, gpusPerNode: gpus, vcpus, memoryGiB, gcpAcceleratorType, source },
    { gpu, platform: AcceleratorPlatform.GCP_VERTEX, instanceType: type, gpusPerNode: gpus, vcpus, memoryGiB, vertexAcceleratorType, source: GCP_VERTEX_COMPUTE },
  ]);
}

// N1 with attached T4: the library picks one N1 size per GPU count (n1-standard-N has N vCPUs and
// 3.75 GB per vCPU), each within the vCPU limit of that count. Other N1 sizes also accept T4s.
const N1_T4 = gcpRows(GpuType.T4, 'nvidia-tesla-t4', 'NVIDIA_TESLA_T4', GCP_GPUS, [
  ['n1-standard-4', 1, 4, 15], ['n1-standard-8', 2, 8, 30], ['n1-standard-16', 4, 16, 60],
]);

const G2 = gcpRows(GpuType.L4, 'nvidia-l4', 'NVIDIA_L4', GCP_GPUS, [
  ['g2-standard-4', 1, 4, 16], ['g2-standard-8', 1, 8, 32], ['g2-standard-12', 1, 12, 48], ['g2-standard-16', 1, 16, 64],
  ['g2-standard-32', 1, 32, 128], ['g2-standard-24', 2, 24, 96], ['g2-standard-48', 4, 48, 192], ['g2-standard-96', 8, 96, 384],
]);

const A2_HIGH = gcpRows(GpuType.A100_40GB, 'nvidia-tesla-a100', 'NVIDIA_TESLA_A100', GCP_ACCELERATOR_OPTIMIZED, [
  ['a2-highgpu-1g', 1, 12, 85], ['a2-highgpu-2g', 2, 24, 170], ['a2-highgpu-4g', 4, 48, 340], ['a2-highgpu-8g', 8, 96, 680],
  ['a2-megagpu-16g', 16, 96, 1360],
]);

const A2_ULTRA = gcpRows(GpuType.A100_80GB, 'nvidia-a100-80gb', 'NVIDIA_A100_80GB', GCP_ACCELERATOR_OPTIMIZED, [
  ['a2-ultragpu-1g', 1, 12, 170], ['a2-ultragpu-2g', 2, 24, 340], ['a2-ultragpu-4g', 4, 48, 680], ['a2-ultragpu-8g', 8, 96, 1360],
]);

// a3-highgpu-1g/2g/4g are left out: the stored documentation lists only a3-highgpu-8g
// ("8 GPUs, 640 GB HBM3, 208 vCPUs, 1872 GB").
const A3_HIGH = gcpRows(GpuType.H100, 'nvidia-h100-80gb', 'NVIDIA_H100_80GB', GCP_GPUS, [['a3-highgpu-8g', 8, 208, 1872]]);
// A3 Mega carries the same GPU (H100 80GB) under its own accelerator names, with more network.
const A3_MEGA = gcpRows(GpuType.H100, 'nvidia-h100-mega-80gb', 'NVIDIA_H100_MEGA_80GB', GCP_ACCELERATOR_OPTIMIZED, [['a3-megagpu-8g', 8, 208, 1872]]);
// "The A3 machine series has up to 224 vCPUs, and 2,944 GB of memory" (A3 Ultra).
const A3_ULTRA = gcpRows(GpuType.H200, 'nvidia-h200-141gb', 'NVIDIA_H200_141GB', GCP_ACCELERATOR_OPTIMIZED, [['a3-ultragpu-8g', 8, 224, 2944]]);

const CLOUD_RUN: AcceleratorOffering[] = [{
  gpu: GpuType.L4,
  platform: AcceleratorPlatform.GCP_CLOUD_RUN,
  instanceType: 'nvidia-l4',
  gpusPerNode: 1,
  vcpus: 4,
  memoryGiB: 16,
  gcpAcceleratorType: 'nvidia-l4',
  source: GCP_CLOUD_RUN_GPU,
}];

/** Every offering the library knows, grouped by family. */
export const ACCELERATOR_CATALOG: readonly AcceleratorOffering[] = Object.freeze([
  ...G4DN, ...G5, ...G6, ...P4D, ...P4DE, ...P5, ...P5E,
  ...N1_T4, ...G2, ...A2_HIGH, ...A2_ULTRA, ...A3_HIGH, ...A3_MEGA, ...A3_ULTRA,
  ...CLOUD_RUN,
]);

import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { AcceleratorRequest, ResolvedAccelerator } from '../../core';

/**
 * How GKE installs the NVIDIA driver on GPU nodes (`gpu_driver_installation_config.gpu_driver_version`).
 *
 * Changing it on an existing pool replaces the pool (the provider marks the field ForceNew), so
 * every node of the pool is recreated and running jobs stop.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_gpu_driver_installation_config
 * @see https://github.com/hashicorp/terraform-provider-google/blob/main/google/services/container/node_config.go (`gpu_driver_version`, ForceNew)
 */
export enum GpuTrainingClusterDriverVersion {
  /** The "Default" driver of the node's GKE version (COS and Ubuntu). */
  DEFAULT = 'DEFAULT',
  /** The "Latest" driver of the node's GKE version (COS). */
  LATEST = 'LATEST',
  /** No automatic installation: you install the driver yourself (for example with NVIDIA's installer DaemonSet). */
  INSTALLATION_DISABLED = 'INSTALLATION_DISABLED',
}

/**
 * A GPU node pool of a {@link GpuTrainingCluster}.
 *
 * | `accelerator.nodeCount` | `compactPlacement` default | zone needed                                      |
 * |-------------------------|----------------------------|--------------------------------------------------|
 * | 1                       | false                      | no (regional clusters spread the pool over zones) |
 * | more than 1             | true                       | yes, for a regional cluster: `zone`              |
 */
export interface GpuTrainingClusterGpuPoolProps {
  /**
   * The node pool name (also the `cloud.google.com/gke-nodepool` node label): 1 to 40 lowercase
   * letters, digits and hyphens, not `system`.
   */
  readonly name: string;
  /**
   * The GPUs of one training job: the GPU type, GPUs per node (a count some Compute Engine machine
   * type carries, from the accelerator catalog) and nodes. The same request a `GpuTrainingCluster`
   * on AWS takes.
   */
  readonly accelerator: AcceleratorRequest;
  /**
   * The machine type: one of the catalog's Compute Engine machine types carrying exactly
   * `accelerator.gpusPerNode` GPUs of `accelerator.gpu` (a larger host for the same GPUs).
   * @default - the smallest such machine type (fewest vCPUs)
   */
  readonly machineType?: string;
  /**
   * Run on Spot VMs: much cheaper, but Compute Engine may stop them at any time; use with
   * checkpointing training code.
   * @default false
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/spot-vms
   */
  readonly spot?: boolean;
  /**
   * Fewest nodes the autoscaler keeps (over all zones of the pool).
   * @default 0 - the pool costs nothing while no training runs
   */
  readonly minNodes?: number;
  /**
   * Most nodes the autoscaler creates (over all zones of the pool).
   * @default - `accelerator.nodeCount` (one training job at a time)
   */
  readonly maxNodes?: number;
  /**
   * The zone of the pool's nodes, in the cluster's region. Required for a multi-node pool with
   * compact placement in a regional cluster: compact placement keeps nodes in one zone.
   * @default - the cluster's zone (zonal cluster) or every zone GKE picks in its region (regional)
   */
  readonly zone?: string;
  /**
   * Place the nodes close to each other (`placement_policy { type = "COMPACT" }`), for lower
   * latency between the nodes of a distributed job. GKE supports it for some machine series
   * only; check yours before enabling it for a single-node pool.
   * @default - true when `accelerator.nodeCount` is more than 1
   * @see https://cloud.google.com/kubernetes-engine/docs/how-to/compact-placement
   */
  readonly compactPlacement?: boolean;
  /**
   * How GKE installs the NVIDIA driver. Setting it adds a synth-time warning
   * (`GPU_TRAINING_CLUSTER_WARNINGS.driverVersionRecreatesPool`): changing it later replaces the
   * pool.
   * @default GpuTrainingClusterDriverVersion.DEFAULT
   */
  readonly driverVersion?: GpuTrainingClusterDriverVersion;
}

/** A GPU node pool created from `gpuPools` or by {@link GpuTrainingCluster.addGpuPool}. */
export interface GpuTrainingClusterGpuPool {
  /** The node pool name (also the `cloud.google.com/gke-nodepool` node label). */
  readonly name: string;
  /** The `google_container_node_pool`. */
  readonly nodePool: ContainerNodePool;
  /** The catalog row the pool runs on, with the requested node count. */
  readonly accelerator: ResolvedAccelerator;
  /** Whether the pool uses compact placement. */
  readonly compactPlacement: boolean;
  /** Whether the pool runs on Spot VMs. */
  readonly spot: boolean;
}

import {
  ACCELERATOR_CATALOG,
  AcceleratorPlatform,
  AcceleratorRequest,
  GpuType,
  MlopsValidationError,
  acceleratorOfferingByInstanceType,
  acceleratorOfferings,
  acceleratorProblems,
  resolveAccelerator,
} from 'mlops-constructs';

const { SAGEMAKER, EC2, GCP_COMPUTE, GCP_VERTEX, GCP_CLOUD_RUN } = AcceleratorPlatform;

function problemsOf(request: AcceleratorRequest, platform: AcceleratorPlatform): string[] {
  return acceleratorProblems(request, platform).map((p) => `${p.property}=${JSON.stringify(p.value)}: ${p.allowed}`);
}

function pick(request: AcceleratorRequest, platform: AcceleratorPlatform) {
  const r = resolveAccelerator(request, platform);
  return { type: r.instanceType, gce: r.gcpAcceleratorType, vertex: r.vertexAcceleratorType, nodes: r.nodeCount, total: r.totalGpus };
}

describe('one request, both clouds', () => {
  test.each<[string, AcceleratorRequest, Record<string, unknown>]>([
    ['8 × H100 on 4 nodes', { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 4 }, {
      [SAGEMAKER]: { type: 'ml.p5.48xlarge', gce: undefined, vertex: undefined, nodes: 4, total: 32 },
      [EC2]: { type: 'p5.48xlarge', gce: undefined, vertex: undefined, nodes: 4, total: 32 },
      [GCP_COMPUTE]: { type: 'a3-highgpu-8g', gce: 'nvidia-h100-80gb', vertex: undefined, nodes: 4, total: 32 },
      [GCP_VERTEX]: { type: 'a3-highgpu-8g', gce: undefined, vertex: 'NVIDIA_H100_80GB', nodes: 4, total: 32 },
    }],
    ['1 × L4', { gpu: GpuType.L4, gpusPerNode: 1 }, {
      [SAGEMAKER]: { type: 'ml.g6.xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 1 },
      [EC2]: { type: 'g6.xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 1 },
      [GCP_COMPUTE]: { type: 'g2-standard-4', gce: 'nvidia-l4', vertex: undefined, nodes: 1, total: 1 },
      [GCP_VERTEX]: { type: 'g2-standard-4', gce: undefined, vertex: 'NVIDIA_L4', nodes: 1, total: 1 },
      [GCP_CLOUD_RUN]: { type: 'nvidia-l4', gce: 'nvidia-l4', vertex: undefined, nodes: 1, total: 1 },
    }],
    ['4 × T4 on 2 nodes', { gpu: GpuType.T4, gpusPerNode: 4, nodeCount: 2 }, {
      [SAGEMAKER]: { type: 'ml.g4dn.12xlarge', gce: undefined, vertex: undefined, nodes: 2, total: 8 },
      [EC2]: { type: 'g4dn.12xlarge', gce: undefined, vertex: undefined, nodes: 2, total: 8 },
      [GCP_COMPUTE]: { type: 'n1-standard-16', gce: 'nvidia-tesla-t4', vertex: undefined, nodes: 2, total: 8 },
      [GCP_VERTEX]: { type: 'n1-standard-16', gce: undefined, vertex: 'NVIDIA_TESLA_T4', nodes: 2, total: 8 },
    }],
    ['8 × A100 80GB', { gpu: GpuType.A100_80GB, gpusPerNode: 8 }, {
      [SAGEMAKER]: { type: 'ml.p4de.24xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 8 },
      [EC2]: { type: 'p4de.24xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 8 },
      [GCP_COMPUTE]: { type: 'a2-ultragpu-8g', gce: 'nvidia-a100-80gb', vertex: undefined, nodes: 1, total: 8 },
      [GCP_VERTEX]: { type: 'a2-ultragpu-8g', gce: undefined, vertex: 'NVIDIA_A100_80GB', nodes: 1, total: 8 },
    }],
    ['8 × H200', { gpu: GpuType.H200, gpusPerNode: 8 }, {
      [SAGEMAKER]: { type: 'ml.p5e.48xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 8 },
      [GCP_COMPUTE]: { type: 'a3-ultragpu-8g', gce: 'nvidia-h200-141gb', vertex: undefined, nodes: 1, total: 8 },
      [GCP_VERTEX]: { type: 'a3-ultragpu-8g', gce: undefined, vertex: 'NVIDIA_H200_141GB', nodes: 1, total: 8 },
    }],
    ['1 × A10G (AWS only)', { gpu: GpuType.A10G, gpusPerNode: 1 }, {
      [SAGEMAKER]: { type: 'ml.g5.xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 1 },
      [EC2]: { type: 'g5.xlarge', gce: undefined, vertex: undefined, nodes: 1, total: 1 },
    }],
  ])('%s', (_name, request, expected) => {
    for (const [platform, want] of Object.entries(expected)) {
      expect(acceleratorProblems(request, platform as AcceleratorPlatform)).toEqual([]);
      expect([platform, pick(request, platform as AcceleratorPlatform)]).toEqual([platform, want]);
    }
  });

  test('A10G has no Google Cloud offering: the error lists the GPU types and counts the platform has', () => {
    const request = { gpu: GpuType.A10G, gpusPerNode: 1 };
    expect(problemsOf(request, GCP_COMPUTE)).toEqual([
      'gpu="A10G": a GPU type offered on gcp-compute: T4 (1, 2, 4 GPUs per node), L4 (1, 2, 4, 8 GPUs per node), '
      + 'A100-40GB (1, 2, 4, 8, 16 GPUs per node), A100-80GB (1, 2, 4, 8 GPUs per node), H100 (8 GPUs per node), H200 (8 GPUs per node)',
    ]);
    expect(problemsOf(request, GCP_CLOUD_RUN)).toEqual(['gpu="A10G": a GPU type offered on gcp-cloud-run: L4 (1 GPU per node)']);
    expect(() => resolveAccelerator(request, GCP_VERTEX)).toThrow(/invalid gpu: "A10G"\. Allowed: a GPU type offered on gcp-vertex: T4/);
  });
});

describe('bad requests', () => {
  test('a GPU count that no node of that GPU carries lists the counts and their instance types', () => {
    expect(problemsOf({ gpu: GpuType.H100, gpusPerNode: 4 }, SAGEMAKER)).toEqual([
      'gpusPerNode=4: H100 on sagemaker: 8 GPUs per node (ml.p5.48xlarge)',
    ]);
    expect(problemsOf({ gpu: GpuType.T4, gpusPerNode: 2 }, EC2)).toEqual([
      'gpusPerNode=2: T4 on ec2: 1 GPU per node (g4dn.xlarge, g4dn.2xlarge, g4dn.4xlarge, g4dn.8xlarge, g4dn.16xlarge); 4 GPUs per node (g4dn.12xlarge)',
    ]);
    expect(problemsOf({ gpu: GpuType.L4, gpusPerNode: 2 }, GCP_CLOUD_RUN)).toEqual(['gpusPerNode=2: L4 on gcp-cloud-run: 1 GPU per node (nvidia-l4)']);
  });

  test('a GPU count beyond the largest node does not fit a node', () => {
    expect(problemsOf({ gpu: GpuType.A100_40GB, gpusPerNode: 32 }, GCP_COMPUTE)).toEqual([
      expect.stringMatching(/^gpusPerNode=32: A100-40GB on gcp-compute: 1 GPU per node \(a2-highgpu-1g\); .*; 16 GPUs per node \(a2-megagpu-16g\)$/),
    ]);
    expect(problemsOf({ gpu: GpuType.A100_40GB, gpusPerNode: 16 }, SAGEMAKER)).toEqual(['gpusPerNode=16: A100-40GB on sagemaker: 8 GPUs per node (ml.p4d.24xlarge)']);
  });

  test.each([0, -1, 1.5, Number.NaN])('gpusPerNode %p is not a positive integer', (gpusPerNode) => {
    expect(problemsOf({ gpu: GpuType.H100, gpusPerNode }, EC2)).toEqual([
      `gpusPerNode=${JSON.stringify(gpusPerNode)}: a positive integer that a node carries; H100 on ec2: 8 GPUs per node (p5.48xlarge)`,
    ]);
  });

  test.each([0, -2, 2.5])('nodeCount %p is not a positive integer', (nodeCount) => {
    expect(problemsOf({ gpu: GpuType.H100, gpusPerNode: 8, nodeCount }, GCP_VERTEX)).toEqual([
      `nodeCount=${nodeCount}: a positive integer (at least 1 node)`,
    ]);
    expect(() => resolveAccelerator({ gpu: GpuType.H100, gpusPerNode: 8, nodeCount }, GCP_VERTEX)).toThrow(MlopsValidationError);
  });

  test('problems of the GPU count and of the node count are both reported', () => {
    expect(acceleratorProblems({ gpu: GpuType.L4, gpusPerNode: 3, nodeCount: 0 }, EC2).map((p) => p.property)).toEqual(['gpusPerNode', 'nodeCount']);
  });

  test('an unknown GPU name lists the known ones', () => {
    const gpu = GpuType.of('V100');
    expect(gpu.problem()).toBe('one of T4, A10G, L4, A100-40GB, A100-80GB, H100, H200');
    expect(problemsOf({ gpu, gpusPerNode: 1 }, EC2)).toEqual(['gpu="V100": one of T4, A10G, L4, A100-40GB, A100-80GB, H100, H200']);
  });

  test('resolveAccelerator throws the first problem without a construct path', () => {
    expect(() => resolveAccelerator({ gpu: GpuType.H100, gpusPerNode: 1 }, SAGEMAKER))
      .toThrow('[<no construct>] invalid gpusPerNode: 1. Allowed: H100 on sagemaker: 8 GPUs per node (ml.p5.48xlarge).');
  });
});

describe('GpuType', () => {
  test('of() returns the same instance for known names', () => {
    expect(GpuType.of('A100-80GB')).toBe(GpuType.A100_80GB);
    expect(GpuType.ALL.map((g) => [g.name, g.memoryGiB, g.problem()])).toEqual([
      ['T4', 16, undefined], ['A10G', 24, undefined], ['L4', 24, undefined], ['A100-40GB', 40, undefined],
      ['A100-80GB', 80, undefined], ['H100', 80, undefined], ['H200', 141, undefined],
    ]);
  });
});

describe('catalog', () => {
  test('the smallest offering wins: fewest vCPUs carrying exactly that count', () => {
    expect(resolveAccelerator({ gpu: GpuType.A10G, gpusPerNode: 4 }, EC2).instanceType).toBe('g5.12xlarge');
    expect(resolveAccelerator({ gpu: GpuType.L4, gpusPerNode: 2 }, GCP_COMPUTE).instanceType).toBe('g2-standard-24');
    expect(acceleratorOfferings(GpuType.L4, GCP_COMPUTE).map((o) => o.vcpus)).toEqual([4, 8, 12, 16, 24, 32, 48, 96]);
  });

  test('lookup by instance type is exact and per platform; CPU and unknown types are not in the catalog', () => {
    expect(acceleratorOfferingByInstanceType(SAGEMAKER, 'ml.p4d.24xlarge')).toMatchObject({ gpu: GpuType.A100_40GB, gpusPerNode: 8, vcpus: 96, memoryGiB: 1152 });
    expect(acceleratorOfferingByInstanceType(EC2, 'ml.p4d.24xlarge')).toBeUndefined();
    expect(acceleratorOfferingByInstanceType(SAGEMAKER, 'ml.m5.xlarge')).toBeUndefined();
    expect(acceleratorOfferingByInstanceType(GCP_COMPUTE, 'a3-megagpu-8g')).toMatchObject({ gpu: GpuType.H100, gcpAcceleratorType: 'nvidia-h100-mega-80gb' });
    expect(acceleratorOfferingByInstanceType(GCP_VERTEX, 'a3-megagpu-8g')).toMatchObject({ vertexAcceleratorType: 'NVIDIA_H100_MEGA_80GB' });
  });

  test('every row is well formed: a source URL, positive sizes, the accelerator name of its platform, one row per platform and type', () => {
    const keys = new Set<string>();
    for (const o of ACCELERATOR_CATALOG) {
      const where = `${o.platform}/${o.instanceType}`;
      expect([where, o.source]).toEqual([where, expect.stringMatching(/^https:\/\//)]);
      expect([where, [o.gpusPerNode, o.vcpus, o.memoryGiB].every((n) => Number.isInteger(n) && n > 0)]).toEqual([where, true]);
      expect([where, o.gcpAcceleratorType !== undefined]).toEqual([where, o.platform === GCP_COMPUTE || o.platform === GCP_CLOUD_RUN]);
      expect([where, o.vertexAcceleratorType !== undefined]).toEqual([where, o.platform === GCP_VERTEX]);
      expect([where, o.platform !== SAGEMAKER || o.instanceType.startsWith('ml.')]).toEqual([where, true]);
      expect(keys.has(where)).toBe(false);
      keys.add(where);
    }
  });

  test('every SageMaker type is the ml. twin of an EC2 type with the same hardware', () => {
    const sagemaker = ACCELERATOR_CATALOG.filter((o) => o.platform === SAGEMAKER);
    expect(sagemaker.length).toBeGreaterThan(0);
    for (const o of sagemaker) {
      const ec2 = acceleratorOfferingByInstanceType(EC2, o.instanceType.replace(/^ml\./, ''));
      expect([o.instanceType, ec2 && { gpu: ec2.gpu, gpus: ec2.gpusPerNode, vcpus: ec2.vcpus, mem: ec2.memoryGiB }])
        .toEqual([o.instanceType, { gpu: o.gpu, gpus: o.gpusPerNode, vcpus: o.vcpus, mem: o.memoryGiB }]);
    }
  });
});

import { AcceleratorPlatform, GpuType, MlopsValidationError, resolveAcceleratorOffering, unwrap, ValidationProblem } from 'mlops-constructs';

describe('resolveAcceleratorOffering', () => {
  test('without an explicit type, the smallest row carrying exactly the GPUs', () => {
    const result = resolveAcceleratorOffering({ gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 3 }, AcceleratorPlatform.GCP_COMPUTE);
    expect(result).toMatchObject({ instanceType: 'g2-standard-4', gpusPerNode: 1, nodeCount: 3, totalGpus: 3 });
  });

  test('an explicit type that carries the same GPUs is kept (a larger host)', () => {
    const result = resolveAcceleratorOffering({ gpu: GpuType.L4, gpusPerNode: 1 }, AcceleratorPlatform.GCP_COMPUTE, { instanceType: 'g2-standard-8' });
    expect(result).toMatchObject({ instanceType: 'g2-standard-8', nodeCount: 1, totalGpus: 1 });
  });

  test('an explicit type that carries other GPUs is a problem at the named property, listing the rows that fit', () => {
    const result = resolveAcceleratorOffering({ gpu: GpuType.H100, gpusPerNode: 8 }, AcceleratorPlatform.SAGEMAKER, {
      instanceType: 'ml.p4d.24xlarge', instanceTypeProperty: 'trainingInstanceType',
    });
    expect(result).toEqual([{
      property: 'trainingInstanceType', value: 'ml.p4d.24xlarge', allowed: 'a type on sagemaker carrying 8 × H100: ml.p5.48xlarge',
    }]);
  });

  test('a token as explicit type is used as given, with the smallest row\'s GPUs', () => {
    const token = '${TfToken[TOKEN.1]}';
    const result = resolveAcceleratorOffering({ gpu: GpuType.L4, gpusPerNode: 1 }, AcceleratorPlatform.GCP_COMPUTE, {
      instanceType: token, isUnresolved: (v) => v === token,
    });
    expect(result).toMatchObject({ instanceType: token, gcpAcceleratorType: 'nvidia-l4', gpusPerNode: 1 });
  });

  test('the request\'s problems come back under requestProperty', () => {
    const result = resolveAcceleratorOffering({ gpu: GpuType.L4, gpusPerNode: 3 }, AcceleratorPlatform.GCP_COMPUTE, { requestProperty: 'gpuPools[0].accelerator' });
    expect(Array.isArray(result)).toBe(true);
    expect((result as ValidationProblem[])[0]).toMatchObject({ property: 'gpuPools[0].accelerator.gpusPerNode', value: 3 });
  });

  test('a request that is not an object is one problem, not a TypeError', () => {
    const result = resolveAcceleratorOffering(null as never, AcceleratorPlatform.SAGEMAKER);
    expect(result).toEqual([expect.objectContaining({ property: 'accelerator', value: null })]);
  });
});

describe('unwrap', () => {
  test('returns a value', () => {
    expect(unwrap('Stack/X', 'capacity', { instanceType: 'ml.m5.xlarge' })).toEqual({ instanceType: 'ml.m5.xlarge' });
  });

  test('throws the first problem under the scope, with the prefix', () => {
    const problems: ValidationProblem[] = [{ property: 'gpu', value: 'X', allowed: 'a GpuType' }, { property: 'nodeCount', value: 0, allowed: 'at least 1' }];
    expect(() => unwrap('Stack/X', 'accelerator', problems)).toThrow(MlopsValidationError);
    expect(() => unwrap('Stack/X', 'accelerator', problems)).toThrow('[Stack/X] invalid accelerator.gpu: "X". Allowed: a GpuType.');
  });
});

/**
 * Which instance type an endpoint runs on, and what the type implies for the volume key.
 *
 * GPU types come from the accelerator catalog (a neutral request, or an explicit `ml.*` type that
 * must be a catalog row); CPU types are not in the catalog and are checked against the
 * `ml.<family>.<size>` form only.
 */
import {
  acceleratorOfferingByInstanceType,
  AcceleratorPlatform,
  AcceleratorRequest,
  ACCELERATOR_CATALOG,
  namingProblem,
  resolveAcceleratorOffering,
  ValidationProblem,
} from '../../../core';
import { DEFAULT_INSTANCE_TYPE, INSTANCE_TYPE_RULE } from './limits';

/** An instance type chosen for an endpoint. */
export interface ResolvedInstanceType {
  /** `ml.<family>.<size>`. */
  readonly instanceType: string;
  /** Nodes the accelerator request asked for, when the type came from one. */
  readonly requestedNodeCount?: number;
}

/** `ml.g5.2xlarge` → `g5`. */
export function instanceFamily(instanceType: string): string {
  return instanceType.split('.')[1] ?? '';
}

/** The SageMaker families of the catalog's GPU rows (`g4dn`, `g5`, `g6`, `p4d`, …). */
function catalogGpuFamilies(): Set<string> {
  return new Set(ACCELERATOR_CATALOG
    .filter((o) => o.platform === AcceleratorPlatform.SAGEMAKER)
    .map((o) => instanceFamily(o.instanceType)));
}

/**
 * The instance type for an explicit type and/or an accelerator request, or the problems with
 * them (property paths relative to the capacity: `instanceType`, `accelerator.gpu`, …).
 *
 * | instanceType | accelerator | result                                                         |
 * |--------------|-------------|----------------------------------------------------------------|
 * | -            | -           | ml.m5.xlarge                                                   |
 * | CPU type     | -           | the type, if it has the `ml.<family>.<size>` form              |
 * | GPU type     | -           | the type, if the catalog has that row                          |
 * | -            | request     | the smallest catalog row carrying exactly gpusPerNode GPUs     |
 * | any          | request     | problem: give one or the other                                 |
 */
export function resolveInstanceType(instanceType: string | undefined, accelerator: AcceleratorRequest | undefined): ResolvedInstanceType | ValidationProblem[] {
  if (instanceType !== undefined && accelerator !== undefined) {
    return [{ property: 'instanceType', value: instanceType, allowed: 'either instanceType or accelerator, not both (the accelerator request resolves to an instance type)' }];
  }
  if (accelerator !== undefined) {
    const resolved = resolveAcceleratorOffering(accelerator, AcceleratorPlatform.SAGEMAKER, { requestProperty: 'accelerator' });
    return Array.isArray(resolved) ? resolved : { instanceType: resolved.instanceType, requestedNodeCount: accelerator.nodeCount };
  }
  const type = instanceType ?? DEFAULT_INSTANCE_TYPE;
  const formProblem = namingProblem(INSTANCE_TYPE_RULE, type);
  if (formProblem) {
    return [{ property: 'instanceType', value: type, allowed: formProblem }];
  }
  const family = instanceFamily(type);
  if (catalogGpuFamilies().has(family) && acceleratorOfferingByInstanceType(AcceleratorPlatform.SAGEMAKER, type) === undefined) {
    const known = ACCELERATOR_CATALOG
      .filter((o) => o.platform === AcceleratorPlatform.SAGEMAKER && instanceFamily(o.instanceType) === family)
      .map((o) => o.instanceType);
    return [{ property: 'instanceType', value: type, allowed: `a ${family} type of the accelerator catalog: ${known.join(', ')}` }];
  }
  return { instanceType: type };
}

/**
 * Families documented with NVMe instance storage whose names carry no `d`: `ml.g5` (SageMaker
 * names "ml.p4d, ml.g4dn, and ml.g5" as NVMe families), and the EC2 families i3, i3en and f1.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html (VolumeSizeInGB)
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html#instance-store-volumes
 */
const NVME_FAMILIES_WITHOUT_D: ReadonlySet<string> = new Set(['g5', 'i3', 'i3en', 'f1']);

/**
 * A `d` among a family's attribute letters marks instance store volumes: every `d` family of
 * EC2's instance store table (c5d, c5ad, c6gd, m5d, m5ad, m5dn, m6gd, r5d, r5ad, r5dn, r6gd,
 * x2gd, z1d, g4dn, g4ad, p3dn, p4d) has them.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html#instance-store-volumes
 */
const D_ATTRIBUTE_FAMILY = /^[a-z]+[0-9]+[a-z]*d[a-z]*$/;

/**
 * Accelerator families (GPU `p`, `g`; AWS chips `inf`, `trn`; `dl`): newer ones often carry NVMe
 * storage without a `d` in their names, so an undocumented one is not assumed to be EBS-only.
 * This only decides between "no key, with a warning" and "key"; it states no storage fact.
 */
const ACCELERATOR_FAMILY = /^(?:p|g|inf|trn|dl)[0-9]/;

/**
 * Whether an instance type has local NVMe storage, for which CreateEndpointConfig refuses a
 * `KmsKeyId` ("If you specify a value for KmsKeyId when using any nitro-based instances with
 * local storage, the call to CreateEndpointConfig fails"; the storage is encrypted by the
 * instance's hardware module).
 *
 * | family                                         | result    |
 * |------------------------------------------------|-----------|
 * | a `d` attribute (m5d, g4dn, p4d, …), g5, i3, f1 | true      |
 * | another accelerator family (g6, p5, inf2, …)   | undefined |
 * | another family (m5, c6i, r5, …)                | false     |
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId
 */
export function hasLocalInstanceStorage(instanceType: string): boolean | undefined {
  const family = instanceFamily(instanceType);
  if (D_ATTRIBUTE_FAMILY.test(family) || NVME_FAMILIES_WITHOUT_D.has(family)) {
    return true;
  }
  return ACCELERATOR_FAMILY.test(family) ? undefined : false;
}

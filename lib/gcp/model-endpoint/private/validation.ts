import { isEncodedNumberToken, namingProblem, ValidationProblem } from '../../../core';
import { CLOUD_RUN_MEMORY_MIB } from '../../../core/limits';
import { Size } from '../../size';
import { CLOUD_RUN_REVISION_NAME_MAX_LENGTH, CLOUD_RUN_REVISION_SUFFIX_RULE } from './names';

/**
 * Checks of a ModelEndpoint's numbers and traffic settings, as pure functions returning
 * problems (property paths relative to the prop). Internal to the library.
 */

/**
 * What a Cloud Run instance with a GPU needs at least: 4 CPUs and 16 GiB of memory.
 * @see https://cloud.google.com/run/docs/configuring/services/gpu
 */
export const CLOUD_RUN_GPU_MIN_CPU = 4;
/** See {@link CLOUD_RUN_GPU_MIN_CPU}. */
export const CLOUD_RUN_GPU_MIN_MEMORY_GIB = 16;

/** `512 MiB`, `4 GiB`: a number of mebibytes in the unit it reads best in. */
function mebibytesText(mebibytes: number): string {
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024} GiB` : `${mebibytes} MiB`;
}

/**
 * Problems with a Cloud Run instance size (properties `cpu`, `memory` of the Cloud Run options):
 * the vCPU counts and memory ranges of {@link CLOUD_RUN_MEMORY_MIB} (whole MiB, from 512 MiB, the
 * second generation minimum, which holds in both execution environments), and a GPU's minimums.
 */
export function cloudRunResourceProblems(cpu: unknown, memory: Size, withGpu: boolean): ValidationProblem[] {
  const cpus = [...CLOUD_RUN_MEMORY_MIB.maxByCpu.keys()];
  const max = typeof cpu === 'number' ? CLOUD_RUN_MEMORY_MIB.maxByCpu.get(cpu) : undefined;
  if (max === undefined) {
    return [{ property: 'cpu', value: cpu, allowed: `one of ${cpus.join(', ')} vCPUs` }];
  }
  if (withGpu && (cpu as number) < CLOUD_RUN_GPU_MIN_CPU) {
    return [{
      property: 'cpu', value: cpu,
      allowed: `at least ${CLOUD_RUN_GPU_MIN_CPU} vCPUs with a GPU (${cpus.filter((c) => c >= CLOUD_RUN_GPU_MIN_CPU).join(', ')})`,
    }];
  }
  const min = Math.max(CLOUD_RUN_MEMORY_MIB.minSecondGeneration, CLOUD_RUN_MEMORY_MIB.minByCpu.get(cpu as number) ?? CLOUD_RUN_MEMORY_MIB.minSecondGeneration);
  const low = withGpu ? Math.max(min, CLOUD_RUN_GPU_MIN_MEMORY_GIB * 1024) : min;
  const mebibytes = memory.toMebibytes();
  if (isEncodedNumberToken(mebibytes)) {
    return [{ property: 'memory', value: '(a token)', allowed: 'a literal Size here, not a token: the memory is checked against the vCPU count' }];
  }
  if (!Number.isInteger(mebibytes) || mebibytes < low || mebibytes > max) {
    return [{
      property: 'memory', value: memory.toString(),
      allowed: `a whole number of MiB from ${mebibytesText(low)} to ${mebibytesText(max)} with ${cpu} vCPU${cpu === 1 ? '' : 's'}`
        + `${withGpu ? ` (a GPU needs at least ${CLOUD_RUN_GPU_MIN_MEMORY_GIB} GiB)` : ''} (${CLOUD_RUN_MEMORY_MIB.source})`,
    }];
  }
  return [];
}

/**
 * A memory size as Cloud Run's `limits.memory` quantity: whole GiB as `Gi` (`16Gi`), anything
 * else in MiB (`512Mi`).
 */
export function cloudRunMemoryQuantity(memory: Size): string {
  const mebibytes = memory.toMebibytes();
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** A traffic target as validated: a revision suffix, or `undefined` for the latest revision. */
export interface TrafficTargetSpec {
  /** The revision suffix, or `undefined` for the latest ready revision. */
  readonly revisionSuffix?: string;
  /** Percent of requests. */
  readonly percent: number;
}

/**
 * Problems with a Cloud Run traffic split (paths `[i].percent`, `[i].revisionSuffix`, `''` for the
 * whole list): whole percents from 0 to 100 that add up to 100, at most one target for the latest
 * revision and one per named revision, revision names that fit.
 *
 * @param serviceName the service name, which starts every revision name; without it, the length
 * of revision names is not checked
 * @see https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#traffic
 */
export function trafficProblems(targets: readonly TrafficTargetSpec[], serviceName: string | undefined): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (targets.length === 0) {
    return [{ property: '', value: [], allowed: 'at least one traffic target, with percents adding up to 100' }];
  }
  targets.forEach((target, i) => {
    problems.push(...percentProblems(target.percent, `[${i}].percent`, 0, 100, 'a whole percent from 0 to 100'));
    if (target.revisionSuffix !== undefined) {
      problems.push(...revisionSuffixProblems(target.revisionSuffix, serviceName, `[${i}].revisionSuffix`));
    }
  });
  if (targets.filter((t) => t.revisionSuffix === undefined).length > 1) {
    problems.push({ property: '', value: describeTargets(targets), allowed: 'at most one target for the latest revision' });
  }
  const suffixes = targets.map((t) => t.revisionSuffix).filter((s): s is string => s !== undefined);
  const repeated = suffixes.find((s, i) => suffixes.indexOf(s) !== i);
  if (repeated !== undefined) {
    problems.push({ property: '', value: describeTargets(targets), allowed: `one target per revision ("${repeated}" appears twice)` });
  }
  const total = targets.reduce((sum, t) => sum + (typeof t.percent === 'number' ? t.percent : 0), 0);
  if (problems.length === 0 && total !== 100) {
    problems.push({ property: '', value: describeTargets(targets), allowed: `percents that add up to 100 (these add up to ${total})` });
  }
  return problems;
}

/**
 * Problems with a revision suffix (`<service>-<suffix>` must be a valid revision name); its length
 * only when the service name is given.
 */
export function revisionSuffixProblems(suffix: unknown, serviceName: string | undefined, property: string): ValidationProblem[] {
  const problem = namingProblem(CLOUD_RUN_REVISION_SUFFIX_RULE, suffix);
  if (problem !== undefined) {
    return [{ property, value: suffix, allowed: problem }];
  }
  if (serviceName === undefined) {
    return [];
  }
  const maxSuffix = CLOUD_RUN_REVISION_NAME_MAX_LENGTH - serviceName.length - 1;
  return (suffix as string).length > maxSuffix
    ? [{ property, value: suffix, allowed: `at most ${maxSuffix} characters: the revision name "${serviceName}-<suffix>" may have at most ${CLOUD_RUN_REVISION_NAME_MAX_LENGTH}` }]
    : [];
}

/** Problems with a whole percent between `min` and `max`. */
export function percentProblems(value: unknown, property: string, min: number, max: number, allowed: string): ValidationProblem[] {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? [] : [{ property, value, allowed }];
}

/** `LATEST=10, v1=90`: a split as error messages show it. */
export function describeTargets(targets: readonly TrafficTargetSpec[]): string {
  return targets.map((t) => `${t.revisionSuffix ?? 'LATEST'}=${t.percent}`).join(', ');
}

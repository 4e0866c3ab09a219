/**
 * Checks against the location and instance-type catalogs, as pure functions returning what is
 * allowed (the "Allowed:" text of an `MlopsValidationError`), or `undefined` when the value is
 * known.
 */
import { GcpLocationService, GCP_LOCATIONS_RETRIEVED, GCP_SERVICE_LOCATIONS } from './gcp-locations';
import {
  SAGEMAKER_ACCELERATED_TYPE_REGIONS,
  SAGEMAKER_INSTANCE_TYPES,
  SAGEMAKER_INSTANCE_TYPES_BY_USE,
  SageMakerInstanceUse,
} from './sagemaker-instance-types';
import { closestMatch, didYouMean } from './suggest';

/** What a location check accepts besides regions. */
export interface GcpLocationOptions {
  /** Accept the service's multi-regions (`US`, `EU`; upper or lower case). @default false */
  readonly multiRegions?: boolean;
  /** Accept zones (`us-central1-a`) of the service's regions. @default false */
  readonly zones?: boolean;
}

const ZONE = /^([a-z]+-[a-z]+[0-9]+)-([a-z])$/;

/**
 * `undefined` when `value` is a location of `service` (a region; a multi-region or a zone of a
 * region when `options` allow them), else `allowed` followed by the closest known location.
 *
 * @param allowed what the construct needs, in its own words
 */
export function gcpLocationProblem(service: GcpLocationService, value: unknown, allowed: string, options: GcpLocationOptions = {}): string | undefined {
  const catalog = GCP_SERVICE_LOCATIONS[service];
  const multi = options.multiRegions ? catalog.multiRegions : [];
  const zone = typeof value === 'string' && options.zones ? ZONE.exec(value) : null;
  if (typeof value === 'string') {
    if (catalog.regions.includes(value) || multi.some((m) => value === m || value === m.toLowerCase())) {
      return undefined;
    }
    if (zone && catalog.regions.includes(zone[1])) {
      return undefined;
    }
  }
  let suggestion: string;
  if (zone) {
    const region = closestMatch(zone[1], catalog.regions);
    suggestion = region === undefined ? '' : `; did you mean "${region}-${zone[2]}"?`;
  } else {
    suggestion = didYouMean(value, [...catalog.regions, ...multi]);
  }
  const known = `${catalog.regions.length} ${service} regions${multi.length > 0 ? ` and ${multi.join(', ')}` : ''} in the catalog of ${GCP_LOCATIONS_RETRIEVED}`;
  return `${allowed} (one of the ${known})${suggestion}`;
}

/**
 * `undefined` when `instanceType` is an `ml.*` type the SageMaker API accepts for `use` (any use
 * when none is given), else what is allowed with the closest known type.
 */
export function sageMakerInstanceTypeProblem(instanceType: unknown, use?: SageMakerInstanceUse): string | undefined {
  const known = use === undefined ? SAGEMAKER_INSTANCE_TYPES : SAGEMAKER_INSTANCE_TYPES_BY_USE[use];
  if (typeof instanceType === 'string' && known.includes(instanceType)) {
    return undefined;
  }
  const what = use === undefined ? 'a SageMaker instance type' : `a SageMaker ${use} instance type`;
  const elsewhere = typeof instanceType === 'string' && use !== undefined && SAGEMAKER_INSTANCE_TYPES.includes(instanceType)
    ? ` (${instanceType} exists, but the ${use} API does not take it)`
    : '';
  return `${what} that exists, such as ml.m5.xlarge${elsewhere}${didYouMean(instanceType, known)}`;
}

/** Every region the availability data covers: a region outside it is unknown, not refused. */
const CATALOG_REGIONS: ReadonlySet<string> = new Set(Object.values(SAGEMAKER_ACCELERATED_TYPE_REGIONS).flat());

/**
 * `undefined` when `region` can offer `instanceType`, or when the catalog does not know (a CPU
 * type, or a region the catalog has no row for); else which regions offer it.
 *
 * Call only with literal values; a region that is an unresolved token cannot be checked at synth.
 */
export function sageMakerRegionProblem(instanceType: string, region: string): string | undefined {
  const regions = SAGEMAKER_ACCELERATED_TYPE_REGIONS[instanceType];
  if (regions === undefined || regions.includes(region) || !CATALOG_REGIONS.has(region)) {
    return undefined;
  }
  return `an instance type offered in ${region}; ${instanceType} is offered only in ${regions.join(', ')} (EC2 does not sell ${instanceType.slice(3)} in ${region})`;
}

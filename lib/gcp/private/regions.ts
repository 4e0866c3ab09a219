/**
 * Google Cloud regions and zones: the shape of each, the region of a location, and location rules
 * that check the catalog (`core/locations`) so that a misspelled region is refused with the
 * closest known one. Each construct describes the region it needs in its own words (which
 * service, why not a multi-region), so that its errors say what is allowed there.
 *
 * @see https://cloud.google.com/compute/docs/regions-zones
 */
import { NamingRule } from '../../core';
import { GcpLocationOptions, gcpLocationProblem, GcpLocationService } from '../../core/locations';

/** A region: `us-central1`, `europe-west4`, `northamerica-northeast1`. */
const REGION_PATTERN = /^[a-z]+-[a-z]+[0-9]+$/;

/**
 * A naming rule whose values are locations of a service: `resolveName` checks them against the
 * location catalog (did you mean) instead of the pattern alone.
 */
export interface LocationRule extends NamingRule {
  /** The service whose catalog holds the accepted locations. */
  readonly service: GcpLocationService;
  /** Multi-regions or zones the rule accepts besides regions. */
  readonly options?: GcpLocationOptions;
}

/** Whether `rule` is a {@link LocationRule}. */
export function isLocationRule(rule: NamingRule): rule is LocationRule {
  return (rule as Partial<LocationRule>).service !== undefined;
}

/** `undefined` when `value` follows `rule` (for a location rule: is in its service's catalog), else what is allowed. */
export function locationRuleProblem(rule: LocationRule, value: unknown): string | undefined {
  return gcpLocationProblem(rule.service, value, rule.description, rule.options);
}

/** A region rule of `service` with the construct's own description of what it needs. */
export function regionRule(description: string, service: GcpLocationService = GcpLocationService.COMPUTE): LocationRule {
  return { pattern: REGION_PATTERN, description, service };
}

/** Compute Engine regions (`us-central1`). */
export const GCP_REGION_RULE: LocationRule = regionRule('a Compute Engine region such as "us-central1"');

/** Compute Engine zones (`us-central1-a`). */
export const GCP_ZONE_RULE: NamingRule = {
  pattern: /^[a-z]+-[a-z]+[0-9]+-[a-z]$/,
  description: 'a Compute Engine zone such as "us-central1-a"',
};

/** The region of a zone (`us-central1-a` → `us-central1`), or the region itself. */
export function regionOf(location: string): string {
  return GCP_ZONE_RULE.pattern.test(location) ? location.slice(0, location.lastIndexOf('-')) : location;
}

/**
 * Google Cloud regions and zones: one pattern for each, and the region of a location. Each
 * construct describes the region it needs in its own words (which service, why not a
 * multi-region), so that its errors say what is allowed there.
 *
 * @see https://cloud.google.com/compute/docs/regions-zones
 */
import { NamingRule } from '../../core';

/** A region: `us-central1`, `europe-west4`, `northamerica-northeast1`. */
const REGION_PATTERN = /^[a-z]+-[a-z]+[0-9]+$/;

/** A region rule with the construct's own description of what it needs. */
export function regionRule(description: string): NamingRule {
  return { pattern: REGION_PATTERN, description };
}

/** Compute Engine regions (`us-central1`). */
export const GCP_REGION_RULE: NamingRule = regionRule('a Compute Engine region such as "us-central1"');

/** Compute Engine zones (`us-central1-a`). */
export const GCP_ZONE_RULE: NamingRule = {
  pattern: /^[a-z]+-[a-z]+[0-9]+-[a-z]$/,
  description: 'a Compute Engine zone such as "us-central1-a"',
};

/** The region of a zone (`us-central1-a` → `us-central1`), or the region itself. */
export function regionOf(location: string): string {
  return GCP_ZONE_RULE.pattern.test(location) ? location.slice(0, location.lastIndexOf('-')) : location;
}

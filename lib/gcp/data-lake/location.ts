import { NamingRule } from '../../core';
import { GcpLocationService } from '../../core/locations';
import { LocationRule } from '../private/regions';

/**
 * A location that exists both for Cloud Storage buckets and for BigQuery datasets, so that a lake
 * keeps its files and its tables in the same place: the multi-regions `US` and `EU`, or a region
 * such as `europe-west4`. Cloud Storage dual-regions (`NAM4`, `EUR4`) are not BigQuery locations.
 *
 * @see https://cloud.google.com/storage/docs/locations
 * @see https://cloud.google.com/bigquery/docs/locations
 */
export const LAKE_LOCATION_RULE: NamingRule = ({
  pattern: /^(?:US|EU|[a-z]+-[a-z]+[0-9]+)$/,
  service: GcpLocationService.BIGQUERY,
  options: { multiRegions: true },
  description: '"US", "EU" or a region such as "europe-west4" (a location both Cloud Storage and BigQuery offer; dual-regions are not BigQuery locations)',
} satisfies LocationRule) as NamingRule; // public as a NamingRule; the location catalog check reads `service` (lib/gcp/private/regions.ts)

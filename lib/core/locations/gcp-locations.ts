/**
 * The Google Cloud locations each service the library uses accepts: regions and multi-regions,
 * as data. A misspelled location is refused at synth with the closest known one ("did you mean").
 *
 * Sources (Google's published location pages; read through the stored copies of the project's
 * search tool, retrieved 2026-12-02):
 * - regions: https://cloud.google.com/compute/docs/regions-zones (the "Available regions and
 *   zones" table). Google Kubernetes Engine, Pub/Sub, Cloud Run, Workflows, Cloud Scheduler and
 *   Cloud KMS are offered in these regions.
 * - Cloud Storage: https://cloud.google.com/storage/docs/locations (regions; multi-regions ASIA,
 *   EU, US; predefined dual-regions ASIA1, EUR4, EUR5, EUR7, EUR8, NAM4).
 * - BigQuery: https://cloud.google.com/bigquery/docs/locations (regions; multi-regions US, EU).
 * - Vertex AI: https://cloud.google.com/vertex-ai/docs/general/locations. Which Vertex feature a
 *   region offers differs by feature and changes often; the catalog holds the Google Cloud regions
 *   (the check refuses names that are no region at all), not a per-feature table.
 * - Pub/Sub: https://cloud.google.com/pubsub/docs/resource-location-restriction (regional
 *   endpoints in every Google Cloud region; the `global` endpoint is not a storage location).
 *
 * What the stored copies showed: each page's beginning (what a location is, how to choose one,
 * the multi-regions); the long region tables further down were not in them. The region list is
 * therefore the author's reading of the Compute Engine table as of the retrieval date, not a
 * row-by-row copy. New regions open every few months: a refused region that exists means the
 * catalog is stale, and the fix is one line here.
 *
 * Refresh: compare with the pages above (or `gcloud compute regions list --format="value(name)"`,
 * `gcloud storage buckets create --help`), edit the lists, keep them sorted; the tests check
 * sortedness and that every example stack's location is in its catalog.
 */

/** When the catalogs were last compared with Google's pages. */
export const GCP_LOCATIONS_RETRIEVED = '2026-12-02';

/** Google Cloud regions, sorted. */
export const GCP_REGIONS: readonly string[] = [
  'africa-south1',
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3',
  'asia-south1', 'asia-south2', 'asia-southeast1', 'asia-southeast2', 'asia-southeast3',
  'australia-southeast1', 'australia-southeast2',
  'europe-central2', 'europe-north1', 'europe-north2', 'europe-southwest1',
  'europe-west1', 'europe-west10', 'europe-west12', 'europe-west2', 'europe-west3', 'europe-west4',
  'europe-west6', 'europe-west8', 'europe-west9',
  'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2', 'northamerica-south1',
  'southamerica-east1', 'southamerica-west1',
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1',
  'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

/** A Google Cloud service whose locations the catalog holds (enum). */
export enum GcpLocationService {
  /** Cloud Storage buckets. */
  CLOUD_STORAGE = 'Cloud Storage',
  /** BigQuery datasets. */
  BIGQUERY = 'BigQuery',
  /** Vertex AI resources (models, endpoints, feature stores, jobs). */
  VERTEX_AI = 'Vertex AI',
  /** Compute Engine and Google Kubernetes Engine. */
  COMPUTE = 'Compute Engine',
  /** Pub/Sub regional endpoints and message storage. */
  PUBSUB = 'Pub/Sub',
  /** Cloud Run services and jobs. */
  CLOUD_RUN = 'Cloud Run',
  /** Workflows and Cloud Scheduler jobs. */
  WORKFLOWS = 'Workflows',
}

/** The locations of one service: its regions and its multi-regions (upper case, as the APIs print them). */
export interface GcpServiceLocations {
  /** Regions (`europe-west4`). */
  readonly regions: readonly string[];
  /** Multi-regions and dual-regions (`US`, `EU`, `NAM4`), case as documented; matched case-insensitively. */
  readonly multiRegions: readonly string[];
}

/** Each service's locations. */
export const GCP_SERVICE_LOCATIONS: { readonly [service in GcpLocationService]: GcpServiceLocations } = {
  [GcpLocationService.CLOUD_STORAGE]: { regions: GCP_REGIONS, multiRegions: ['ASIA', 'EU', 'US', 'ASIA1', 'EUR4', 'EUR5', 'EUR7', 'EUR8', 'NAM4'] },
  [GcpLocationService.BIGQUERY]: { regions: GCP_REGIONS, multiRegions: ['EU', 'US'] },
  [GcpLocationService.VERTEX_AI]: { regions: GCP_REGIONS, multiRegions: [] },
  [GcpLocationService.COMPUTE]: { regions: GCP_REGIONS, multiRegions: [] },
  [GcpLocationService.PUBSUB]: { regions: GCP_REGIONS, multiRegions: [] },
  [GcpLocationService.CLOUD_RUN]: { regions: GCP_REGIONS, multiRegions: [] },
  [GcpLocationService.WORKFLOWS]: { regions: GCP_REGIONS, multiRegions: [] },
};

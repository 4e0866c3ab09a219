/**
 * What the Google Cloud level stacks cost while nothing happens: a committed table of every
 * Terraform resource type they synthesize, each with whether it bills while idle (no requests, no
 * runs, no data beyond an empty lake), the monthly price of one such resource where a stored page
 * gives it, and that page with its date. test/levels/idle-costs-gcp.test.ts fails when a level
 * stack has a type that is not here, so a new always-on resource cannot slip in unpriced. The
 * same shape as the AWS table (tools/levels/idle-costs.ts).
 *
 * Prices are list prices in USD as the cited pages state them (regions differ where the page says
 * so); `date` is the page's own date where it shows one, else the day it was read (2026-12-02).
 * Where no stored page gives the price, `monthlyUsd` is left out and `note` says so: the docs then
 * print "price not in the table", never a guess. Data sources (`data.*`) are reads at plan time
 * and never bill; they are not counted.
 *
 * Scheduled work is not idle: the training pipeline's daily run (a Vertex AI custom job on
 * `n1-standard-4`, BigQuery exports) and the feature view's hourly sync bill per run; they are
 * named in the notes of the resources that start them, not priced here.
 */

/** One resource type's cost at rest. */
export interface GcpIdleCostEntry {
  /** Whether one such resource bills while the platform is idle. */
  readonly billsWhenIdle: boolean;
  /** The monthly price of one idle resource, when it bills and a cited page gives it. */
  readonly monthlyUsd?: number;
  /** Where the price or the billing model comes from. */
  readonly source: string;
  /** The source's date (or the day it was read, see the file comment), YYYY-MM-DD. */
  readonly date: string;
  /** What the price covers, or why it is missing. */
  readonly note?: string;
}

const READ = '2026-12-02';

const USAGE_ONLY = (what: string) => `Billed per use only (${what}); nothing while idle.`;
const FREE = 'No charge for the resource itself.';

const IAM_FREE: GcpIdleCostEntry = { billsWhenIdle: false, source: 'https://innfactory.de/en/cloud/gcp/products/iam', date: READ, note: 'IAM (service accounts, custom roles, IAM members) is free.' };
const BIGQUERY = 'https://cloud.google.com/bigquery/pricing';
const PUBSUB = 'https://cloud.google.com/pubsub/pricing';
const STORAGE = 'https://cloud.google.com/storage/pricing-examples';
const VERTEX_STANDING = 'https://zop.dev/resources/blogs/gcp-vertex-ai-platform-estate-finops/';
const VPC = 'https://cloud.google.com/vpc/docs/private-access-options';

/** Terraform resource type → its cost at rest. */
export const GCP_IDLE_COSTS: { readonly [type: string]: GcpIdleCostEntry } = {
  google_kms_crypto_key: {
    billsWhenIdle: true,
    monthlyUsd: 0.06,
    source: 'https://cloud.google.com/kms/pricing/?hl=ja',
    date: '2025-03-17',
    note: '$0.06 per active SOFTWARE key version per month (prices effective 2025-03-17). The platform key rotates every 90 days and old versions stay active until destroyed, so a year-old key costs about $0.30; cryptographic operations bill $0.03 per 10,000 (per use).',
  },
  google_kms_key_ring: { billsWhenIdle: false, source: 'https://cloud.google.com/kms/pricing/?hl=ja', date: '2025-03-17', note: `${FREE} Its keys bill per active version.` },
  google_kms_crypto_key_iam_member: IAM_FREE,
  google_cloud_scheduler_job: {
    billsWhenIdle: true,
    monthlyUsd: 0.1,
    source: 'https://cloud-dot-devsite-v2-prod.appspot.com/scheduler/pricing?hl=zh-cn',
    date: READ,
    note: '$0.10 per job per 31 days, paused jobs included, whatever the number of executions; each billing account gets 3 jobs free, which this estimate does not subtract. The job starts the daily training run, which bills per run (Vertex AI custom jobs, BigQuery exports).',
  },
  google_monitoring_alert_policy: {
    billsWhenIdle: true,
    monthlyUsd: 1.5,
    source: 'https://cloud-dot-devsite-v2-prod.appspot.com/monitoring/alerts/cost-control',
    date: READ,
    note: '$1.50 per condition per month (charged since 2025), counted per condition of the policy; plus $0.35 per million time series returned, next to nothing for the few series an idle platform has.',
  },
  google_vertex_ai_feature_online_store: {
    billsWhenIdle: true,
    source: VERTEX_STANDING,
    date: READ,
    note: 'Standing resource: online stores bill for as long as they exist (Optimized online serving runs its serving nodes with or without traffic). No stored page gives the node-hour price of Optimized online serving, so no figure.',
  },
  google_vertex_ai_feature_online_store_featureview: { billsWhenIdle: false, source: VERTEX_STANDING, date: READ, note: 'No charge of its own while idle; its scheduled sync (hourly by default) bills per run as BigQuery processing and Feature Store data processing.' },
  google_vertex_ai_feature_group: { billsWhenIdle: false, source: 'https://mlops-book.pages.dev/chapters/11.3.html', date: READ, note: 'Metadata over a BigQuery table: the offline store is the lake (no separate storage price).' },
  google_vertex_ai_feature_group_feature: { billsWhenIdle: false, source: 'https://mlops-book.pages.dev/chapters/11.3.html', date: READ, note: 'Metadata of the feature group.' },
  google_vertex_ai_endpoint: {
    billsWhenIdle: false,
    source: 'https://c.doit.com/blog/vertex-ai-predictions-cost-reduction-using-cloudrun',
    date: READ,
    note: 'Node hours bill only while one or more models are deployed (the page quotes the prediction pricing page); the platform\'s endpoint exists without a model. A deployed model bills every node hour, traffic or not, and cannot scale to zero.',
  },
  google_workflows_workflow: { billsWhenIdle: false, source: 'https://cloud.google.com/workflows/pricing', date: READ, note: USAGE_ONLY('per step executed, internal and external steps priced apart') },
  google_pubsub_topic: { billsWhenIdle: false, source: PUBSUB, date: READ, note: USAGE_ONLY('throughput per TiB published and delivered, first 10 GiB a month free; storage of retained messages per GiB-month') },
  google_pubsub_subscription: { billsWhenIdle: false, source: PUBSUB, date: READ, note: USAGE_ONLY('delivery throughput (the BigQuery subscription writes per TiB), retained acknowledged messages per GiB-month') },
  google_pubsub_schema: { billsWhenIdle: false, source: PUBSUB, date: READ, note: FREE },
  google_pubsub_topic_iam_member: IAM_FREE,
  google_pubsub_subscription_iam_member: IAM_FREE,
  google_storage_bucket: { billsWhenIdle: false, source: STORAGE, date: READ, note: 'Storage per GB-month and operations; an empty bucket costs nothing (its data, once there, bills per GB).' },
  google_storage_bucket_object: { billsWhenIdle: false, source: STORAGE, date: READ, note: 'The trainer script: a few kilobytes of Standard storage, below a cent a month.' },
  google_storage_bucket_iam_member: IAM_FREE,
  google_bigquery_dataset: { billsWhenIdle: false, source: BIGQUERY, date: READ, note: 'Storage per GB-month (the first 10 GB a month free) and queries per TB scanned; an empty dataset costs nothing.' },
  google_bigquery_table: { billsWhenIdle: false, source: BIGQUERY, date: READ, note: 'Storage per GB-month (the first 10 GB a month free); loading and exporting data are free.' },
  google_bigquery_dataset_iam_member: IAM_FREE,
  google_bigquery_table_iam_member: IAM_FREE,
  google_service_account: IAM_FREE,
  google_service_account_iam_member: IAM_FREE,
  google_project_iam_member: IAM_FREE,
  google_project_iam_custom_role: IAM_FREE,
  google_cloudbuild_trigger: { billsWhenIdle: false, source: 'https://cloud-dot-devsite-v2-prod.appspot.com/build/pricing?hl=en', date: READ, note: 'Cloud Build charges per build-minute while a build runs (e2-standard-2 $0.006, the first 2,500 build-minutes a month free per billing account); a trigger that does not fire costs nothing.' },
  google_cloudbuildv2_repository: { billsWhenIdle: false, source: 'https://cloud-dot-devsite-v2-prod.appspot.com/build/pricing?hl=en', date: READ, note: `${FREE} Builds bill per build-minute.` },
  google_monitoring_metric_descriptor: { billsWhenIdle: false, source: 'https://theinnovationdispatch.com/data-automation/cloud-monitoring-software-features-benefits-costs', date: '2026-04-24', note: 'Custom metrics bill per MiB ingested: the drift monitor writes a few points per field and window, once a day; a descriptor without points costs nothing.' },
  google_project_service: { billsWhenIdle: false, source: 'https://cloud.google.com/workflows/pricing', date: READ, note: 'Enabling an API is free; its services bill per their own pricing (this page is one of them).' },
  google_compute_network: { billsWhenIdle: false, source: VPC, date: READ, note: 'No stored page states a price for a VPC network: Google charges for traffic, external IP addresses and VMs, none of which the level stacks create.' },
  google_compute_global_address: { billsWhenIdle: false, source: VPC, date: READ, note: 'An internal range allocated for private services access (purpose VPC_PEERING). No stored page states a price for it: static-address charges apply to external addresses.' },
  google_service_networking_connection: { billsWhenIdle: false, source: VPC, date: READ, note: 'The VPC peering of private services access. No stored page states a price for it: traffic between peered networks in one zone is free, across zones it bills per GB.' },
};

/** One line of a stack's idle cost: a resource type that bills while idle, how many, and the monthly estimate. */
export interface GcpIdleCostLine {
  readonly type: string;
  /** How many resources of the type (for alert policies, how many conditions). */
  readonly count: number;
  /** `count × monthlyUsd`, or `undefined` when the table has no price. */
  readonly monthlyUsd?: number;
  readonly entry: GcpIdleCostEntry;
}

/** A stack's cost at rest. */
export interface GcpIdleCost {
  /** The types that bill while idle, by type. */
  readonly lines: GcpIdleCostLine[];
  /** The sum of the priced lines. */
  readonly pricedMonthlyUsd: number;
  /** Types that bill while idle but have no price in the table. */
  readonly unpriced: string[];
  /** Resource types of the stack the table does not know. */
  readonly unknownTypes: string[];
}

/** A synthesized Terraform JSON stack, as far as the table reads it. */
export interface TerraformDocument {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: { readonly conditions?: readonly unknown[] } } };
}

/** How many billing units one resource is: an alert policy bills per condition, everything else per resource. */
function unitsOf(type: string, config: { readonly conditions?: readonly unknown[] }): number {
  return type === 'google_monitoring_alert_policy' ? Math.max(1, config.conditions?.length ?? 1) : 1;
}

/** The idle cost of a synthesized Terraform stack, from {@link GCP_IDLE_COSTS}. */
export function gcpIdleCost(document: TerraformDocument): GcpIdleCost {
  const counts = new Map<string, number>();
  const unknown = new Set<string>();
  for (const [type, byName] of Object.entries(document.resource ?? {})) {
    const entry = GCP_IDLE_COSTS[type];
    if (entry === undefined) {
      unknown.add(type);
    } else if (entry.billsWhenIdle) {
      for (const config of Object.values(byName)) {
        counts.set(type, (counts.get(type) ?? 0) + unitsOf(type, config));
      }
    }
  }
  const lines = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => {
    const entry = GCP_IDLE_COSTS[type];
    return { type, count, entry, monthlyUsd: entry.monthlyUsd === undefined ? undefined : Math.round(entry.monthlyUsd * count * 100) / 100 };
  });
  return {
    lines,
    pricedMonthlyUsd: Math.round(lines.reduce((sum, l) => sum + (l.monthlyUsd ?? 0), 0) * 100) / 100,
    unpriced: lines.filter((l) => l.monthlyUsd === undefined).map((l) => l.type),
    unknownTypes: [...unknown].sort(),
  };
}

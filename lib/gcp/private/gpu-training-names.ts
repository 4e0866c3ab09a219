/**
 * Naming and addressing rules of the services GpuTrainingCluster names things in: GKE clusters
 * and node pools, IAM service accounts, Kubernetes namespaces and service accounts, Compute Engine
 * regions and zones, IPv4 CIDR blocks. Each rule is data (a pattern and the sentence that
 * describes it), so error messages say what is allowed.
 */
import { NamingRule } from '../../core';

/**
 * GKE cluster names: up to 40 characters of lowercase letters, digits and hyphens, starting with
 * a letter and ending with a letter or digit.
 * @see https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster (field `name`)
 */
export const GKE_CLUSTER_NAME_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
  description: '1 to 40 characters of lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
};

/**
 * GKE node pool names: the same shape as cluster names, at most 40 characters.
 * @see https://gitlab.com/thorchain/devops/cluster-launcher/-/merge_requests/67 ("google_container_node_pool.name is limited to 40 symbols by GCP")
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_node_pool#name
 */
export const GKE_NODE_POOL_NAME_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
  description: '1 to 40 characters of lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
};

/**
 * IAM service account ids (the part of the email before `@`): 6 to 30 characters matching
 * `[a-z]([-a-z0-9]*[a-z0-9])`.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/service_account#account_id
 */
export const SERVICE_ACCOUNT_ID_RULE: NamingRule = {
  pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  description: '6 to 30 characters of lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
};

/**
 * Kubernetes namespace names: RFC 1123 DNS labels.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
 */
export const KUBERNETES_NAMESPACE_RULE: NamingRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
  description: 'an RFC 1123 label: 1 to 63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit',
};

/**
 * Kubernetes service account names: RFC 1123 DNS subdomains.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names
 */
export const KUBERNETES_SERVICE_ACCOUNT_RULE: NamingRule = {
  pattern: /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/,
  description: 'an RFC 1123 subdomain: at most 253 characters of lowercase letters, digits, hyphens and dots, each dot-separated part starting and ending with a letter or digit',
};

/**
 * Compute Engine regions (`us-central1`) and zones (`us-central1-a`).
 * @see https://cloud.google.com/compute/docs/regions-zones
 */
export const GCP_REGION_RULE: NamingRule = {
  pattern: /^[a-z]+-[a-z]+[0-9]+$/,
  description: 'a Compute Engine region such as "us-central1"',
};

/** @see GCP_REGION_RULE */
export const GCP_ZONE_RULE: NamingRule = {
  pattern: /^[a-z]+-[a-z]+[0-9]+-[a-z]$/,
  description: 'a Compute Engine zone such as "us-central1-a"',
};

/** The region of a zone (`us-central1-a` → `us-central1`), or the region itself. */
export function regionOf(location: string): string {
  return GCP_ZONE_RULE.pattern.test(location) ? location.slice(0, location.lastIndexOf('-')) : location;
}

/** An IPv4 CIDR block, split: the four octets and the prefix length. */
export interface Ipv4Cidr {
  /** The address octets. */
  readonly octets: readonly number[];
  /** The prefix length, 0 to 32. */
  readonly prefixLength: number;
}

/**
 * Parses `a.b.c.d/n`: four octets 0–255, a prefix length 0–32, and no host bits set beyond the
 * prefix (`10.0.0.1/28` is not a block). `undefined` when the text is not such a block.
 */
export function parseIpv4Cidr(value: unknown): Ipv4Cidr | undefined {
  const match = typeof value === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value) : null;
  if (match === null) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) {
    return undefined;
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefixLength);
  return address % hostBits === 0 ? { octets, prefixLength } : undefined;
}

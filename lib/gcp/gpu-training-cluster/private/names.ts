/**
 * Naming and addressing rules of the services GpuTrainingCluster names things in: GKE clusters
 * and node pools, IAM service accounts, Kubernetes namespaces and service accounts, IPv4 CIDR
 * blocks. Each rule is data (a pattern and the sentence that describes it), so error messages say
 * what is allowed; the resolvers at the end check the cluster's locations and networks with them.
 */
import { acceleratorOfferingByInstanceType, AcceleratorPlatform, MlopsValidationError, NamingRule, PathLike } from '../../../core';
import { Token } from '../../cdktf';
import { gcpLocationProblem, GcpLocationService } from '../../../core/locations';
import { GCP_REGION_RULE, GCP_ZONE_RULE, regionOf } from '../../private/regions';
import type { GpuTrainingClusterAuthorizedNetwork } from '../gpu-training-cluster';
import { DEFAULT_MASTER_IPV4_CIDR_BLOCK, DEFAULT_SYSTEM_MACHINE_TYPE, MASTER_IPV4_CIDR_PREFIX_LENGTH } from './defaults';

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

/** An IPv4 CIDR block, split: the four octets and the prefix length. */
export interface Ipv4Cidr {
  /** The address octets. */
  readonly octets: readonly number[];
  /** The prefix length, 0 to 32. */
  readonly prefixLength: number;
}

/**
 * Reads `a.b.c.d/n`: four octets 0–255, a prefix length 0–32, and no host bits set beyond the
 * prefix (`10.0.0.1/28` is not a block). `undefined` when the text is not such a block.
 */
export function ipv4CidrOf(value: unknown): Ipv4Cidr | undefined {
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

/**
 * The cluster's location: a region or zone. A Terraform value (a variable) is taken as a region —
 * the cluster is regional — and the checks that need the literal region (pool zones, the key's
 * location) are left to the plan.
 */
export function resolveLocation(scope: PathLike, location: unknown): string {
  if (typeof location === 'string' && Token.isUnresolved(location)) {
    return location;
  }
  const problem = gcpLocationProblem(GcpLocationService.COMPUTE, location, `${GCP_REGION_RULE.description} or ${GCP_ZONE_RULE.description}`, { zones: true });
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, 'location', location, problem);
  }
  return location as string;
}

/** A pool's zone: a zone of the cluster's region, or `undefined` when none was given. */
export function resolvePoolZone(scope: PathLike, property: string, zone: unknown, region: string): string | undefined {
  if (zone === undefined) {
    return undefined;
  }
  if (typeof zone === 'string' && Token.isUnresolved(zone)) {
    return zone;
  }
  if (typeof zone !== 'string' || !GCP_ZONE_RULE.pattern.test(zone) || (!Token.isUnresolved(region) && regionOf(zone) !== region)) {
    throw new MlopsValidationError(scope, property, zone, `a zone of the cluster's region ${region}, such as "${region}-a"`);
  }
  return zone;
}

/** The control plane's /28 (`masterIpv4CidrBlock`), the default when none was given. */
export function resolveMasterCidr(scope: PathLike, value: unknown): string {
  if (value === undefined) {
    return DEFAULT_MASTER_IPV4_CIDR_BLOCK;
  }
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    return value;
  }
  if (ipv4CidrOf(value)?.prefixLength !== MASTER_IPV4_CIDR_PREFIX_LENGTH) {
    throw new MlopsValidationError(scope, 'masterIpv4CidrBlock', value, 'an IPv4 /28 block such as "172.16.0.0/28" (GKE requires a /28 for the control plane)');
  }
  return value as string;
}

/** The networks allowed to reach the control plane, each an IPv4 block other than 0.0.0.0/0. */
export function resolveAuthorizedNetworks(scope: PathLike, networks: unknown): { cidrBlock: string; displayName?: string }[] {
  if (networks === undefined) {
    return [];
  }
  if (!Array.isArray(networks)) {
    throw new MlopsValidationError(scope, 'masterAuthorizedNetworks', networks, 'a list of { cidrBlock, displayName? }');
  }
  return networks.map((network: GpuTrainingClusterAuthorizedNetwork, i) => {
    const cidrBlock = network?.cidrBlock;
    if (!(typeof cidrBlock === 'string' && Token.isUnresolved(cidrBlock))) {
      const cidr = ipv4CidrOf(cidrBlock);
      if (cidr === undefined || cidr.prefixLength === 0) {
        throw new MlopsValidationError(scope, `masterAuthorizedNetworks[${i}].cidrBlock`, cidrBlock,
          'an IPv4 CIDR block such as "10.10.0.0/24", not 0.0.0.0/0 (a control plane open to every address, checkov CKV_GCP_18)');
      }
    }
    return { cidrBlock, displayName: network.displayName };
  });
}

/** The system pool's machine type: a Compute Engine machine type without GPUs. */
export function resolveSystemMachineType(scope: PathLike, value: unknown): string {
  if (value === undefined) {
    return DEFAULT_SYSTEM_MACHINE_TYPE;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MlopsValidationError(scope, 'systemMachineType', value, 'a Compute Engine machine type such as "e2-standard-4"');
  }
  if (acceleratorOfferingByInstanceType(AcceleratorPlatform.GCP_COMPUTE, value) !== undefined) {
    throw new MlopsValidationError(scope, 'systemMachineType', value, 'a machine type without GPUs such as "e2-standard-4" (GPU capacity goes in gpuPools)');
  }
  return value;
}

/** A network, subnetwork or range name: a non-empty string (tokens allowed); `undefined` when optional and absent. */
export function resolveReference(scope: PathLike, property: string, value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MlopsValidationError(scope, property, value, 'a name or self link (a non-empty string)');
  }
  return value;
}

import { createHash } from 'crypto';
import { NamingRule } from '../../../core';
import { regionRule } from '../../private/regions';

/**
 * Names of the services a ModelEndpoint names things in, and the names it derives from its
 * prefix. Internal to the library.
 */

/**
 * Regions of Vertex AI and Cloud Run (`us-central1`, `europe-west4`, `northamerica-northeast1`).
 * Which region offers what (Cloud Run GPUs, Vertex machine types) changes over time and is not
 * checked here.
 * @see https://cloud.google.com/vertex-ai/docs/general/locations
 * @see https://cloud.google.com/run/docs/locations
 */
export const MODEL_ENDPOINT_REGION_RULE: NamingRule = regionRule(
  'a region such as "us-central1" or "europe-west4" (Vertex AI endpoints and Cloud Run services are regional)');

/**
 * Vertex AI endpoint ids. The API accepts a numeric id of at most 9 digits without a leading zero
 * (CreateEndpointRequest.endpoint_id); the Terraform provider documents `name` as numeric, at most
 * 10 digits. Both hold for 1 to 9 digits.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints/create
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#name
 */
export const VERTEX_ENDPOINT_ID_RULE: NamingRule = {
  pattern: /^[1-9][0-9]{0,8}$/,
  description: 'a numeric endpoint id of 1 to 9 digits without a leading zero (the Vertex AI API caps numeric ids at 9 digits, the Terraform provider requires a numeric name)',
};

/**
 * Ids of deployed models on a Vertex AI endpoint.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#id
 */
export const VERTEX_DEPLOYED_MODEL_ID_RULE: NamingRule = {
  pattern: /^[0-9]{1,10}$/,
  description: 'a deployed model id: 1 to 10 digits (the id Vertex AI gave the stable deployment, from the endpoint\'s deployedModels)',
};

/**
 * Vertex AI model resource names, optionally with a version (`@2`) or version alias (`@default`).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints#DeployedModel
 * @see https://cloud.google.com/vertex-ai/docs/model-registry/versioning
 */
export const VERTEX_MODEL_NAME_RULE: NamingRule = {
  pattern: /^projects\/[^/\s]+\/locations\/[a-z0-9-]+\/models\/[^/\s@]+(?:@[A-Za-z0-9_-]+)?$/,
  description: 'a Vertex AI model resource name "projects/<project>/locations/<location>/models/<model>", optionally with "@<version or alias>"',
};

/**
 * Cloud Run service names: lowercase letters, digits and hyphens, starting with a letter, not
 * ending with a hyphen, fewer than 50 characters.
 * @see https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/create
 */
export const CLOUD_RUN_SERVICE_NAME_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,47}[a-z0-9])?$/,
  description: 'a Cloud Run service name: 1 to 49 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/** Longest Vertex AI endpoint display name, in characters. */
export const VERTEX_DISPLAY_NAME_MAX_LENGTH = 128;

/**
 * Cloud Run revision names: the service name, a hyphen and a suffix. The API refuses names that
 * are not lowercase letters, digits and hyphens, start with a letter, end with a hyphen, or have
 * 64 characters or more ("must be less than 64 characters").
 * @see https://cloud.google.com/sdk/gcloud/reference/run/deploy (--revision-suffix: revision names start with the service name)
 * @see https://github.com/pipe-cd/pipecd/issues/5688 (the API's own field violation message)
 */
export const CLOUD_RUN_REVISION_SUFFIX_RULE: NamingRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  description: 'lowercase letters, digits and hyphens, not starting or ending with a hyphen',
};

/** Longest Cloud Run revision name (`<service>-<suffix>`), in characters. */
export const CLOUD_RUN_REVISION_NAME_MAX_LENGTH = 63;

/**
 * Container environment variable names (C identifiers).
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#name
 */
export const ENVIRONMENT_VARIABLE_NAME_RULE: NamingRule = {
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  description: 'a C identifier: letters, digits and underscores, not starting with a digit',
};

/**
 * Compute Engine machine type names (`n1-standard-4`, `g2-standard-8`, `a2-highgpu-1g`).
 * @see https://cloud.google.com/vertex-ai/docs/predictions/configure-compute#machine-types
 */
export const MACHINE_TYPE_RULE: NamingRule = {
  pattern: /^[a-z][a-z0-9]*-[a-z0-9]+-[0-9]+[a-z]?$/,
  description: 'a machine type name such as "n1-standard-4" (see the Vertex AI prediction machine types)',
};

/** Service account ids: 6 to 30 characters, `[a-z]([-a-z0-9]*[a-z0-9])`. */
const SERVICE_ACCOUNT_ID_MAX_LENGTH = 30;
const SERVING_ACCOUNT_SUFFIX = '-serving';

/**
 * The serving service account id: `<prefix>-serving`, or, when that exceeds the 30 characters a
 * service account id may have, the first 17 characters of the prefix, 4 hexadecimal digits of its
 * hash and `-serving`.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/service_account#account_id
 */
export function servingAccountId(prefix: string): string {
  return derivedAccountId(prefix, SERVING_ACCOUNT_SUFFIX);
}

/**
 * The canary rollout workflow's service account id: `<prefix>-rollout`, shortened as
 * {@link servingAccountId} is when that exceeds 30 characters.
 */
export function rolloutAccountId(prefix: string): string {
  return derivedAccountId(prefix, '-rollout');
}

/** The canary rollout workflow: `<prefix>-rollout` (Workflows names: up to 64 letters, digits, hyphens, underscores, a letter first). */
export function rolloutWorkflowName(prefix: string): string {
  return `${prefix}-rollout`;
}

/** The id of the project custom role of the rollout workflow: `acme-ml` → `acmeMlEndpointRollout`. */
export function rolloutRoleId(prefix: string): string {
  return `${camel(prefix)}EndpointRollout`;
}

/** `<prefix><suffix>`, or the prefix cut to leave room (17 characters for an 8-character suffix), a hyphen, 4 hex digits of its hash and the suffix when longer than 30. */
function derivedAccountId(prefix: string, suffix: string): string {
  const plain = `${prefix}${suffix}`;
  if (plain.length <= SERVICE_ACCOUNT_ID_MAX_LENGTH) {
    return plain;
  }
  return `${prefix.slice(0, SERVICE_ACCOUNT_ID_MAX_LENGTH - suffix.length - 5).replace(/-+$/, '')}-${sha256(prefix).slice(0, 4)}${suffix}`;
}

function camel(prefix: string): string {
  return prefix.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/-/g, '');
}

/**
 * The Vertex AI endpoint id derived from the prefix: 9 digits, the first not zero, from the
 * prefix's SHA-256. Stable across synths, so the endpoint (and the models deployed on it) is not
 * replaced; two endpoints of one project and region need different prefixes.
 */
export function derivedVertexEndpointId(prefix: string): string {
  const value = BigInt(`0x${sha256(`vertex-endpoint:${prefix}`).slice(0, 15)}`);
  return (value % 900_000_000n + 100_000_000n).toString();
}

/**
 * The id of the project custom role that lets members call predict: `acme-ml` →
 * `acmeMlEndpointInvoker` (camel case: the provider refuses hyphens in role ids).
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/project_iam_custom_role#role_id
 */
export function invokerRoleId(prefix: string): string {
  return `${camel(prefix)}EndpointInvoker`;
}

/** The capture table id: `<prefix_snake>_request_response_logging`. */
export function captureTableId(prefix: string): string {
  return `${prefix.replace(/-/g, '_')}_request_response_logging`;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

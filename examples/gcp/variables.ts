/**
 * What every Google Cloud example takes from the person who applies it, as Terraform variables
 * validated at plan time — so that no example holds a project id, a region, a repository or an
 * address of someone else's — and the one network the examples that run Vertex AI jobs create.
 *
 * The validations are Terraform expressions (RE2 regular expressions, Terraform functions): the
 * value is known only at plan, when `terraform apply -var name=value` gives it.
 */
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { Fn, ITerraformDependable, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { VERTEX_PREBUILT_REPOSITORIES, VERTEX_XGBOOST_IMAGE_PATHS } from 'mlops-constructs';

/**
 * Project ids the examples accept: the plain form (the lakes' bucket names start with the project
 * id, so a domain-scoped id, `example.com:proj`, cannot be one).
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin
 */
export const PROJECT_PATTERN = '^[a-z][a-z0-9-]{4,28}[a-z0-9]$';

/**
 * Regions the examples accept: Compute Engine regions of the continents whose Artifact Registry
 * repositories publish Vertex AI's prebuilt XGBoost images (the pipelines' default training image
 * and the registry's serving image).
 */
export const REGION_PATTERN = `^(${Object.values(VERTEX_PREBUILT_REPOSITORIES).flat().join('|')})-[a-z]+[0-9]+$`;

/**
 * GitHub repositories, `owner/name`, in RE2 (no lookaround, unlike the library's own check in
 * lib/core/delivery): the owner letters, digits and single inner hyphens, the name letters,
 * digits, `.`, `_` and `-`. The owner's length (at most 39), the names `.` and `..` and a `.git`
 * suffix are separate conditions of {@link repositoryVariable}.
 */
export const REPOSITORY_PATTERN = '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*/[A-Za-z0-9._-]{1,100}$';

/**
 * Cloud Build 2nd-gen connection ids (the connection in the stack's project and region).
 * @see https://cloud.google.com/build/docs/automating-builds/github/connect-repo-github
 */
export const CONNECTION_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$';

/** E-mail addresses, as far as a plan can tell (Cloud Monitoring sends to the address; only a delivery shows it exists). */
export const EMAIL_PATTERN = '^[^@ ]+@[^@ ]+[.][^@ ]+$';

/** Options of {@link projectVariable}. */
export interface ProjectVariableOptions {
  /** The variable's name. @default 'project' */
  readonly name?: string;
  /** Its description. @default 'The Google Cloud project id to deploy into.' */
  readonly description?: string;
  /**
   * Whether bucket names of the stack start with the project id: then the id may not start with
   * "goog" nor contain "google", which Cloud Storage refuses in bucket names.
   * @default true
   */
  readonly namesBuckets?: boolean;
}

/** A required project id variable (default `project`), validated: the id's form, and what Cloud Storage refuses at the start of a bucket name when buckets are named after it. */
export function projectVariable(scope: Construct, options: ProjectVariableOptions = {}): TerraformVariable {
  const name = options.name ?? 'project';
  return new TerraformVariable(scope, name, {
    type: 'string',
    description: options.description ?? 'The Google Cloud project id to deploy into.',
    validation: [
      { condition: `\${can(regex("${PROJECT_PATTERN}", var.${name}))}`, errorMessage: `${name} must be a project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (not domain-scoped).` },
      ...(options.namesBuckets ?? true ? [
        { condition: `\${!startswith(var.${name}, "goog") && !strcontains(var.${name}, "google")}`, errorMessage: `${name} must not start with "goog" nor contain "google": the lake's bucket names start with it, and Cloud Storage refuses those.` },
      ] : []),
    ],
  });
}

/** The required region variable, `region`, validated against {@link REGION_PATTERN}. */
export function regionVariable(scope: Construct): TerraformVariable {
  return new TerraformVariable(scope, 'region', {
    type: 'string',
    description: 'The region of every resource, such as europe-west4 or us-central1.',
    validation: [
      { condition: `\${can(regex("${REGION_PATTERN}", var.region))}`, errorMessage: `region must be a Compute Engine region such as "us-central1" of a continent with Vertex AI's prebuilt images (${Object.values(VERTEX_PREBUILT_REPOSITORIES).flat().join(', ')}).` },
    ],
  });
}

/**
 * The required repository variable, `repository`: the GitHub repository the delivery pipeline
 * builds, `owner/name`, validated as GitHub names them (the same rule the library applies to a
 * literal repository at synth).
 */
export function repositoryVariable(scope: Construct): TerraformVariable {
  return new TerraformVariable(scope, 'repository', {
    type: 'string',
    description: 'The GitHub repository holding the cdktf app the pipeline delivers, "owner/name" (linked through the Cloud Build connection).',
    validation: [
      { condition: `\${can(regex("${REPOSITORY_PATTERN}", var.repository))}`, errorMessage: 'repository must be a GitHub repository "owner/name", such as "my-org/ml-platform": the owner letters, digits and single hyphens (not first or last), the name letters, digits, ".", "_" and "-".' },
      { condition: '${length(split("/", var.repository)[0]) <= 39}', errorMessage: 'repository\'s owner must be at most 39 characters long (GitHub\'s limit).' },
      { condition: '${!can(regex("/[.]{1,2}$", var.repository)) && !endswith(var.repository, ".git")}', errorMessage: 'repository\'s name must not be "." or ".." nor end with ".git" (give "owner/name", not the clone URL).' },
    ],
  });
}

/**
 * The connection variable, `connection`, default `github`: the id of the Cloud Build 2nd-gen
 * GitHub connection the repository is linked through, created and authorized once in the console,
 * in the stack's project and region.
 */
export function connectionVariable(scope: Construct): TerraformVariable {
  return new TerraformVariable(scope, 'connection', {
    type: 'string',
    default: 'github',
    description: 'The id of the Cloud Build 2nd-gen GitHub connection (created and authorized in the console, in the project and region) that reads the repository.',
    validation: [
      { condition: `\${can(regex("${CONNECTION_PATTERN}", var.connection))}`, errorMessage: 'connection must be a Cloud Build connection id: 1 to 63 letters, digits, "-" and "_", starting and ending with a letter or digit.' },
    ],
  });
}

/**
 * An e-mail notification channel the stack creates, to the address of the required variable
 * `alert_email`: the channel the examples' alert policies notify.
 */
export function createAlertEmailChannel(scope: Construct, id: string, displayName: string): MonitoringNotificationChannel {
  const email = new TerraformVariable(scope, 'alert_email', {
    type: 'string',
    description: 'The e-mail address the alert policies notify.',
    validation: [
      { condition: `\${can(regex("${EMAIL_PATTERN}", var.alert_email))}`, errorMessage: 'alert_email must be an e-mail address, such as "ml-oncall@example.com".' },
    ],
  });
  return new MonitoringNotificationChannel(scope, id, {
    displayName,
    type: 'email',
    labels: { email_address: email.stringValue },
  });
}

/**
 * The URI of a Vertex AI prebuilt image (`path`, such as `VERTEX_XGBOOST_IMAGE_PATHS.training`)
 * in the Artifact Registry repository of `region`'s continent, for a region that is a Terraform
 * variable: the library's table (`VERTEX_PREBUILT_REPOSITORIES`) as a Terraform `lookup` on the
 * region's first word, as the library's pipelines do for their default image. For a literal
 * region, `vertexXgboostTrainingImageUri(region)` of mlops-constructs gives the URI directly.
 */
export function vertexPrebuiltImageUri(region: string, path: string = VERTEX_XGBOOST_IMAGE_PATHS.training): string {
  const hostByContinent = Object.fromEntries(Object.entries(VERTEX_PREBUILT_REPOSITORIES).flatMap(([host, continents]) => continents.map((c) => [c, host])));
  return `${Fn.lookup(hostByContinent, Fn.element(Fn.split('-', region), 0), '')}/${path}`;
}

/** Options of {@link createJobsNetwork}. */
export interface JobsNetworkOptions {
  /** The network's name. */
  readonly name: string;
  /** What the network's resources wait for (the enabled APIs). */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * A subnetwork in this region, with Private Google Access, flow logs and a Cloud NAT (private
   * GKE nodes pull images from outside Google through it).
   * @default - no subnetwork (Vertex AI jobs need none: they take addresses from the peered range)
   */
  readonly subnetworkRegion?: string;
}

/** The network {@link createJobsNetwork} made. */
export interface JobsNetwork {
  /** The VPC network. */
  readonly network: ComputeNetwork;
  /** The private services access connection Vertex AI jobs peer through. */
  readonly peering: ServiceNetworkingConnection;
  /** The subnetwork, with `subnetworkRegion`. */
  readonly subnetwork?: ComputeSubnetwork;
}

/**
 * A VPC network of the stack's own, with private services access (a reserved /16 peered with
 * Google's services), which Vertex AI custom jobs peer with; and, with `subnetworkRegion`, a
 * subnetwork and a Cloud NAT for private GKE nodes. Construct ids: `Network`,
 * `PrivateServicesRange`, `PrivateServicesAccess`, `Subnetwork`, `Router`, `Nat`.
 */
export function createJobsNetwork(scope: Construct, options: JobsNetworkOptions): JobsNetwork {
  const network = new ComputeNetwork(scope, 'Network', { name: options.name, autoCreateSubnetworks: false, dependsOn: options.dependsOn });
  const range = new ComputeGlobalAddress(scope, 'PrivateServicesRange', {
    name: `${options.name}-private-services`,
    purpose: 'VPC_PEERING',
    addressType: 'INTERNAL',
    prefixLength: 16,
    network: network.id,
  });
  const peering = new ServiceNetworkingConnection(scope, 'PrivateServicesAccess', {
    network: network.id,
    service: 'servicenetworking.googleapis.com',
    reservedPeeringRanges: [range.name],
  });
  if (options.subnetworkRegion === undefined) {
    return { network, peering };
  }
  const region = options.subnetworkRegion;
  const subnetwork = new ComputeSubnetwork(scope, 'Subnetwork', {
    name: `${options.name}-nodes`,
    network: network.id,
    region,
    ipCidrRange: '10.10.0.0/20',
    privateIpGoogleAccess: true,
    logConfig: { aggregationInterval: 'INTERVAL_10_MIN', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
  });
  const router = new ComputeRouter(scope, 'Router', { name: `${options.name}-router`, network: network.id, region });
  new ComputeRouterNat(scope, 'Nat', {
    name: `${options.name}-nat`,
    router: router.name,
    region,
    natIpAllocateOption: 'AUTO_ONLY',
    sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
    subnetwork: [{ name: subnetwork.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
    logConfig: { enable: true, filter: 'ERRORS_ONLY' },
  });
  return { network, peering, subnetwork };
}

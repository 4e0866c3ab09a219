import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { VertexAiFeatureGroup } from '@cdktf/provider-google/lib/vertex-ai-feature-group';
import { VertexAiFeatureGroupFeature } from '@cdktf/provider-google/lib/vertex-ai-feature-group-feature';
import { VertexAiFeatureOnlineStore, VertexAiFeatureOnlineStoreConfig } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { VertexAiFeatureOnlineStoreFeatureview } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store-featureview';
import { Construct, IConstruct } from 'constructs';
import {
  bigQueryColumns, FeatureGroupSpec, MlopsValidationError, NamingRule, namingProblem, PREFIX_RULE, TableSchema, throwIfProblems, toSnakeCase,
  ValidationProblem,
} from '../core';
import { Fn, ITerraformDependable, TerraformResource, Token } from './cdktf';
import { DataLake } from './data-lake';
import { flattenIamProps, GcpIamProps, iamMemberProblem } from './iam';
import { LakeTable } from './lake-table';
import { GcpChecks } from './policy/engine/gcp-checks';
import { CRON_EXPRESSION_DESCRIPTION, cronExpressionProblem, timeZoneProblem } from './private/feature-store-cron';
import { PSC_ALLOWED_PROJECT_RULE, VERTEX_FEATURE_RESOURCE_ID_RULE, VERTEX_REGION_RULE } from './private/feature-store-names';
import { featureSourceProblems, featureSourceQuery } from './private/feature-store-source';
import { GCP_PROJECT_ID_RULE } from './project';
import { RemovalPolicy, resolveRemovalPolicy } from './removal-policy';

// ---------------------------------------------------------------------------------------------
// Permissions behind the grants, and the defaults, in one place.
// ---------------------------------------------------------------------------------------------

/**
 * `grantServe`: the one permission `featureViews.fetchFeatureValues` checks. A custom role holding
 * only it is what Vertex AI recommends for least privilege (its example: a role with only
 * `aiplatform.endpoints.predict`).
 * @see https://cloud.google.com/vertex-ai/docs/general/access-control#custom-roles
 */
const SERVE_PERMISSIONS = ['aiplatform.featureViews.fetchFeatureValues'];

/**
 * What the Vertex AI service agent needs on the source dataset to sync feature views (the google
 * provider's cross-project feature view example grants exactly this, after the online store exists).
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store_featureview
 */
const SOURCE_READER_ROLE = 'roles/bigquery.dataViewer';

/** Labels on every labelled resource of the feature store. */
const FEATURE_STORE_LABELS: Record<string, string> = { 'managed-by': 'mlops-constructs' };

/**
 * The default sync schedule: at minute 0 of every hour. Online values then trail the lake by at
 * most an hour plus the sync's own duration, for 24 syncs a day; each sync reads the source view
 * in BigQuery (billed per scan), so a daily schedule suits features that change daily.
 */
export const DEFAULT_FEATURE_SYNC_CRON = '0 * * * *';

/** The lake zone feature groups are read from unless told otherwise. */
const DEFAULT_SOURCE_ZONE = 'curated';

/** Suffix of the online store id: `<prefix_snake>_features`. */
const ONLINE_STORE_SUFFIX = 'features';

/** Suffix of the BigQuery view each feature group reads: `<feature group id>_vertex_source`. */
const SOURCE_VIEW_SUFFIX = 'vertex_source';

/**
 * Bigtable autoscaling bounds: at least one node, a maximum between the minimum and ten times it,
 * and a CPU utilization target from 10 to 80 percent (50 when not set).
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#auto_scaling
 */
const BIGTABLE_LIMITS = { minNodes: 1, maxNodesPerMinNode: 10, cpuTargetMin: 10, cpuTargetMax: 80, cpuTargetDefault: 50 } as const;

/** The service agent's source-dataset grant of each lake, per `<zone>|<project>` (see `serviceAgentSourceReader`). */
const SOURCE_READERS = new WeakMap<DataLake, Map<string, BigqueryDatasetIamMember>>();

// ---------------------------------------------------------------------------------------------
// How the online store serves, and when feature views sync.
// ---------------------------------------------------------------------------------------------

/** The two kinds of Vertex AI online serving. */
export enum FeatureOnlineStoreKind {
  /** Optimized online serving: lowest latency, served from a dedicated endpoint. */
  OPTIMIZED = 'optimized',
  /** Bigtable online serving: large data volumes, autoscaled Bigtable nodes. */
  BIGTABLE = 'bigtable',
}

/** Options of {@link FeatureOnlineServing.optimized}. */
export interface FeatureOptimizedServingOptions {
  /**
   * Serve from the store's public endpoint instead of a Private Service Connect endpoint. The public
   * endpoint still requires IAM (`grantServe`), but is reachable from the internet; GCP-VAI2
   * reports it.
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /**
   * Projects (ids or numbers) whose VPCs may create a Private Service Connect endpoint to the
   * store. Only with the private endpoint.
   * @default - the feature store's own project (by number)
   */
  readonly allowedProjects?: string[];
}

/** Options of {@link FeatureOnlineServing.bigtable}: Bigtable autoscaling. */
export interface FeatureBigtableServingOptions {
  /** The fewest Bigtable nodes: a whole number, at least 1. */
  readonly minNodeCount: number;
  /** The most Bigtable nodes: a whole number from `minNodeCount` to ten times `minNodeCount`. */
  readonly maxNodeCount: number;
  /**
   * The CPU utilization Bigtable scales to keep, in percent: a whole number from 10 to 80.
   * @default 50
   */
  readonly cpuUtilizationTarget?: number;
}

/**
 * How the online store serves features: Optimized (the default) or Bigtable with autoscaling.
 *
 * | serving                       | resource blocks                                                     | endpoint                             |
 * |-------------------------------|---------------------------------------------------------------------|--------------------------------------|
 * | `optimized()`                 | `optimized {}`, `dedicated_serving_endpoint { private_service_connect_config { enable_private_service_connect = true } }` | Private Service Connect only |
 * | `optimized({ publicEndpoint: true })` | `optimized {}`                                              | public dedicated endpoint (IAM only) |
 * | `bigtable({ ... })`           | `bigtable { auto_scaling { ... } }`                                 | the regional Vertex AI API endpoint  |
 *
 * Declaring one never throws; the feature store reports bad options under its own path.
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types
 */
export class FeatureOnlineServing {
  /** Optimized online serving, by default behind a Private Service Connect endpoint. */
  public static optimized(options: FeatureOptimizedServingOptions = {}): FeatureOnlineServing {
    return new FeatureOnlineServing(FeatureOnlineStoreKind.OPTIMIZED, options, undefined);
  }

  /** Bigtable online serving with autoscaling. */
  public static bigtable(options: FeatureBigtableServingOptions): FeatureOnlineServing {
    return new FeatureOnlineServing(FeatureOnlineStoreKind.BIGTABLE, undefined, options);
  }

  /** Which kind of serving. */
  public readonly kind: FeatureOnlineStoreKind;
  /** The Optimized options, for `OPTIMIZED`. */
  public readonly optimizedOptions?: FeatureOptimizedServingOptions;
  /** The Bigtable options, for `BIGTABLE`. */
  public readonly bigtableOptions?: FeatureBigtableServingOptions;

  private constructor(kind: FeatureOnlineStoreKind, optimizedOptions?: FeatureOptimizedServingOptions, bigtableOptions?: FeatureBigtableServingOptions) {
    this.kind = kind;
    this.optimizedOptions = optimizedOptions;
    this.bigtableOptions = bigtableOptions;
  }

  /** Everything wrong with these options; property paths relative to them. Empty when valid. */
  public problems(): ValidationProblem[] {
    return this.kind === FeatureOnlineStoreKind.BIGTABLE ? bigtableProblems(this.bigtableOptions) : optimizedProblems(this.optimizedOptions ?? {});
  }
}

/**
 * When feature views copy the latest values from BigQuery to the online store: a cron schedule.
 *
 * Continuous sync is not offered: Vertex AI runs it only for Bigtable online stores (Optimized
 * stores refuse it), and google provider 6.50 has no `sync_config.continuous` to request it with.
 *
 * Declaring one never throws; the feature store reports a bad expression under its own path.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureOnlineStores.featureViews#SyncConfig
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types
 */
export class FeatureSyncSchedule {
  /**
   * Five-field cron schedule, for example `FeatureSyncSchedule.cron('30 2 * * *', 'Europe/Paris')`.
   * @param expression minute, hour, day of month, month, day of week
   * @param timeZone an IANA time zone name; the default is UTC
   */
  public static cron(expression: string, timeZone?: string): FeatureSyncSchedule {
    return new FeatureSyncSchedule(expression, timeZone);
  }

  /** Every hour, at minute 0 (UTC): {@link DEFAULT_FEATURE_SYNC_CRON}. */
  public static readonly HOURLY = FeatureSyncSchedule.cron(DEFAULT_FEATURE_SYNC_CRON);

  /** The five-field cron expression. */
  public readonly expression: string;
  /** The IANA time zone, if any (UTC otherwise). */
  public readonly timeZone?: string;

  private constructor(expression: string, timeZone?: string) {
    this.expression = expression;
    this.timeZone = timeZone;
  }

  /** The `sync_config.cron` value: `CRON_TZ=<zone> <expression>` with a time zone, the expression otherwise. */
  public toCronTab(): string {
    return this.timeZone === undefined ? this.expression.trim() : `CRON_TZ=${this.timeZone} ${this.expression.trim()}`;
  }

  /** What is wrong with this schedule, property relative to it (`expression`, `timeZone`); `undefined` when valid. */
  public problem(): ValidationProblem | undefined {
    if (typeof this.expression !== 'string') {
      return { property: 'expression', value: this.expression, allowed: CRON_EXPRESSION_DESCRIPTION };
    }
    const expressionProblem = Token.isUnresolved(this.expression) ? undefined : cronExpressionProblem(this.expression);
    if (expressionProblem !== undefined) {
      return { property: 'expression', value: this.expression, allowed: expressionProblem };
    }
    if (this.timeZone !== undefined && !Token.isUnresolved(this.timeZone)) {
      const zoneProblem = typeof this.timeZone === 'string' ? timeZoneProblem(this.timeZone) : 'an IANA time zone name';
      if (zoneProblem !== undefined) {
        return { property: 'timeZone', value: this.timeZone, allowed: zoneProblem };
      }
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The construct.
// ---------------------------------------------------------------------------------------------

/** The behavioural contract of a feature store: where it serves, and who may read from it. */
export interface IFeatureStore extends IConstruct {
  /** The online store id (`<prefix_snake>_features`). */
  readonly onlineStoreName: string;
  /** The Vertex AI region of the online store, feature groups and feature views. */
  readonly region: string;

  /**
   * Lets `member` fetch feature values from the feature views (`FetchFeatureValues`): a custom role
   * holding only `aiplatform.featureViews.fetchFeatureValues` (`<prefix_snake>_feature_server`),
   * granted on the project, since google provider 6.50 cannot grant on a feature view. Custom roles
   * are soft-deleted: once destroyed, the role id cannot be reused for up to 37 days.
   * @returns the IAM member resources, to depend on
   * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/google_project_iam_custom_role
   */
  grantServe(member: string): ITerraformDependable[];
}

/** One feature group of a {@link FeatureStore}: the spec and what was generated from it. */
export interface FeatureStoreGroup {
  /** The neutral spec. */
  readonly spec: FeatureGroupSpec;
  /** The lake table the features are read from (found in the source zone, or added to it). */
  readonly lakeTable: LakeTable;
  /** The BigQuery view the feature group reads (`<feature group id>_vertex_source`, in the lake table's dataset). */
  readonly sourceView: BigqueryTable;
  /** The `google_vertex_ai_feature_group`. */
  readonly featureGroup: VertexAiFeatureGroup;
  /** One `google_vertex_ai_feature_group_feature` per feature, in spec order. */
  readonly features: VertexAiFeatureGroupFeature[];
  /** The feature view serving the group, for groups with `online` (the default). */
  readonly featureView?: VertexAiFeatureOnlineStoreFeatureview;
}

/**
 * Props of {@link FeatureStore}.
 *
 * `iam` (from {@link GcpIamProps}): only Vertex AI Feature Store roles (`roles/aiplatform.featurestore*`)
 * are accepted, and they are granted on the project, so they cover every feature store of the
 * project: google provider 6.50 has no IAM resources for online stores, feature views or feature
 * groups (those are in google-beta only). Prefer `grantServe` for serving.
 */
export interface FeatureStoreProps extends GcpIamProps {
  /** The lake whose tables the features are read from. Feature group tables are looked up, or added, in its `sourceZone`. */
  readonly lake: DataLake;

  /**
   * Feature groups to register. More can be added with `addFeatureGroup`.
   * @default - no feature groups
   */
  readonly featureGroups?: FeatureGroupSpec[];

  /**
   * Prefix of the Vertex AI ids, with hyphens turned into underscores: online store
   * `<prefix_snake>_features`, feature groups `<prefix_snake>_<group>`, serving role
   * `<prefix_snake>_feature_server`. Unique per project and region.
   * @default - the lake's prefix
   */
  readonly prefix?: string;

  /**
   * Project of the online store, feature groups, feature views and grants.
   * @default - the lake's project (the provider's project when the lake has none)
   */
  readonly project?: string;

  /**
   * Vertex AI region of the online store, feature groups and feature views, such as `us-central1`.
   * @default - the lake's location when it is a region; required when the lake is in a multi-region (`US`, `EU`)
   */
  readonly region?: string;

  /**
   * The lake zone whose dataset holds the feature groups' tables and source views.
   * @default 'curated'
   */
  readonly sourceZone?: string;

  /**
   * How the online store serves.
   * @default FeatureOnlineServing.optimized() (Private Service Connect endpoint)
   */
  readonly onlineServing?: FeatureOnlineServing;

  /**
   * When feature views sync from BigQuery.
   * @default FeatureSyncSchedule.HOURLY
   */
  readonly syncSchedule?: FeatureSyncSchedule;

  /**
   * What happens to the online store, feature groups and their source views on destroy. `DESTROY`
   * also needs the app context `"mlops-constructs:allowDataDestruction": true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A feature store on Google Cloud: a Vertex AI Feature Online Store, the feature registry (one
 * feature group per {@link FeatureGroupSpec}, one feature per spec feature) over the lake's tables,
 * and one feature view per online group, synced on a schedule.
 *
 * The offline store is the lake itself: each group's features are read from the lake table
 * generated from the spec's schema (the table in `sourceZone` named after the schema, added when
 * the lake has none). A BigQuery view over that table (`<feature group id>_vertex_source`) gives
 * Vertex AI what it requires: the event time as `feature_timestamp`, each feature in the type
 * Vertex AI serves (`vertexValueType`), and the partition filter lake tables require. A spec's
 * `offline: false` changes nothing here: the lake table is at once the offline store and what
 * feature views sync from, and the feature store makes no other copy.
 *
 * Secure by default: Optimized serving behind a Private Service Connect endpoint; serving granted
 * through a custom role holding only `aiplatform.featureViews.fetchFeatureValues`; the Vertex AI
 * service agent may only read the source dataset; the online store, feature groups and source
 * views are retained on destroy (`prevent_destroy`, deletion protection on the views).
 *
 * What it cannot do with google provider 6.50 (GA), and how that shows:
 * - CMEK on the online store: `encryption_spec` is not in the provider's schema. The online copy
 *   uses Google-managed keys; GCP-VAI1 is acknowledged on the store with that reason. The offline
 *   data stays in the lake and follows the lake's encryption.
 * - Resource-level IAM on online stores, feature views and feature groups (google-beta only):
 *   serving is granted on the project, through the narrow custom role.
 * - Online TTL: Vertex AI has none; a spec with `onlineTtl` is refused.
 * - Continuous sync: not offered (see {@link FeatureSyncSchedule}).
 * Only a deploy shows BigQuery accepting the views' partition filter, the service agent reading
 * through them, and PSC clients fetching values.
 *
 * Construct ids are stable, because they name stateful resources: `Resource` (online store),
 * `Group-<group>/Resource` (feature group), `Group-<group>/SourceView` (BigQuery view).
 *
 * @example
 * const store = new FeatureStore(stack, 'Features', { lake, region: 'us-central1', featureGroups: [customerDaily] });
 * store.grantServe('serviceAccount:ranker@acme-ml.iam.gserviceaccount.com');
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/overview
 */
export class FeatureStore extends Construct implements IFeatureStore {
  /** The lake the features are read from. */
  public readonly lake: DataLake;
  /** The id prefix. */
  public readonly prefix: string;
  /** The project given (or the lake's); `undefined` means the provider's project. */
  public readonly project?: string;
  /** The Vertex AI region. */
  public readonly region: string;
  /** The lake zone holding the source tables. */
  public readonly sourceZone: string;
  /** How the online store serves. */
  public readonly onlineServing: FeatureOnlineServing;
  /** When feature views sync. */
  public readonly syncSchedule: FeatureSyncSchedule;
  /** The removal policy in force. */
  public readonly removalPolicy: RemovalPolicy;
  /** The `google_vertex_ai_feature_online_store`. */
  public readonly onlineStore: VertexAiFeatureOnlineStore;
  /** The online store id. */
  public readonly onlineStoreName: string;

  private readonly projectData: DataGoogleProject;
  private readonly sourceReader: BigqueryDatasetIamMember;
  private readonly groups: FeatureStoreGroup[] = [];
  private readonly grants = new Map<string, TerraformResource>();
  private servingRole?: ProjectIamCustomRole;

  constructor(scope: Construct, id: string, props: FeatureStoreProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a lake');
    }
    if (!(props.lake instanceof DataLake)) {
      throw new MlopsValidationError(this, 'lake', props.lake, 'a DataLake of mlops-constructs/gcp');
    }
    this.lake = props.lake;
    this.prefix = props.prefix === undefined ? this.lake.prefix : this.validName('prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? this.lake.project : this.validName('project', GCP_PROJECT_ID_RULE, props.project);
    this.region = this.resolveRegion(props.region);
    this.sourceZone = this.resolveSourceZone(props.sourceZone);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.onlineServing = this.resolveOnlineServing(props.onlineServing);
    this.syncSchedule = this.resolveSyncSchedule(props.syncSchedule);
    const iamGrants = flattenIamProps(this, props.iam, featureStoreRoleProblem);
    if (props.featureGroups !== undefined && !Array.isArray(props.featureGroups)) {
      throw new MlopsValidationError(this, 'featureGroups', props.featureGroups, 'a list of FeatureGroupSpec');
    }

    this.projectData = new DataGoogleProject(this, 'Project', { projectId: this.project });
    this.onlineStoreName = `${this.snakePrefix()}_${ONLINE_STORE_SUFFIX}`;
    this.onlineStore = new VertexAiFeatureOnlineStore(this, 'Resource', {
      name: this.onlineStoreName,
      project: this.project,
      region: this.region,
      labels: FEATURE_STORE_LABELS,
      ...this.servingBlocks(),
      lifecycle: this.destroysData() ? undefined : { preventDestroy: true },
    });
    GcpChecks.acknowledge(this.onlineStore, {
      id: 'GCP-VAI1',
      reason: 'google provider 6.50 (GA) has no encryption_spec on google_vertex_ai_feature_online_store, so the online copy of the features uses '
        + 'Google-managed keys; the offline data is the lake\'s BigQuery table, encrypted as the lake is (GCP-BQ3 reports it when the lake has no CMEK).',
    });

    this.sourceReader = this.serviceAgentSourceReader();

    (props.featureGroups ?? []).forEach((spec, i) => this.createGroup(spec, `featureGroups[${i}]`));
    for (const grant of iamGrants) {
      this.grant(this.scopeNamed('Iam'), `${grant.role}=`, grant.member,
        (scope, grantId) => new ProjectIamMember(scope, grantId, { project: this.projectData.projectId, role: grant.role, member: grant.member }));
    }
  }

  /** The feature groups, from props and `addFeatureGroup`, in creation order. */
  public get featureGroups(): FeatureStoreGroup[] {
    return [...this.groups];
  }

  /**
   * Registers a feature group: its lake table (found in `sourceZone` or added there), the source
   * view, the feature group and its features, and a feature view when the spec is online.
   *
   * @throws MlopsValidationError for an invalid spec, a spec Vertex AI cannot serve (online TTL,
   * non-integer non-string keys, a name that makes the group id longer than 60 characters), a group
   * name already used, or a lake table of that name with another schema
   */
  public addFeatureGroup(spec: FeatureGroupSpec): FeatureStoreGroup {
    return this.createGroup(spec, 'addFeatureGroup');
  }

  /** {@inheritDoc IFeatureStore.grantServe} */
  public grantServe(member: string): ITerraformDependable[] {
    const problem = iamMemberProblem(member);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'member', member, problem);
    }
    const serving = this.scopeNamed('Serving');
    this.servingRole ??= new ProjectIamCustomRole(serving, 'Role', {
      project: this.project,
      roleId: `${this.snakePrefix()}_feature_server`,
      title: `Feature server (${this.prefix})`,
      description: `Fetches feature values from the feature views of Vertex AI Feature Store. Managed by mlops-constructs (${this.node.path}).`,
      permissions: SERVE_PERMISSIONS,
    });
    const role = this.servingRole.name;
    return [this.grant(serving, '', member,
      (scope, grantId) => new ProjectIamMember(scope, grantId, { project: this.projectData.projectId, role, member }))];
  }

  // -------------------------------------------------------------------------------------------

  private createGroup(spec: unknown, property: string): FeatureStoreGroup {
    if (!(spec instanceof FeatureGroupSpec)) {
      throw new MlopsValidationError(this, property, spec, 'a FeatureGroupSpec');
    }
    throwIfProblems(this, property, spec.problems());
    throwIfProblems(this, property, featureSourceProblems(spec));
    if (this.groups.some((g) => g.spec.name === spec.name)) {
      throw new MlopsValidationError(this, `${property}.name`, spec.name, 'a feature group name not yet used in this feature store');
    }
    const groupId = `${this.snakePrefix()}_${spec.name}`;
    if (!Token.isUnresolved(groupId) && namingProblem(VERTEX_FEATURE_RESOURCE_ID_RULE, groupId) !== undefined) {
      const room = 60 - groupId.length + spec.name.length;
      throw new MlopsValidationError(this, `${property}.name`, spec.name,
        `a name of at most ${room} characters: the feature group id "${groupId}" (prefix "${this.snakePrefix()}_" and the name) may have at most 60 characters`);
    }
    const lakeTable = this.sourceTable(spec.schema, property);
    const viewId = `${groupId}_${SOURCE_VIEW_SUFFIX}`;
    const clash = this.lake.tables.find((t) => t.zone === this.sourceZone && t.tableId === viewId);
    if (clash !== undefined) {
      throw new MlopsValidationError(this, `${property}.name`, spec.name,
        `a name whose source view "${viewId}" is not a table of the lake's "${this.sourceZone}" zone already`);
    }

    const scope = new Construct(this, `Group-${spec.name}`);
    const labels = { ...FEATURE_STORE_LABELS, 'feature-group': spec.name };
    const retain = this.destroysData() ? undefined : { preventDestroy: true };
    const sourceView = new BigqueryTable(scope, 'SourceView', {
      project: lakeTable.table.project,
      datasetId: lakeTable.datasetId,
      tableId: viewId,
      description: `Source of the Vertex AI feature group "${groupId}": the features of table "${lakeTable.tableId}" as Vertex AI reads them.`,
      view: {
        query: featureSourceQuery(spec, `${lakeTable.table.project}.${lakeTable.datasetId}.${lakeTable.tableId}`),
        useLegacySql: false,
      },
      labels,
      deletionProtection: !this.destroysData(),
      lifecycle: retain,
    });
    const featureGroup = new VertexAiFeatureGroup(scope, 'Resource', {
      name: groupId,
      project: this.project,
      region: this.region,
      description: spec.description,
      labels,
      bigQuery: {
        bigQuerySource: { inputUri: `bq://${sourceView.project}.${sourceView.datasetId}.${sourceView.tableId}` },
        entityIdColumns: [...spec.recordIdentifiers],
      },
      dependsOn: [this.sourceReader],
      lifecycle: retain,
    });
    const features = spec.features.map((feature) => new VertexAiFeatureGroupFeature(scope, `Feature-${feature.name}`, {
      name: feature.name,
      project: this.project,
      region: this.region,
      featureGroup: featureGroup.name,
      versionColumnName: feature.name,
      description: feature.description,
      labels,
    }));
    const featureView = spec.online ? new VertexAiFeatureOnlineStoreFeatureview(scope, 'View', {
      name: spec.name,
      project: this.project,
      region: this.region,
      featureOnlineStore: this.onlineStore.name,
      featureRegistrySource: { featureGroups: [{ featureGroupId: featureGroup.name, featureIds: features.map((f) => f.name) }] },
      syncConfig: { cron: this.syncSchedule.toCronTab() },
      labels,
      dependsOn: [this.sourceReader],
    }) : undefined;

    const group: FeatureStoreGroup = { spec, lakeTable, sourceView, featureGroup, features, featureView };
    this.groups.push(group);
    return group;
  }

  /**
   * The Vertex AI service agent's read access to the source dataset. It is granted after the online
   * store is created, as in the provider's example (Google creates service agents on first use of a
   * service), and feature groups and views wait for it. Feature stores of one project over the same
   * lake zone share the first one's grant: a second, identical IAM member would remove the binding
   * for both when it is destroyed.
   */
  private serviceAgentSourceReader(): BigqueryDatasetIamMember {
    const key = `${this.sourceZone}|${this.project ?? ''}`;
    const readers = SOURCE_READERS.get(this.lake) ?? new Map<string, BigqueryDatasetIamMember>();
    SOURCE_READERS.set(this.lake, readers);
    const existing = readers.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const reader = new BigqueryDatasetIamMember(this, 'SourceReader', {
      project: this.lake.project,
      datasetId: this.lake.dataset(this.sourceZone).datasetId,
      role: SOURCE_READER_ROLE,
      member: `serviceAccount:service-${this.projectData.number}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
      dependsOn: [this.onlineStore],
    });
    readers.set(key, reader);
    return reader;
  }

  /** The lake table of `schema` in the source zone, added when the lake has none; refused when one of that name has another schema. */
  private sourceTable(schema: TableSchema, property: string): LakeTable {
    const existing = this.lake.tables.find((t) => t.zone === this.sourceZone && t.tableId === schema.name);
    if (existing === undefined) {
      return this.lake.addTable(this.sourceZone, schema);
    }
    if (existing.schema !== schema && schemaSignature(existing.schema) !== schemaSignature(schema)) {
      throw new MlopsValidationError(this, `${property}.schema`, schema.name,
        `the schema the lake's "${this.sourceZone}" table "${schema.name}" was created from (its columns, entity keys or event time differ): `
        + 'features are read from the lake table, so both must come from the same schema');
    }
    return existing;
  }

  private servingBlocks(): Pick<VertexAiFeatureOnlineStoreConfig, 'optimized' | 'bigtable' | 'dedicatedServingEndpoint'> {
    if (this.onlineServing.kind === FeatureOnlineStoreKind.BIGTABLE) {
      const options = this.onlineServing.bigtableOptions!;
      return {
        bigtable: {
          autoScaling: {
            minNodeCount: options.minNodeCount,
            maxNodeCount: options.maxNodeCount,
            cpuUtilizationTarget: options.cpuUtilizationTarget ?? BIGTABLE_LIMITS.cpuTargetDefault,
          },
        },
      };
    }
    const options = this.onlineServing.optimizedOptions ?? {};
    return {
      optimized: {},
      dedicatedServingEndpoint: options.publicEndpoint === true ? undefined : {
        privateServiceConnectConfig: {
          enablePrivateServiceConnect: true,
          projectAllowlist: options.allowedProjects ?? [this.projectData.number],
        },
      },
    };
  }

  /**
   * One IAM member resource per (scope, role, member), created once; construct id
   * `<rolePrefix><member>`, or `<rolePrefix>member-<n>` for a member holding a token.
   */
  private grant(owner: Construct, rolePrefix: string, member: string, create: (scope: Construct, id: string) => TerraformResource): TerraformResource {
    const key = `${owner.node.path}|${rolePrefix}|${member}`;
    const existing = this.grants.get(key);
    if (existing) {
      return existing;
    }
    const safePrefix = rolePrefix.replace(/\//g, '--');
    const id = Token.isUnresolved(member)
      ? `${rolePrefix}member-${owner.node.children.filter((c) => c.node.id.startsWith(`${safePrefix}member-`)).length + 1}`
      : `${rolePrefix}${member}`;
    const resource = create(owner, id);
    this.grants.set(key, resource);
    return resource;
  }

  private scopeNamed(name: string): Construct {
    return (this.node.tryFindChild(name) as Construct | undefined) ?? new Construct(this, name);
  }

  private destroysData(): boolean {
    return this.removalPolicy === RemovalPolicy.DESTROY;
  }

  private snakePrefix(): string {
    return Token.isUnresolved(this.prefix) ? Fn.replace(this.prefix, '-', '_') : toSnakeCase(this.prefix);
  }

  private resolveRegion(region: unknown): string {
    if (region !== undefined) {
      return this.validName('region', VERTEX_REGION_RULE, region);
    }
    const location = this.lake.location;
    if (!Token.isUnresolved(location) && VERTEX_REGION_RULE.pattern.test(location)) {
      return location;
    }
    throw new MlopsValidationError(this, 'region', region,
      `${VERTEX_REGION_RULE.description}; it is required here because the lake's location ${JSON.stringify(location)} is not a region`);
  }

  private resolveSourceZone(zone: unknown): string {
    const name = zone ?? DEFAULT_SOURCE_ZONE;
    if (typeof name !== 'string' || !this.lake.zoneNames.includes(name)) {
      throw new MlopsValidationError(this, 'sourceZone', zone, `one of the lake's zones: ${this.lake.zoneNames.join(', ')}`);
    }
    return name;
  }

  private resolveOnlineServing(serving: unknown): FeatureOnlineServing {
    if (serving === undefined) {
      return FeatureOnlineServing.optimized();
    }
    if (!(serving instanceof FeatureOnlineServing)) {
      throw new MlopsValidationError(this, 'onlineServing', serving, 'FeatureOnlineServing.optimized(...) or FeatureOnlineServing.bigtable(...)');
    }
    throwIfProblems(this, 'onlineServing', serving.problems());
    return serving;
  }

  private resolveSyncSchedule(schedule: unknown): FeatureSyncSchedule {
    if (schedule === undefined) {
      return FeatureSyncSchedule.HOURLY;
    }
    if (!(schedule instanceof FeatureSyncSchedule)) {
      throw new MlopsValidationError(this, 'syncSchedule', schedule, 'FeatureSyncSchedule.cron(expression, timeZone?) or FeatureSyncSchedule.HOURLY');
    }
    const problem = schedule.problem();
    throwIfProblems(this, 'syncSchedule', problem === undefined ? [] : [problem]);
    return schedule;
  }

  /** `value` when it follows `rule` or is an unresolved token; otherwise an error naming `property`. */
  private validName(property: string, rule: NamingRule, value: unknown): string {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      return value;
    }
    const problem = namingProblem(rule, value);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, property, value, problem);
    }
    return value as string;
  }
}

/** Which roles the `iam` prop accepts: the Vertex AI Feature Store roles, granted on the project. */
function featureStoreRoleProblem(role: string): string | undefined {
  return /^roles\/aiplatform\.featurestore[A-Za-z]+$/.test(role)
    ? undefined
    : 'a Vertex AI Feature Store role (roles/aiplatform.featurestore*), granted on the project; to let a member fetch feature values use grantServe(member)';
}

/** A schema's shape as lake tables see it (column names, types and modes; keys; event time), descriptions aside. */
function schemaSignature(schema: TableSchema): string {
  const columns = bigQueryColumns(schema).map(({ name, type, mode, precision, scale }) => ({ name, type, mode, precision, scale }));
  return JSON.stringify({ columns, keys: schema.entityKeys, eventTime: schema.eventTime ?? null });
}

function bigtableProblems(options: FeatureBigtableServingOptions | undefined): ValidationProblem[] {
  if (options === null || typeof options !== 'object') {
    return [{ property: 'bigtable', value: options, allowed: 'an object { minNodeCount, maxNodeCount, cpuUtilizationTarget? }' }];
  }
  const problems: ValidationProblem[] = [];
  const { minNodeCount: min, maxNodeCount: max, cpuUtilizationTarget: cpu } = options;
  const minOk = Number.isInteger(min) && min >= BIGTABLE_LIMITS.minNodes;
  if (!minOk) {
    problems.push({ property: 'minNodeCount', value: min, allowed: `a whole number of at least ${BIGTABLE_LIMITS.minNodes}` });
  }
  if (!Number.isInteger(max)) {
    problems.push({ property: 'maxNodeCount', value: max, allowed: 'a whole number' });
  } else if (minOk && (max < min || max > min * BIGTABLE_LIMITS.maxNodesPerMinNode)) {
    problems.push({
      property: 'maxNodeCount',
      value: max,
      allowed: `from minNodeCount (${min}) to ${BIGTABLE_LIMITS.maxNodesPerMinNode} times minNodeCount (${min * BIGTABLE_LIMITS.maxNodesPerMinNode})`,
    });
  }
  if (cpu !== undefined && (!Number.isInteger(cpu) || cpu < BIGTABLE_LIMITS.cpuTargetMin || cpu > BIGTABLE_LIMITS.cpuTargetMax)) {
    problems.push({
      property: 'cpuUtilizationTarget',
      value: cpu,
      allowed: `a whole percentage from ${BIGTABLE_LIMITS.cpuTargetMin} to ${BIGTABLE_LIMITS.cpuTargetMax}`,
    });
  }
  return problems;
}

function optimizedProblems(options: FeatureOptimizedServingOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const allowed = options.allowedProjects;
  if (allowed === undefined) {
    return problems;
  }
  if (options.publicEndpoint === true) {
    problems.push({
      property: 'allowedProjects',
      value: allowed,
      allowed: 'no allowedProjects with publicEndpoint: true (they name who may reach the Private Service Connect endpoint)',
    });
    return problems;
  }
  if (!Array.isArray(allowed) || allowed.length === 0) {
    problems.push({ property: 'allowedProjects', value: allowed, allowed: 'a non-empty list of project ids or numbers' });
    return problems;
  }
  allowed.forEach((project, i) => {
    if (!(typeof project === 'string' && Token.isUnresolved(project))) {
      const problem = namingProblem(PSC_ALLOWED_PROJECT_RULE, project);
      if (problem !== undefined) {
        problems.push({ property: `allowedProjects[${i}]`, value: project, allowed: problem });
      }
    }
  });
  return problems;
}

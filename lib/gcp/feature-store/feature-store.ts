import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { VertexAiFeatureGroup } from '@cdktf/provider-google/lib/vertex-ai-feature-group';
import { VertexAiFeatureGroupFeature } from '@cdktf/provider-google/lib/vertex-ai-feature-group-feature';
import { VertexAiFeatureOnlineStore } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { VertexAiFeatureOnlineStoreFeatureview } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store-featureview';
import { Construct, IConstruct } from 'constructs';
import {
  bigQueryColumns, FeatureGroupSpec, MlopsValidationError, namingProblem, PREFIX_RULE, TableSchema, throwIfProblems, toSnakeCase,
} from '../../core';
import { Fn, ITerraformDependable, Token } from '../cdktf';
import { IDataLake } from '../data-lake/data-lake';
import { LakeTable } from '../data-lake/lake-table';
import { GcpIamProps } from '../iam';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { childScope, CUSTOM_ROLE_ID_RULE, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { MANAGED_BY_LABELS, managedLabels } from '../private/labels';
import { resolveRemovalPolicy, retainLifecycle } from '../private/removal-policy';
import { createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveLake, resolveMember, resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { FeatureOnlineServing } from './online-serving';
import { VERTEX_FEATURE_RESOURCE_ID_RULE, VERTEX_REGION_RULE } from './private/names';
import { featureSourceProblems, featureSourceQuery } from './private/source-view';
import { FeatureSyncSchedule } from './sync-schedule';

// ---------------------------------------------------------------------------------------------
// Permissions behind the grants, and the defaults, in one place.
// ---------------------------------------------------------------------------------------------

/**
 * `grantReadOnline`: the one permission `featureViews.fetchFeatureValues` checks. A custom role
 * holding only it is what Vertex AI recommends for least privilege (its example: a role with only
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

/** The lake zone feature groups are read from unless told otherwise. */
const DEFAULT_OFFLINE_ZONE = 'curated';

/** Suffix of the online store id: `<prefix_snake>_features`. */
const ONLINE_STORE_SUFFIX = 'features';

/** Suffix of the BigQuery view each feature group reads: `<feature group id>_vertex_source`. */
const SOURCE_VIEW_SUFFIX = 'vertex_source';

/** The service agent's source-dataset grant of each lake, per `<zone>|<project>` (see `serviceAgentSourceReader`). */
const SOURCE_READERS = new WeakMap<IDataLake, Map<string, BigqueryDatasetIamMember>>();

/**
 * The synth-time warnings of a FeatureStore, by id (none yet). Every construct exports its
 * `<CONSTRUCT>_WARNINGS`, so that users can acknowledge a warning by a stable id.
 */
export const FEATURE_STORE_WARNINGS = {} as const;

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
  grantReadOnline(member: string): ITerraformDependable[];
}

/** What {@link FeatureStore.fromFeatureStoreAttributes} needs to grant on a feature store defined elsewhere. */
export interface FeatureStoreAttributes {
  /** The online store id. */
  readonly onlineStoreName: string;
  /** The Vertex AI region of the online store, such as `us-central1`. */
  readonly region: string;
  /**
   * Project of the online store, and of the grants.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * The custom role that holds `aiplatform.featureViews.fetchFeatureValues`
   * (`projects/<project>/roles/<id>`), such as the `<prefix_snake>_feature_server` role of the
   * FeatureStore that made the store.
   * @default - the import creates its own one-permission custom role, `<onlineStoreName>_reader`
   */
  readonly servingRole?: string;
}

/**
 * The read grant of a feature store, written only against what an import also has (the project
 * and the role that serves), so that a created store and an imported one grant the same way.
 */
abstract class FeatureStoreBase extends Construct implements IFeatureStore {
  public abstract readonly onlineStoreName: string;
  public abstract readonly region: string;

  protected readonly iamMembers = new IamMemberRegistry();

  /** {@inheritDoc IFeatureStore.grantReadOnline} */
  public grantReadOnline(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    const serving = childScope(this, 'Serving');
    const role = this.servingRoleName(serving);
    return [this.iamMembers.grant({ scope: serving, prefix: '' }, member,
      (scope, grantId) => new ProjectIamMember(scope, grantId, { project: this.grantProjectId(), role, member }))];
  }

  /** The name of the role `grantReadOnline` grants, creating the custom role under `serving` the first time if need be. */
  protected abstract servingRoleName(serving: Construct): string;

  /** The project id grants are made on. */
  protected abstract grantProjectId(): string;
}

/** One feature group to register, as `featureGroups` and `addFeatureGroup` take it. */
export interface FeatureStoreGroupProps {
  /** The neutral spec the group is generated from. */
  readonly spec: FeatureGroupSpec;
}

/** One feature group of a {@link FeatureStore}: the spec and what was generated from it. */
export interface FeatureStoreGroup {
  /** The neutral spec. */
  readonly spec: FeatureGroupSpec;
  /** The lake table the features are read from (found in the offline zone, or added to it). */
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
 * groups (those are in google-beta only). Prefer `grantReadOnline` for serving.
 */
export interface FeatureStoreProps extends GcpIamProps {
  /** The lake whose tables the features are read from, created or imported. Feature group tables are looked up, or added, in its `offlineZone`. */
  readonly lake: IDataLake;

  /**
   * Feature groups to register. More can be added with `addFeatureGroup`.
   * @default - no feature groups
   */
  readonly featureGroups?: FeatureStoreGroupProps[];

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
   * The lake zone whose dataset holds the feature groups' tables and source views: the offline
   * store.
   * @default 'curated'
   */
  readonly offlineZone?: string;

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
 * generated from the spec's schema (the table in `offlineZone` named after the schema, added when
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
 * const store = new FeatureStore(stack, 'Features', { lake, region: 'us-central1', featureGroups: [{ spec: customerDaily }] });
 * store.grantReadOnline('serviceAccount:ranker@acme-ml.iam.gserviceaccount.com');
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/overview
 */
export class FeatureStore extends FeatureStoreBase {
  /**
   * A feature store defined elsewhere, to let members fetch feature values from it.
   * @throws MlopsValidationError for a bad online store id, region, project or role name
   */
  public static fromFeatureStoreAttributes(scope: Construct, id: string, attrs: FeatureStoreAttributes): IFeatureStore {
    return new ImportedFeatureStore(scope, id, attrs);
  }

  /** The lake the features are read from. */
  public readonly lake: IDataLake;
  /** The id prefix. */
  public readonly prefix: string;
  /** The project given (or the lake's); `undefined` means the provider's project. */
  public readonly project?: string;
  /** The Vertex AI region. */
  public readonly region: string;
  /** The lake zone holding the source tables: the offline store. */
  public readonly offlineZone: string;
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
  private servingRole?: ProjectIamCustomRole;

  constructor(scope: Construct, id: string, props: FeatureStoreProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a lake');
    }
    this.lake = resolveLake(this, 'lake', props.lake);
    this.prefix = props.prefix === undefined ? this.lake.prefix : resolveName(this, 'prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? this.lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.region = this.resolveRegion(props.region);
    this.offlineZone = this.resolveOfflineZone(props.offlineZone);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.onlineServing = this.resolveOnlineServing(props.onlineServing);
    this.syncSchedule = this.resolveSyncSchedule(props.syncSchedule);
    const iamGrants = resolveIamGrants(this, props.iam, featureStoreRoleProblem);
    if (props.featureGroups !== undefined && !Array.isArray(props.featureGroups)) {
      throw new MlopsValidationError(this, 'featureGroups', props.featureGroups, 'a list of feature group props ({ spec })');
    }

    this.projectData = createProjectLookup(this, 'Project', this.project);
    this.onlineStoreName = `${this.snakePrefix()}_${ONLINE_STORE_SUFFIX}`;
    this.onlineStore = new VertexAiFeatureOnlineStore(this, 'Resource', {
      name: this.onlineStoreName,
      project: this.project,
      region: this.region,
      labels: MANAGED_BY_LABELS,
      ...this.onlineServing._render(this.projectData.number),
      lifecycle: retainLifecycle(this.removalPolicy),
    });
    GcpChecks.acknowledge(this.onlineStore, {
      id: 'GCP-VAI1',
      reason: 'google provider 6.50 (GA) has no encryption_spec on google_vertex_ai_feature_online_store, so the online copy of the features uses '
        + 'Google-managed keys; the offline data is the lake\'s BigQuery table, encrypted as the lake is (GCP-BQ3 reports it when the lake has no CMEK).',
    });

    this.sourceReader = this.serviceAgentSourceReader();

    (props.featureGroups ?? []).forEach((group, i) => this.createGroup(group, `featureGroups[${i}]`));
    for (const grant of iamGrants) {
      this.iamMembers.grant({ scope: childScope(this, 'Iam'), prefix: `${grant.role}=` }, grant.member,
        (scope, grantId) => new ProjectIamMember(scope, grantId, { project: this.projectData.projectId, role: grant.role, member: grant.member }));
    }
  }

  /** The feature groups, from props and `addFeatureGroup`, in creation order. */
  public get featureGroups(): FeatureStoreGroup[] {
    return [...this.groups];
  }

  /**
   * Registers a feature group: its lake table (found in `offlineZone` or added there), the source
   * view, the feature group and its features, and a feature view when the spec is online.
   *
   * @throws MlopsValidationError for an invalid spec, a spec Vertex AI cannot serve (online TTL,
   * non-integer non-string keys, a name that makes the group id longer than 60 characters), a group
   * name already used, or a lake table of that name with another schema
   */
  public addFeatureGroup(props: FeatureStoreGroupProps): FeatureStoreGroup {
    return this.createGroup(props, 'addFeatureGroup');
  }

  // -------------------------------------------------------------------------------------------

  protected servingRoleName(serving: Construct): string {
    this.servingRole ??= new ProjectIamCustomRole(serving, 'Role', {
      project: this.project,
      roleId: `${this.snakePrefix()}_feature_server`,
      title: `Feature server (${this.prefix})`,
      description: `Fetches feature values from the feature views of Vertex AI Feature Store. Managed by mlops-constructs (${this.node.path}).`,
      permissions: SERVE_PERMISSIONS,
    });
    return this.servingRole.name;
  }

  protected grantProjectId(): string {
    return this.projectData.projectId;
  }

  private createGroup(group: unknown, groupProperty: string): FeatureStoreGroup {
    if (group === null || typeof group !== 'object') {
      throw new MlopsValidationError(this, groupProperty, group, 'feature group props { spec }');
    }
    const property = `${groupProperty}.spec`;
    const spec = (group as FeatureStoreGroupProps).spec;
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
    if (this.lake.tryFindTable(this.offlineZone, viewId) !== undefined) {
      throw new MlopsValidationError(this, `${property}.name`, spec.name,
        `a name whose source view "${viewId}" is not a table of the lake's "${this.offlineZone}" zone already`);
    }

    const scope = new Construct(this, `Group-${spec.name}`);
    const labels = managedLabels({ 'feature-group': spec.name });
    const retain = retainLifecycle(this.removalPolicy);
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

    const result: FeatureStoreGroup = { spec, lakeTable, sourceView, featureGroup, features, featureView };
    this.groups.push(result);
    return result;
  }

  /**
   * The Vertex AI service agent's read access to the source dataset. It is granted after the online
   * store is created, as in the provider's example (Google creates service agents on first use of a
   * service), and feature groups and views wait for it. Feature stores of one project over the same
   * lake zone share the first one's grant: a second, identical IAM member would remove the binding
   * for both when it is destroyed.
   */
  private serviceAgentSourceReader(): BigqueryDatasetIamMember {
    const key = `${this.offlineZone}|${this.project ?? ''}`;
    const readers = SOURCE_READERS.get(this.lake) ?? new Map<string, BigqueryDatasetIamMember>();
    SOURCE_READERS.set(this.lake, readers);
    const existing = readers.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const reader = new BigqueryDatasetIamMember(this, 'SourceReader', {
      project: this.lake.project,
      datasetId: this.lake.dataset(this.offlineZone).datasetId,
      role: SOURCE_READER_ROLE,
      member: serviceAgentMember(this.projectData, SERVICE_AGENT_DOMAINS.vertexAi),
      dependsOn: [this.onlineStore],
    });
    readers.set(key, reader);
    return reader;
  }

  /** The lake table of `schema` in the offline zone, added when the lake has none; refused when one of that name has another schema. */
  private sourceTable(schema: TableSchema, property: string): LakeTable {
    const existing = this.lake.tryFindTable(this.offlineZone, schema.name);
    if (existing === undefined) {
      return this.lake.addTable(this.offlineZone, schema);
    }
    if (existing.schema !== schema && schemaSignature(existing.schema) !== schemaSignature(schema)) {
      throw new MlopsValidationError(this, `${property}.schema`, schema.name,
        `the schema the lake's "${this.offlineZone}" table "${schema.name}" was created from (its columns, entity keys or event time differ): `
        + 'features are read from the lake table, so both must come from the same schema');
    }
    return existing;
  }

  private destroysData(): boolean {
    return this.removalPolicy === RemovalPolicy.DESTROY;
  }

  private snakePrefix(): string {
    return Token.isUnresolved(this.prefix) ? Fn.replace(this.prefix, '-', '_') : toSnakeCase(this.prefix);
  }

  private resolveRegion(region: unknown): string {
    if (region !== undefined) {
      return resolveName(this, 'region', VERTEX_REGION_RULE, region);
    }
    const location = this.lake.location;
    if (!Token.isUnresolved(location) && VERTEX_REGION_RULE.pattern.test(location)) {
      return location;
    }
    throw new MlopsValidationError(this, 'region', region,
      `${VERTEX_REGION_RULE.description}; it is required here because the lake's location ${JSON.stringify(location)} is not a region`);
  }

  private resolveOfflineZone(zone: unknown): string {
    const name = zone ?? DEFAULT_OFFLINE_ZONE;
    if (typeof name !== 'string' || !this.lake.zoneNames.includes(name)) {
      throw new MlopsValidationError(this, 'offlineZone', zone, `one of the lake's zones: ${this.lake.zoneNames.join(', ')}`);
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
    throwIfProblems(this, 'syncSchedule', schedule.problems());
    return schedule;
  }
}

/** A feature store made elsewhere, known by its online store (see {@link FeatureStore.fromFeatureStoreAttributes}). */
class ImportedFeatureStore extends FeatureStoreBase {
  public readonly onlineStoreName: string;
  public readonly region: string;
  private readonly project?: string;
  private readonly givenRole?: string;
  private role?: ProjectIamCustomRole;
  private projectData?: DataGoogleProject;

  constructor(scope: Construct, id: string, attrs: FeatureStoreAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with onlineStoreName and region');
    }
    this.onlineStoreName = resolveName(this, 'onlineStoreName', VERTEX_FEATURE_RESOURCE_ID_RULE, attrs.onlineStoreName);
    this.region = resolveName(this, 'region', VERTEX_REGION_RULE, attrs.region);
    this.project = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
    if (attrs.servingRole !== undefined && (typeof attrs.servingRole !== 'string' || attrs.servingRole.trim() === '')) {
      throw new MlopsValidationError(this, 'servingRole', attrs.servingRole, 'a custom role name "projects/<project>/roles/<id>"');
    }
    this.givenRole = attrs.servingRole;
    if (this.givenRole === undefined && !Token.isUnresolved(this.onlineStoreName)) {
      resolveName(this, 'onlineStoreName', CUSTOM_ROLE_ID_RULE, `${this.onlineStoreName}_reader`);
    }
  }

  protected servingRoleName(serving: Construct): string {
    if (this.givenRole !== undefined) {
      return this.givenRole;
    }
    this.role ??= new ProjectIamCustomRole(serving, 'Role', {
      project: this.project,
      roleId: `${this.onlineStoreName}_reader`,
      title: `Feature reader (${this.onlineStoreName})`,
      description: `Fetches feature values from the feature views of Vertex AI Feature Store. Managed by mlops-constructs (${this.node.path}).`,
      permissions: SERVE_PERMISSIONS,
    });
    return this.role.name;
  }

  protected grantProjectId(): string {
    this.projectData ??= createProjectLookup(this, 'Project', this.project);
    return this.projectData.projectId;
  }
}

/** Which roles the `iam` prop accepts: the Vertex AI Feature Store roles, granted on the project. */
function featureStoreRoleProblem(role: string): string | undefined {
  return /^roles\/aiplatform\.featurestore[A-Za-z]+$/.test(role)
    ? undefined
    : 'a Vertex AI Feature Store role (roles/aiplatform.featurestore*), granted on the project; to let a member fetch feature values use grantReadOnline(member)';
}

/** A schema's shape as lake tables see it (column names, types and modes; keys; event time), descriptions aside. */
function schemaSignature(schema: TableSchema): string {
  const columns = bigQueryColumns(schema).map(({ name, type, mode, precision, scale }) => ({ name, type, mode, precision, scale }));
  return JSON.stringify({ columns, keys: schema.entityKeys, eventTime: schema.eventTime ?? null });
}

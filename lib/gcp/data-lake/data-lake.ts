import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct, IConstruct } from 'constructs';
import {
  BIGQUERY_DATASET_RULE, BigQueryColumn, bigQueryColumns, GCS_BUCKET_NAME_RULE, LakeLifecycle, LakeTableSpec, LakeZone,
  MlopsValidationError, PREFIX_RULE, ResolvedLakeZone, resolveLakeZones, StandardZone, TableSchema, throwIfProblems, toSnakeCase,
  ZONE_NAME_RULE,
} from '../../core';
import { Fn, ITerraformDependable, TerraformResource, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { GcpIamProps } from '../iam';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { managedLabels } from '../private/labels';
import { resolveRemovalPolicy, retainLifecycle } from '../private/removal-policy';
import { createKeyAccess } from '../private/service-agents';
import { DATA_LAKE_BRAND, resolveEncryptionKey, resolveMember, resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { BIGQUERY_MAX_CLUSTERING_COLUMNS, LakeTable, LakeTableOptions } from './lake-table';
import { LAKE_LOCATION_RULE } from './location';
import { resolveExtraColumns } from './private/columns';
import { gcsLifecycleRules } from './private/gcs-lifecycle';
import { BIGQUERY_SCHEMA_TEXT, schemaTextProblems } from '../../core/limits';

// ---------------------------------------------------------------------------------------------
// Roles behind the intent-named grants. With CMEK, readers and writers need no key permission:
// the Cloud Storage and BigQuery service agents encrypt and decrypt on their behalf.
// ---------------------------------------------------------------------------------------------

/** `grantRead`: read objects of the zone bucket. */
const READ_BUCKET_ROLES = ['roles/storage.objectViewer'];
/** `grantRead`: read tables of the zone dataset. */
const READ_DATASET_ROLES = ['roles/bigquery.dataViewer'];
/** `grantWrite`: create, read, overwrite and delete objects (versioning keeps what is overwritten). */
const WRITE_BUCKET_ROLES = ['roles/storage.objectUser'];
/** `grantWrite`: read and write table data, create tables in the zone dataset. */
const WRITE_DATASET_ROLES = ['roles/bigquery.dataEditor'];
/** `grantQuery`: run query jobs, which BigQuery only grants per project. */
const QUERY_PROJECT_ROLES = ['roles/bigquery.jobUser'];
/** `grantQuery`: read the tables of every zone. */
const QUERY_DATASET_ROLES = ['roles/bigquery.dataViewer'];
/**
 * The identity that writes Cloud Storage usage logs, and the role it needs on the log bucket.
 * @see https://cloud.google.com/storage/docs/access-logs
 */
const ACCESS_LOG_WRITER = { member: 'group:cloud-storage-analytics@google.com', role: 'roles/storage.objectCreator' };

// ---------------------------------------------------------------------------------------------
// Hardened defaults, in one place.
// ---------------------------------------------------------------------------------------------

/** Every bucket of the lake, log bucket included. */
const BUCKET_DEFAULTS = {
  storageClass: 'STANDARD',
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  versioning: { enabled: true },
} as const;

/** The log bucket's name suffix (`<prefix>-access-logs`); no zone may take this name. */
const ACCESS_LOG_BUCKET_SUFFIX = 'access-logs';

/**
 * Usage logs are written hourly and read rarely, during an investigation: colder storage after a
 * month and a quarter, deleted after a year (noncurrent copies a month later).
 */
const ACCESS_LOG_LIFECYCLE: LakeLifecycle = {
  infrequentAccessAfterDays: 30,
  archiveAfterDays: 90,
  expireAfterDays: 365,
  noncurrentVersionExpirationDays: 30,
  abortIncompleteUploadsAfterDays: 7,
};

/** Default location of buckets and datasets. */
const DEFAULT_LOCATION = 'US';

/**
 * The synth-time warnings of a DataLake, by id (none yet). Every construct exports its
 * `<CONSTRUCT>_WARNINGS`, so that users can acknowledge a warning by a stable id.
 */
export const DATA_LAKE_WARNINGS = {} as const;

/** A zone bucket, as far as the lake's consumers use it: a `StorageBucket` satisfies it, and so does an imported bucket. */
export interface ILakeBucket {
  /** The bucket name. */
  readonly name: string;
}

/** A zone dataset, as far as the lake's consumers use it: a `BigqueryDataset` satisfies it, and so does an imported dataset. */
export interface ILakeDataset {
  /** The dataset id. */
  readonly datasetId: string;
  /** The project of the dataset. */
  readonly project: string;
}

/**
 * The behavioural contract of a lake: its zones, tables and the grants on them, as the other
 * constructs use it. Either created by {@link DataLake} or imported with
 * {@link DataLake.fromDataLakeAttributes}.
 */
export interface IDataLake extends IConstruct {
  /** The name prefix of the lake's resources. */
  readonly prefix: string;
  /** The project of the buckets and datasets; `undefined` means the provider's project. */
  readonly project?: string;
  /** Location of buckets and datasets (`US`, `EU` or a region). */
  readonly location: string;
  /** The customer-managed key of buckets, datasets and tables, when one is known. */
  readonly encryptionKey?: ICryptoKey;
  /** The zone names: `raw`, `curated`, `artifacts`, then extra zones. */
  readonly zoneNames: string[];
  /** The tables created through this lake (props and `addTable`), in creation order. */
  readonly tables: LakeTable[];

  /**
   * The zone's bucket.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  zoneBucket(zone: string): ILakeBucket;

  /**
   * The zone's BigQuery dataset.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  dataset(zone: string): ILakeDataset;

  /** The table `name` of the zone created through this lake, or `undefined`. */
  tryFindTable(zone: string, name: string): LakeTable | undefined;

  /**
   * Creates a BigQuery table from `schema` in the zone's dataset.
   * @see DataLake.addTable
   */
  addTable(zone: string, schema: TableSchema, options?: LakeTableOptions): LakeTable;

  /**
   * Appends NULLABLE columns to a table of this lake.
   * @see DataLake.addTableColumns
   */
  addTableColumns(table: LakeTable, columns: BigQueryColumn[]): void;

  /**
   * Lets `member` read the zone: `roles/storage.objectViewer` on its bucket and
   * `roles/bigquery.dataViewer` on its dataset.
   * @returns the IAM member resources, to depend on
   */
  grantRead(zone: string, member: string): ITerraformDependable[];

  /**
   * Lets `member` write the zone: `roles/storage.objectUser` on its bucket and
   * `roles/bigquery.dataEditor` on its dataset.
   * @returns the IAM member resources, to depend on
   */
  grantWrite(zone: string, member: string): ITerraformDependable[];

  /**
   * Lets `member` query the lake: `roles/bigquery.jobUser` on the project and
   * `roles/bigquery.dataViewer` on every zone dataset.
   * @returns the IAM member resources, to depend on
   */
  grantQuery(member: string): ITerraformDependable[];
}

/**
 * What {@link DataLake.fromDataLakeAttributes} needs to use a lake that exists already: its
 * buckets and datasets, one of each per zone.
 */
export interface DataLakeAttributes {
  /**
   * The lake's name prefix: constructs built on the lake derive their names from it (ingest
   * topics, feature store ids, the training cluster). 1 to 30 characters of lowercase letters,
   * digits and hyphens, starting with a letter.
   */
  readonly prefix: string;

  /**
   * Project of the buckets and datasets, and of the grants on them.
   * @default - the provider's project
   */
  readonly project?: string;

  /**
   * Location of the buckets and datasets: `US`, `EU` or a region such as `europe-west4`.
   * @default 'US'
   */
  readonly location?: string;

  /** The bucket name of each zone, by zone name. Must hold at least `raw`, `curated` and `artifacts`. */
  readonly zoneBuckets: { [zone: string]: string };

  /** The BigQuery dataset id of each zone, by zone name: the same zones as `zoneBuckets`. */
  readonly zoneDatasets: { [zone: string]: string };

  /**
   * The customer-managed key of the buckets and datasets: tables added through the import are
   * encrypted with it, and constructs built on the lake use it by default. The import grants no
   * service agent on it: the lake's owner did.
   * @default - no key known: tables added through the import use Google-managed keys
   */
  readonly encryptionKey?: ICryptoKey;
}

/** The resources of one zone, as the grants and tables use them. */
interface ZoneHandle {
  /** The zone name. */
  readonly name: string;
  /** The construct holding the zone's grants and tables (`Zone-<zone>`). */
  readonly scope: Construct;
  readonly bucket: ILakeBucket;
  readonly dataset: ILakeDataset;
}

/**
 * Tables and grants of a lake, written only against what an import also has (a bucket and a
 * dataset per zone), so that a created lake and an imported one behave the same.
 */
abstract class DataLakeBase extends Construct implements IDataLake {
  public abstract readonly prefix: string;
  public abstract readonly project?: string;
  public abstract readonly location: string;
  public abstract readonly encryptionKey?: ICryptoKey;
  /** What happens to tables created through this lake on destroy. */
  protected abstract readonly tableRemovalPolicy: RemovalPolicy;

  private readonly lakeTables: LakeTable[] = [];
  /** Columns of each table beyond its schema's (`LakeTableOptions.extraColumns`, `addTableColumns`), in order. */
  private readonly extraColumns = new Map<BigqueryTable, BigQueryColumn[]>();
  private readonly iamMembers = new IamMemberRegistry();
  private clientConfig?: DataGoogleClientConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, DATA_LAKE_BRAND, { value: true });
  }

  /** The zone names: `raw`, `curated`, `artifacts`, then extra zones in the order given. */
  public get zoneNames(): string[] {
    return this.zoneHandles().map((z) => z.name);
  }

  /** The tables created through this lake (props and `addTable`), in creation order. */
  public get tables(): LakeTable[] {
    return [...this.lakeTables];
  }

  public abstract zoneBucket(zone: string): ILakeBucket;
  public abstract dataset(zone: string): ILakeDataset;

  /** {@inheritDoc IDataLake.tryFindTable} */
  public tryFindTable(zone: string, name: string): LakeTable | undefined {
    return this.lakeTables.find((t) => t.zone === zone && t.tableId === name);
  }

  /**
   * Creates a BigQuery table from `schema` in the zone's dataset: columns from the schema
   * (non-nullable fields `REQUIRED`), daily partitions on the event time with a required
   * partition filter, clustering on the entity keys, CMEK when the lake has a key, deletion
   * protection unless the lake is `DESTROY`. The table id is the schema name. Extra columns
   * (`options.extraColumns`) follow the schema's columns.
   *
   * @throws MlopsValidationError for an unknown zone, an invalid schema, more than 4 entity keys,
   * a table id already used in the zone, or an extra column that is not NULLABLE, is misnamed or
   * repeats a name
   */
  public addTable(zone: string, schema: TableSchema, options: LakeTableOptions = {}): LakeTable {
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, 'addTable.options', options, 'an object such as { extraColumns: [...] }');
    }
    return this.createTable(zone, schema, 'addTable', resolveExtraColumns(this, schema, options.extraColumns ?? [], [], 'addTable.options.extraColumns'));
  }

  /**
   * Appends NULLABLE columns to a table of this lake (at the end, after its current columns).
   * Columns the table has already, identical, are skipped, so that calling twice is harmless.
   *
   * BigQuery adds NULLABLE columns to an existing table without rewriting or losing data, and the
   * google provider applies a schema that only gains columns as an in-place update (it replaces a
   * table only when columns are removed or changed — which `prevent_destroy` on retained tables
   * then refuses).
   *
   * @throws MlopsValidationError for a table of another lake, or a column that is not NULLABLE, is
   * misnamed, or has the name of a schema field or of a different existing column
   * @see https://cloud.google.com/bigquery/docs/managing-table-schemas (Add an empty column)
   * @see https://github.com/hashicorp/terraform-provider-google/issues/12441
   */
  public addTableColumns(table: LakeTable, columns: BigQueryColumn[]): void {
    const lakeTable = this.lakeTables.find((t) => t.table === table?.table);
    if (lakeTable === undefined) {
      throw new MlopsValidationError(this, 'table', table?.tableId ?? table, 'a table of this lake (as returned by addTable or listed in tables)');
    }
    const existing = this.extraColumns.get(lakeTable.table) ?? [];
    const added = resolveExtraColumns(this, lakeTable.schema, columns, existing, 'columns');
    if (added.length === 0) {
      return;
    }
    const all = [...existing, ...added];
    this.extraColumns.set(lakeTable.table, all);
    lakeTable.table.schema = JSON.stringify([...bigQueryColumns(lakeTable.schema), ...all]);
  }

  /** {@inheritDoc IDataLake.grantRead} */
  public grantRead(zone: string, member: string): ITerraformDependable[] {
    const handle = this.zoneOf(zone, 'zone');
    resolveMember(this, member);
    return [
      ...READ_BUCKET_ROLES.map((role) => this.bucketGrant(handle, role, member)),
      ...READ_DATASET_ROLES.map((role) => this.datasetGrant(handle, role, member)),
    ];
  }

  /** {@inheritDoc IDataLake.grantWrite} */
  public grantWrite(zone: string, member: string): ITerraformDependable[] {
    const handle = this.zoneOf(zone, 'zone');
    resolveMember(this, member);
    return [
      ...WRITE_BUCKET_ROLES.map((role) => this.bucketGrant(handle, role, member)),
      ...WRITE_DATASET_ROLES.map((role) => this.datasetGrant(handle, role, member)),
    ];
  }

  /** {@inheritDoc IDataLake.grantQuery} */
  public grantQuery(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [
      ...QUERY_PROJECT_ROLES.map((role) => this.projectGrant(role, member)),
      ...this.zoneHandles().flatMap((zone) => QUERY_DATASET_ROLES.map((role) => this.datasetGrant(zone, role, member))),
    ];
  }

  // -------------------------------------------------------------------------------------------

  /** The zones, in order. */
  protected abstract zoneHandles(): ZoneHandle[];

  /** The zone's handle; an error naming `property` for a zone the lake does not have. */
  protected zoneOf(zone: unknown, property: string): ZoneHandle {
    const handle = this.zoneHandles().find((z) => z.name === zone);
    if (handle === undefined) {
      throw new MlopsValidationError(this, property, zone, `one of the lake's zones: ${this.zoneNames.join(', ')}`);
    }
    return handle;
  }

  protected createTable(zone: unknown, schema: unknown, property: string, extraColumns: BigQueryColumn[] = []): LakeTable {
    const handle = this.zoneOf(zone, `${property}.zone`);
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, `${property}.schema`, schema, 'a TableSchema');
    }
    throwIfProblems(this, `${property}.schema`, schema.problems());
    throwIfProblems(this, `${property}.schema`, schemaTextProblems(schema, BIGQUERY_SCHEMA_TEXT, Token.isUnresolved));
    if (schema.entityKeys.length > BIGQUERY_MAX_CLUSTERING_COLUMNS) {
      throw new MlopsValidationError(this, `${property}.schema.entityKeys`, schema.entityKeys,
        `at most ${BIGQUERY_MAX_CLUSTERING_COLUMNS} entity keys: BigQuery clusters a table on at most ${BIGQUERY_MAX_CLUSTERING_COLUMNS} columns, and lake tables cluster on the entity keys`);
    }
    const tableId = schema.name;
    if (this.tryFindTable(handle.name, tableId) !== undefined) {
      throw new MlopsValidationError(this, `${property}.schema.name`, tableId,
        `a table name not yet used in zone "${handle.name}"`);
    }
    const partitioned = schema.eventTime !== undefined;
    const destroys = this.tableRemovalPolicy === RemovalPolicy.DESTROY;
    const table = new BigqueryTable(handle.scope, `Table-${tableId}`, {
      project: this.project,
      datasetId: handle.dataset.datasetId,
      tableId,
      description: schema.description,
      schema: JSON.stringify([...bigQueryColumns(schema), ...extraColumns]),
      timePartitioning: partitioned ? { type: 'DAY', field: schema.eventTime } : undefined,
      requirePartitionFilter: partitioned ? true : undefined,
      clustering: schema.entityKeys.length > 0 ? [...schema.entityKeys] : undefined,
      encryptionConfiguration: this.encryptionKey ? { kmsKeyName: this.encryptionKey.id } : undefined,
      labels: managedLabels({ 'lake-zone': handle.name }),
      deletionProtection: !destroys,
      lifecycle: retainLifecycle(this.tableRemovalPolicy),
    });
    const lakeTable: LakeTable = { zone: handle.name, schema, datasetId: handle.dataset.datasetId, tableId, table };
    this.lakeTables.push(lakeTable);
    if (extraColumns.length > 0) {
      this.extraColumns.set(table, [...extraColumns]);
    }
    return lakeTable;
  }

  protected bucketGrant(zone: ZoneHandle, role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(zone.scope, 'Iam'), prefix: `${role}=` }, member,
      (scope, id) => new StorageBucketIamMember(scope, id, { bucket: zone.bucket.name, role, member }));
  }

  protected datasetGrant(zone: ZoneHandle, role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(zone.scope, 'Iam'), prefix: `${role}=` }, member,
      (scope, id) => new BigqueryDatasetIamMember(scope, id, { project: this.project, datasetId: zone.dataset.datasetId, role, member }));
  }

  /** The project id: the one given, or the provider's (from a `google_client_config` data source). */
  protected projectId(): string {
    if (this.project !== undefined) {
      return this.project;
    }
    this.clientConfig ??= new DataGoogleClientConfig(this, 'ClientConfig');
    return this.clientConfig.project;
  }

  private projectGrant(role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(this, 'Iam'), prefix: `${role}=` }, member,
      (scope, id) => new ProjectIamMember(scope, id, { project: this.projectId(), role, member }));
  }
}

/**
 * Props of {@link DataLake}.
 *
 * `iam` (from {@link GcpIamProps}): `roles/storage.*` roles are granted on every zone bucket (not
 * on the access-log bucket), `roles/bigquery.*` roles on every zone dataset; other roles, and the
 * project-level `roles/bigquery.jobUser` (use `grantQuery`), are refused.
 */
export interface DataLakeProps extends GcpIamProps {
  /**
   * Prefix of every resource name: buckets `<prefix>-<zone>` and `<prefix>-access-logs`,
   * datasets `<prefix_snake>_<zone_snake>`. Bucket names are global: choose a prefix unique to
   * your organization. 1 to 30 characters of lowercase letters, digits and hyphens, starting with
   * a letter.
   */
  readonly prefix: string;

  /**
   * Project of the buckets, datasets and grants.
   * @default - the provider's project
   */
  readonly project?: string;

  /**
   * Location of buckets and datasets alike: `US`, `EU` or a region such as `europe-west4`.
   * @default 'US'
   */
  readonly location?: string;

  /**
   * Extra zones, or standard zones (`raw`, `curated`, `artifacts`) with another lifecycle. The
   * standard zones always exist.
   * @default - the standard zones with their default lifecycles
   */
  readonly zones?: LakeZone[];

  /**
   * Tables to create, each in the dataset of its zone. More can be added with `addTable`.
   * @default - no tables
   */
  readonly tables?: LakeTableSpec[];

  /**
   * Customer-managed key for buckets (default KMS key), datasets (default encryption) and tables.
   * The lake grants the project's Cloud Storage and BigQuery service agents
   * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it, and makes buckets and datasets wait for
   * those grants.
   * @default - Google-managed encryption keys
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * What happens to buckets, datasets and tables (and their data) on destroy. `DESTROY` also
   * needs the app context `"mlops-constructs:allowDataDestruction": true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The resources of one zone of a created lake. */
interface ZoneResources extends ZoneHandle {
  readonly spec: ResolvedLakeZone;
  readonly bucket: StorageBucket;
  readonly dataset: BigqueryDataset;
}

/**
 * A data lake on Google Cloud: per zone (`raw`, `curated`, `artifacts`, plus extra zones) one
 * Cloud Storage bucket and one BigQuery dataset, tables generated from neutral schemas, and a
 * dedicated access-log bucket.
 *
 * Hardened by default: uniform bucket-level access, public access prevention enforced,
 * versioning, lifecycle rules from the zone's `LakeLifecycle`, usage logs to the log bucket,
 * everything retained on destroy (`prevent_destroy`, no force destroy, table deletion
 * protection), CMEK on buckets, datasets and tables when `encryptionKey` is given, additive IAM
 * only, nothing public. Passes `GcpFoundationChecks` with zero findings when `encryptionKey` is
 * given; without it, the BigQuery CMEK rules (GCP-BQ2, GCP-BQ3) report the datasets and tables.
 *
 * Construct ids are stable, because they name stateful resources: `Zone-<zone>/Bucket`,
 * `Zone-<zone>/Dataset`, `Zone-<zone>/Table-<table>`, `AccessLogs/Bucket`.
 *
 * Dataset grants are `google_bigquery_dataset_iam_member` resources. The google provider documents
 * that these cannot be mixed with `access` entries on the dataset or `google_bigquery_dataset_access`
 * resources, and that they remove authorized-view entries. The lake sets no `access` entries; do
 * not add `google_bigquery_dataset_access` resources (authorized views) to lake datasets.
 *
 * An existing lake (buckets and datasets made elsewhere) is used through
 * {@link DataLake.fromDataLakeAttributes}: every construct of the library takes either.
 *
 * @example
 * const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key });
 * const orders = lake.addTable('curated', ordersSchema);
 * lake.grantRead('curated', 'group:analysts@example.com');
 *
 * @see https://cloud.google.com/storage/docs/best-practices
 */
export class DataLake extends DataLakeBase {
  /**
   * Whether `x` is a lake of this library, created or imported (an {@link IDataLake}).
   */
  public static isDataLake(x: unknown): x is IDataLake {
    return x !== null && typeof x === 'object' && (x as Record<symbol, unknown>)[DATA_LAKE_BRAND] === true;
  }

  /**
   * A lake that exists already — buckets and datasets made by another stack, module or team — for
   * the library's constructs to build on: ingest into its tables, features over them, training on
   * its zones, captures into its datasets.
   *
   * The import creates nothing by itself. `addTable` creates tables (retained on destroy) in the
   * existing datasets, and the grants are additive IAM members on the existing buckets, datasets
   * and project. Nothing is checked against the real resources: only a plan shows that they exist.
   *
   * @throws MlopsValidationError for a bad prefix, project or location, zones missing one of
   * `raw`, `curated`, `artifacts`, different zones in the buckets and datasets, or names that are
   * not bucket names or dataset ids
   */
  public static fromDataLakeAttributes(scope: Construct, id: string, attrs: DataLakeAttributes): IDataLake {
    return new ImportedDataLake(scope, id, attrs);
  }

  /** The name prefix of the lake's resources. */
  public readonly prefix: string;
  /** The project given in props; `undefined` means the provider's project. */
  public readonly project?: string;
  /** Location of buckets and datasets. */
  public readonly location: string;
  /** The removal policy in force. */
  public readonly removalPolicy: RemovalPolicy;
  /** The customer-managed key, when one was given. */
  public readonly encryptionKey?: ICryptoKey;
  /** The bucket receiving the usage logs of the zone buckets. */
  public readonly accessLogsBucket: StorageBucket;

  protected readonly tableRemovalPolicy: RemovalPolicy;
  private readonly zoneResources = new Map<string, ZoneResources>();
  private readonly storageKeyAccess?: KmsCryptoKeyIamMember;
  private readonly bigQueryKeyAccess?: KmsCryptoKeyIamMember;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a prefix');
    }
    ({ prefix: this.prefix, project: this.project, location: this.location } = resolveLakeNames(this, props));
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.tableRemovalPolicy = this.removalPolicy;
    this.encryptionKey = resolveEncryptionKey(this, props.encryptionKey);
    const zones = this.resolveZones(props.zones);
    const iamGrants = resolveIamGrants(this, props.iam, lakeRoleProblem);
    if (props.tables !== undefined && !Array.isArray(props.tables)) {
      throw new MlopsValidationError(this, 'tables', props.tables, 'a list of { zone, schema } table specs');
    }

    if (this.encryptionKey) {
      const encryption = new Construct(this, 'Encryption');
      const storageAgent = new DataGoogleStorageProjectServiceAccount(encryption, 'StorageServiceAgent', { project: this.project });
      this.storageKeyAccess = createKeyAccess(encryption, 'StorageServiceAgentKeyAccess', this.encryptionKey, storageAgent.member);
      const bigQueryAgent = new DataGoogleBigqueryDefaultServiceAccount(encryption, 'BigQueryServiceAgent', { project: this.project });
      this.bigQueryKeyAccess = createKeyAccess(encryption, 'BigQueryServiceAgentKeyAccess', this.encryptionKey, bigQueryAgent.member);
    }

    const accessLogs = new Construct(this, 'AccessLogs');
    this.accessLogsBucket = this.createBucket(accessLogs, `${this.prefix}-${ACCESS_LOG_BUCKET_SUFFIX}`, ACCESS_LOG_LIFECYCLE,
      managedLabels({ purpose: 'access-logs' }), undefined);
    new StorageBucketIamMember(accessLogs, 'AnalyticsWriter', {
      bucket: this.accessLogsBucket.name, role: ACCESS_LOG_WRITER.role, member: ACCESS_LOG_WRITER.member,
    });
    GcpChecks.acknowledge(this.accessLogsBucket, {
      id: 'GCP-GCS4',
      reason: 'This bucket receives the usage logs of the lake buckets; it cannot log to itself, and logging it elsewhere would only move the requirement to another bucket.',
    });

    for (const zone of zones) {
      const zoneScope = new Construct(this, `Zone-${zone.name}`);
      const labels = managedLabels({ 'lake-zone': zone.name });
      const bucket = this.createBucket(zoneScope, `${this.prefix}-${zone.name}`, zone.lifecycle, labels, zone.name);
      const dataset = new BigqueryDataset(zoneScope, 'Dataset', {
        project: this.project,
        datasetId: `${this.snakePrefix()}_${toSnakeCase(zone.name)}`,
        location: this.location,
        description: `Zone "${zone.name}" of the data lake "${this.prefix}".`,
        labels,
        deleteContentsOnDestroy: this.destroysData(),
        defaultEncryptionConfiguration: this.encryptionKey ? { kmsKeyName: this.encryptionKey.id } : undefined,
        dependsOn: this.bigQueryKeyAccess ? [this.bigQueryKeyAccess] : undefined,
        lifecycle: retainLifecycle(this.removalPolicy),
      });
      this.zoneResources.set(zone.name, { name: zone.name, spec: zone, scope: zoneScope, bucket, dataset });
    }

    (props.tables ?? []).forEach((spec, i) => this.createTable(spec?.zone, spec?.schema, `tables[${i}]`));
    for (const grant of iamGrants) {
      for (const zone of this.zoneResources.values()) {
        if (grant.role.startsWith('roles/storage.')) {
          this.bucketGrant(zone, grant.role, grant.member);
        } else {
          this.datasetGrant(zone, grant.role, grant.member);
        }
      }
    }
  }

  /**
   * The zone's `google_storage_bucket`.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  public zoneBucket(zone: string): StorageBucket {
    return this.resourcesOf(zone).bucket;
  }

  /**
   * The zone's `google_bigquery_dataset`.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  public dataset(zone: string): BigqueryDataset {
    return this.resourcesOf(zone).dataset;
  }

  // -------------------------------------------------------------------------------------------

  protected zoneHandles(): ZoneHandle[] {
    return [...this.zoneResources.values()];
  }

  private resourcesOf(zone: string): ZoneResources {
    return this.zoneOf(zone, 'zone') as ZoneResources;
  }

  private destroysData(): boolean {
    return this.removalPolicy === RemovalPolicy.DESTROY;
  }

  private snakePrefix(): string {
    return Token.isUnresolved(this.prefix) ? Fn.replace(this.prefix, '-', '_') : toSnakeCase(this.prefix);
  }

  private createBucket(scope: Construct, name: string, lifecycle: LakeLifecycle, labels: Record<string, string>, logPrefix: string | undefined): StorageBucket {
    return new StorageBucket(scope, 'Bucket', {
      ...BUCKET_DEFAULTS,
      project: this.project,
      name,
      location: this.location,
      labels,
      lifecycleRule: gcsLifecycleRules(lifecycle),
      // The log bucket itself (logPrefix undefined) has no logging: acknowledged as GCP-GCS4.
      logging: logPrefix === undefined ? undefined : { logBucket: this.accessLogsBucket.name, logObjectPrefix: logPrefix },
      encryption: this.encryptionKey ? { defaultKmsKeyName: this.encryptionKey.id } : undefined,
      forceDestroy: this.destroysData(),
      dependsOn: this.storageKeyAccess ? [this.storageKeyAccess] : undefined,
      lifecycle: retainLifecycle(this.removalPolicy),
    });
  }

  private resolveZones(zones: unknown): ResolvedLakeZone[] {
    if (zones !== undefined && !Array.isArray(zones)) {
      throw new MlopsValidationError(this, 'zones', zones, 'a list of { name, lifecycle? } zones');
    }
    const resolved = resolveLakeZones(zones as LakeZone[] | undefined);
    throwIfProblems(this, '', resolved.problems);
    const reserved = ((zones ?? []) as LakeZone[]).findIndex((z) => z.name === ACCESS_LOG_BUCKET_SUFFIX);
    if (reserved >= 0) {
      throw new MlopsValidationError(this, `zones[${reserved}].name`, ACCESS_LOG_BUCKET_SUFFIX,
        `a zone name other than "${ACCESS_LOG_BUCKET_SUFFIX}" (the lake's log bucket is named <prefix>-${ACCESS_LOG_BUCKET_SUFFIX})`);
    }
    return resolved.zones;
  }
}

/** A lake made elsewhere, known by its buckets and datasets (see {@link DataLake.fromDataLakeAttributes}). */
class ImportedDataLake extends DataLakeBase {
  public readonly prefix: string;
  public readonly project?: string;
  public readonly location: string;
  public readonly encryptionKey?: ICryptoKey;
  protected readonly tableRemovalPolicy = RemovalPolicy.RETAIN;
  private readonly handles: ZoneHandle[] = [];

  constructor(scope: Construct, id: string, attrs: DataLakeAttributes) {
    super(scope, id);
    if (attrs === null || typeof attrs !== 'object') {
      throw new MlopsValidationError(this, 'attrs', attrs, 'an object with prefix, zoneBuckets and zoneDatasets');
    }
    ({ prefix: this.prefix, project: this.project, location: this.location } = resolveLakeNames(this, attrs));
    this.encryptionKey = resolveEncryptionKey(this, attrs.encryptionKey);
    const buckets = this.resolveZoneMap('zoneBuckets', attrs.zoneBuckets, GCS_BUCKET_NAME_RULE);
    const datasets = this.resolveZoneMap('zoneDatasets', attrs.zoneDatasets, BIGQUERY_DATASET_RULE);
    const missing = [...Object.keys(buckets).filter((z) => !(z in datasets)), ...Object.keys(datasets).filter((z) => !(z in buckets))];
    if (missing.length > 0) {
      throw new MlopsValidationError(this, 'zoneDatasets', Object.keys(datasets),
        `the zones of zoneBuckets (${Object.keys(buckets).join(', ')}): each zone has one bucket and one dataset; ${missing.join(', ')} has only one`);
    }
    const standard = Object.values(StandardZone) as string[];
    const names = [...standard, ...Object.keys(buckets).filter((z) => !standard.includes(z))];
    const projectId = (): string => this.projectId();
    for (const name of names) {
      this.handles.push({
        name,
        scope: new Construct(this, `Zone-${name}`),
        bucket: { name: buckets[name] },
        // The provider's project is looked up (google_client_config) only when a consumer needs it.
        dataset: { datasetId: datasets[name], get project(): string { return projectId(); } },
      });
    }
  }

  public zoneBucket(zone: string): ILakeBucket {
    return this.zoneOf(zone, 'zone').bucket;
  }

  public dataset(zone: string): ILakeDataset {
    return this.zoneOf(zone, 'zone').dataset;
  }

  protected zoneHandles(): ZoneHandle[] {
    return this.handles;
  }

  /** The zone → name map `property`, each zone a zone name, each name following `rule`, the standard zones all there. */
  private resolveZoneMap(property: string, value: unknown, rule: typeof GCS_BUCKET_NAME_RULE): Record<string, string> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new MlopsValidationError(this, property, value, 'an object mapping zone names to names');
    }
    const map = value as Record<string, unknown>;
    for (const [zone, name] of Object.entries(map)) {
      resolveName(this, `${property}[${JSON.stringify(zone)}]`, ZONE_NAME_RULE, zone);
      resolveName(this, `${property}[${JSON.stringify(zone)}]`, rule, name);
    }
    const absent = (Object.values(StandardZone) as string[]).filter((z) => !(z in map));
    if (absent.length > 0) {
      throw new MlopsValidationError(this, property, Object.keys(map), `the zones raw, curated and artifacts at least (missing: ${absent.join(', ')})`);
    }
    return map as Record<string, string>;
  }
}

/** The prefix, project and location of a lake, created or imported: each checked, the location `US` when not given. */
function resolveLakeNames(scope: Construct, given: { prefix: string; project?: string; location?: string }): { prefix: string; project?: string; location: string } {
  return {
    prefix: resolveName(scope, 'prefix', PREFIX_RULE, given.prefix),
    project: given.project === undefined ? undefined : resolveName(scope, 'project', GCP_PROJECT_ID_RULE, given.project),
    location: given.location === undefined ? DEFAULT_LOCATION : resolveName(scope, 'location', LAKE_LOCATION_RULE, given.location),
  };
}

/** Which roles the `iam` prop of a lake accepts: Cloud Storage roles (buckets) and BigQuery data roles (datasets). */
function lakeRoleProblem(role: string): string | undefined {
  if (QUERY_PROJECT_ROLES.includes(role)) {
    return `a dataset or bucket role; ${role} is granted on the project: use grantQuery(member)`;
  }
  return role.startsWith('roles/storage.') || role.startsWith('roles/bigquery.')
    ? undefined
    : 'a roles/storage.* role (granted on every zone bucket) or a roles/bigquery.* role (granted on every zone dataset); grant other roles outside the lake';
}

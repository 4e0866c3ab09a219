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
  BigQueryColumn, bigQueryColumns, LakeLifecycle, LakeTableSpec, LakeZone, MlopsValidationError, NamingRule, namingProblem, PREFIX_RULE, resolveLakeZones,
  ResolvedLakeZone, TableSchema, throwIfProblems, toSnakeCase,
} from '../core';
import { Fn, ITerraformDependable, TerraformResource, Token } from './cdktf';
import { cryptoKeyIdProblem, ICryptoKey } from './crypto-key';
import { gcsLifecycleRules } from './gcs-lifecycle';
import { flattenIamProps, GcpIamProps, iamMemberProblem } from './iam';
import { BIGQUERY_COLUMN_NAME_PATTERN, BIGQUERY_MAX_CLUSTERING_COLUMNS, LakeTable, LakeTableOptions } from './lake-table';
import { LAKE_LOCATION_RULE } from './location';
import { GcpChecks } from './policy/engine/gcp-checks';
import { GCP_PROJECT_ID_RULE } from './project';
import { RemovalPolicy, resolveRemovalPolicy } from './removal-policy';

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
/** What the Cloud Storage and BigQuery service agents need on the CMEK. */
const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';
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

/** Labels on every labelled resource of the lake. */
const LAKE_LABELS: Record<string, string> = { 'managed-by': 'mlops-constructs' };

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

/** The behavioural contract of a lake: its zones and the grants on them. */
export interface IDataLake extends IConstruct {
  /** The name prefix of the lake's resources. */
  readonly prefix: string;
  /** The zone names: `raw`, `curated`, `artifacts`, then extra zones. */
  readonly zoneNames: string[];

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

/** The resources of one zone. */
interface ZoneResources {
  readonly spec: ResolvedLakeZone;
  readonly scope: Construct;
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
 * @example
 * const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key });
 * const orders = lake.addTable('curated', ordersSchema);
 * lake.grantRead('curated', 'group:analysts@example.com');
 *
 * @see https://cloud.google.com/storage/docs/best-practices
 */
export class DataLake extends Construct implements IDataLake {
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
  public readonly accessLogBucket: StorageBucket;

  private readonly zoneResources = new Map<string, ZoneResources>();
  private readonly lakeTables: LakeTable[] = [];
  /** Columns of each table beyond its schema's (`LakeTableOptions.extraColumns`, `addTableColumns`), in order. */
  private readonly extraColumns = new Map<BigqueryTable, BigQueryColumn[]>();
  private readonly grants = new Map<string, TerraformResource>();
  private readonly storageKeyAccess?: KmsCryptoKeyIamMember;
  private readonly bigQueryKeyAccess?: KmsCryptoKeyIamMember;
  private clientConfig?: DataGoogleClientConfig;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a prefix');
    }
    this.prefix = this.validName('prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? undefined : this.validName('project', GCP_PROJECT_ID_RULE, props.project);
    this.location = props.location === undefined ? DEFAULT_LOCATION : this.validName('location', LAKE_LOCATION_RULE, props.location);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.encryptionKey = this.validateEncryptionKey(props.encryptionKey);
    const zones = this.resolveZones(props.zones);
    const iamGrants = flattenIamProps(this, props.iam, lakeRoleProblem);
    if (props.tables !== undefined && !Array.isArray(props.tables)) {
      throw new MlopsValidationError(this, 'tables', props.tables, 'a list of { zone, schema } table specs');
    }

    if (this.encryptionKey) {
      const encryption = new Construct(this, 'Encryption');
      const storageAgent = new DataGoogleStorageProjectServiceAccount(encryption, 'StorageServiceAgent', { project: this.project });
      this.storageKeyAccess = new KmsCryptoKeyIamMember(encryption, 'StorageServiceAgentKeyAccess', {
        cryptoKeyId: this.encryptionKey.id, role: KMS_ENCRYPTER_DECRYPTER_ROLE, member: storageAgent.member,
      });
      const bigQueryAgent = new DataGoogleBigqueryDefaultServiceAccount(encryption, 'BigQueryServiceAgent', { project: this.project });
      this.bigQueryKeyAccess = new KmsCryptoKeyIamMember(encryption, 'BigQueryServiceAgentKeyAccess', {
        cryptoKeyId: this.encryptionKey.id, role: KMS_ENCRYPTER_DECRYPTER_ROLE, member: bigQueryAgent.member,
      });
    }

    const accessLogs = new Construct(this, 'AccessLogs');
    this.accessLogBucket = this.createBucket(accessLogs, `${this.prefix}-${ACCESS_LOG_BUCKET_SUFFIX}`, ACCESS_LOG_LIFECYCLE,
      { ...LAKE_LABELS, purpose: 'access-logs' }, undefined);
    new StorageBucketIamMember(accessLogs, 'AnalyticsWriter', {
      bucket: this.accessLogBucket.name, role: ACCESS_LOG_WRITER.role, member: ACCESS_LOG_WRITER.member,
    });
    GcpChecks.acknowledge(this.accessLogBucket, {
      id: 'GCP-GCS4',
      reason: 'This bucket receives the usage logs of the lake buckets; it cannot log to itself, and logging it elsewhere would only move the requirement to another bucket.',
    });

    for (const zone of zones) {
      const zoneScope = new Construct(this, `Zone-${zone.name}`);
      const labels = { ...LAKE_LABELS, 'lake-zone': zone.name };
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
        lifecycle: this.destroysData() ? undefined : { preventDestroy: true },
      });
      this.zoneResources.set(zone.name, { spec: zone, scope: zoneScope, bucket, dataset });
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

  /** The zone names: `raw`, `curated`, `artifacts`, then extra zones in the order given. */
  public get zoneNames(): string[] {
    return [...this.zoneResources.keys()];
  }

  /** The tables of the lake, from props and `addTable`, in creation order. */
  public get tables(): LakeTable[] {
    return [...this.lakeTables];
  }

  /**
   * The zone's `google_storage_bucket`.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  public zoneBucket(zone: string): StorageBucket {
    return this.zoneOf(zone, 'zone').bucket;
  }

  /**
   * The zone's `google_bigquery_dataset`.
   * @throws MlopsValidationError for a zone the lake does not have
   */
  public dataset(zone: string): BigqueryDataset {
    return this.zoneOf(zone, 'zone').dataset;
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
    return this.createTable(zone, schema, 'addTable', this.validExtraColumns(schema, options.extraColumns ?? [], [], 'addTable.options.extraColumns'));
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
    const added = this.validExtraColumns(lakeTable.schema, columns, existing, 'columns');
    if (added.length === 0) {
      return;
    }
    const all = [...existing, ...added];
    this.extraColumns.set(lakeTable.table, all);
    lakeTable.table.schema = JSON.stringify([...bigQueryColumns(lakeTable.schema), ...all]);
  }

  /** {@inheritDoc IDataLake.grantRead} */
  public grantRead(zone: string, member: string): ITerraformDependable[] {
    const resources = this.zoneOf(zone, 'zone');
    this.validateMember(member);
    return [
      ...READ_BUCKET_ROLES.map((role) => this.bucketGrant(resources, role, member)),
      ...READ_DATASET_ROLES.map((role) => this.datasetGrant(resources, role, member)),
    ];
  }

  /** {@inheritDoc IDataLake.grantWrite} */
  public grantWrite(zone: string, member: string): ITerraformDependable[] {
    const resources = this.zoneOf(zone, 'zone');
    this.validateMember(member);
    return [
      ...WRITE_BUCKET_ROLES.map((role) => this.bucketGrant(resources, role, member)),
      ...WRITE_DATASET_ROLES.map((role) => this.datasetGrant(resources, role, member)),
    ];
  }

  /** {@inheritDoc IDataLake.grantQuery} */
  public grantQuery(member: string): ITerraformDependable[] {
    this.validateMember(member);
    return [
      ...QUERY_PROJECT_ROLES.map((role) => this.projectGrant(role, member)),
      ...[...this.zoneResources.values()].flatMap((zone) => QUERY_DATASET_ROLES.map((role) => this.datasetGrant(zone, role, member))),
    ];
  }

  // -------------------------------------------------------------------------------------------

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
      logging: logPrefix === undefined ? undefined : { logBucket: this.accessLogBucket.name, logObjectPrefix: logPrefix },
      encryption: this.encryptionKey ? { defaultKmsKeyName: this.encryptionKey.id } : undefined,
      forceDestroy: this.destroysData(),
      dependsOn: this.storageKeyAccess ? [this.storageKeyAccess] : undefined,
      lifecycle: this.destroysData() ? undefined : { preventDestroy: true },
    });
  }

  private createTable(zone: unknown, schema: unknown, property: string, extraColumns: BigQueryColumn[] = []): LakeTable {
    const resources = this.zoneOf(zone, `${property}.zone`);
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, `${property}.schema`, schema, 'a TableSchema');
    }
    throwIfProblems(this, `${property}.schema`, schema.problems());
    if (schema.entityKeys.length > BIGQUERY_MAX_CLUSTERING_COLUMNS) {
      throw new MlopsValidationError(this, `${property}.schema.entityKeys`, schema.entityKeys,
        `at most ${BIGQUERY_MAX_CLUSTERING_COLUMNS} entity keys: BigQuery clusters a table on at most ${BIGQUERY_MAX_CLUSTERING_COLUMNS} columns, and lake tables cluster on the entity keys`);
    }
    const tableId = schema.name;
    if (this.lakeTables.some((t) => t.zone === resources.spec.name && t.tableId === tableId)) {
      throw new MlopsValidationError(this, `${property}.schema.name`, tableId,
        `a table name not yet used in zone "${resources.spec.name}"`);
    }
    const partitioned = schema.eventTime !== undefined;
    const table = new BigqueryTable(resources.scope, `Table-${tableId}`, {
      project: this.project,
      datasetId: resources.dataset.datasetId,
      tableId,
      description: schema.description,
      schema: JSON.stringify([...bigQueryColumns(schema), ...extraColumns]),
      timePartitioning: partitioned ? { type: 'DAY', field: schema.eventTime } : undefined,
      requirePartitionFilter: partitioned ? true : undefined,
      clustering: schema.entityKeys.length > 0 ? [...schema.entityKeys] : undefined,
      encryptionConfiguration: this.encryptionKey ? { kmsKeyName: this.encryptionKey.id } : undefined,
      labels: { ...LAKE_LABELS, 'lake-zone': resources.spec.name },
      deletionProtection: !this.destroysData(),
      lifecycle: this.destroysData() ? undefined : { preventDestroy: true },
    });
    const lakeTable: LakeTable = { zone: resources.spec.name, schema, datasetId: resources.dataset.datasetId, tableId, table };
    this.lakeTables.push(lakeTable);
    if (extraColumns.length > 0) {
      this.extraColumns.set(table, [...extraColumns]);
    }
    return lakeTable;
  }

  /**
   * The columns of `columns` that the table does not have yet, after checking each: NULLABLE, a
   * BigQuery column name, not a schema field, not given twice, and identical to an existing
   * extra column of the same name. Validates `schema` first when it is a schema, so that field
   * names are known.
   */
  private validExtraColumns(schema: unknown, columns: unknown, existing: readonly BigQueryColumn[], property: string): BigQueryColumn[] {
    if (!Array.isArray(columns)) {
      throw new MlopsValidationError(this, property, columns, 'a list of BigQuery columns ({ name, type, mode: "NULLABLE" })');
    }
    const fieldNames = schema instanceof TableSchema ? schema.fields.map((f) => f.name) : [];
    const added: BigQueryColumn[] = [];
    columns.forEach((column: BigQueryColumn, i) => {
      const name = column?.name;
      if (typeof name !== 'string' || !BIGQUERY_COLUMN_NAME_PATTERN.test(name)) {
        throw new MlopsValidationError(this, `${property}[${i}].name`, name,
          'a BigQuery column name: letters, digits and underscores, starting with a letter or an underscore, at most 300 characters');
      }
      if (column.mode !== 'NULLABLE') {
        throw new MlopsValidationError(this, `${property}[${i}].mode`, column.mode,
          '"NULLABLE": BigQuery adds only NULLABLE (or REPEATED) columns to an existing table, and rows written before the column existed have no value in it');
      }
      if (fieldNames.includes(name)) {
        throw new MlopsValidationError(this, `${property}[${i}].name`, name, `a name that is not a field of the schema "${(schema as TableSchema).name}"`);
      }
      const same = existing.find((c) => c.name === name);
      if (same !== undefined) {
        if (canonicalJson(same) !== canonicalJson(column)) {
          throw new MlopsValidationError(this, `${property}[${i}]`, column, `the same definition as the table's existing column "${name}": ${JSON.stringify(same)}`);
        }
        return;
      }
      if (added.some((c) => c.name === name)) {
        throw new MlopsValidationError(this, `${property}[${i}].name`, name, 'a column name not given twice');
      }
      added.push({ ...column });
    });
    return added;
  }

  private zoneOf(zone: unknown, property: string): ZoneResources {
    const resources = typeof zone === 'string' ? this.zoneResources.get(zone) : undefined;
    if (resources === undefined) {
      throw new MlopsValidationError(this, property, zone, `one of the lake's zones: ${this.zoneNames.join(', ')}`);
    }
    return resources;
  }

  private validateMember(member: unknown): void {
    const problem = iamMemberProblem(member);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'member', member, problem);
    }
  }

  private bucketGrant(zone: ZoneResources, role: string, member: string): TerraformResource {
    return this.grant(zone.scope, role, member, (scope, id) => new StorageBucketIamMember(scope, id, { bucket: zone.bucket.name, role, member }));
  }

  private datasetGrant(zone: ZoneResources, role: string, member: string): TerraformResource {
    return this.grant(zone.scope, role, member, (scope, id) =>
      new BigqueryDatasetIamMember(scope, id, { project: this.project, datasetId: zone.dataset.datasetId, role, member }));
  }

  private projectGrant(role: string, member: string): TerraformResource {
    return this.grant(this, role, member, (scope, id) => new ProjectIamMember(scope, id, { project: this.projectId(), role, member }));
  }

  /**
   * One IAM member resource per (scope, role, member), created once. Its construct id is
   * `<role>=<member>` under `<scope>/Iam`; a member holding a token gets `<role>=member-<n>`
   * (the n-th such member of the scope), since token strings are not stable across synths.
   */
  private grant(owner: Construct, role: string, member: string, create: (scope: Construct, id: string) => TerraformResource): TerraformResource {
    const key = `${owner.node.path}|${role}|${member}`;
    const existing = this.grants.get(key);
    if (existing) {
      return existing;
    }
    const iamScope = (owner.node.tryFindChild('Iam') as Construct | undefined) ?? new Construct(owner, 'Iam');
    const id = Token.isUnresolved(member)
      ? `${role}=member-${iamScope.node.children.filter((c) => c.node.id.startsWith(`${role.replace(/\//g, '--')}=member-`)).length + 1}`
      : `${role}=${member}`;
    const resource = create(iamScope, id);
    this.grants.set(key, resource);
    return resource;
  }

  private projectId(): string {
    if (this.project !== undefined) {
      return this.project;
    }
    this.clientConfig ??= new DataGoogleClientConfig(this, 'ClientConfig');
    return this.clientConfig.project;
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

  private validateEncryptionKey(key: unknown): ICryptoKey | undefined {
    if (key === undefined) {
      return undefined;
    }
    const id = key !== null && typeof key === 'object' ? (key as ICryptoKey).id : undefined;
    if (typeof id === 'string' && Token.isUnresolved(id)) {
      return key as ICryptoKey;
    }
    const problem = cryptoKeyIdProblem(id);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'encryptionKey.id', id, problem);
    }
    return key as ICryptoKey;
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

/** JSON of a flat object with its keys sorted, so that two column definitions compare by content. */
function canonicalJson(value: object): string {
  return JSON.stringify(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
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

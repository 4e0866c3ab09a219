import { Duration, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Token, Validations } from 'aws-cdk-lib/core';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct, IConstruct } from 'constructs';
import {
  ATHENA_WORKGROUP_RULE,
  GLUE_NAME_RULE,
  LakeTableSpec,
  LakeZone,
  MlopsValidationError,
  namingProblem,
  AWS_PREFIX_RULE,
  resolveLakeZones,
  ResolvedLakeZone,
  StandardZone,
  TableSchema,
  throwIfProblems,
  toSnakeCase,
  ZONE_NAME_RULE,
} from '../../core';
import { parquetTableInput } from '../private/glue-table';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps } from '../private/kms';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { LakeTable } from './lake-table';
import { accessLogsBucketProps, flagWeakenedAccessLogsBucket, zoneBucketProps } from './private/zone-bucket';
import { GLUE_SCHEMA_TEXT, schemaTextProblems } from '../../core/limits';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { DATA_LAKE_PROPS_GUARD } from './private/props-guard';

/** Stable ids of the warnings a DataLake adds when a user weakens a default. */
export const DATA_LAKE_WARNINGS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:DataLake.keyRotationDisabled',
  /** An access-logs bucket passed in is a bucket of this app with a weaker configuration. */
  accessLogsBucketWeakened: 'mlops-constructs:DataLake.accessLogsBucketWeakened',
} as const;

/** Why the wildcard resources of the lake's grants are acknowledged. */
const GRANT_WILDCARD_REASON = 'Data lake grants: S3 object actions apply to every object of a zone bucket (or of the '
  + 'athena-results/ prefix) and Glue table reads to every table of the lake\'s databases, so those ARNs end in "/*"; '
  + 'actions, buckets, databases, the workgroup and the key are all listed explicitly.';

/** The lake's grant policies (`DataLakeGrants-*`), every wildcard acknowledged with {@link GRANT_WILDCARD_REASON}. */
const DATA_LAKE_GRANTS: GrantPolicyOptions = { idPrefix: 'DataLakeGrants', kind: 'data lake', wildcardReason: () => GRANT_WILDCARD_REASON };

/** Object-level actions that read a zone. */
const READ_OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];
/** Bucket-level actions that read a zone (listing, and the location Athena and SDKs look up). */
const READ_BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation'];
/** Object-level actions that write a zone, multipart uploads included. */
const WRITE_OBJECT_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
/** Bucket-level actions that write a zone. */
const WRITE_BUCKET_ACTIONS = ['s3:ListBucketMultipartUploads', 's3:GetBucketLocation'];
/** Key actions of a reader of SSE-KMS objects. */
const KEY_READ_ACTIONS = ['kms:Decrypt'];
/**
 * Key actions of a writer of SSE-KMS objects: a data key per upload, and decrypt for multipart
 * uploads (and for Athena, which reads what it writes).
 */
const KEY_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
/** Athena actions of a query client, on the lake's workgroup only. */
const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:StopQueryExecution',
  'athena:GetWorkGroup',
];
/** Glue Data Catalog reads Athena makes while planning a query. */
const GLUE_CATALOG_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
];

/*
 * Acknowledged rules: what cannot be met inside one stack, and why. Each is applied on the one
 * bucket it concerns, never on the lake or the stack.
 */
/** NIST 800-53 rev 5 S3BucketReplicationEnabled on a zone bucket. */
const ZONE_REPLICATION_REASON = 'Replication needs a destination bucket in a second region that the account owner chooses and owns, '
  + 'which one stack cannot create. Zone buckets are versioned and retained, so overwritten and deleted objects stay recoverable. '
  + 'To replicate a zone, add a replication configuration to its bucket (zoneBucket(zone).node.defaultChild).';

/**
 * The rules the dedicated access-logs bucket cannot meet. (It is not acknowledged for having no
 * access logs of its own: both packs already accept a bucket that is the log target of another.)
 */
const ACCESS_LOGS_ACKNOWLEDGMENTS = [
  {
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason: 'S3 server access log delivery supports only SSE-S3 (AES256) default encryption on the target bucket, not SSE-KMS '
      + '(docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); the bucket uses SSE-S3 and denies non-TLS requests.',
  },
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason: 'Replication needs a destination bucket in a second region that the account owner chooses and owns, which one stack cannot '
      + 'create. The access logs stay in a versioned, retained bucket; to replicate them, pass an accessLogsBucket of your own that replicates.',
  },
];

/** Key prefix of Athena query results in the artifacts zone. */
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** Athena refuses a per-query cutoff below 10 MB. */
const MIN_BYTES_SCANNED_CUTOFF = 10_000_000;
const DEFAULT_BYTES_SCANNED_CUTOFF = Size.gibibytes(100);
const ATHENA_ENGINE_VERSION = 'Athena engine version 3';

/**
 * A data lake: one bucket and one Glue database per zone, a key, and an Athena workgroup.
 * Either created by {@link DataLake} or imported with {@link DataLake.fromDataLakeAttributes}.
 */
export interface IDataLake extends IConstruct {
  /** Names of the lake's zones: `raw`, `curated`, `artifacts`, then any extra zones. */
  readonly zoneNames: string[];

  /**
   * The key the zone buckets and query results are encrypted with.
   * `undefined` for an imported lake whose key was not given.
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Name of the lake's Athena workgroup. `undefined` for an imported lake whose workgroup was
   * not given.
   */
  readonly athenaWorkGroupName?: string;

  /**
   * The bucket of a zone.
   * @param zone a zone of the lake
   */
  zoneBucket(zone: string): s3.IBucket;

  /**
   * The Glue database name of a zone.
   * @param zone a zone of the lake
   */
  glueDatabaseName(zone: string): string;

  /**
   * The tables this lake created (with `tables` or `addTable`), in the order they were added.
   * Empty for an imported lake, whose tables are not known here.
   */
  readonly tables: LakeTable[];

  /**
   * The table of that name in a zone, if this lake created it (with `tables` or `addTable`);
   * `undefined` otherwise, also for an unknown zone and for an imported lake.
   * @param zone a zone of the lake
   * @param tableName the table's name
   */
  tryFindTable(zone: string, tableName: string): LakeTable | undefined;

  /**
   * Lets `grantee` read the objects of a zone (and decrypt them with the lake key).
   *
   * For a role, user or group of the app in the lake's account and region, the statements go to
   * a customer managed policy of this lake attached to it (one per lake and identity), not to its
   * inline default policy; other grantees get aws-cdk's usual grant.
   * @param zone a zone of the lake
   * @param grantee the principal to grant to
   */
  grantRead(zone: string, grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` write and delete objects in a zone (and encrypt them with the lake key).
   * Deleted objects stay recoverable as noncurrent versions until the lifecycle expires them.
   * Statements land as for {@link grantRead}.
   * @param zone a zone of the lake
   * @param grantee the principal to grant to
   */
  grantWrite(zone: string, grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` run Athena queries in the lake's workgroup: the query actions on the
   * workgroup, catalog reads on the lake's databases and tables, reads of every zone, writes under
   * the query-results prefix of the artifacts zone, and the key. Statements land as for
   * {@link grantRead}.
   * @param grantee the principal to grant to
   */
  grantQuery(grantee: iam.IGrantable): iam.Grant;

  /**
   * Bytes stored in a zone's bucket in the Standard storage class, daily average
   * (`AWS/S3 BucketSizeBytes`, reported once a day).
   * @param zone a zone of the lake
   * @param props metric options to override
   */
  metricBucketSizeBytes(zone: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Number of objects (all versions, all storage classes) in a zone's bucket, daily average
   * (`AWS/S3 NumberOfObjects`, reported once a day).
   * @param zone a zone of the lake
   * @param props metric options to override
   */
  metricNumberOfObjects(zone: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Bytes scanned by the queries of the lake's workgroup, summed over 5 minutes
   * (`AWS/Athena ProcessedBytes`).
   * @param props metric options to override
   */
  metricAthenaProcessedBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** What {@link DataLake.fromDataLakeAttributes} needs to use an existing lake. */
export interface DataLakeAttributes {
  /** The bucket of each zone, by zone name. Must hold at least `raw`, `curated` and `artifacts`. */
  readonly zoneBuckets: { [zone: string]: s3.IBucket };

  /**
   * The key the zone buckets are encrypted with; grants cover it.
   * @default - grants cover no key (the buckets use SSE-S3, or the key policy grants access)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The Glue database name of each zone, by zone name.
   * @default - glueDatabaseName() and grantQuery() throw
   */
  readonly glueDatabaseNames?: { [zone: string]: string };

  /**
   * Name of the lake's Athena workgroup.
   * @default - grantQuery() and metricAthenaProcessedBytes() throw
   */
  readonly athenaWorkGroupName?: string;
}

/**
 * Grants and metrics of a lake, written only against the attributes an import also has, so a
 * created lake and an imported one behave the same.
 */
abstract class DataLakeBase extends Construct implements IDataLake {
  public abstract readonly encryptionKey?: kms.IKey;
  public abstract readonly athenaWorkGroupName?: string;
  protected abstract readonly buckets: Readonly<Record<string, s3.IBucket>>;
  protected abstract readonly databaseNames?: Readonly<Record<string, string>>;
  /** The tables the lake created, in the order they were added. */
  protected readonly createdTables: LakeTable[] = [];

  public get zoneNames(): string[] {
    return Object.keys(this.buckets);
  }

  public get tables(): LakeTable[] {
    return [...this.createdTables];
  }

  public tryFindTable(zone: string, tableName: string): LakeTable | undefined {
    return this.createdTables.find((t) => t.zone === zone && t.tableName === tableName);
  }

  public zoneBucket(zone: string): s3.IBucket {
    return this.bucketOf(zone, 'zoneBucket(zone)');
  }

  public glueDatabaseName(zone: string): string {
    this.bucketOf(zone, 'glueDatabaseName(zone)');
    return this.requireDatabaseNames('glueDatabaseName')[zone];
  }

  public grantRead(zone: string, grantee: iam.IGrantable): iam.Grant {
    const bucket = this.bucketOf(zone, 'grantRead(zone)');
    const to = managedPolicyGrantee(this, grantee, DATA_LAKE_GRANTS);
    return withKey(this.readBuckets(to, [bucket]), this.encryptionKey?.grant(to, ...KEY_READ_ACTIONS));
  }

  public grantWrite(zone: string, grantee: iam.IGrantable): iam.Grant {
    const bucket = this.bucketOf(zone, 'grantWrite(zone)');
    const to = managedPolicyGrantee(this, grantee, DATA_LAKE_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions: WRITE_BUCKET_ACTIONS, resourceArns: [bucket.bucketArn] })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: WRITE_OBJECT_ACTIONS, resourceArns: [bucket.arnForObjects('*')] }));
    return withKey(grant, this.encryptionKey?.grant(to, ...KEY_WRITE_ACTIONS));
  }

  public grantQuery(grantee: iam.IGrantable): iam.Grant {
    const workGroupName = this.requireWorkGroupName('grantQuery');
    const databases = Object.values(this.requireDatabaseNames('grantQuery'));
    const to = managedPolicyGrantee(this, grantee, DATA_LAKE_GRANTS);
    const stack = Stack.of(this);
    const catalogArns = [
      stack.formatArn({ service: 'glue', resource: 'catalog' }),
      ...databases.map((db) => stack.formatArn({ service: 'glue', resource: 'database', resourceName: db })),
      ...databases.map((db) => stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${db}/*` })),
    ];
    const results = this.bucketOf(StandardZone.ARTIFACTS, 'grantQuery');
    const grant = iam.Grant.addToPrincipal({
      grantee: to,
      actions: ATHENA_QUERY_ACTIONS,
      resourceArns: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroupName })],
    })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: GLUE_CATALOG_READ_ACTIONS, resourceArns: catalogArns }))
      .combine(this.readBuckets(to, Object.values(this.buckets)))
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: WRITE_BUCKET_ACTIONS, resourceArns: [results.bucketArn] }))
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: WRITE_OBJECT_ACTIONS, resourceArns: [results.arnForObjects(`${ATHENA_RESULTS_PREFIX}*`)] }));
    return withKey(grant, this.encryptionKey?.grant(to, ...KEY_WRITE_ACTIONS));
  }

  public metricBucketSizeBytes(zone: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.s3StorageMetric(zone, 'metricBucketSizeBytes(zone)', 'BucketSizeBytes', 'StandardStorage', props);
  }

  public metricNumberOfObjects(zone: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.s3StorageMetric(zone, 'metricNumberOfObjects(zone)', 'NumberOfObjects', 'AllStorageTypes', props);
  }

  public metricAthenaProcessedBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Athena',
      metricName: 'ProcessedBytes',
      dimensionsMap: { WorkGroup: this.requireWorkGroupName('metricAthenaProcessedBytes') },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    });
  }

  private s3StorageMetric(zone: string, method: string, metricName: string, storageType: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const bucket = this.bucketOf(zone, method);
    return new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName,
      dimensionsMap: { BucketName: bucket.bucketName, StorageType: storageType },
      statistic: cloudwatch.Stats.AVERAGE,
      // S3 reports storage metrics once a day; a shorter period shows gaps.
      period: Duration.days(1),
      ...props,
    });
  }

  private readBuckets(grantee: iam.IGrantable, buckets: s3.IBucket[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: READ_BUCKET_ACTIONS, resourceArns: buckets.map((b) => b.bucketArn) })
      .combine(iam.Grant.addToPrincipal({ grantee, actions: READ_OBJECT_ACTIONS, resourceArns: buckets.map((b) => b.arnForObjects('*')) }));
  }

  private bucketOf(zone: string, property: string): s3.IBucket {
    const bucket = Object.prototype.hasOwnProperty.call(this.buckets, zone) ? this.buckets[zone] : undefined;
    if (bucket === undefined) {
      throw new MlopsValidationError(this, property, zone, `one of the lake's zones: ${this.zoneNames.join(', ')}`);
    }
    return bucket;
  }

  private requireDatabaseNames(method: string): Readonly<Record<string, string>> {
    if (this.databaseNames === undefined) {
      throw new MlopsValidationError(this, 'glueDatabaseNames', undefined, `the Glue database name of every zone, given to fromDataLakeAttributes; ${method}() needs them`);
    }
    return this.databaseNames;
  }

  private requireWorkGroupName(method: string): string {
    if (this.athenaWorkGroupName === undefined) {
      throw new MlopsValidationError(this, 'athenaWorkGroupName', undefined, `the lake's Athena workgroup name, given to fromDataLakeAttributes; ${method}() needs it`);
    }
    return this.athenaWorkGroupName;
  }
}

function withKey(grant: iam.Grant, keyGrant: iam.Grant | undefined): iam.Grant {
  return keyGrant ? grant.combine(keyGrant) : grant;
}

/** Properties of a {@link DataLake}. Every one is optional: `new DataLake(stack, 'Lake')` is hardened. */
export interface DataLakeProps {
  /**
   * Prefix of the names that must be unique per account and region: Glue databases are
   * `<prefix_snake>_<zone_snake>`, the Athena workgroup is `<prefix>`. Bucket names are left to
   * CloudFormation. 1 to 30 lowercase letters, digits and hyphens, starting with a letter.
   * @default - derived from the stack name and the construct path, stable across synths and
   * different for two lakes in one account
   */
  readonly prefix?: string;

  /**
   * Extra zones, or lifecycles replacing those of the standard zones. `raw`, `curated` and
   * `artifacts` always exist.
   * @default - the standard zones with their default lifecycles
   */
  readonly zones?: LakeZone[];

  /**
   * Tables to create. More can be added with {@link DataLake.addTable}.
   * @default - no tables
   */
  readonly tables?: LakeTableSpec[];

  /**
   * Key for the zone buckets and the Athena query results.
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the buckets and the key when they leave the stack. `DESTROY` also empties
   * the buckets on delete, and needs the app context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Largest amount of data one Athena query of the workgroup may scan before Athena cancels it.
   * At least 10 MB.
   * @default Size.gibibytes(100)
   */
  readonly athenaBytesScannedCutoffPerQuery?: Size;

  /**
   * Bucket receiving the S3 server access logs of the zone buckets, under `<zone>/`. It must use
   * SSE-S3 default encryption (log delivery does not support SSE-KMS) and allow log delivery.
   * @default - a new bucket: SSE-S3, SSL only, public access blocked, versioned, retained
   */
  readonly accessLogsBucket?: s3.IBucket;
}

/**
 * A data lake on S3, the Glue Data Catalog and Athena, hardened by default.
 *
 * Each zone (`raw`, `curated`, `artifacts`, plus extra zones) gets a bucket (SSE-KMS with the
 * lake key, SSL only, TLS 1.2+, public access blocked, versioned, ACLs disabled, access logs,
 * lifecycle rules from the zone's lifecycle, retained) and a Glue database. Tables are generated
 * from neutral schemas as Parquet tables, partitioned by event date with Athena partition
 * projection. An Athena workgroup (engine 3, enforced settings, CloudWatch metrics, per-query
 * scan cutoff) writes encrypted results to the artifacts zone.
 *
 * | removalPolicy              | buckets, key                         | needs                                   |
 * |----------------------------|--------------------------------------|-----------------------------------------|
 * | RETAIN (default)           | kept when removed or replaced        | -                                       |
 * | RETAIN_ON_UPDATE_OR_DELETE | kept, except when creation fails     | -                                       |
 * | DESTROY                    | deleted, buckets emptied first       | app context allowDataDestruction: true  |
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-manage-queries-control-costs.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 *
 * @example
 * const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'raw', schema: orders }] });
 * lake.grantQuery(analystRole);
 */
export class DataLake extends DataLakeBase {
  /**
   * Uses an existing lake: its grants and metrics work as on a lake created here.
   * @param scope parent construct
   * @param id construct id
   * @param attrs the lake's buckets, and optionally its key, databases and workgroup
   */
  public static fromDataLakeAttributes(scope: Construct, id: string, attrs: DataLakeAttributes): IDataLake {
    class Import extends DataLakeBase {
      public readonly encryptionKey?: kms.IKey = attrs.encryptionKey;
      public readonly athenaWorkGroupName?: string = attrs.athenaWorkGroupName;
      protected readonly buckets: Readonly<Record<string, s3.IBucket>>;
      protected readonly databaseNames?: Readonly<Record<string, string>>;

      constructor() {
        super(scope, id);
        this.buckets = resolveImportedBuckets(this, attrs.zoneBuckets);
        this.databaseNames = resolveImportedDatabaseNames(this, attrs.glueDatabaseNames, Object.keys(this.buckets));
        if (attrs.athenaWorkGroupName !== undefined) {
          resolveName(this, 'athenaWorkGroupName', attrs.athenaWorkGroupName, ATHENA_WORKGROUP_RULE);
        }
      }
    }
    return new Import();
  }

  /** The key of the zone buckets and the query results. */
  public readonly encryptionKey: kms.IKey;
  /** The bucket receiving the zone buckets' server access logs. */
  public readonly accessLogsBucket: s3.IBucket;
  /** Name of the lake's Athena workgroup. */
  public readonly athenaWorkGroupName: string;
  /** The name prefix in force (given or derived). */
  public readonly prefix: string;

  protected readonly buckets: Record<string, s3.IBucket> = {};
  protected readonly databaseNames: Record<string, string> = {};

  private readonly zoneScopes = new Map<string, Construct>();
  private readonly databases = new Map<string, glue.CfnDatabase>();

  constructor(scope: Construct, id: string, props: DataLakeProps = {}) {
    super(scope, id);
    DATA_LAKE_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    // Log delivery to the access-logs bucket is granted by bucket policy whatever the app's
    // feature flags say: the ACL alternative needs ACLs enabled, which the hardened bucket disables.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.prefix = this.resolvePrefix(props.prefix);
    const zones = this.resolveZones(props.zones);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'S3 buckets');
    const cutoffBytes = this.resolveBytesScannedCutoff(props.athenaBytesScannedCutoffPerQuery);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Data lake ${this.prefix}: zone buckets and Athena query results`, removalPolicy));
    if (props.encryptionKey) {
      flagWeakenedKey(this, props.encryptionKey, { warningId: DATA_LAKE_WARNINGS.keyRotationDisabled, property: 'encryptionKey', owner: 'lake' });
    }
    this.accessLogsBucket = props.accessLogsBucket ?? this.createAccessLogsBucket(removalPolicy);
    if (props.accessLogsBucket) {
      flagWeakenedAccessLogsBucket(this, props.accessLogsBucket, DATA_LAKE_WARNINGS.accessLogsBucketWeakened);
    }

    for (const zone of zones) {
      this.createZone(zone, removalPolicy);
    }

    this.athenaWorkGroupName = this.prefix;
    this.createWorkGroup(cutoffBytes);

    (props.tables ?? []).forEach((spec, i) => this.addTableAt(spec?.zone, spec?.schema, `tables[${i}]`));
  }

  /**
   * Creates a Glue table in a zone from a neutral schema: Parquet, columns mapped by the core
   * type table, partitioned by `event_date` with Athena partition projection when the schema has
   * an event time.
   * @param zone a zone of the lake
   * @param schema the table's schema (validated here)
   */
  public addTable(zone: string, schema: TableSchema): LakeTable {
    return this.addTableAt(zone, schema, 'addTable');
  }

  /**
   * The Glue database resource of a zone, for resources that name the database by string (so
   * CloudFormation cannot infer the order) and must be created after it, such as a feature
   * group whose offline store table SageMaker creates in the database.
   * @param zone a zone of the lake
   */
  public glueDatabase(zone: string): glue.CfnDatabase {
    const database = this.databases.get(zone);
    if (database === undefined) {
      throw new MlopsValidationError(this, 'glueDatabase(zone)', zone, `one of the lake's zones: ${this.zoneNames.join(', ')}`);
    }
    return database;
  }

  private addTableAt(zone: string, schema: TableSchema, path: string): LakeTable {
    const zoneScope = this.zoneScopes.get(zone);
    if (zoneScope === undefined) {
      throw new MlopsValidationError(this, `${path}.zone`, zone, `one of the lake's zones: ${this.zoneNames.join(', ')}`);
    }
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, `${path}.schema`, schema, 'a TableSchema (new TableSchema({...}) or TableSchema.fromJson(json))');
    }
    throwIfProblems(this, `${path}.schema`, schema.problems());
    throwIfProblems(this, `${path}.schema`, schemaTextProblems(schema, GLUE_SCHEMA_TEXT, Token.isUnresolved));
    const inZone = this.createdTables.filter((t) => t.zone === zone).map((t) => t.tableName);
    if (inZone.includes(schema.name)) {
      throw new MlopsValidationError(this, `${path}.schema.name`, schema.name, `a table name not yet used in zone "${zone}" (it has ${inZone.join(', ')})`);
    }
    const databaseName = this.databaseNames[zone];
    const location = `s3://${this.buckets[zone].bucketName}/${schema.name}/`;
    const resource = new glue.CfnTable(zoneScope, `Table-${schema.name}`, {
      catalogId: Stack.of(this).account,
      databaseName,
      tableInput: parquetTableInput(schema, location),
    });
    // The database name is a plain string, not a reference, so the order must be explicit.
    resource.addResourceDependency(this.databases.get(zone)!);
    const table: LakeTable = { zone, schema, table: resource, databaseName, tableName: schema.name, location };
    this.createdTables.push(table);
    return table;
  }

  private resolvePrefix(prefix: string | undefined): string {
    return prefix === undefined ? defaultPrefix(this) : resolveName(this, 'prefix', prefix, AWS_PREFIX_RULE);
  }

  private resolveZones(zones: LakeZone[] | undefined): ResolvedLakeZone[] {
    const resolved = resolveLakeZones(zones);
    throwIfProblems(this, '', resolved.problems);
    return resolved.zones;
  }

  private resolveBytesScannedCutoff(cutoff: Size | undefined): number {
    const size = cutoff ?? DEFAULT_BYTES_SCANNED_CUTOFF;
    const bytes = size.toBytes({ rounding: SizeRoundingBehavior.FLOOR });
    if (!Token.isUnresolved(bytes) && !(bytes >= MIN_BYTES_SCANNED_CUTOFF)) {
      throw new MlopsValidationError(this, 'athenaBytesScannedCutoffPerQuery', `${bytes} bytes`, `at least 10 MB (${MIN_BYTES_SCANNED_CUTOFF} bytes), the smallest cutoff Athena accepts`);
    }
    return bytes;
  }

  private createAccessLogsBucket(removalPolicy: RemovalPolicy): s3.IBucket {
    const bucket = new s3.Bucket(this, 'AccessLogs', accessLogsBucketProps(removalPolicy));
    Validations.of(bucket).acknowledge(...ACCESS_LOGS_ACKNOWLEDGMENTS);
    return bucket;
  }

  private createZone(zone: ResolvedLakeZone, removalPolicy: RemovalPolicy): void {
    const zoneScope = new Construct(this, `Zone-${zone.name}`);
    const bucket = new s3.Bucket(zoneScope, 'Bucket', zoneBucketProps({
      zone: zone.name,
      encryptionKey: this.encryptionKey,
      accessLogsBucket: this.accessLogsBucket,
      lifecycle: zone.lifecycle,
      removalPolicy,
    }));
    Validations.of(bucket).acknowledge({
      id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      reason: ZONE_REPLICATION_REASON,
    });
    this.buckets[zone.name] = bucket;
    // Valid by construction: AWS_PREFIX_RULE and ZONE_NAME_RULE only admit names whose snake case
    // follows GLUE_NAME_RULE (test/core/naming.test.ts).
    const databaseName = `${toSnakeCase(this.prefix)}_${toSnakeCase(zone.name)}`;
    const database = new glue.CfnDatabase(zoneScope, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: {
        name: databaseName,
        description: `Zone "${zone.name}" of data lake ${this.prefix}`,
        locationUri: `s3://${bucket.bucketName}/`,
      },
    });
    this.databaseNames[zone.name] = databaseName;
    this.databases.set(zone.name, database);
    this.zoneScopes.set(zone.name, zoneScope);
  }

  private createWorkGroup(cutoffBytes: number): void {
    const results = this.buckets[StandardZone.ARTIFACTS];
    new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.athenaWorkGroupName,
      description: `Queries of data lake ${this.prefix}`,
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: cutoffBytes,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
        resultConfiguration: {
          outputLocation: `s3://${results.bucketName}/${ATHENA_RESULTS_PREFIX}`,
          expectedBucketOwner: Stack.of(this).account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.encryptionKey.keyArn },
        },
      },
    });
  }
}

function resolveImportedBuckets(scope: IConstruct, zoneBuckets: { [zone: string]: s3.IBucket } | undefined): Record<string, s3.IBucket> {
  const buckets: Record<string, s3.IBucket> = {};
  const given = zoneBuckets ?? {};
  for (const standard of Object.values(StandardZone) as string[]) {
    if (given[standard] === undefined) {
      throw new MlopsValidationError(scope, `zoneBuckets.${standard}`, undefined, `a bucket for each standard zone (${Object.values(StandardZone).join(', ')}); every lake has them`);
    }
    buckets[standard] = given[standard];
  }
  for (const [zone, bucket] of Object.entries(given)) {
    const problem = namingProblem(ZONE_NAME_RULE, zone);
    if (problem) {
      throw new MlopsValidationError(scope, 'zoneBuckets', zone, `zone names of ${problem}`);
    }
    buckets[zone] = bucket;
  }
  return buckets;
}

function resolveImportedDatabaseNames(scope: IConstruct, names: { [zone: string]: string } | undefined, zones: string[]): Record<string, string> | undefined {
  if (names === undefined) {
    return undefined;
  }
  for (const zone of zones) {
    const name = names[zone];
    if (name === undefined) {
      throw new MlopsValidationError(scope, `glueDatabaseNames.${zone}`, undefined, `a database name for every zone in zoneBuckets (${zones.join(', ')})`);
    }
    resolveName(scope, `glueDatabaseNames.${zone}`, name, GLUE_NAME_RULE);
  }
  for (const zone of Object.keys(names)) {
    if (!zones.includes(zone)) {
      throw new MlopsValidationError(scope, `glueDatabaseNames.${zone}`, names[zone], `names only for zones in zoneBuckets (${zones.join(', ')})`);
    }
  }
  return { ...names };
}

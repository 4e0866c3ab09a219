import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import {
  FeatureGroupSpec,
  MlopsValidationError,
  AWS_PREFIX_RULE,
  sageMakerFeatureType,
  throwIfProblems,
} from '../../core';
import { DataLake, IDataLake } from '../data-lake';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps } from '../private/kms';
import { resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import {
  DEFAULT_OFFLINE_ZONE,
  OFFLINE_TABLE_FORMAT,
  offlineStoreKeyPrefix,
  offlineTableName,
} from './private/defaults';
import { changedSettings, FINGERPRINT_FORMAT, FINGERPRINT_PATTERN, REPLACEMENT_SETTINGS, replacementFingerprint } from './private/fingerprint';
import { GLUE_DATA_CATALOG, SAGEMAKER_FEATURE_NAME_RULE } from './private/limits';
import { FeatureStoreOfflineRole } from './private/offline-role';
import { sageMakerSpecProblems } from './private/validation';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { FEATURE_STORE_PROPS_GUARD } from './private/props-guard';

/** Stable ids of the warnings a FeatureStore adds when a user weakens a default. */
export const FEATURE_STORE_WARNINGS = {
  /** An online-store key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:FeatureStore.keyRotationDisabled',
} as const;

/** Grants land in one managed policy per store and identity; they name single feature group and key ARNs, so nothing on it is acknowledged. */
const FEATURE_STORE_GRANTS: GrantPolicyOptions = { idPrefix: 'FeatureStoreGrants', kind: 'feature store' };

/**
 * Actions of an online reader: the latest record of an entity, one at a time or in batches.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 */
const READ_ONLINE_ACTIONS = ['sagemaker:GetRecord', 'sagemaker:BatchGetRecord'];
/** Actions of an ingesting writer: put and delete records (both stores of the group receive them). */
const WRITE_ACTIONS = ['sagemaker:PutRecord', 'sagemaker:DeleteRecord'];
/**
 * Key actions every data-plane call (PutRecord, GetRecord, DeleteRecord) needs on the key of an
 * online store.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OnlineStoreSecurityConfig.html
 */
const ONLINE_KEY_ACTIONS = ['kms:Decrypt'];

/**
 * SageMaker feature groups generated from neutral feature group specs, with their offline stores in
 * a data lake. Either created by {@link FeatureStore} or imported with
 * {@link FeatureStore.fromFeatureStoreAttributes}.
 */
export interface IFeatureStore extends IConstruct {
  /** SageMaker names of the store's feature groups (what GetRecord and PutRecord take). */
  readonly featureGroupNames: string[];

  /**
   * The lake holding the offline stores. `undefined` for an imported store whose lake was not given.
   */
  readonly lake?: IDataLake;

  /**
   * The key of the online stores. `undefined` while a created store has no online group, and for
   * an imported store whose key was not given.
   */
  readonly onlineStoreEncryptionKey?: kms.IKey;

  /**
   * The ARN of one feature group of the store.
   * @param featureGroupName the SageMaker name of a feature group of the store
   */
  featureGroupArn(featureGroupName: string): string;

  /**
   * Lets `grantee` read the online store of one feature group, or of every online feature group of
   * the store at the time of the call (`GetRecord`, `BatchGetRecord`, and decrypt with the online
   * key). Statements land in one customer managed policy of the store per identity of the app.
   * @param grantee the principal to grant to
   * @param featureGroupName the SageMaker name of one feature group; default - every online group
   */
  grantReadOnline(grantee: iam.IGrantable, featureGroupName?: string): iam.Grant;

  /**
   * Lets `grantee` ingest into one feature group, or into every feature group of the store at the
   * time of the call (`PutRecord`, `DeleteRecord`, and decrypt with the online key). Records reach
   * the offline store through the service's own role; the writer needs no access to the lake.
   * @param grantee the principal to grant to
   * @param featureGroupName the SageMaker name of one feature group; default - every group
   */
  grantWrite(grantee: iam.IGrantable, featureGroupName?: string): iam.Grant;

  /**
   * Lets `grantee` query the offline stores with Athena through the lake: `lake.grantQuery`, which
   * covers the lake's workgroup, the catalog reads of its databases (the offline store tables are
   * in them), reads of every zone and the lake key.
   * @param grantee the principal to grant to
   */
  grantReadOffline(grantee: iam.IGrantable): iam.Grant;
}

/** What {@link FeatureStore.fromFeatureStoreAttributes} needs to grant access to existing feature groups. */
export interface FeatureStoreAttributes {
  /** SageMaker names of the feature groups. At least one. */
  readonly featureGroupNames: string[];

  /**
   * The key of the groups' online stores; online grants cover it.
   * @default - grants cover no key
   */
  readonly onlineStoreEncryptionKey?: kms.IKey;

  /**
   * The lake holding the offline stores.
   * @default - grantReadOffline() throws
   */
  readonly lake?: IDataLake;
}

/**
 * Grants of a feature store, written only against what an import also has, so a created store and
 * an imported one behave the same.
 */
abstract class FeatureStoreBase extends Construct implements IFeatureStore {
  public abstract readonly lake?: IDataLake;
  public abstract readonly onlineStoreEncryptionKey?: kms.IKey;
  /** SageMaker names of the groups, in the order they were added. */
  protected abstract readonly groupNames: readonly string[];
  /** Whether a group of the store has an online store (true when unknown, as for imported groups). */
  protected abstract isOnlineGroup(featureGroupName: string): boolean;

  public get featureGroupNames(): string[] {
    return [...this.groupNames];
  }

  public featureGroupArn(featureGroupName: string): string {
    return this.arnOf(this.requireGroup(featureGroupName, 'featureGroupArn(featureGroupName)'));
  }

  public grantReadOnline(grantee: iam.IGrantable, featureGroupName?: string): iam.Grant {
    const method = 'grantReadOnline(featureGroupName)';
    let names: readonly string[];
    if (featureGroupName === undefined) {
      names = this.groupNames.filter((name) => this.isOnlineGroup(name));
      if (names.length === 0) {
        throw new MlopsValidationError(this, method, undefined, 'a feature store with at least one online feature group: add one before granting online reads');
      }
    } else {
      const name = this.requireGroup(featureGroupName, method);
      if (!this.isOnlineGroup(name)) {
        throw new MlopsValidationError(this, method, name, `a feature group with an online store (${this.groupNames.filter((n) => this.isOnlineGroup(n)).join(', ') || 'none in this store'}); "${name}" is offline only`);
      }
      names = [name];
    }
    return this.grantOnGroups(grantee, READ_ONLINE_ACTIONS, names);
  }

  public grantWrite(grantee: iam.IGrantable, featureGroupName?: string): iam.Grant {
    const method = 'grantWrite(featureGroupName)';
    if (featureGroupName === undefined && this.groupNames.length === 0) {
      throw new MlopsValidationError(this, method, undefined, 'a feature store with at least one feature group: add one before granting writes');
    }
    const names = featureGroupName === undefined ? this.groupNames : [this.requireGroup(featureGroupName, method)];
    return this.grantOnGroups(grantee, WRITE_ACTIONS, names);
  }

  public grantReadOffline(grantee: iam.IGrantable): iam.Grant {
    if (this.lake === undefined) {
      throw new MlopsValidationError(this, 'lake', undefined, 'the lake holding the offline stores, given to fromFeatureStoreAttributes; grantReadOffline() needs it');
    }
    return this.lake.grantQuery(grantee);
  }

  private grantOnGroups(grantee: iam.IGrantable, actions: string[], names: readonly string[]): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, FEATURE_STORE_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions, resourceArns: names.map((name) => this.arnOf(name)) });
    const key = this.onlineStoreEncryptionKey;
    return key !== undefined && names.some((name) => this.isOnlineGroup(name)) ? grant.combine(key.grant(to, ...ONLINE_KEY_ACTIONS)) : grant;
  }

  protected arnOf(featureGroupName: string): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: featureGroupName });
  }

  private requireGroup(featureGroupName: string, property: string): string {
    if (!this.groupNames.includes(featureGroupName)) {
      throw new MlopsValidationError(this, property, featureGroupName, `the SageMaker name of a feature group of this store (${this.groupNames.join(', ') || 'it has none yet'})`);
    }
    return featureGroupName;
  }
}

/**
 * The storage tier of an online store.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-storage-configurations-online-store.html
 */
export enum FeatureStoreOnlineStorageType {
  /** Managed low-latency store; the default tier. */
  STANDARD = 'Standard',
  /**
   * In-memory tier (ElastiCache for Redis OSS): lower latency for high-throughput reads. A group
   * on this tier cannot have an offline store (no online-to-offline replication).
   */
  IN_MEMORY = 'InMemory',
}

/** How a feature group of a {@link FeatureStore} is stored, besides what its spec says. */
export interface FeatureStoreGroupOptions {
  /**
   * The fingerprint of the group's settings whose change makes CloudFormation replace the feature
   * group (and so lose its online records), as printed by a synth: commit it next to the group.
   * Synth fails when it differs from the settings in the app, naming the settings that changed and
   * the new fingerprint. Adding features, changing the TTL or removal policy does not change it.
   * See {@link FeatureStore} for the settings it covers.
   * @default - none: synth fails and prints the fingerprint to commit
   */
  readonly replacementFingerprint?: string;

  /**
   * Storage tier of the online store. Only for groups with an online store; `IN_MEMORY` only for
   * groups without an offline store.
   * @default FeatureStoreOnlineStorageType.STANDARD
   */
  readonly onlineStorageType?: FeatureStoreOnlineStorageType;
}

/** A feature group of a {@link FeatureStore}: its neutral spec and how it is stored. */
export interface FeatureStoreGroupProps extends FeatureStoreGroupOptions {
  /** The neutral spec the group is generated from. */
  readonly spec: FeatureGroupSpec;
}

/** A feature group created by a {@link FeatureStore}. */
export interface FeatureStoreGroup {
  /** The neutral spec it was generated from. */
  readonly spec: FeatureGroupSpec;
  /** Its SageMaker name: the spec's name, after the store's prefix if any. */
  readonly featureGroupName: string;
  /** Its ARN. */
  readonly featureGroupArn: string;
  /** Where its offline store is written, or `undefined` without one. */
  readonly offlineStoreS3Uri?: string;
  /** The Glue table of its offline store (in the offline zone's database), or `undefined` without one. */
  readonly offlineTableName?: string;
  /** The feature group resource. */
  readonly featureGroup: sagemaker.CfnFeatureGroup;
}

/** Properties of a {@link FeatureStore}. */
export interface FeatureStoreProps {
  /** The lake the offline stores are written to (as Iceberg tables in its Glue catalog). */
  readonly lake: IDataLake;

  /**
   * Feature groups to create. More can be added with {@link FeatureStore.addFeatureGroup}.
   * @default - no groups
   */
  readonly featureGroups?: FeatureStoreGroupProps[];

  /**
   * Prefix of the SageMaker feature group names: `<prefix>-<spec name>`. Feature group names are
   * unique per account and region, so give each stage sharing an account its own prefix.
   * 1 to 30 lowercase letters, digits and hyphens, starting with a letter.
   * @default - no prefix: groups are named after their specs
   */
  readonly prefix?: string;

  /**
   * The lake zone the offline stores go to, under `feature-store/<feature group name>/`, with
   * their tables in the zone's Glue database.
   * @default 'curated'
   */
  readonly offlineZone?: string;

  /**
   * Key of the online stores.
   * @default - a new key with yearly rotation, created with the first online group, removed like the groups
   */
  readonly onlineStoreEncryptionKey?: kms.IKey;

  /**
   * What happens to the feature groups (and the online-store key the store creates) when they leave
   * the stack. `DESTROY` needs the app context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * SageMaker Feature Store feature groups generated from neutral {@link FeatureGroupSpec}s, their
 * offline stores in a {@link DataLake}.
 *
 * Each group gets an `AWS::SageMaker::FeatureGroup` (construct `Group-<spec name>/Resource`):
 * the record identifier is the schema's entity key (exactly one on AWS), the event time its event
 * time, feature types mapped by the core type table; an online store encrypted with the store's KMS
 * key, on the Standard tier, expiring records after the spec's TTL; an offline store in the lake
 * zone (`feature-store/<name>/`, SSE-KMS with the lake key) as an Apache Iceberg table
 * `fs_<name>` in the zone's Glue database, written by one role of the store that SageMaker assumes
 * and that may only write those prefixes and tables. Groups are retained by default and created
 * one after another (SageMaker creates at most 4 at a time per account).
 *
 * **Replacement guard.** CloudFormation replaces a feature group when any of these change:
 * FeatureGroupName (spec name, prefix), RecordIdentifierFeatureName, EventTimeFeatureName, the
 * online store's EnableOnlineStore, StorageType and key, OfflineStoreConfig (zone, bucket, key,
 * table), RoleArn, Description (spec or schema description) and Tags (including tags added to a
 * parent with `Tags.of(...)`). A replaced group starts empty: its online records are lost to
 * readers. So each group carries a committed `replacementFingerprint` of those settings, and synth
 * fails when they differ from it, naming what changed and the new fingerprint to commit if the
 * replacement is intended. Without a committed fingerprint, synth fails too and prints the value to
 * commit: a warning would leave the group unguarded until someone reads it, and a group is
 * cheapest to guard before it first holds data. The fingerprint is in the code, next to the group,
 * so a reviewer sees a replacement in the same diff as its cause. Adding features, changing the TTL
 * and the throughput update in place and leave it unchanged. Features cannot be removed or retyped
 * in place (UpdateFeatureGroup only adds); such a change fails at deploy, without data loss.
 * Raw overrides (`addPropertyOverride`) bypass the guard.
 *
 * | removalPolicy              | feature groups, online key        | needs                                   |
 * |----------------------------|-----------------------------------|-----------------------------------------|
 * | RETAIN (default)           | kept when removed or replaced     | -                                       |
 * | RETAIN_ON_UPDATE_OR_DELETE | kept, except when creation fails  | -                                       |
 * | DESTROY                    | deleted with their online records | app context allowDataDestruction: true  |
 *
 * What only a deploy shows: that the role's permissions suffice for Iceberg writes and table
 * updates, and that the deploying role (the CloudFormation execution role) holds the key
 * permissions CreateFeatureGroup requires on the online key (it does when IAM policies of the
 * account may use the key, as with the default key policy, and the role is an administrator).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-featuregroup.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateFeatureGroup.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html
 *
 * @example
 * const features = new FeatureStore(stack, 'Features', { lake });
 * features.addFeatureGroup({ spec: customerDaily, replacementFingerprint: 'v1.…' });
 * features.grantReadOnline(servingRole);
 */
export class FeatureStore extends FeatureStoreBase {
  /**
   * Uses existing feature groups: grants work as on a store created here.
   * @param scope parent construct
   * @param id construct id
   * @param attrs the feature group names, and optionally their online key and lake
   */
  public static fromFeatureStoreAttributes(scope: Construct, id: string, attrs: FeatureStoreAttributes): IFeatureStore {
    class Import extends FeatureStoreBase {
      public readonly lake?: IDataLake = attrs.lake;
      public readonly onlineStoreEncryptionKey?: kms.IKey = attrs.onlineStoreEncryptionKey;
      protected readonly groupNames: readonly string[];

      constructor() {
        super(scope, id);
        const names = attrs.featureGroupNames ?? [];
        if (names.length === 0) {
          throw new MlopsValidationError(this, 'featureGroupNames', names, 'the SageMaker names of one or more feature groups');
        }
        names.forEach((name, i) => resolveName(this, `featureGroupNames[${i}]`, name, SAGEMAKER_FEATURE_NAME_RULE, (rule) => `a SageMaker feature group name: ${rule}`));
        this.groupNames = [...names];
      }

      protected isOnlineGroup(): boolean {
        // Unknown for groups created elsewhere: online grants cover them and the key, if given.
        return true;
      }
    }
    return new Import();
  }

  /** The lake holding the offline stores. */
  public readonly lake: IDataLake;
  /** The lake zone of the offline stores. */
  public readonly offlineZone: string;
  /** The prefix of the feature group names, if any. */
  public readonly prefix?: string;

  protected readonly groupNames: string[] = [];

  private readonly removalPolicy: RemovalPolicy;
  private readonly givenOnlineKey?: kms.IKey;
  private createdOnlineKey?: kms.IKey;
  private offlineRole?: FeatureStoreOfflineRole;
  private lastGroup?: sagemaker.CfnFeatureGroup;
  private readonly groupsByName = new Map<string, FeatureStoreGroup>();
  private readonly onlineGroups = new Set<string>();

  constructor(scope: Construct, id: string, props: FeatureStoreProps) {
    super(scope, id);
    FEATURE_STORE_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    this.lake = props.lake;
    this.prefix = this.resolvePrefix(props.prefix);
    this.offlineZone = this.resolveOfflineZone(props.offlineZone);
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'feature groups');
    this.givenOnlineKey = props.onlineStoreEncryptionKey;
    if (props.onlineStoreEncryptionKey !== undefined) {
      flagWeakenedKey(this, props.onlineStoreEncryptionKey, { warningId: FEATURE_STORE_WARNINGS.keyRotationDisabled, property: 'onlineStoreEncryptionKey', owner: 'feature store' });
    }
    (props.featureGroups ?? []).forEach((group, i) => this.addFeatureGroupAt(group, `featureGroups[${i}]`));
  }

  /**
   * The role SageMaker assumes to write the offline stores, once the store has an offline group.
   * Its ARN is part of every offline group's replacement fingerprint.
   */
  public get offlineStoreRole(): iam.IRole | undefined {
    return this.offlineRole?.role;
  }

  /** The key of the online stores: the one given, or the store's own once it has an online group. */
  public get onlineStoreEncryptionKey(): kms.IKey | undefined {
    return this.givenOnlineKey ?? this.createdOnlineKey;
  }

  /** The feature groups, in the order they were added. */
  public get featureGroups(): FeatureStoreGroup[] {
    return [...this.groupsByName.values()];
  }

  /**
   * Creates a feature group from a neutral spec (validated here, with SageMaker's own rules).
   * @param props the group's spec, replacement fingerprint and online storage tier
   */
  public addFeatureGroup(props: FeatureStoreGroupProps): FeatureStoreGroup {
    return this.addFeatureGroupAt(props, 'addFeatureGroup');
  }

  private addFeatureGroupAt(props: FeatureStoreGroupProps, path: string): FeatureStoreGroup {
    const spec = props?.spec;
    const options: FeatureStoreGroupOptions = props ?? {};
    if (!(spec instanceof FeatureGroupSpec)) {
      throw new MlopsValidationError(this, `${path}.spec`, spec, 'a FeatureGroupSpec (new FeatureGroupSpec({...}))');
    }
    throwIfProblems(this, `${path}.spec`, spec.problems());
    const featureGroupName = this.prefix === undefined ? spec.name : `${this.prefix}-${spec.name}`;
    throwIfProblems(this, `${path}.spec`, sageMakerSpecProblems(spec, featureGroupName, this.prefix));
    const storageType = this.resolveStorageType(spec, options.onlineStorageType, path);
    const fingerprint = options.replacementFingerprint;
    if (fingerprint !== undefined && !FINGERPRINT_PATTERN.test(fingerprint)) {
      throw new MlopsValidationError(this, `${path}.replacementFingerprint`, fingerprint, FINGERPRINT_FORMAT);
    }
    if (this.groupsByName.has(featureGroupName)) {
      throw new MlopsValidationError(this, `${path}.spec.name`, spec.name, `a feature group name not yet used in this store (it has ${[...this.groupsByName.keys()].join(', ')})`);
    }

    const scope = new Construct(this, `Group-${spec.name}`);
    const offline = spec.offline ? this.offlineStore(featureGroupName) : undefined;
    const resource = new sagemaker.CfnFeatureGroup(scope, 'Resource', {
      featureGroupName,
      description: spec.description,
      recordIdentifierFeatureName: spec.recordIdentifiers[0],
      eventTimeFeatureName: spec.eventTime,
      featureDefinitions: [
        ...[...spec.recordIdentifiers, spec.eventTime].map((name) => ({ featureName: name, featureType: sageMakerFeatureType(spec.schema.field(name)!.type) })),
        ...spec.features.map((feature) => ({ featureName: feature.name, featureType: sageMakerFeatureType(feature.type) })),
      ],
      // Both store configurations are untyped JSON on this L1 and go to the template as they are, so in template case.
      onlineStoreConfig: spec.online ? {
        EnableOnlineStore: true,
        StorageType: storageType,
        SecurityConfig: { KmsKeyId: this.onlineKey().keyArn },
        TtlDuration: spec.onlineTtl === undefined ? undefined : { Unit: spec.onlineTtl.unit, Value: spec.onlineTtl.value },
      } : undefined,
      offlineStoreConfig: offline?.config,
      roleArn: offline?.roleArn,
    });
    resource.applyRemovalPolicy(this.removalPolicy);
    if (offline !== undefined && this.lake instanceof DataLake) {
      // SageMaker creates the offline table in the zone's database, named by string: create the database first.
      resource.node.addDependency(this.lake.glueDatabase(this.offlineZone));
    }
    if (this.lastGroup !== undefined) {
      // One creation at a time: SageMaker runs at most 4 concurrent feature group creations per account.
      resource.node.addDependency(this.lastGroup);
    }
    this.lastGroup = resource;
    scope.node.addValidation({ validate: () => this.fingerprintErrors(resource, featureGroupName, fingerprint, path) });

    const group: FeatureStoreGroup = {
      spec,
      featureGroupName,
      featureGroupArn: this.arnOf(featureGroupName),
      offlineStoreS3Uri: offline?.s3Uri,
      offlineTableName: offline?.tableName,
      featureGroup: resource,
    };
    this.groupsByName.set(featureGroupName, group);
    this.groupNames.push(featureGroupName);
    if (spec.online) {
      this.onlineGroups.add(featureGroupName);
    }
    return group;
  }

  private offlineStore(featureGroupName: string) {
    const bucket = this.lake.zoneBucket(this.offlineZone);
    const databaseName = this.lake.glueDatabaseName(this.offlineZone);
    if (this.offlineRole === undefined) {
      this.offlineRole = new FeatureStoreOfflineRole(this, 'OfflineStore', { bucket, encryptionKey: this.lake.encryptionKey, databaseName });
    }
    const keyPrefix = offlineStoreKeyPrefix(featureGroupName);
    const tableName = offlineTableName(featureGroupName);
    this.offlineRole.allowFeatureGroup(keyPrefix, tableName);
    const s3Uri = `s3://${bucket.bucketName}/${keyPrefix}`;
    const config = {
      S3StorageConfig: { S3Uri: s3Uri, KmsKeyId: this.lake.encryptionKey?.keyArn },
      TableFormat: OFFLINE_TABLE_FORMAT,
      DisableGlueTableCreation: false,
      DataCatalogConfig: { Catalog: GLUE_DATA_CATALOG, Database: databaseName, TableName: tableName },
    };
    return { config, roleArn: this.offlineRole.role.roleArn, s3Uri, tableName };
  }

  protected isOnlineGroup(featureGroupName: string): boolean {
    return this.onlineGroups.has(featureGroupName);
  }

  private onlineKey(): kms.IKey {
    if (this.givenOnlineKey !== undefined) {
      return this.givenOnlineKey;
    }
    if (this.createdOnlineKey === undefined) {
      this.createdOnlineKey = new kms.Key(this, 'OnlineStoreKey', keyProps(`Feature store ${this.node.path}: online stores`, this.removalPolicy));
    }
    return this.createdOnlineKey;
  }

  /** The synth errors of a group whose committed fingerprint is missing or differs from its current settings. */
  private fingerprintErrors(resource: sagemaker.CfnFeatureGroup, featureGroupName: string, committed: string | undefined, path: string): string[] {
    const current = replacementFingerprint(resource);
    if (committed === current) {
      return [];
    }
    const where = path === 'addFeatureGroup' ? `addFeatureGroup({ spec, replacementFingerprint: '${current}' })` : `${path}.replacementFingerprint: '${current}'`;
    if (committed === undefined) {
      return [`feature group "${featureGroupName}" has no replacementFingerprint. A change to the settings it covers `
        + `(${REPLACEMENT_SETTINGS.map((s) => s.property).join(', ')}) makes CloudFormation replace the group and lose its online records; `
        + `commit the current fingerprint, ${where}, so that such a change fails synth instead.`];
    }
    return [`feature group "${featureGroupName}": replacementFingerprint '${committed}' does not match the settings in this app ('${current}'); `
      + `changed: ${changedSettings(committed, current).join(', ')}. Deploying this replaces the SageMaker feature group: the new group `
      + 'starts empty and the online records of the old one are lost to its readers (deleted, or orphaned when retained). '
      + `If that is intended, commit ${where}; otherwise undo the change.`];
  }

  private resolveStorageType(spec: FeatureGroupSpec, storageType: FeatureStoreOnlineStorageType | undefined, path: string): string | undefined {
    if (storageType === undefined) {
      return spec.online ? FeatureStoreOnlineStorageType.STANDARD : undefined;
    }
    const property = `${path}.onlineStorageType`;
    if (!Object.values(FeatureStoreOnlineStorageType).includes(storageType)) {
      throw new MlopsValidationError(this, property, storageType, `one of ${Object.values(FeatureStoreOnlineStorageType).join(', ')}`);
    }
    if (!spec.online) {
      throw new MlopsValidationError(this, property, storageType, 'no storage type for a group without an online store (spec online: false)');
    }
    if (storageType === FeatureStoreOnlineStorageType.IN_MEMORY && spec.offline) {
      throw new MlopsValidationError(this, property, storageType,
        'STANDARD when the group has an offline store: SageMaker does not replicate an InMemory online store to an offline store (set offline: false in the spec for InMemory)');
    }
    return storageType;
  }

  private resolvePrefix(prefix: string | undefined): string | undefined {
    if (prefix === undefined) {
      return undefined;
    }
    if (Token.isUnresolved(prefix)) {
      // The prefix is part of names that are checked, snake-cased and fingerprinted at synth.
      throw new MlopsValidationError(this, 'prefix', prefix, 'a literal string, not a token: feature group, key prefix and table names are derived from it at synth');
    }
    return resolveName(this, 'prefix', prefix, AWS_PREFIX_RULE);
  }

  private resolveOfflineZone(zone: string | undefined): string {
    const resolved = zone ?? DEFAULT_OFFLINE_ZONE;
    if (!this.lake.zoneNames.includes(resolved)) {
      throw new MlopsValidationError(this, 'offlineZone', resolved, `one of the lake's zones: ${this.lake.zoneNames.join(', ')}`);
    }
    return resolved;
  }
}

import { BigqueryTableIamMember } from '@cdktf/provider-google/lib/bigquery-table-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { PubsubSchema } from '@cdktf/provider-google/lib/pubsub-schema';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct, IConstruct } from 'constructs';
import { avroSchema, bigQueryColumns, MlopsValidationError, NamingRule, namingProblem, TableSchema, throwIfProblems } from '../core';
import { ITerraformDependable, TerraformResource, Token } from './cdktf';
import { cryptoKeyIdProblem, ICryptoKey } from './crypto-key';
import { DataLake } from './data-lake';
import { flattenIamProps, GcpIamProps, iamMemberProblem } from './iam';
import { LakeTable } from './lake-table';
import { GcpChecks } from './policy/engine/gcp-checks';
import { PUBSUB_METADATA_COLUMNS, streamingIngestSchemaProblems } from './private/streaming-ingest-bigquery';
import {
  ALERT_GRANULARITY_SECONDS, NOTIFICATION_CHANNEL_RULE, PUBSUB_DELIVERY_ATTEMPTS, PUBSUB_ID_RULE, PUBSUB_RETENTION_SECONDS,
} from './private/streaming-ingest-limits';
import { GCP_PROJECT_ID_RULE } from './project';
import { RemovalPolicy, resolveRemovalPolicy } from './removal-policy';

// ---------------------------------------------------------------------------------------------
// Roles behind the grants, and the metrics behind the alert policies.
// ---------------------------------------------------------------------------------------------

/** `grantPublish`, and what the Pub/Sub service agent needs on the dead-letter topic to forward messages. */
const PUBLISH_ROLE = 'roles/pubsub.publisher';
/** `grantReadDeadLetters`, and what the service agent needs on the BigQuery subscription to remove forwarded messages. */
const SUBSCRIBE_ROLE = 'roles/pubsub.subscriber';
/** Read a topic's configuration. Accepted in the `iam` prop, granted on the topic. */
const VIEW_ROLE = 'roles/pubsub.viewer';
/** What the Pub/Sub service agent needs on the table to write rows (Pub/Sub's "Grant IAM roles to the service account"). */
const TABLE_WRITER_ROLE = 'roles/bigquery.dataEditor';
/** What the Pub/Sub service agent needs on the CMEK of the topics. */
const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/**
 * Age of the oldest message not yet written to BigQuery (`GAUGE`, seconds).
 * @see https://cloud.google.com/monitoring/api/metrics_gcp_p_z (pubsub)
 */
const OLDEST_UNACKED_MESSAGE_AGE_METRIC = 'pubsub.googleapis.com/subscription/oldest_unacked_message_age';
/**
 * Messages Pub/Sub forwarded from the subscription to its dead-letter topic (`DELTA`).
 * @see https://cloud.google.com/pubsub/docs/monitoring (Monitor forwarded undeliverable messages)
 */
const DEAD_LETTER_MESSAGE_COUNT_METRIC = 'pubsub.googleapis.com/subscription/dead_letter_message_count';

/** Labels on the topics and subscriptions. */
const INGEST_LABELS: Record<string, string> = { 'managed-by': 'mlops-constructs' };

/** `expiration_policy { ttl = "" }`: never expire. Without it Pub/Sub deletes a subscription after 31 days without activity — a quiet dead-letter subscription would vanish. */
const NEVER_EXPIRE = { ttl: '' };

/** Suffixes of the derived Pub/Sub ids. Subscriptions and topics are separate namespaces, so the dead-letter topic and its subscription share a name. */
const SUBSCRIPTION_SUFFIX = '-bigquery';
const DEAD_LETTER_SUFFIX = '-dead-letter';

/**
 * A length of time for the Pub/Sub settings of a {@link StreamingIngest} (message retention, alert
 * thresholds), an enum-like class so that units cannot be mixed up.
 */
export class StreamingIngestDuration {
  /** A number of minutes. */
  public static minutes(amount: number): StreamingIngestDuration {
    return new StreamingIngestDuration(amount * 60, `${amount} minute${amount === 1 ? '' : 's'}`);
  }

  /** A number of hours. */
  public static hours(amount: number): StreamingIngestDuration {
    return new StreamingIngestDuration(amount * 3600, `${amount} hour${amount === 1 ? '' : 's'}`);
  }

  /** A number of days. */
  public static days(amount: number): StreamingIngestDuration {
    return new StreamingIngestDuration(amount * 86400, `${amount} day${amount === 1 ? '' : 's'}`);
  }

  private constructor(private readonly totalSeconds: number, private readonly label: string) {}

  /** The duration in seconds. */
  public toSeconds(): number {
    return this.totalSeconds;
  }

  /** `"7 days"`, as given. */
  public toString(): string {
    return this.label;
  }
}

/**
 * How producers encode messages for the topic's Avro schema.
 * @see https://cloud.google.com/pubsub/docs/schemas
 * @see https://avro.apache.org/docs/1.11.1/specification/#json-encoding
 */
export enum StreamingIngestEncoding {
  /** Avro's JSON encoding: a JSON object per message. Bytes and decimals are JSON strings of `\u00XX` code points. */
  JSON = 'JSON',
  /** Avro's binary encoding of one record per message. */
  BINARY = 'BINARY',
}

/** The behavioural contract of a streaming ingest: its topic and the grants on it. */
export interface IStreamingIngest extends IConstruct {
  /** Name (id) of the topic producers publish to. */
  readonly topicName: string;
  /** Name (id) of the subscription that holds the dead-lettered messages. */
  readonly deadLetterSubscriptionName: string;

  /**
   * Lets `member` publish to the topic: `roles/pubsub.publisher` on the topic only.
   * @returns the IAM member resources, to depend on
   */
  grantPublish(member: string): ITerraformDependable[];

  /**
   * Lets `member` pull (and acknowledge) the dead-lettered messages, to inspect and replay them:
   * `roles/pubsub.subscriber` on the dead-letter subscription only.
   * @returns the IAM member resources, to depend on
   */
  grantReadDeadLetters(member: string): ITerraformDependable[];
}

/** What {@link StreamingIngest.fromStreamingIngestAttributes} needs to grant on an ingest defined elsewhere. */
export interface StreamingIngestAttributes {
  /** Name (id) of the topic. */
  readonly topicName: string;
  /** Name (id) of the dead-letter subscription. */
  readonly deadLetterSubscriptionName: string;
  /**
   * Project of the topic and subscription.
   * @default - the provider's project
   */
  readonly project?: string;
}

/** Grants written against attributes only, shared by a StreamingIngest and an imported one. */
abstract class StreamingIngestBase extends Construct implements IStreamingIngest {
  public abstract readonly topicName: string;
  public abstract readonly deadLetterSubscriptionName: string;
  /** Project of the topic and subscriptions; `undefined` means the provider's project. */
  protected abstract readonly resourceProject?: string;

  private readonly grantResources = new Map<string, TerraformResource>();

  /** {@inheritDoc IStreamingIngest.grantPublish} */
  public grantPublish(member: string): ITerraformDependable[] {
    this.validateMember(member);
    return [this.topicGrant(PUBLISH_ROLE, member)];
  }

  /** {@inheritDoc IStreamingIngest.grantReadDeadLetters} */
  public grantReadDeadLetters(member: string): ITerraformDependable[] {
    this.validateMember(member);
    return [this.deadLetterGrant(SUBSCRIBE_ROLE, member)];
  }

  protected topicGrant(role: string, member: string): TerraformResource {
    return this.grant('Iam', role, member, (scope, id) =>
      new PubsubTopicIamMember(scope, id, { project: this.resourceProject, topic: this.topicName, role, member }));
  }

  protected deadLetterGrant(role: string, member: string): TerraformResource {
    return this.grant('DeadLetterIam', role, member, (scope, id) =>
      new PubsubSubscriptionIamMember(scope, id, { project: this.resourceProject, subscription: this.deadLetterSubscriptionName, role, member }));
  }

  private validateMember(member: unknown): void {
    const problem = iamMemberProblem(member);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'member', member, problem);
    }
  }

  /**
   * One IAM member resource per (scope, role, member), created once, at `<scope>/<role>=<member>`
   * (`<role>=member-<n>` for a member holding a token, whose string is not stable across synths),
   * like the lake's grants.
   */
  private grant(scopeId: string, role: string, member: string, create: (scope: Construct, id: string) => TerraformResource): TerraformResource {
    const key = `${scopeId}|${role}|${member}`;
    const existing = this.grantResources.get(key);
    if (existing) {
      return existing;
    }
    const scope = (this.node.tryFindChild(scopeId) as Construct | undefined) ?? new Construct(this, scopeId);
    const id = Token.isUnresolved(member)
      ? `${role}=member-${scope.node.children.filter((c) => c.node.id.startsWith(`${role.replace(/\//g, '--')}=member-`)).length + 1}`
      : `${role}=${member}`;
    const resource = create(scope, id);
    this.grantResources.set(key, resource);
    return resource;
  }
}

/**
 * Props of {@link StreamingIngest}.
 *
 * `iam` (from {@link GcpIamProps}): `roles/pubsub.publisher` and `roles/pubsub.viewer` are granted
 * on the topic, `roles/pubsub.subscriber` on the dead-letter subscription (nobody pulls the
 * BigQuery subscription); other roles are refused.
 */
export interface StreamingIngestProps extends GcpIamProps {
  /**
   * The lake whose table receives the messages. The ingest writes into the zone's table generated
   * from `schema`: it creates it through the lake, or adds the metadata columns to the table the
   * lake already generated from the same schema. A `DataLake` rather than an `IDataLake`, because
   * the ingest creates or extends the table through it and uses its project and key.
   */
  readonly lake: DataLake;

  /**
   * The record schema: the topic's Avro schema and the lake table are both generated from it, so
   * they cannot disagree. Field names `subscription_name`, `message_id`, `publish_time`, `data`
   * and `attributes` are taken by the message metadata and refused.
   */
  readonly schema: TableSchema;

  /**
   * The lake zone whose dataset holds the table.
   * @default 'raw'
   */
  readonly zone?: string;

  /**
   * Base name of the Pub/Sub resources: the topic and the schema are `<name>`, the BigQuery
   * subscription `<name>-bigquery`, the dead-letter topic and subscription `<name>-dead-letter`.
   * Each must be a Pub/Sub id (3 to 255 characters of letters, digits, `-_.~+%`, starting with a
   * letter, not with `goog`).
   * @default - `<lake prefix>-<schema name>`
   */
  readonly name?: string;

  /**
   * Customer-managed key of both topics. The ingest grants the project's Pub/Sub service agent
   * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it and makes the topics wait for that grant.
   * @default - the lake's key when it has one, else Google-managed encryption keys
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * How long the topic keeps every published message (so that a subscription can seek back and
   * replay into the table) and how long the BigQuery subscription keeps messages it could not
   * write yet. 10 minutes to 31 days.
   * @default StreamingIngestDuration.days(7)
   */
  readonly messageRetention?: StreamingIngestDuration;

  /**
   * How long the dead-letter topic and its subscription keep dead-lettered messages. 10 minutes to
   * 31 days.
   * @default StreamingIngestDuration.days(31)
   */
  readonly deadLetterRetention?: StreamingIngestDuration;

  /**
   * Delivery attempts before a message that BigQuery refuses moves to the dead-letter topic. 5 to 100.
   * @default 5
   */
  readonly maxDeliveryAttempts?: number;

  /**
   * Message encoding producers use for the Avro schema.
   * @default StreamingIngestEncoding.JSON
   */
  readonly encoding?: StreamingIngestEncoding;

  /**
   * Cloud Monitoring notification channels (`projects/<project>/notificationChannels/<id>`) of
   * both alert policies.
   * @default - no notification: incidents open in Cloud Monitoring only
   */
  readonly notificationChannels?: string[];

  /**
   * The alert on the BigQuery subscription fires when its oldest unwritten message is older than
   * this for 5 minutes. Whole minutes, shorter than `messageRetention` (messages older than the
   * retention are dropped, so a later alert would come after the data loss).
   * @default StreamingIngestDuration.minutes(30)
   */
  readonly oldestUnackedMessageAgeThreshold?: StreamingIngestDuration;

  /**
   * What happens to the topics, subscriptions and the schema on destroy (they hold messages not
   * yet written). `DESTROY` also needs the app context `"mlops-constructs:allowDataDestruction": true`.
   * The table follows the lake's own removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Default of `messageRetention`: Pub/Sub's own subscription default. */
const DEFAULT_MESSAGE_RETENTION = StreamingIngestDuration.days(7);
/** Default of `deadLetterRetention`: the longest Pub/Sub allows, to leave time to investigate. */
const DEFAULT_DEAD_LETTER_RETENTION = StreamingIngestDuration.days(31);
/** Default alerting level on the age of the oldest unwritten message. */
const DEFAULT_OLDEST_UNACKED_AGE_THRESHOLD = StreamingIngestDuration.minutes(30);
/** How long the age must stay above its threshold before the alert opens: one slow batch does not page anyone. */
const OLDEST_UNACKED_AGE_ALERT_DURATION = '300s';
/** The dead-letter alert opens when at least this many messages were dead-lettered within {@link DEAD_LETTER_ALERT_WINDOW}. */
const DEAD_LETTER_ALERT_THRESHOLD = 0;
const DEAD_LETTER_ALERT_WINDOW = '300s';

/**
 * Streaming ingestion into a lake table on Google Cloud: a Pub/Sub topic validated by an Avro
 * schema generated from the neutral schema, a BigQuery subscription that writes every message into
 * the lake table generated from the same schema (plus message metadata columns), a dead-letter
 * topic and subscription for messages BigQuery refuses, and alert policies on the age of the
 * oldest unwritten message and on dead-lettered messages.
 *
 * The subscription writes as the project's Pub/Sub service agent
 * (`service-<project number>@gcp-sa-pubsub.iam.gserviceaccount.com`), which the ingest grants only
 * what it needs, each on the single resource: `roles/bigquery.dataEditor` on the table (not the
 * dataset or project), `roles/pubsub.publisher` on the dead-letter topic, `roles/pubsub.subscriber`
 * on the BigQuery subscription (to remove forwarded messages) and the CMEK role on the key. The
 * subscription depends on the table and dead-letter grants, so Terraform never creates it before
 * the agent may write (terraform-google-modules/terraform-google-pubsub#132). The subscriber grant
 * names the subscription, so it follows it; only forwarding to the dead-letter topic needs it.
 *
 * Secure by default: CMEK on both topics (the lake's key unless another is given), additive IAM
 * only, nothing public, subscriptions that never expire, everything retained on destroy
 * (`prevent_destroy`). Passes `GcpFoundationChecks` with zero findings when a key is in force; the
 * dead-letter subscription's own missing dead-letter policy (GCP-PS3) is acknowledged with its reason.
 *
 * Construct ids are stable because they name stateful resources: `Resource` (topic),
 * `Subscription`, `DeadLetter/Topic`, `DeadLetter/Subscription`, `Schema`; the table is the lake's
 * `Zone-<zone>/Table-<table>`.
 *
 * Only a deploy can show that the service agent exists (Google creates it with the Pub/Sub API)
 * and that the key's location suits the topics' message storage.
 *
 * @example
 * const ingest = new StreamingIngest(stack, 'Orders', { lake, schema: orders });
 * ingest.grantPublish('serviceAccount:checkout@acme.iam.gserviceaccount.com');
 *
 * @see https://cloud.google.com/pubsub/docs/bigquery
 * @see https://cloud.google.com/pubsub/docs/create-bigquery-subscription
 * @see https://cloud.google.com/pubsub/docs/handling-failures
 */
export class StreamingIngest extends StreamingIngestBase {
  /**
   * An ingest defined elsewhere, to grant publishing or dead-letter reading on it.
   * @throws MlopsValidationError for names that are not Pub/Sub ids or a bad project id
   */
  public static fromStreamingIngestAttributes(scope: Construct, id: string, attrs: StreamingIngestAttributes): IStreamingIngest {
    class Import extends StreamingIngestBase {
      public readonly topicName: string;
      public readonly deadLetterSubscriptionName: string;
      protected readonly resourceProject?: string;

      constructor() {
        super(scope, id);
        if (attrs === null || typeof attrs !== 'object') {
          throw new MlopsValidationError(this, 'attrs', attrs, 'an object with topicName and deadLetterSubscriptionName');
        }
        this.topicName = validName(this, 'topicName', PUBSUB_ID_RULE, attrs.topicName);
        this.deadLetterSubscriptionName = validName(this, 'deadLetterSubscriptionName', PUBSUB_ID_RULE, attrs.deadLetterSubscriptionName);
        this.resourceProject = attrs.project === undefined ? undefined : validName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
      }
    }
    return new Import();
  }

  /** Name (id) of the topic producers publish to. */
  public readonly topicName: string;
  /** Name (id) of the dead-letter subscription. */
  public readonly deadLetterSubscriptionName: string;
  /** The `google_pubsub_topic` producers publish to. */
  public readonly topic: PubsubTopic;
  /** The `google_pubsub_schema` (Avro) that validates every published message. */
  public readonly topicSchema: PubsubSchema;
  /** The BigQuery `google_pubsub_subscription` that writes into the table. */
  public readonly subscription: PubsubSubscription;
  /** The topic receiving messages BigQuery refused `maxDeliveryAttempts` times. */
  public readonly deadLetterTopic: PubsubTopic;
  /** The pull subscription holding the dead-lettered messages. */
  public readonly deadLetterSubscription: PubsubSubscription;
  /** The lake table the messages are written to. */
  public readonly table: LakeTable;
  /** The Pub/Sub service agent, as an IAM member (`serviceAccount:service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`). */
  public readonly serviceAgentMember: string;
  /** Alert policy on the age of the oldest message not yet written to BigQuery. */
  public readonly oldestUnackedMessageAgeAlert: MonitoringAlertPolicy;
  /** Alert policy on messages forwarded to the dead-letter topic. */
  public readonly deadLetteredMessagesAlert: MonitoringAlertPolicy;
  /** The customer-managed key of the topics, when one is in force. */
  public readonly encryptionKey?: ICryptoKey;
  /** The removal policy of the topics, subscriptions and schema. */
  public readonly removalPolicy: RemovalPolicy;

  protected readonly resourceProject?: string;

  constructor(scope: Construct, id: string, props: StreamingIngestProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least a lake and a schema');
    }
    if (!(props.lake instanceof DataLake)) {
      throw new MlopsValidationError(this, 'lake', props.lake, 'a DataLake (mlops-constructs/gcp) created in this app');
    }
    const lake = props.lake;
    const schema = this.validSchema(props.schema);
    const zone = props.zone ?? 'raw';
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'zone', zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const ids = this.validIds(props.name ?? `${lake.prefix}-${schema.name}`);
    const messageRetention = this.validRetention('messageRetention', props.messageRetention, DEFAULT_MESSAGE_RETENTION);
    const deadLetterRetention = this.validRetention('deadLetterRetention', props.deadLetterRetention, DEFAULT_DEAD_LETTER_RETENTION);
    const maxDeliveryAttempts = this.validDeliveryAttempts(props.maxDeliveryAttempts);
    const encoding = this.validEncoding(props.encoding);
    const notificationChannels = this.validNotificationChannels(props.notificationChannels);
    const ageThreshold = this.validAgeThreshold(props.oldestUnackedMessageAgeThreshold, messageRetention);
    this.encryptionKey = this.validEncryptionKey(props.encryptionKey) ?? lake.encryptionKey;
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const iamGrants = flattenIamProps(this, props.iam, ingestRoleProblem);
    this.resourceProject = lake.project;
    this.table = this.lakeTable(lake, zone, schema);

    const project = lake.project;
    const labels = { ...INGEST_LABELS, 'lake-zone': zone };
    const lifecycle = this.removalPolicy === RemovalPolicy.DESTROY ? undefined : { preventDestroy: true };

    const agent = new Construct(this, 'ServiceAgent');
    const projectData = new DataGoogleProject(agent, 'Project', { projectId: project });
    this.serviceAgentMember = `serviceAccount:service-${projectData.number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
    const keyAccess = this.encryptionKey === undefined ? undefined : new KmsCryptoKeyIamMember(agent, 'KeyAccess', {
      cryptoKeyId: this.encryptionKey.id, role: KMS_ENCRYPTER_DECRYPTER_ROLE, member: this.serviceAgentMember,
    });
    const topicDefaults = {
      project,
      labels,
      kmsKeyName: this.encryptionKey?.id,
      dependsOn: keyAccess ? [keyAccess] : undefined,
      lifecycle,
    };

    this.topicSchema = new PubsubSchema(this, 'Schema', {
      project, name: ids.schema, type: 'AVRO', definition: JSON.stringify(avroSchema(schema)), lifecycle,
    });
    this.topic = new PubsubTopic(this, 'Resource', {
      ...topicDefaults,
      name: ids.topic,
      messageRetentionDuration: `${messageRetention.seconds}s`,
      schemaSettings: { schema: this.topicSchema.id, encoding },
    });

    const deadLetter = new Construct(this, 'DeadLetter');
    this.deadLetterTopic = new PubsubTopic(deadLetter, 'Topic', {
      ...topicDefaults, name: ids.deadLetterTopic, messageRetentionDuration: `${deadLetterRetention.seconds}s`,
    });
    this.deadLetterSubscription = new PubsubSubscription(deadLetter, 'Subscription', {
      project,
      name: ids.deadLetterSubscription,
      topic: this.deadLetterTopic.id,
      labels,
      messageRetentionDuration: `${deadLetterRetention.seconds}s`,
      expirationPolicy: NEVER_EXPIRE,
      lifecycle,
    });
    GcpChecks.acknowledge(this.deadLetterSubscription, {
      id: 'GCP-PS3',
      reason: 'This subscription holds the messages the BigQuery subscription dead-lettered, for inspection and replay; dead-lettering them again would only move them to another topic needing the same.',
    });

    const tableWriter = new BigqueryTableIamMember(agent, 'TableWriter', {
      project: this.table.table.project, datasetId: this.table.table.datasetId, tableId: this.table.table.tableId,
      role: TABLE_WRITER_ROLE, member: this.serviceAgentMember,
    });
    const deadLetterPublisher = new PubsubTopicIamMember(agent, 'DeadLetterPublisher', {
      project, topic: this.deadLetterTopic.name, role: PUBLISH_ROLE, member: this.serviceAgentMember,
    });
    this.subscription = new PubsubSubscription(this, 'Subscription', {
      project,
      name: ids.subscription,
      topic: this.topic.id,
      labels,
      bigqueryConfig: {
        table: `${this.table.table.project}.${this.table.table.datasetId}.${this.table.table.tableId}`,
        useTopicSchema: true,
        writeMetadata: true,
        // Messages with fields the table lacks go to the dead-letter topic instead of losing data silently.
        dropUnknownFields: false,
      },
      deadLetterPolicy: { deadLetterTopic: this.deadLetterTopic.id, maxDeliveryAttempts },
      messageRetentionDuration: `${messageRetention.seconds}s`,
      expirationPolicy: NEVER_EXPIRE,
      dependsOn: [tableWriter, deadLetterPublisher],
      lifecycle,
    });
    new PubsubSubscriptionIamMember(agent, 'DeadLetterSubscriber', {
      project, subscription: this.subscription.name, role: SUBSCRIBE_ROLE, member: this.serviceAgentMember,
    });
    this.topicName = this.topic.name;
    this.deadLetterSubscriptionName = this.deadLetterSubscription.name;

    const alerts = new Construct(this, 'Alerts');
    const subscriptionMetric = (subscription: string, metric: string): string =>
      `resource.type = "pubsub_subscription" AND resource.labels.project_id = "${projectData.projectId}" `
      + `AND resource.labels.subscription_id = "${subscription}" AND metric.type = "${metric}"`;
    const tableName = `${this.table.datasetId}.${this.table.tableId}`;
    this.oldestUnackedMessageAgeAlert = new MonitoringAlertPolicy(alerts, 'OldestUnackedMessageAge', {
      project,
      displayName: `${ids.subscription}: messages wait more than ${ageThreshold.label} to reach BigQuery`,
      combiner: 'OR',
      severity: 'ERROR',
      conditions: [{
        displayName: `oldest unacked message age above ${ageThreshold.seconds}s for 5 minutes`,
        conditionThreshold: {
          filter: subscriptionMetric(this.subscription.name, OLDEST_UNACKED_MESSAGE_AGE_METRIC),
          comparison: 'COMPARISON_GT',
          thresholdValue: ageThreshold.seconds,
          duration: OLDEST_UNACKED_AGE_ALERT_DURATION,
          aggregations: [{ alignmentPeriod: `${ALERT_GRANULARITY_SECONDS}s`, perSeriesAligner: 'ALIGN_MAX' }],
          trigger: { count: 1 },
        },
      }],
      notificationChannels,
      documentation: {
        mimeType: 'text/markdown',
        content: `Messages published to \`${ids.topic}\` are not being written to the BigQuery table \`${tableName}\`. `
          + `Check the subscription \`${ids.subscription}\` for BigQuery errors (a permission denied on the table, a deleted or changed table). `
          + `Pub/Sub drops messages older than ${messageRetention.label}.`,
      },
      userLabels: labels,
    });
    this.deadLetteredMessagesAlert = new MonitoringAlertPolicy(alerts, 'DeadLetteredMessages', {
      project,
      displayName: `${ids.subscription}: messages dead-lettered`,
      combiner: 'OR',
      severity: 'ERROR',
      conditions: [{
        displayName: 'messages forwarded to the dead-letter topic',
        conditionThreshold: {
          filter: subscriptionMetric(this.subscription.name, DEAD_LETTER_MESSAGE_COUNT_METRIC),
          comparison: 'COMPARISON_GT',
          thresholdValue: DEAD_LETTER_ALERT_THRESHOLD,
          duration: '0s',
          aggregations: [{ alignmentPeriod: DEAD_LETTER_ALERT_WINDOW, perSeriesAligner: 'ALIGN_SUM' }],
          trigger: { count: 1 },
        },
      }],
      notificationChannels,
      documentation: {
        mimeType: 'text/markdown',
        content: `BigQuery refused messages of \`${ids.topic}\` ${maxDeliveryAttempts} times; they are in the subscription \`${ids.deadLetterSubscription}\`. `
          + 'Each carries the attribute `CloudPubSubDeadLetterSourceDeliveryErrorMessage` with the reason. '
          + `They are kept ${deadLetterRetention.label}.`,
      },
      userLabels: labels,
    });

    for (const grant of iamGrants) {
      if (grant.role === SUBSCRIBE_ROLE) {
        this.deadLetterGrant(grant.role, grant.member);
      } else {
        this.topicGrant(grant.role, grant.member);
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  /**
   * The lake's table for the schema with the metadata columns: created through the lake, or the
   * table the lake already generated from the same schema, to which the metadata columns are
   * added (NULLABLE columns: BigQuery adds them in place).
   */
  private lakeTable(lake: DataLake, zone: string, schema: TableSchema): LakeTable {
    const existing = lake.tables.find((t) => t.zone === zone && t.tableId === schema.name);
    if (existing === undefined) {
      return lake.addTable(zone, schema, { extraColumns: [...PUBSUB_METADATA_COLUMNS] });
    }
    if (existing.schema !== schema && tableShape(existing.schema) !== tableShape(schema)) {
      throw new MlopsValidationError(this, 'schema', schema.name,
        `the schema the lake's table "${zone}.${schema.name}" was generated from (same columns, entity keys and event time), `
        + 'since the subscription writes the topic\'s fields into that table; or another schema name');
    }
    lake.addTableColumns(existing, [...PUBSUB_METADATA_COLUMNS]);
    return existing;
  }

  private validSchema(schema: unknown): TableSchema {
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, 'schema', schema, 'a TableSchema');
    }
    throwIfProblems(this, 'schema', schema.problems());
    throwIfProblems(this, 'schema', streamingIngestSchemaProblems(schema));
    return schema;
  }

  /** The Pub/Sub ids derived from the base name, each checked unless the name holds a token. */
  private validIds(name: unknown): { topic: string; schema: string; subscription: string; deadLetterTopic: string; deadLetterSubscription: string } {
    if (typeof name !== 'string') {
      throw new MlopsValidationError(this, 'name', name, `a string from which every Pub/Sub id is derived: ${PUBSUB_ID_RULE.description}`);
    }
    const ids = {
      topic: name,
      schema: name,
      subscription: `${name}${SUBSCRIPTION_SUFFIX}`,
      deadLetterTopic: `${name}${DEAD_LETTER_SUFFIX}`,
      deadLetterSubscription: `${name}${DEAD_LETTER_SUFFIX}`,
    };
    if (!Token.isUnresolved(name)) {
      for (const id of new Set(Object.values(ids))) {
        const problem = namingProblem(PUBSUB_ID_RULE, id);
        if (problem !== undefined) {
          throw new MlopsValidationError(this, 'name', name,
            `a base name from which every Pub/Sub id (<name>, <name>${SUBSCRIPTION_SUFFIX}, <name>${DEAD_LETTER_SUFFIX}) is ${problem}; "${id}" is not`);
        }
      }
    }
    return ids;
  }

  private validRetention(property: string, value: unknown, fallback: StreamingIngestDuration): ResolvedDuration {
    const duration = this.validDuration(property, value, fallback);
    const { min, max } = PUBSUB_RETENTION_SECONDS;
    if (!Number.isInteger(duration.seconds) || duration.seconds < min || duration.seconds > max) {
      throw new MlopsValidationError(this, property, duration.label,
        'from 10 minutes to 31 days in whole seconds (Pub/Sub\'s message retention limits for topics and subscriptions)');
    }
    return duration;
  }

  private validAgeThreshold(value: unknown, messageRetention: ResolvedDuration): ResolvedDuration {
    const duration = this.validDuration('oldestUnackedMessageAgeThreshold', value, DEFAULT_OLDEST_UNACKED_AGE_THRESHOLD);
    const wholeMinutes = Number.isInteger(duration.seconds / ALERT_GRANULARITY_SECONDS);
    if (!wholeMinutes || duration.seconds < ALERT_GRANULARITY_SECONDS || duration.seconds >= messageRetention.seconds) {
      throw new MlopsValidationError(this, 'oldestUnackedMessageAgeThreshold', duration.label,
        `whole minutes, at least 1 minute and less than messageRetention (${messageRetention.label}): older messages are dropped, so the alert would come after the loss`);
    }
    return duration;
  }

  private validDuration(property: string, value: unknown, fallback: StreamingIngestDuration): ResolvedDuration {
    const duration = value ?? fallback;
    if (!(duration instanceof StreamingIngestDuration)) {
      throw new MlopsValidationError(this, property, value, 'a StreamingIngestDuration, such as StreamingIngestDuration.days(7)');
    }
    return { seconds: duration.toSeconds(), label: duration.toString() };
  }

  private validDeliveryAttempts(value: unknown): number {
    if (value === undefined) {
      return PUBSUB_DELIVERY_ATTEMPTS.serviceDefault;
    }
    const { min, max } = PUBSUB_DELIVERY_ATTEMPTS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new MlopsValidationError(this, 'maxDeliveryAttempts', value, `a whole number from ${min} to ${max} (Pub/Sub's dead-letter policy limits)`);
    }
    return value;
  }

  private validEncoding(value: unknown): StreamingIngestEncoding {
    if (value === undefined) {
      return StreamingIngestEncoding.JSON;
    }
    if (!(Object.values(StreamingIngestEncoding) as unknown[]).includes(value)) {
      throw new MlopsValidationError(this, 'encoding', value, 'StreamingIngestEncoding.JSON or StreamingIngestEncoding.BINARY');
    }
    return value as StreamingIngestEncoding;
  }

  private validNotificationChannels(value: unknown): string[] | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value)) {
      throw new MlopsValidationError(this, 'notificationChannels', value, `a list of ${NOTIFICATION_CHANNEL_RULE.description}`);
    }
    value.forEach((channel, i) => validName(this, `notificationChannels[${i}]`, NOTIFICATION_CHANNEL_RULE, channel));
    return value.length === 0 ? undefined : [...value];
  }

  private validEncryptionKey(key: unknown): ICryptoKey | undefined {
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
}

/** A validated duration: seconds, and the words it was given in (for messages). */
interface ResolvedDuration {
  readonly seconds: number;
  readonly label: string;
}

/** `value` when it follows `rule` or is an unresolved token; otherwise an error naming `property`. */
function validName(scope: Construct, property: string, rule: NamingRule, value: unknown): string {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    return value;
  }
  const problem = namingProblem(rule, value);
  if (problem !== undefined) {
    throw new MlopsValidationError(scope, property, value, problem);
  }
  return value as string;
}

/** What a lake table generated from a schema looks like: its columns, clustering and partitioning. */
function tableShape(schema: TableSchema): string {
  return JSON.stringify({ columns: bigQueryColumns(schema), entityKeys: schema.entityKeys, eventTime: schema.eventTime ?? null });
}

/** Which roles the `iam` prop of an ingest accepts. */
function ingestRoleProblem(role: string): string | undefined {
  return [PUBLISH_ROLE, VIEW_ROLE, SUBSCRIBE_ROLE].includes(role)
    ? undefined
    : `${PUBLISH_ROLE} or ${VIEW_ROLE} (granted on the topic) or ${SUBSCRIBE_ROLE} (granted on the dead-letter subscription); grant other roles outside the ingest`;
}

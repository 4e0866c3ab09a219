import { BigqueryTableIamMember } from '@cdktf/provider-google/lib/bigquery-table-iam-member';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { PubsubSchema } from '@cdktf/provider-google/lib/pubsub-schema';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct, IConstruct } from 'constructs';
import { avroSchema, bigQueryColumns, MlopsValidationError, namingProblem, TableSchema, throwIfProblems } from '../../core';
import { ITerraformDependable, TerraformResource, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { LakeTable } from '../data-lake/lake-table';
import { Duration } from '../duration';
import { GcpIamProps } from '../iam';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { managedLabels } from '../private/labels';
import { resolveRemovalPolicy, retainLifecycle } from '../private/removal-policy';
import { resolveNotificationChannels } from '../private/monitoring';
import { createKeyAccess, createProjectLookup, SERVICE_AGENT_DOMAINS, serviceAgentMember } from '../private/service-agents';
import { resolveEncryptionKey, resolveEnum, resolveLake, resolveMember, resolveName } from '../private/validate';
import { GCP_PROJECT_ID_RULE } from '../project';
import { RemovalPolicy } from '../removal-policy';
import { createIngestAlerts, DEFAULT_OLDEST_UNACKED_AGE_THRESHOLD } from './alerts';
import { PUBSUB_METADATA_COLUMNS, streamingIngestSchemaProblems } from './private/bigquery';
import {
  ALERT_GRANULARITY_SECONDS, PUBSUB_DELIVERY_ATTEMPTS, PUBSUB_ID_RULE, PUBSUB_RETENTION_SECONDS,
} from './private/limits';
import { BIGQUERY_SCHEMA_TEXT, schemaTextProblems } from '../../core/limits';

// ---------------------------------------------------------------------------------------------
// Roles behind the grants.
// ---------------------------------------------------------------------------------------------

/** `grantWrite`, and what the Pub/Sub service agent needs on the dead-letter topic to forward messages. */
const PUBLISH_ROLE = 'roles/pubsub.publisher';
/** `grantReadDeadLetters`, and what the service agent needs on the BigQuery subscription to remove forwarded messages. */
const SUBSCRIBE_ROLE = 'roles/pubsub.subscriber';
/** Read a topic's configuration. Accepted in the `iam` prop, granted on the topic. */
const VIEW_ROLE = 'roles/pubsub.viewer';
/** What the Pub/Sub service agent needs on the table to write rows (Pub/Sub's "Grant IAM roles to the service account"). */
const TABLE_WRITER_ROLE = 'roles/bigquery.dataEditor';

/** `expiration_policy { ttl = "" }`: never expire. Without it Pub/Sub deletes a subscription after 31 days without activity — a quiet dead-letter subscription would vanish. */
const NEVER_EXPIRE = { ttl: '' };

/** Suffixes of the derived Pub/Sub ids. Subscriptions and topics are separate namespaces, so the dead-letter topic and its subscription share a name. */
const SUBSCRIPTION_SUFFIX = '-bigquery';
const DEAD_LETTER_SUFFIX = '-dead-letter';

/**
 * The synth-time warnings of a StreamingIngest, by id (none yet). Every construct exports its
 * `<CONSTRUCT>_WARNINGS`, so that users can acknowledge a warning by a stable id.
 */
export const STREAMING_INGEST_WARNINGS = {} as const;

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
  grantWrite(member: string): ITerraformDependable[];

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

  private readonly iamMembers = new IamMemberRegistry();

  /** {@inheritDoc IStreamingIngest.grantWrite} */
  public grantWrite(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.topicGrant(PUBLISH_ROLE, member)];
  }

  /** {@inheritDoc IStreamingIngest.grantReadDeadLetters} */
  public grantReadDeadLetters(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    return [this.deadLetterGrant(SUBSCRIBE_ROLE, member)];
  }

  protected topicGrant(role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(this, 'Iam'), prefix: `${role}=` }, member, (scope, id) =>
      new PubsubTopicIamMember(scope, id, { project: this.resourceProject, topic: this.topicName, role, member }));
  }

  protected deadLetterGrant(role: string, member: string): TerraformResource {
    return this.iamMembers.grant({ scope: childScope(this, 'DeadLetterIam'), prefix: `${role}=` }, member, (scope, id) =>
      new PubsubSubscriptionIamMember(scope, id, { project: this.resourceProject, subscription: this.deadLetterSubscriptionName, role, member }));
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
   * The lake whose table receives the messages, created or imported. The ingest writes into the
   * zone's table generated from `schema`: it creates it through the lake, or adds the metadata
   * columns to the table the lake already generated from the same schema.
   */
  readonly lake: IDataLake;

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
   * Base of the Pub/Sub ids: the topic and the schema are `<prefix>`, the BigQuery subscription
   * `<prefix>-bigquery`, the dead-letter topic and subscription `<prefix>-dead-letter`. Each must
   * be a Pub/Sub id (3 to 255 characters of letters, digits, `-_.~+%`, starting with a letter,
   * not with `goog`).
   * @default - `<lake prefix>-<schema name>`
   */
  readonly prefix?: string;

  /**
   * Project of the topics, subscriptions, schema, alert policies and grants. The table is the
   * lake's, in the lake's project.
   * @default - the lake's project (the provider's project when the lake has none)
   */
  readonly project?: string;

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
   * @default Duration.days(7)
   */
  readonly messageRetention?: Duration;

  /**
   * How long the dead-letter topic and its subscription keep dead-lettered messages. 10 minutes to
   * 31 days.
   * @default Duration.days(31)
   */
  readonly deadLetterRetention?: Duration;

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
   * @default Duration.minutes(30)
   */
  readonly oldestUnackedMessageAgeAlarmThreshold?: Duration;

  /**
   * What happens to the topics, subscriptions and the schema on destroy (they hold messages not
   * yet written). `DESTROY` also needs the app context `"mlops-constructs:allowDataDestruction": true`.
   * The table follows the lake's own removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Default of `messageRetention`: Pub/Sub's own subscription default. */
const DEFAULT_MESSAGE_RETENTION = Duration.days(7);
/** Default of `deadLetterRetention`: the longest Pub/Sub allows, to leave time to investigate. */
const DEFAULT_DEAD_LETTER_RETENTION = Duration.days(31);

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
 * ingest.grantWrite('serviceAccount:checkout@acme.iam.gserviceaccount.com');
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
        this.topicName = resolveName(this, 'topicName', PUBSUB_ID_RULE, attrs.topicName);
        this.deadLetterSubscriptionName = resolveName(this, 'deadLetterSubscriptionName', PUBSUB_ID_RULE, attrs.deadLetterSubscriptionName);
        this.resourceProject = attrs.project === undefined ? undefined : resolveName(this, 'project', GCP_PROJECT_ID_RULE, attrs.project);
      }
    }
    return new Import();
  }

  /** Name (id) of the topic producers publish to. */
  public readonly topicName: string;
  /** Name (id) of the dead-letter subscription. */
  public readonly deadLetterSubscriptionName: string;
  /** The project of the topics and subscriptions; `undefined` means the provider's project. */
  public readonly project?: string;
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
  /** Every alert policy of the ingest: `oldestUnackedMessageAgeAlert`, `deadLetteredMessagesAlert`. */
  public readonly alertPolicies: MonitoringAlertPolicy[];
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
    const lake = resolveLake(this, 'lake', props.lake);
    const schema = this.resolveSchema(props.schema);
    const zone = props.zone ?? 'raw';
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'zone', zone, `one of the lake's zones: ${lake.zoneNames.join(', ')}`);
    }
    const ids = this.resolveIds(props.prefix ?? `${lake.prefix}-${schema.name}`);
    this.project = props.project === undefined ? lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    const messageRetention = this.resolveRetention('messageRetention', props.messageRetention, DEFAULT_MESSAGE_RETENTION);
    const deadLetterRetention = this.resolveRetention('deadLetterRetention', props.deadLetterRetention, DEFAULT_DEAD_LETTER_RETENTION);
    const maxDeliveryAttempts = this.resolveDeliveryAttempts(props.maxDeliveryAttempts);
    const encoding = resolveEnum(this, 'encoding', StreamingIngestEncoding, props.encoding,
      'StreamingIngestEncoding.JSON or StreamingIngestEncoding.BINARY') ?? StreamingIngestEncoding.JSON;
    const notificationChannels = resolveNotificationChannels(this, props.notificationChannels);
    const ageThreshold = this.resolveAgeThreshold(props.oldestUnackedMessageAgeAlarmThreshold, messageRetention);
    this.encryptionKey = resolveEncryptionKey(this, props.encryptionKey) ?? lake.encryptionKey;
    this.removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const iamGrants = resolveIamGrants(this, props.iam, ingestRoleProblem);
    this.resourceProject = this.project;
    this.table = this.lakeTable(lake, zone, schema);

    const project = this.project;
    const labels = managedLabels({ 'lake-zone': zone });
    const lifecycle = retainLifecycle(this.removalPolicy);

    const agent = new Construct(this, 'ServiceAgent');
    const projectData = createProjectLookup(agent, 'Project', project);
    this.serviceAgentMember = serviceAgentMember(projectData, SERVICE_AGENT_DOMAINS.pubsub);
    const keyAccess = this.encryptionKey === undefined ? undefined : createKeyAccess(agent, 'KeyAccess', this.encryptionKey, this.serviceAgentMember);
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
      messageRetentionDuration: `${messageRetention.toSeconds()}s`,
      schemaSettings: { schema: this.topicSchema.id, encoding },
    });

    const deadLetter = new Construct(this, 'DeadLetter');
    this.deadLetterTopic = new PubsubTopic(deadLetter, 'Topic', {
      ...topicDefaults, name: ids.deadLetterTopic, messageRetentionDuration: `${deadLetterRetention.toSeconds()}s`,
    });
    this.deadLetterSubscription = new PubsubSubscription(deadLetter, 'Subscription', {
      project,
      name: ids.deadLetterSubscription,
      topic: this.deadLetterTopic.id,
      labels,
      messageRetentionDuration: `${deadLetterRetention.toSeconds()}s`,
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
      messageRetentionDuration: `${messageRetention.toSeconds()}s`,
      expirationPolicy: NEVER_EXPIRE,
      dependsOn: [tableWriter, deadLetterPublisher],
      lifecycle,
    });
    new PubsubSubscriptionIamMember(agent, 'DeadLetterSubscriber', {
      project, subscription: this.subscription.name, role: SUBSCRIBE_ROLE, member: this.serviceAgentMember,
    });
    this.topicName = this.topic.name;
    this.deadLetterSubscriptionName = this.deadLetterSubscription.name;

    const alerts = createIngestAlerts(new Construct(this, 'Alerts'), {
      project,
      projectId: projectData.projectId,
      topicId: ids.topic,
      subscriptionId: ids.subscription,
      subscriptionName: this.subscription.name,
      deadLetterSubscriptionId: ids.deadLetterSubscription,
      tableName: `${this.table.datasetId}.${this.table.tableId}`,
      maxDeliveryAttempts,
      messageRetention,
      deadLetterRetention,
      ageThreshold,
      notificationChannels,
      labels,
    });
    this.oldestUnackedMessageAgeAlert = alerts.oldestUnackedMessageAge;
    this.deadLetteredMessagesAlert = alerts.deadLetteredMessages;
    this.alertPolicies = [this.oldestUnackedMessageAgeAlert, this.deadLetteredMessagesAlert];

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
  private lakeTable(lake: IDataLake, zone: string, schema: TableSchema): LakeTable {
    const existing = lake.tryFindTable(zone, schema.name);
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

  private resolveSchema(schema: unknown): TableSchema {
    if (!(schema instanceof TableSchema)) {
      throw new MlopsValidationError(this, 'schema', schema, 'a TableSchema');
    }
    throwIfProblems(this, 'schema', schema.problems());
    throwIfProblems(this, 'schema', schemaTextProblems(schema, BIGQUERY_SCHEMA_TEXT, Token.isUnresolved));
    throwIfProblems(this, 'schema', streamingIngestSchemaProblems(schema));
    return schema;
  }

  /** The Pub/Sub ids derived from the prefix, each checked unless the prefix holds a token. */
  private resolveIds(prefix: unknown): { topic: string; schema: string; subscription: string; deadLetterTopic: string; deadLetterSubscription: string } {
    if (typeof prefix !== 'string') {
      throw new MlopsValidationError(this, 'prefix', prefix, `a string from which every Pub/Sub id is derived: ${PUBSUB_ID_RULE.description}`);
    }
    const ids = {
      topic: prefix,
      schema: prefix,
      subscription: `${prefix}${SUBSCRIPTION_SUFFIX}`,
      deadLetterTopic: `${prefix}${DEAD_LETTER_SUFFIX}`,
      deadLetterSubscription: `${prefix}${DEAD_LETTER_SUFFIX}`,
    };
    if (!Token.isUnresolved(prefix)) {
      for (const id of new Set(Object.values(ids))) {
        const problem = namingProblem(PUBSUB_ID_RULE, id);
        if (problem !== undefined) {
          throw new MlopsValidationError(this, 'prefix', prefix,
            `a base name from which every Pub/Sub id (<prefix>, <prefix>${SUBSCRIPTION_SUFFIX}, <prefix>${DEAD_LETTER_SUFFIX}) is ${problem}; "${id}" is not`);
        }
      }
    }
    return ids;
  }

  private resolveRetention(property: string, value: unknown, fallback: Duration): Duration {
    const duration = this.resolveDuration(property, value, fallback);
    const { min, max } = PUBSUB_RETENTION_SECONDS;
    const seconds = duration.toSeconds();
    if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
      throw new MlopsValidationError(this, property, duration.toHumanString(),
        'from 10 minutes to 31 days in whole seconds (Pub/Sub\'s message retention limits for topics and subscriptions)');
    }
    return duration;
  }

  private resolveAgeThreshold(value: unknown, messageRetention: Duration): Duration {
    const property = 'oldestUnackedMessageAgeAlarmThreshold';
    const duration = this.resolveDuration(property, value, DEFAULT_OLDEST_UNACKED_AGE_THRESHOLD);
    const seconds = duration.toSeconds();
    const wholeMinutes = Number.isInteger(seconds / ALERT_GRANULARITY_SECONDS);
    if (!wholeMinutes || seconds < ALERT_GRANULARITY_SECONDS || seconds >= messageRetention.toSeconds()) {
      throw new MlopsValidationError(this, property, duration.toHumanString(),
        `whole minutes, at least 1 minute and less than messageRetention (${messageRetention.toHumanString()}): older messages are dropped, so the alert would come after the loss`);
    }
    return duration;
  }

  private resolveDuration(property: string, value: unknown, fallback: Duration): Duration {
    const duration = value ?? fallback;
    if (!(duration instanceof Duration)) {
      throw new MlopsValidationError(this, property, value, 'a Duration, such as Duration.days(7)');
    }
    return duration;
  }

  private resolveDeliveryAttempts(value: unknown): number {
    if (value === undefined) {
      return PUBSUB_DELIVERY_ATTEMPTS.serviceDefault;
    }
    const { min, max } = PUBSUB_DELIVERY_ATTEMPTS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new MlopsValidationError(this, 'maxDeliveryAttempts', value, `a whole number from ${min} to ${max} (Pub/Sub's dead-letter policy limits)`);
    }
    return value;
  }
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

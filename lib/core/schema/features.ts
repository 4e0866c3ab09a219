import { isEncodedNumberToken, ValidationProblem } from '../errors';
import { FieldType } from './field-type';
import { NamingRule, namingProblem } from '../naming';
import { TableSchema } from './schema';
import { guard } from '../guard';
import { SAGEMAKER_FEATURE_NAME_MAX_LENGTH } from '../limits/aws';

/**
 * Feature group and feature names: what both SageMaker Feature Store and Vertex AI accept.
 * Lowercase letters, digits and underscores starting with a letter fit both character sets; the
 * length is the tighter of the two services' limits on a name: SageMaker feature (and feature
 * group) names take 64 characters, Vertex AI feature ids 128. A group name becomes part of a
 * longer id on each cloud (`<prefix>-<name>` on SageMaker, `<prefix>_<name>` as a Vertex feature
 * group id of at most 60 characters); each cloud's feature store checks that composed id.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_FeatureDefinition.html (FeatureName, 1 to 64)
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html (FeatureGroupName, 1 to 64)
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups.features/create (featureId: "up to 128 characters")
 */
export const FEATURE_NAME_RULE: NamingRule = {
  pattern: new RegExp(`^[a-z][a-z0-9_]{0,${SAGEMAKER_FEATURE_NAME_MAX_LENGTH - 1}}$`),
  description: `lowercase letters, digits and underscores, starting with a letter, at most ${SAGEMAKER_FEATURE_NAME_MAX_LENGTH} characters`,
};

/** Units of a {@link FeatureTtl}: SageMaker Feature Store's `TtlDuration.Unit` values. */
export enum FeatureTtlUnit {
  /** Minutes. */
  MINUTES = 'Minutes',
  /** Hours. */
  HOURS = 'Hours',
  /** Days. */
  DAYS = 'Days',
  /** Weeks. */
  WEEKS = 'Weeks',
}

const SECONDS_PER_UNIT: Record<FeatureTtlUnit, number> = {
  [FeatureTtlUnit.MINUTES]: 60,
  [FeatureTtlUnit.HOURS]: 3600,
  [FeatureTtlUnit.DAYS]: 86400,
  [FeatureTtlUnit.WEEKS]: 604800,
};

/**
 * How long a record stays in the online store after its event time. Kept as a value and a unit
 * (not seconds) because that is how SageMaker stores it: a changed unit is a changed setting.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TtlDuration.html
 */
export class FeatureTtl {
  /** A TTL in minutes. */
  public static minutes(value: number): FeatureTtl {
    return new FeatureTtl(value, FeatureTtlUnit.MINUTES);
  }

  /** A TTL in hours. */
  public static hours(value: number): FeatureTtl {
    return new FeatureTtl(value, FeatureTtlUnit.HOURS);
  }

  /** A TTL in days. */
  public static days(value: number): FeatureTtl {
    return new FeatureTtl(value, FeatureTtlUnit.DAYS);
  }

  /** A TTL in weeks. */
  public static weeks(value: number): FeatureTtl {
    return new FeatureTtl(value, FeatureTtlUnit.WEEKS);
  }

  private constructor(
    /** The number of units. */
    public readonly value: number,
    /** The unit. */
    public readonly unit: FeatureTtlUnit,
  ) {}

  /** The TTL in seconds. */
  public toSeconds(): number {
    return this.value * SECONDS_PER_UNIT[this.unit];
  }

  /** `7 Days` (`(a token) Days` for a parameter's or variable's number, never its encoded value). */
  public toString(): string {
    return `${isEncodedNumberToken(this.value) ? '(a token)' : this.value} ${this.unit}`;
  }
}

/** One feature of a {@link FeatureGroupSpec}, read from a field of the schema. */
export interface FeatureDefinition {
  /** Feature name: {@link FEATURE_NAME_RULE}. */
  readonly name: string;
  /**
   * The schema field the feature is read from.
   * @default - the field with the feature's name
   */
  readonly sourceField?: string;
  /**
   * The feature's type. Features are read from their field as they are, so this must equal the
   * field's type; declaring it makes a later schema change that would alter the feature fail at
   * synth instead of silently changing the feature store.
   * @default - the source field's type
   */
  readonly type?: FieldType;
  /**
   * Description.
   * @default - the source field's description
   */
  readonly description?: string;
}

/** Everything a {@link FeatureGroupSpec} is declared from. */
export interface FeatureGroupSpecProps {
  /** Feature group name: {@link FEATURE_NAME_RULE}. */
  readonly name: string;
  /**
   * The table the features are read from. Its entity keys are the group's record identifier and
   * its event time the group's event time; both are required.
   */
  readonly schema: TableSchema;
  /**
   * The features.
   * @default - one feature per value field of the schema (every field except the entity keys and the event time)
   */
  readonly features?: FeatureDefinition[];
  /**
   * Whether the group is served online (low-latency reads of the latest value per entity).
   * @default true
   */
  readonly online?: boolean;
  /**
   * Whether the group keeps its history offline (for training sets), in the lake.
   * @default true
   */
  readonly offline?: boolean;
  /**
   * How long online records live after their event time. Only for online groups.
   * @default - online records never expire
   */
  readonly onlineTtl?: FeatureTtl;
  /**
   * Description.
   * @default - the schema's description
   */
  readonly description?: string;
}

/** A feature with its source field and type resolved. */
export interface ResolvedFeature {
  /** Feature name. */
  readonly name: string;
  /** The schema field it is read from. */
  readonly sourceField: string;
  /** Its type (the source field's). */
  readonly type: FieldType;
  /** Whether it may be missing. */
  readonly nullable: boolean;
  /** Description, if any. */
  readonly description?: string;
}

/**
 * The runtime types of `FeatureGroupSpecProps` (lib/core/guard), checked first by `problems()`;
 * the name, the schema and the features' names are checked by the rules after it.
 */
const FEATURE_GROUP_SPEC_GUARD = guard.props({
  features: guard.list(guard.object({
    name: guard.string().optional(),
    sourceField: guard.string().optional(),
    description: guard.string().optional(),
  }, 'a feature { name, sourceField?, description? }')).optional(),
  online: guard.boolean().optional(),
  offline: guard.boolean().optional(),
  onlineTtl: guard.satisfies((v) => v instanceof FeatureTtl, 'a FeatureTtl such as FeatureTtl.days(7)').optional(),
  description: guard.string().optional(),
}, 'FeatureGroupSpecProps ({ name, schema, ... })');

/**
 * The neutral description of a feature group: which fields of a {@link TableSchema} are served as
 * features, keyed by the schema's entity keys and versioned by its event time. SageMaker Feature
 * Store on AWS and the Vertex AI feature registry on Google Cloud are both generated from it, so
 * features cannot drift from the lake tables they are computed from.
 *
 * Declaring a spec never throws; the construct that uses it calls {@link problems} and reports
 * the first problem under its own construct path.
 *
 * @example
 * const customerFeatures = new FeatureGroupSpec({
 *   name: 'customer_daily',
 *   schema: customerDaily,                   // entityKeys: ['customer_id'], eventTime: 'day_end'
 *   features: [{ name: 'order_count' }, { name: 'spend', type: FieldType.decimal(14, 2) }],
 *   onlineTtl: FeatureTtl.days(7),
 * });
 */
export class FeatureGroupSpec {
  /** Group name. */
  public readonly name: string;
  /** The source table's schema. */
  public readonly schema: TableSchema;
  /** Description, if any. */
  public readonly description?: string;
  /** Whether the group is served online. */
  public readonly online: boolean;
  /** Whether the group keeps its history offline. */
  public readonly offline: boolean;
  /** Online time to live, if any. */
  public readonly onlineTtl?: FeatureTtl;
  /** The record identifier fields: the schema's entity keys. */
  public readonly recordIdentifiers: readonly string[];
  /** The event-time field: the schema's event time (`''` when the schema has none; {@link problems} reports it). */
  public readonly eventTime: string;
  /** The value features (not the record identifiers or the event time), resolved against the schema. */
  public readonly features: readonly ResolvedFeature[];

  private readonly declared: FeatureGroupSpecProps;

  constructor(props: FeatureGroupSpecProps) {
    this.declared = props;
    // Declaring never throws, whatever plain JavaScript passes: problems() reports what is wrong.
    if (FEATURE_GROUP_SPEC_GUARD.problems(props).length > 0) {
      props = {} as FeatureGroupSpecProps;
    }
    this.name = props.name;
    this.schema = props.schema;
    this.description = props.description ?? props.schema?.description;
    this.online = props.online ?? true;
    this.offline = props.offline ?? true;
    this.onlineTtl = props.onlineTtl;
    this.recordIdentifiers = [...(props.schema?.entityKeys ?? [])];
    this.eventTime = props.schema?.eventTime ?? '';
    const declared: FeatureDefinition[] = props.features ?? props.schema?.valueFields.map((f) => ({ name: f.name })) ?? [];
    this.features = declared.flatMap((feature) => {
      const source = props.schema?.field(feature.sourceField ?? feature.name);
      return source === undefined ? [] : [{
        name: feature.name,
        sourceField: source.name,
        type: source.type,
        nullable: source.nullable,
        description: feature.description ?? source.description,
      }];
    });
  }

  /**
   * Everything wrong with this spec, its schema included; empty when it is valid. Property paths
   * are relative to the spec (`features[2].type`, `schema.eventTime`).
   */
  public problems(): ValidationProblem[] {
    const typeProblems = FEATURE_GROUP_SPEC_GUARD.problems(this.declared);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    const props = this.declared;
    const problems: ValidationProblem[] = [];
    const nameProblem = namingProblem(FEATURE_NAME_RULE, props.name);
    if (nameProblem !== undefined) {
      problems.push({ property: 'name', value: props.name, allowed: nameProblem });
    }
    if (!(props.schema instanceof TableSchema)) {
      problems.push({ property: 'schema', value: props.schema, allowed: 'a TableSchema' });
      return problems;
    }
    const schemaProblems = props.schema.problems();
    problems.push(...schemaProblems.map((p) => ({ ...p, property: `schema.${p.property}` })));
    if (schemaProblems.length > 0) {
      return problems;
    }
    const schema = props.schema;
    const fieldNames = schema.fields.map((f) => f.name).join(', ');
    if (schema.entityKeys.length === 0) {
      problems.push({ property: 'schema.entityKeys', value: [], allowed: `at least one entity key: the feature group's record identifier, one of ${fieldNames}` });
    }
    if (schema.eventTime === undefined) {
      problems.push({ property: 'schema.eventTime', value: undefined, allowed: `a timestamp field of the schema: the feature group's event time, which versions every record` });
    }
    const reserved = new Set([...schema.entityKeys, ...(schema.eventTime ? [schema.eventTime] : [])]);
    if (props.features !== undefined && props.features.length === 0) {
      problems.push({ property: 'features', value: [], allowed: 'at least one feature (omit the property for one feature per value field)' });
    }
    if (props.features === undefined && schema.valueFields.length === 0) {
      problems.push({ property: 'schema.fields', value: fieldNames, allowed: 'at least one field besides the entity keys and the event time, to serve as a feature' });
    }
    const seen = new Map<string, number>();
    (props.features ?? []).forEach((feature, i) => {
      const at = `features[${i}]`;
      const featureNameProblem = namingProblem(FEATURE_NAME_RULE, feature.name);
      if (featureNameProblem !== undefined) {
        problems.push({ property: `${at}.name`, value: feature.name, allowed: featureNameProblem });
      } else if (reserved.has(feature.name)) {
        problems.push({ property: `${at}.name`, value: feature.name, allowed: `a name other than the record identifier and event time (${[...reserved].join(', ')}), which every group carries already` });
      } else if (seen.has(feature.name)) {
        problems.push({ property: `${at}.name`, value: feature.name, allowed: `a name not already used (features[${seen.get(feature.name)}] has it)` });
      } else {
        seen.set(feature.name, i);
      }
      const sourceName = feature.sourceField ?? feature.name;
      const source = schema.field(sourceName);
      if (source === undefined) {
        problems.push({ property: feature.sourceField === undefined ? `${at}.name` : `${at}.sourceField`, value: sourceName, allowed: `the name of a field of schema "${schema.name}" (${fieldNames})` });
        return;
      }
      if (feature.type !== undefined && (!(feature.type instanceof FieldType) || feature.type.toString() !== source.type.toString())) {
        problems.push({
          property: `${at}.type`,
          value: feature.type instanceof FieldType ? feature.type.toString() : feature.type,
          allowed: `${source.type.toString()}, the type of its source field "${source.name}" (features are read from the field as they are; add a field of the new type to the schema to change it)`,
        });
      }
    });
    if (props.online === false && props.offline === false) {
      problems.push({ property: 'online', value: false, allowed: 'true, or offline true: a feature group is stored online, offline or both' });
    }
    if (props.onlineTtl !== undefined) {
      const ttl = props.onlineTtl;
      // A token is passed on: SageMaker's TtlDuration.Value takes a parameter and checks it at deploy.
      if (!(ttl instanceof FeatureTtl) || (!isEncodedNumberToken(ttl.value) && (!Number.isInteger(ttl.value) || ttl.value < 1))) {
        problems.push({ property: 'onlineTtl', value: ttl instanceof FeatureTtl ? ttl.toString() : ttl, allowed: 'a FeatureTtl of a whole number of at least 1 minute, hour, day or week' });
      } else if (props.online === false) {
        problems.push({ property: 'onlineTtl', value: ttl.toString(), allowed: 'no TTL when online is false: the TTL expires online records' });
      }
    }
    return problems;
  }
}

/** One block of Terraform JSON configuration: attribute name → value. */
export interface TerraformBlock {
  /** Attribute values as synthesized (strings, numbers, booleans, nested blocks, lists). */
  readonly [attribute: string]: unknown;
}

/**
 * The Terraform JSON of one synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`, or
 * `TerraformStack.toTerraform()`), as far as the policy rules read it.
 */
export interface TerraformJson {
  /**
   * Managed resources: type → local name → configuration (with cdktf's `"//"` metadata).
   * @default - no resources
   */
  readonly resource?: { readonly [type: string]: { readonly [name: string]: TerraformBlock } };
  /**
   * Data sources: type → local name → configuration.
   * @default - no data sources
   */
  readonly data?: { readonly [type: string]: { readonly [name: string]: TerraformBlock } };
  /** Everything else (provider, terraform, output, ...). */
  readonly [key: string]: unknown;
}

/** A managed resource of a synthesized stack, as the policy rules see it. */
export interface SynthesizedResource {
  /** Terraform resource type, e.g. `google_storage_bucket`. */
  readonly type: string;
  /** Local name (cdktf's logical id), e.g. `Lake_Zone-raw_Bucket_1A2B3C4D`. */
  readonly name: string;
  /** Terraform address: `<type>.<name>`. */
  readonly address: string;
  /** Path of the construct that defined it (from the `"//".metadata.path` cdktf writes), or `""` when unknown. */
  readonly constructPath: string;
  /** The resource's configuration, metadata included. */
  readonly config: TerraformBlock;
}

/** A parsed `${<type>.<name>.<attribute>}` (or `${data.<type>.<name>.<attribute>}`) reference. */
export interface TerraformReference {
  /** `resource` or `data`. */
  readonly mode: string;
  /** Resource or data source type. */
  readonly type: string;
  /** Local name. */
  readonly name: string;
  /** Referenced attribute. */
  readonly attribute: string;
}

const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** The reference a value holds when it is exactly one Terraform reference expression, else `undefined`. */
export function referenceOf(value: unknown): TerraformReference | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = REFERENCE.exec(value);
  return match ? { mode: match[1] ? 'data' : 'resource', type: match[2], name: match[3], attribute: match[4] } : undefined;
}

/**
 * The first nested block under `key`: Terraform JSON writes a single nested block either as an
 * object (cdktf's form) or as a one-element list.
 */
export function nestedBlock(config: TerraformBlock, key: string): TerraformBlock | undefined {
  const value = Array.isArray(config[key]) ? (config[key] as unknown[])[0] : config[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as TerraformBlock) : undefined;
}

/** All nested blocks under `key` (object or list of objects). */
export function nestedBlocks(config: TerraformBlock, key: string): TerraformBlock[] {
  const value = config[key];
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is TerraformBlock => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/**
 * An index over one synthesized stack, handed to every rule so that a rule can look at other
 * resources (the IAM members that point at a bucket, the policy document a binding uses).
 */
export class SynthesizedStack {
  /** Every managed resource of the stack, in synthesized order. */
  public readonly resources: readonly SynthesizedResource[];

  constructor(
    /** The stack's Terraform JSON. */
    public readonly json: TerraformJson,
  ) {
    const resources: SynthesizedResource[] = [];
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, config] of Object.entries(byName ?? {})) {
        const metadata = nestedBlock(config, '//');
        const path = metadata ? nestedBlock(metadata, 'metadata')?.path : undefined;
        resources.push({ type, name, address: `${type}.${name}`, constructPath: typeof path === 'string' ? path : '', config });
      }
    }
    this.resources = resources;
  }

  /** The resources of the given types. */
  public resourcesOfType(...types: string[]): SynthesizedResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /** A data source's configuration, or `undefined`. */
  public dataSource(type: string, name: string): TerraformBlock | undefined {
    return this.json.data?.[type]?.[name];
  }

  /**
   * Whether `value` designates `target`: a reference to one of `target`'s `attributes`, or the
   * literal value of `target`'s `literalAttribute` (a bucket named in plain text).
   */
  public designates(value: unknown, target: SynthesizedResource, attributes: readonly string[], literalAttribute: string): boolean {
    const ref = referenceOf(value);
    if (ref !== undefined) {
      return ref.mode === 'resource' && ref.type === target.type && ref.name === target.name && attributes.includes(ref.attribute);
    }
    const literal = target.config[literalAttribute];
    return typeof value === 'string' && typeof literal === 'string' && value === literal && !literal.includes('${');
  }
}

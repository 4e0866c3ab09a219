/**
 * Helpers shared by the GCP tests: a stack with a Google provider, and the synthesized Terraform
 * JSON with resources looked up by construct path (from cdktf's `"//".metadata.path`), so that
 * assertions name the construct they are about rather than a hashed logical id.
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { DataLake, DataLakeAttributes, IDataLake } from 'mlops-constructs/gcp';

/** A resource or data source of a synthesized stack. */
export interface Block {
  /** `resource` or `data`. */
  readonly mode: 'resource' | 'data';
  /** Terraform type. */
  readonly type: string;
  /** Local name. */
  readonly name: string;
  /** Construct path below the stack, e.g. `Lake/Zone-raw/Bucket`. */
  readonly path: string;
  /** The configuration (metadata included). */
  readonly config: Record<string, any>;
}

/** A testing app (output in a temporary directory) with a stack named `stack` that has a Google provider. */
export function newAppAndStack(context?: Record<string, unknown>): { app: App; stack: TerraformStack } {
  const app = Testing.app(context ? { context } : {});
  const stack = new TerraformStack(app, 'stack');
  new GoogleProvider(stack, 'google', { project: 'test-project' });
  return { app, stack };
}

/** A stack named `stack` in a testing app (optionally with context), with a Google provider. */
export function newStack(context?: Record<string, unknown>): TerraformStack {
  return newAppAndStack(context).stack;
}

/** The stack's Terraform JSON (tokens resolved, metadata kept). */
export class Synth {
  /** The raw JSON. */
  public readonly json: any;
  /** Every resource and data source. */
  public readonly blocks: Block[];

  constructor(stack: TerraformStack) {
    this.json = JSON.parse(JSON.stringify(stack.toTerraform()));
    this.blocks = (['resource', 'data'] as const).flatMap((mode) => Object.entries<Record<string, any>>(this.json[mode] ?? {})
      .flatMap(([type, byName]) => Object.entries<Record<string, any>>(byName).map(([name, config]) => ({
        mode, type, name, config, path: String(config['//']?.metadata?.path ?? '').replace(/^stack\//, ''),
      }))));
  }

  /** All resources of a type. */
  public resources(type: string): Block[] {
    return this.blocks.filter((b) => b.mode === 'resource' && b.type === type);
  }

  /** All data sources of a type. */
  public dataSources(type: string): Block[] {
    return this.blocks.filter((b) => b.mode === 'data' && b.type === type);
  }

  /** The one resource of `type` defined at `path` (below the stack); fails the test when absent. */
  public at(type: string, path: string): Record<string, any> {
    const found = this.blocks.find((b) => b.mode === 'resource' && b.type === type && b.path === path);
    if (!found) {
      throw new Error(`no ${type} at ${path}; ${type} resources are at: ${this.resources(type).map((b) => b.path).join(', ') || 'nowhere'}`);
    }
    return found.config;
  }

  /** `${<type>.<name>.<attribute>}` for the resource (or `data.` source) at `path`. */
  public ref(type: string, path: string, attribute: string): string {
    const found = this.blocks.find((b) => b.type === type && b.path === path);
    if (!found) {
      throw new Error(`no ${type} at ${path}`);
    }
    return `\${${found.mode === 'data' ? 'data.' : ''}${type}.${found.name}.${attribute}}`;
  }

  /** `<type>.<name>` for depends_on. */
  public address(type: string, path: string): string {
    const found = this.blocks.find((b) => b.type === type && b.path === path);
    if (!found) {
      throw new Error(`no ${type} at ${path}`);
    }
    return `${found.mode === 'data' ? 'data.' : ''}${type}.${found.name}`;
  }
}

/** Orders: two decimals (one NUMERIC, one too wide for it), an event time, two entity keys (test/fixtures/schemas.ts). */
export { ordersSchema } from '../fixtures/schemas';

/** The attributes of a lake made elsewhere: project `acme-data`, in `us-central1`, with a key, zones named `acme-ml-<zone>`. */
export const IMPORTED_LAKE: DataLakeAttributes = {
  prefix: 'acme-ml',
  project: 'acme-data',
  location: 'us-central1',
  zoneBuckets: { raw: 'acme-ml-raw', curated: 'acme-ml-curated', artifacts: 'acme-ml-artifacts' },
  zoneDatasets: { raw: 'acme_ml_raw', curated: 'acme_ml_curated', artifacts: 'acme_ml_artifacts' },
  encryptionKey: { id: 'projects/acme-data/locations/us-central1/keyRings/lake/cryptoKeys/lake' },
};

/** A lake imported into `stack` as `Lake` (see IMPORTED_LAKE), with attribute overrides. */
export function importedLake(stack: TerraformStack, overrides: Partial<DataLakeAttributes> = {}): IDataLake {
  return DataLake.fromDataLakeAttributes(stack, 'Lake', { ...IMPORTED_LAKE, ...overrides });
}

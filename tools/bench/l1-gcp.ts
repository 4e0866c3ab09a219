/**
 * The L1 equivalent of the example apps, generated from the library's own output: every
 * CloudFormation resource rebuilt as a `CfnResource` (its logical id, type, properties and
 * resource attributes), every Terraform block as a `TerraformResource` / `TerraformDataSource` /
 * `TerraformProvider` / `TerraformVariable` / `TerraformOutput` holding its synthesized JSON. What
 * a user writing the same stacks with no abstraction would run; `npm run bench` times it against
 * the library after checking the two outputs equal ({@link compareAws}, {@link compareGcp}).
 *
 * Stacks are found from the synthesized output (every stack of the assembly, nested stages
 * included; every cdktf stack), never listed here, so new example and level stacks are covered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { App as TfApp, TerraformDataSource, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { firstDifference } from './l1-diff';


/** One cdktf stack: its id and its cdk.tf.json. */
export interface GcpL1Stack {
  readonly id: string;
  readonly document: any;
}

/** Top-level keys of a cdk.tf.json the rebuild covers. */
const TF_SECTIONS = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'variable', 'output']);

/** Every stack synthesized into `outdir` by `app`. */
export function gcpL1Spec(app: TfApp, outdir: string): GcpL1Stack[] {
  return app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c)).map((stack) => {
    const document = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
    const unknown = Object.keys(document).filter((k) => !TF_SECTIONS.has(k));
    const backend = Object.keys(document.terraform?.backend ?? {});
    if (unknown.length > 0 || backend.some((b) => b !== 'local')) {
      throw new Error(`bench L1: ${stack.node.id} has ${[...unknown, ...backend].join(', ')}, not rebuilt yet (tools/bench/l1.ts)`);
    }
    return { id: stack.node.id, document };
  });
}

/** The block's synthesized JSON without the construct metadata and the meta-arguments (cdktf writes them itself from the element's own fields). */
function attributesOf(block: any): any {
  const { ['//']: _metadata, depends_on: _dependsOn, lifecycle: _lifecycle, provider: _provider, ...rest } = block;
  for (const unsupported of ['count', 'for_each', 'connection', 'provisioner']) {
    if (unsupported in rest) {
      throw new Error(`bench L1: the meta-argument ${unsupported} is not rebuilt yet (tools/bench/l1-gcp.ts)`);
    }
  }
  return rest;
}

/** A resource's or data source's meta-arguments, as the cdktf element fields that write them. */
function setMetaArguments(element: TerraformResource | TerraformDataSource, block: any): void {
  if (block.depends_on) {
    element.dependsOn = block.depends_on;
  }
  if (block.provider) {
    element.provider = { fqn: block.provider } as TerraformProvider;
  }
  if (block.lifecycle) {
    const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    (element as TerraformResource).lifecycle = Object.fromEntries(Object.entries(block.lifecycle).map(([k, v]) => [camel(k), v]));
  }
}

class RawResource extends TerraformResource {
  constructor(scope: Construct, id: string, type: string, private readonly raw: any) {
    super(scope, id, { terraformResourceType: type });
    this.overrideLogicalId(id);
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return this.raw;
  }
}

class RawDataSource extends TerraformDataSource {
  constructor(scope: Construct, id: string, type: string, private readonly raw: any) {
    super(scope, id, { terraformResourceType: type });
    this.overrideLogicalId(id);
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return this.raw;
  }
}

class RawProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, type: string, source: string, version: string, private readonly raw: any) {
    super(scope, id, { terraformResourceType: type, terraformProviderSource: source, terraformGeneratorMetadata: { providerName: type, providerVersion: version } });
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    const { alias: _alias, ...rest } = this.raw;
    return rest;
  }
}

class RawVariable extends TerraformVariable {
  constructor(scope: Construct, id: string, private readonly raw: any) {
    super(scope, id, {});
    this.overrideLogicalId(id);
  }
  public synthesizeAttributes(): { [name: string]: any } {
    return this.raw;
  }
}

class RawOutput extends TerraformOutput {
  constructor(scope: Construct, id: string, private readonly raw: any) {
    super(scope, id, { value: raw.value });
    this.overrideLogicalId(id);
  }
  public synthesizeAttributes(): { [name: string]: any } {
    return this.raw;
  }
}

/** Builds the L1 stacks into `app`. */
export function buildGcpL1(app: TfApp, spec: readonly GcpL1Stack[], onStack?: (stack: TerraformStack) => void): void {
  for (const s of spec) {
    const stack = new TerraformStack(app, s.id);
    onStack?.(stack);
    const doc = s.document;
    for (const [type, blocks] of Object.entries<any[]>(doc.provider ?? {})) {
      const required = doc.terraform.required_providers[type];
      blocks.forEach((block, i) => {
        const provider = new RawProvider(stack, block.alias ?? (i === 0 ? type : `${type}${i}`), type, required.source, required.version, block);
        if (block.alias) {
          provider.alias = block.alias;
        }
      });
    }
    for (const [name, block] of Object.entries<any>(doc.variable ?? {})) {
      new RawVariable(stack, name, block);
    }
    for (const [type, byName] of Object.entries<any>(doc.data ?? {})) {
      for (const [name, block] of Object.entries<any>(byName)) {
        setMetaArguments(new RawDataSource(stack, name, type, attributesOf(block)), block);
      }
    }
    for (const [type, byName] of Object.entries<any>(doc.resource ?? {})) {
      for (const [name, block] of Object.entries<any>(byName)) {
        setMetaArguments(new RawResource(stack, name, type, attributesOf(block)), block);
      }
    }
    for (const [name, block] of Object.entries<any>(doc.output ?? {})) {
      new RawOutput(stack, name, block);
    }
  }
}

/**
 * What necessarily differs between the library's Terraform JSON and the rebuild's, removed before
 * comparing: each block's `"//".metadata.path` (the construct path: the library's constructs nest,
 * the rebuild's blocks sit directly in the stack). The unique ids (the Terraform addresses) are
 * compared.
 */
export function normalizeGcp(document: any): any {
  const copy = JSON.parse(JSON.stringify(document));
  for (const section of ['resource', 'data']) {
    for (const byName of Object.values<any>(copy[section] ?? {})) {
      for (const block of Object.values<any>(byName)) {
        delete block?.['//']?.metadata?.path;
      }
    }
  }
  return copy;
}

/** Differences between the library's cdk.tf.json files and the rebuild's (empty when equal). */
export function compareGcp(library: readonly GcpL1Stack[], l1: readonly GcpL1Stack[]): string[] {
  const problems: string[] = [];
  const mine = new Map(l1.map((s) => [s.id, s]));
  for (const s of library) {
    const other = mine.get(s.id);
    if (!other) {
      problems.push(`${s.id}: missing from the L1 rebuild`);
    } else {
      const a = normalizeGcp(s.document);
      const b = normalizeGcp(other.document);
      if (!isDeepStrictEqual(a, b)) {
        problems.push(`${s.id}: Terraform JSON differs${firstDifference(a, b, '')}`);
      }
    }
    mine.delete(s.id);
  }
  problems.push(...[...mine.keys()].map((id) => `${id}: only in the L1 rebuild`));
  return problems;
}

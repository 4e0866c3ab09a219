/**
 * The TypeScript examples of README.md and docs/*.md are type-checked by the project's tsc run
 * (`npm test` runs tools/extract-readme-examples.js first, and tsconfig.json includes .tmp/readme)
 * and run here: each block is executed as its own module, the apps and stacks it made are
 * synthesized, and the resource types and counts of each stack are compared with the inventory
 * committed in test/readme-inventory.json. A block that makes no stack (the neutral core) must run
 * without throwing. `npm run readme:inventory` rewrites the inventory after a deliberate change.
 *
 * Everything runs in this one jest process, with the CloudFormation validator off (test/setup-env.ts);
 * cdktf apps that a block synthesizes write to a temporary directory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as AwsApp, Stack, Stage } from 'aws-cdk-lib';
import { App as CdktfApp, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

interface ExampleFile {
  readonly file: string;
  readonly text: string;
  readonly code: string;
  readonly key: string;
  readonly page: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readmeExampleFiles } = require('../tools/extract-readme-examples') as { readmeExampleFiles(): ExampleFile[] };

/** Stack name → resource type (`data.<type>` for Terraform data sources) → count. */
type Inventory = Record<string, Record<string, number>>;

const INVENTORY_FILE = path.join(__dirname, 'readme-inventory.json');
const WRITE = process.env.README_INVENTORY === 'write';
const blocks = readmeExampleFiles();
const committed: Record<string, Inventory> = fs.existsSync(INVENTORY_FILE) ? JSON.parse(fs.readFileSync(INVENTORY_FILE, 'utf8')) : {};
const measured: Record<string, Inventory> = {};

test('README has TypeScript examples for both clouds', () => {
  const texts = blocks.map((b) => b.text);
  expect(texts.some((b) => b.includes("from 'mlops-constructs/aws'"))).toBe(true);
  expect(texts.some((b) => b.includes("from 'mlops-constructs/gcp'"))).toBe(true);
});

test('the examples tsc checked are the current pages (run `npm test`, not jest alone)', () => {
  for (const { file, text } of blocks) {
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `missing ${file}`).toBe(text);
  }
});

test('every example can run: none only declares what it uses', () => {
  const declaring = blocks.filter((b) => /^declare /m.test(b.code)).map((b) => `${b.key}: ${/^declare .*$/m.exec(b.code)![0]}`);
  expect(declaring).toEqual([]);
});

function countsOf(types: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of types.sort()) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
}

/** The roots of the constructs a block exports (its apps). */
function appsOf(exports: Record<string, unknown>): IConstruct[] {
  const roots = new Set<IConstruct>();
  for (const value of Object.values(exports)) {
    if (Construct.isConstruct(value)) roots.add(value.node.root);
  }
  return [...roots];
}

function inventoryOf(app: IConstruct): Inventory {
  const inventory: Inventory = {};
  if (app instanceof AwsApp) {
    const assembly = app.synth();
    for (const stack of app.node.findAll().filter(Stack.isStack)) {
      // A stack of a Stage (a pipeline's) is in that stage's nested assembly.
      const stage = Stage.of(stack);
      const stackAssembly = stage === undefined || stage === app ? assembly : stage.synth();
      const resources: Record<string, { Type: string }> = stackAssembly.getStackArtifact(stack.artifactId).template.Resources ?? {};
      inventory[stack.stackName] = countsOf(Object.values(resources).map((r) => r.Type));
    }
  } else if (app instanceof CdktfApp) {
    for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
      const json = stack.toTerraform() as { resource?: Record<string, object>; data?: Record<string, object> };
      inventory[stack.node.id] = countsOf([
        ...Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map(() => type)),
        ...Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map(() => `data.${type}`)),
      ]);
    }
  } else {
    throw new Error(`a construct tree whose root is neither an aws-cdk App nor a cdktf App: ${app.node.path || app.constructor.name}`);
  }
  return inventory;
}

describe('each example runs and synthesizes its committed inventory', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-cdktf-'));
  const previousOutdir = process.env.CDKTF_OUTDIR;
  beforeAll(() => {
    process.env.CDKTF_OUTDIR = outdir;
  });
  afterAll(() => {
    if (previousOutdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previousOutdir;
    fs.rmSync(outdir, { recursive: true, force: true });
    if (WRITE && Object.keys(measured).length === blocks.length) {
      fs.writeFileSync(INVENTORY_FILE, `${JSON.stringify(measured, null, 2)}\n`);
    }
  });

  test.each(blocks.map((b) => [b.key, b] as const))('%s', (key, block) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(block.file) as Record<string, unknown>;
    const inventory: Inventory = {};
    for (const app of appsOf(exports)) {
      Object.assign(inventory, inventoryOf(app));
    }
    measured[key] = inventory;
    if (!WRITE) {
      try {
        expect(inventory).toEqual(committed[key]);
      } catch (e) {
        throw new Error(`${key}: its stacks no longer match test/readme-inventory.json. If the change is meant, run \`npm run readme:inventory\` and commit the file.\n${(e as Error).message}`);
      }
    }
  });

  test('the committed inventory lists exactly these examples (else run `npm run readme:inventory`)', () => {
    expect(Object.keys(WRITE ? measured : committed).sort()).toEqual(blocks.map((b) => b.key).sort());
  });
});

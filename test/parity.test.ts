/**
 * The two clouds have the same constructs with the same shape, except where the parity table
 * (tools/parity/concepts.ts) lists a difference with its reason. Read from both entry points by
 * the TypeScript checker: Props members and their optionality, interface members, grants and their
 * parameters, statics (imports), the warnings object of each construct folder, paired types.
 * docs/parity.md is rendered from the same data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readEntryPoint } from '../tools/api/model';
import { ApiProgram, inMemoryApiProgram, libraryApiProgram, REPO_ROOT } from '../tools/api/program';
import { checkParity, ParityConcept } from '../tools/parity/compare';
import { CLOUD_ONLY_CONSTRUCTS, PARITY_CONCEPTS } from '../tools/parity/concepts';
import { PARITY_DOC, renderParityDoc } from '../tools/parity/render';

function parityOf(api: ApiProgram, concepts: readonly ParityConcept[], cloudOnly = CLOUD_ONLY_CONSTRUCTS) {
  return checkParity(api, { aws: readEntryPoint(api, 'lib/aws/index.ts'), gcp: readEntryPoint(api, 'lib/gcp/index.ts') }, concepts, cloudOnly);
}

describe('the library', () => {
  const result = parityOf(libraryApiProgram(), PARITY_CONCEPTS);

  test.each(result.concepts.map((c) => [c.concept.concept, c] as const))('%s: every difference between the clouds is listed with its reason, and every listed one exists', (_, check) => {
    expect([...check.unlisted, ...check.stale]).toEqual([]);
    expect(check.sides.aws.cls?.isConstruct).toBe(true);
    expect(check.sides.gcp.cls?.isConstruct).toBe(true);
    for (const allowed of check.concept.allowed) {
      expect(allowed.reason.length).toBeGreaterThan(20);
    }
  });

  test('every construct either entry point exports is a row of the table', () => {
    expect(result.problems).toEqual([]);
    expect(result.concepts.map((c) => c.concept.concept)).toEqual(['DataLake', 'StreamingIngest', 'FeatureStore', 'GpuTrainingCluster', 'ModelEndpoint', 'ModelRegistry', 'TrainingPipeline', 'DeliveryPipeline', 'DriftMonitor', 'MlopsPlatform']);
  });

  test('the shared names of SHAPE.md R4–R8 are on both clouds', () => {
    const byConcept = new Map(result.concepts.map((c) => [c.concept.concept, c]));
    const both = (concept: string, read: (s: (typeof result.concepts)[number]['sides']['aws']) => readonly { name: string }[] | undefined) =>
      (['aws', 'gcp'] as const).map((cloud) => (read(byConcept.get(concept)!.sides[cloud]) ?? []).map((m) => m.name));
    for (const [concept, grants] of [
      ['DataLake', ['grantRead', 'grantWrite', 'grantQuery']],
      ['StreamingIngest', ['grantWrite']],
      ['FeatureStore', ['grantReadOnline']],
      ['GpuTrainingCluster', ['grantLaunchTrainingJobs']],
      ['ModelEndpoint', ['grantInvoke']],
    ] as const) {
      for (const names of both(concept, (s) => s.iface?.members)) {
        expect(names).toEqual(expect.arrayContaining([...grants]));
      }
    }
    for (const [concept, props] of [
      ['DataLake', ['prefix', 'zones', 'tables', 'encryptionKey', 'removalPolicy']],
      ['FeatureStore', ['lake', 'featureGroups', 'prefix', 'offlineZone']],
      ['GpuTrainingCluster', ['lake', 'inputZones', 'clusterName']],
      ['ModelEndpoint', ['captureLake', 'captureZone', 'captureSamplingPercentage']],
    ] as const) {
      for (const names of both(concept, (s) => s.props?.members)) {
        expect(names).toEqual(expect.arrayContaining([...props]));
      }
    }
    for (const concept of ['DataLake', 'StreamingIngest', 'FeatureStore', 'ModelEndpoint']) {
      for (const names of both(concept, (s) => s.cls?.statics)) {
        expect(names).toContain(`from${concept}Attributes`);
      }
    }
  });

  test(`${PARITY_DOC} is rendered from the table and the code (run \`npm run parity:doc\` after changing either)`, () => {
    const file = path.join(REPO_ROOT, PARITY_DOC);
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `missing ${PARITY_DOC}`).toBe(renderParityDoc(result));
  });
});

/** A two-cloud library with one construct, `Lake`, in memory; each part can be replaced. */
function fixture(parts: { awsProps?: string; gcpProps?: string; awsGrant?: string; gcpGrant?: string; gcpWarnings?: string; extraAws?: string } = {}) {
  const side = (cloud: 'aws' | 'gcp', props: string, grant: string, warnings: string) => ({
    [`lib/${cloud}/index.ts`]: `export * from './lake';\n${cloud === 'aws' && parts.extraAws ? "export * from './pond';\n" : ''}`,
    [`lib/${cloud}/lake/index.ts`]: "export * from './lake';\n",
    [`lib/${cloud}/lake/lake.ts`]: `
      import { Construct } from 'constructs';
      ${warnings}
      export interface ILake { ${grant} }
      export interface LakeProps { ${props} }
      export class Lake extends Construct implements ILake {
        public static fromLakeAttributes(scope: Construct, id: string): ILake { return new Lake(scope, id, { prefix: 'x' }); }
        constructor(scope: Construct, id: string, props: LakeProps) { super(scope, id); void props; }
        public ${grant.replace(';', ' { return undefined; }')}
      }`,
  });
  const files = {
    ...side('aws', parts.awsProps ?? 'readonly prefix?: string; readonly zones?: string[];', parts.awsGrant ?? 'grantRead(zone: string, who: unknown): unknown;', "export const LAKE_WARNINGS = { weak: 'mlops-constructs:Lake.weak' } as const;"),
    ...side('gcp', parts.gcpProps ?? 'readonly prefix?: string; readonly zones?: string[];', parts.gcpGrant ?? 'grantRead(zone: string, who: unknown): unknown;', parts.gcpWarnings ?? 'export const LAKE_WARNINGS = {} as const;'),
  };
  if (parts.extraAws) {
    files['lib/aws/pond.ts'] = parts.extraAws;
  }
  return inMemoryApiProgram(files);
}

describe('the check fails, saying what differs and how to list it', () => {
  const row: ParityConcept = { concept: 'Lake', allowed: [] };

  test('the fixture itself has no difference', () => {
    expect(parityOf(fixture(), [row], []).problems).toEqual([]);
  });

  test('a prop renamed on one cloud only', () => {
    const { problems } = parityOf(fixture({ gcpProps: 'readonly namePrefix?: string; readonly zones?: string[];' }), [row], []);
    expect(problems).toEqual([
      expect.stringMatching(/^Lake: prefix is on AWS LakeProps \(lib\/aws\/lake\/lake\.ts:\d+\) and not on GCP LakeProps\. Give both clouds the same name, or list it in tools\/parity\/concepts\.ts under Lake\.allowed as \{ kind: 'props', cloud: 'aws', names: \['prefix'\], reason: '…' \}$/),
      expect.stringMatching(/^Lake: namePrefix is on GCP LakeProps .* as \{ kind: 'props', cloud: 'gcp', names: \['namePrefix'\]/),
    ]);
  });

  test('a prop required on one cloud and optional on the other', () => {
    const { problems } = parityOf(fixture({ gcpProps: 'readonly prefix: string; readonly zones?: string[];' }), [row], []);
    expect(problems).toEqual([expect.stringMatching(/^Lake: prefix is required on GCP .* kind: 'optionality', cloud: 'gcp', names: \['prefix'\]/)]);
  });

  test('a grant renamed, or taking other parameters, on one cloud', () => {
    expect(parityOf(fixture({ gcpGrant: 'grantReadZone(zone: string, who: unknown): unknown;' }), [row], []).problems).toEqual([
      expect.stringMatching(/^Lake: grantRead is on AWS Lake .* kind: 'grants', cloud: 'aws'/),
      expect.stringMatching(/^Lake: grantReadZone is on GCP Lake .* kind: 'grants', cloud: 'gcp'/),
    ]);
    expect(parityOf(fixture({ gcpGrant: 'grantRead(who: unknown): unknown;' }), [row], []).problems).toEqual([
      expect.stringMatching(/^Lake: grantRead\(zone, who\) on AWS and grantRead\(who\) on GCP take different parameters .* kind: 'grantParameters', cloud: 'aws'/),
      expect.stringMatching(/kind: 'grantParameters', cloud: 'gcp'/),
    ]);
  });

  test('a construct folder without its warnings object', () => {
    expect(parityOf(fixture({ gcpWarnings: '' }), [row], []).problems).toEqual([
      expect.stringMatching(/^Lake: AWS has the warnings object LAKE_WARNINGS and GCP has none exported from lib\/gcp\/lake\/index\.ts/),
    ]);
  });

  test('an allowed difference that no longer exists', () => {
    const stale: ParityConcept = { concept: 'Lake', allowed: [{ kind: 'props', cloud: 'gcp', names: ['location'], reason: 'GCS buckets take a location.' }] };
    expect(parityOf(fixture(), [stale], []).problems).toEqual([
      "Lake: the allowed difference props GCP 'location' no longer exists in the code; remove it from tools/parity/concepts.ts (it would document a difference that is gone)",
    ]);
  });

  test('a new construct in no row, and a row whose construct only one cloud has', () => {
    const pond = `import { Construct } from 'constructs';\nexport class Pond extends Construct {}\nexport class NotAConstruct {}\n`;
    const api = fixture({ extraAws: pond });
    expect(parityOf(api, [row], []).problems).toEqual([
      expect.stringMatching(/^AWS exports the construct Pond \(lib\/aws\/pond\.ts\), which is in no row of the parity table: add a row `\{ concept: 'Pond', allowed: \[\] \}`/),
    ]);
    expect(parityOf(api, [row, { concept: 'Pond', allowed: [] }], []).problems).toEqual([
      expect.stringMatching(/^Pond: AWS exports the construct Pond and GCP exports no Pond\. .* kind: 'missing', cloud: 'aws', names: \['Pond'\]/),
    ]);
    expect(parityOf(api, [row, { concept: 'Pond', allowed: [{ kind: 'missing', cloud: 'aws', names: ['Pond'], reason: 'The GCP half is not built yet.' }] }], []).problems).toEqual([]);
  });
});

/**
 * The conventions of SHAPE.md that need the type checker or several files (tools/api/conventions.ts),
 * run over lib/ — and over small in-memory libraries that break each one, so that every check is
 * seen failing. The syntax conventions are ESLint rules (eslint.config.cjs, test/lint.test.ts).
 */
import { ConventionExceptions, conventionRules, ConventionRule, DEFAULTS_DOCUMENTED, GCP_PROPS_EXTEND_IAM, INTERFACE_PER_CONSTRUCT, LAYOUT, NO_ANY_IN_PUBLIC_TYPES, sharedHelpersRule, warningIdsRule } from '../tools/api/conventions';
import { inMemoryApiProgram, libraryApiProgram } from '../tools/api/program';

/**
 * The library's exceptions. Warning ids from before the `mlops-constructs:<Construct>.<camelCaseId>`
 * scheme keep their values (R11: users may have acknowledged them by id); new ids use the scheme.
 * No helper of lib/<cloud>/private/ has a single user.
 */
const EXCEPTIONS: ConventionExceptions = {
  grandfatheredWarnings: [
    { key: 'gcp GpuTrainingCluster.driverVersionRecreatesPool', id: 'mlops-constructs:gke-gpu-driver-version-recreates-pool' },
    { key: 'gcp ModelEndpoint.publicAccess', id: 'mlops-constructs:model-endpoint-public-access' },
    { key: 'gcp ModelEndpoint.noDeletionProtection', id: 'mlops-constructs:model-endpoint-no-deletion-protection' },
  ],
  singleUserHelpers: [],
};

describe('lib/ follows the conventions', () => {
  const api = libraryApiProgram();
  test.each(conventionRules(EXCEPTIONS).map((r) => [r.id, r] as const))('%s', (_, rule) => {
    expect(rule.check(api)).toEqual([]);
  });
});

/** One construct `<Name>` of a cloud, in its folder, following every convention unless `parts` say otherwise. */
function construct(cloud: 'aws' | 'gcp', name: string, parts: { props?: string; project?: boolean; extendsIam?: boolean; iface?: boolean; fromAttributes?: boolean; warnings?: string; classDoc?: string; extra?: string; file?: string } = {}): Record<string, string> {
  const folder = name.toLowerCase();
  const upper = name.toUpperCase();
  const iam = cloud === 'gcp' && parts.extendsIam !== false;
  const withIface = parts.iface !== false;
  return {
    [`lib/${cloud}/${folder}/index.ts`]: `export * from './${parts.file ?? folder}';\n`,
    [`lib/${cloud}/${folder}/${parts.file ?? folder}.ts`]: `
      import { Construct } from 'constructs';
      ${iam ? "import { GcpIamProps } from '../iam';" : ''}
      import { namesOf } from '../private/names';
      export const ${upper}_WARNINGS = ${parts.warnings ?? `{ weakened: 'mlops-constructs:${name}.weakened' }`} as const;
      ${withIface ? `/** A ${name}. */\nexport interface I${name} { readonly ${folder}Name: string; }` : ''}
      export interface ${name}Props ${iam ? 'extends GcpIamProps ' : ''}{
        ${parts.props ?? '/** Name prefix. @default - derived from the path */\nreadonly prefix?: string;'}
        ${cloud === 'gcp' && parts.project !== false ? '/** Project. @default - the provider\'s */\nreadonly project?: string;' : ''}
      }
      ${parts.classDoc ?? ''}
      export class ${name} extends Construct ${withIface ? `implements I${name} ` : ''}{
        ${parts.fromAttributes === false ? '' : `public static from${name}Attributes(scope: Construct, id: string): ${withIface ? `I${name}` : name} { return new ${name}(scope, id); }`}
        public readonly ${folder}Name: string;
        ${parts.extra ?? ''}
        constructor(scope: Construct, id: string, props: ${name}Props = {}) { super(scope, id); this.${folder}Name = namesOf(props.prefix ?? id); }
      }`,
  };
}

/** A library with `Lake` and `Pond` on GCP and `Lake` on AWS, sharing `private/names.ts` on each cloud. */
function library(overrides: Record<string, string | undefined> = {}) {
  const files: Record<string, string | undefined> = {
    'lib/core/index.ts': "export * from './errors';\n",
    'lib/core/errors.ts': '/** A problem. */\nexport interface ValidationProblem { readonly property: string }\n',
    'lib/gcp/index.ts': "export * from './iam';\nexport * from './lake';\nexport * from './pond';\n",
    'lib/gcp/iam.ts': '/** IAM. */\nexport interface GcpIamProps {\n /** Roles. @default - none */\n readonly iam?: Record<string, string[]>;\n}\n',
    'lib/gcp/private/names.ts': 'export function namesOf(prefix: string): string { return prefix; }\n',
    'lib/aws/index.ts': "export * from './lake';\nexport * from './pond';\n",
    'lib/aws/private/names.ts': 'export function namesOf(prefix: string): string { return prefix; }\n',
    ...construct('gcp', 'Lake'),
    ...construct('gcp', 'Pond'),
    ...construct('aws', 'Lake'),
    ...construct('aws', 'Pond'),
    ...overrides,
  };
  return inMemoryApiProgram(Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined)));
}

const NONE: ConventionExceptions = { grandfatheredWarnings: [], singleUserHelpers: [] };
const checkOf = (rule: ConventionRule, overrides: Record<string, string | undefined> = {}) => rule.check(library(overrides));

describe('each convention can fail', () => {
  test('the fixture library itself follows every convention', () => {
    const api = library();
    for (const rule of conventionRules(NONE)) {
      expect([rule.id, rule.check(api)]).toEqual([rule.id, []]);
    }
  });

  test('an optional prop without @default', () => {
    expect(checkOf(DEFAULTS_DOCUMENTED, construct('gcp', 'Pond', { props: '/** Zones. */\nreadonly zones?: string[];\n/** Required. */\nreadonly prefix: string;' }))).toEqual([
      expect.stringMatching(/^lib\/gcp\/pond\/pond\.ts:\d+: PondProps\.zones is optional and has no @default; add `@default <value>` or `@default - <what happens without it>`$/),
    ]);
    // An Options interface, and an inherited member (reported once, where it is declared).
    expect(checkOf(DEFAULTS_DOCUMENTED, {
      'lib/gcp/iam.ts': 'export interface GcpIamProps {\n readonly iam?: Record<string, string[]>;\n}\nexport interface GrantOptions {\n readonly role?: string;\n}\n',
    })).toEqual([expect.stringMatching(/GcpIamProps\.iam is optional/), expect.stringMatching(/GrantOptions\.role is optional/)]);
  });

  test('a construct without its interface, or without an import, unless its doc says why', () => {
    expect(checkOf(INTERFACE_PER_CONSTRUCT, construct('aws', 'Pond', { iface: false }))).toEqual([
      expect.stringMatching(/^lib\/aws\/pond\/pond\.ts:\d+: the construct Pond has no exported interface IPond in lib\/aws\/index\.ts; add one .* or say in the class doc "There is no `IPond`" and why$/),
    ]);
    expect(checkOf(INTERFACE_PER_CONSTRUCT, construct('aws', 'Pond', { iface: false, classDoc: '/** There is no `IPond`: nothing consumes a pond. */' }))).toEqual([]);
    expect(checkOf(INTERFACE_PER_CONSTRUCT, construct('aws', 'Pond', { fromAttributes: false }))).toEqual([
      expect.stringMatching(/Pond has no static fromPondAttributes \(R6\); add the import, or say in the IPond doc "There is no `fromPondAttributes`" and why$/),
    ]);
  });

  test('a construct folder without its warnings object, an id off the scheme, a duplicate id, a stale grandfathered id', () => {
    const rule = warningIdsRule(NONE);
    expect(checkOf(rule, { 'lib/gcp/pond/pond.ts': library().program.getSourceFiles().find((f) => f.fileName.endsWith('gcp/pond/pond.ts'))!.text.replace('export const POND_WARNINGS', 'const POND_WARNINGS') }))
      .toEqual([expect.stringMatching(/^lib\/gcp\/pond\/index\.ts: exports no POND_WARNINGS object of string ids; export `POND_WARNINGS = \{ camelCaseId: 'mlops-constructs:Pond\.camelCaseId' \} as const`/)]);
    expect(checkOf(rule, construct('gcp', 'Pond', { warnings: "{ weakened: 'mlops-constructs:pond-weakened', 'Bad-Key': 'mlops-constructs:Pond.Bad-Key' }" }))).toEqual([
      "lib/gcp/pond/pond.ts: POND_WARNINGS.weakened is 'mlops-constructs:pond-weakened'; a warning id is 'mlops-constructs:Pond.weakened' (R11)",
      'lib/gcp/pond/pond.ts: POND_WARNINGS.Bad-Key: the key is not camelCase',
    ]);
    expect(checkOf(rule, construct('aws', 'Pond', { warnings: "{ weakened: 'mlops-constructs:Lake.weakened' }" }))).toEqual([
      "lib/aws/pond/pond.ts: POND_WARNINGS.weakened is 'mlops-constructs:Lake.weakened'; a warning id is 'mlops-constructs:Pond.weakened' (R11)",
      "lib/aws/pond/pond.ts: the warning id 'mlops-constructs:Lake.weakened' of aws Pond.weakened is also the id of aws Lake.weakened; ids are unique on a cloud",
    ]);
    const grandfathered = warningIdsRule({ grandfatheredWarnings: [{ key: 'gcp Pond.weakened', id: 'mlops-constructs:pond-weakened' }] });
    expect(checkOf(grandfathered, construct('gcp', 'Pond', { warnings: "{ weakened: 'mlops-constructs:pond-weakened' }" }))).toEqual([]);
    expect(checkOf(grandfathered)).toEqual(["the grandfathered warning id 'mlops-constructs:pond-weakened' (gcp Pond.weakened) is no longer used; remove it from the list"]);
  });

  test('`any` in a public type, written or inferred', () => {
    expect(checkOf(NO_ANY_IN_PUBLIC_TYPES, construct('aws', 'Pond', {
      props: '/** Tags. @default - none */\nreadonly tags?: Record<string, any>;',
      extra: "public readonly parsed = JSON.parse('{}');\npublic render(): any[] { return []; }\nprivate hidden: any = 1;\npublic count() { const x: any = 1; return Number(x); }",
    }))).toEqual([
      expect.stringMatching(/^lib\/aws\/pond\/pond\.ts:\d+: `any` in the public type of PondProps; give it a type/),
      expect.stringMatching(/^lib\/aws\/pond\/pond\.ts:\d+: `any` in the public type of Pond;/),
      expect.stringMatching(/^lib\/aws\/pond\/pond\.ts:\d+: a public part of Pond is inferred as `any`; annotate its type$/),
    ]);
  });

  test('a GCP Props that does not extend GcpIamProps, or takes no project', () => {
    expect(checkOf(GCP_PROPS_EXTEND_IAM, construct('gcp', 'Pond', { extendsIam: false }))).toEqual([
      'lib/gcp/pond/pond.ts: PondProps does not extend GcpIamProps; every GCP Props does (R14: the same IAM props on every construct)',
    ]);
    expect(checkOf(GCP_PROPS_EXTEND_IAM, construct('gcp', 'Pond', { project: false }))).toEqual([
      'lib/gcp/pond/pond.ts: PondProps has no optional `project`; every GCP construct takes `project?` (R14)',
    ]);
  });

  test('a shared helper with one user, or named after a construct; a stale single-user listing', () => {
    const rule = sharedHelpersRule(NONE);
    const lakeOnly = {
      'lib/gcp/private/labels.ts': "import { namesOf } from './names';\nexport const LABELS = namesOf('x');\n",
      'lib/gcp/lake/extra.ts': "import { LABELS } from '../private/labels';\nexport const LAKE_LABELS = LABELS;\n",
      'lib/gcp/private/pond.ts': "import { LABELS } from './labels';\nexport const POND = LABELS;\n",
    };
    expect(checkOf(rule, lakeOnly)).toEqual([
      "lib/gcp/private/labels.ts: used by only lake; a helper moves up to lib/gcp/private/ on its second user (SHAPE.md), so move it into lib/gcp/lake/private/, or list it with the reason",
      'lib/gcp/private/pond.ts: a shared helper is named after a service (s3, kms, iam-members, …), not after the construct pond; if only pond uses it, it belongs in lib/gcp/pond/private/',
      'lib/gcp/private/pond.ts: used by nothing; a helper moves up to lib/gcp/private/ on its second user (SHAPE.md), so move it into the folder that needs it, or delete it, or list it with the reason',
    ]);
    // names.ts reaches both constructs directly; labels.ts counts the users of the helpers that import it.
    expect(checkOf(sharedHelpersRule({ singleUserHelpers: [{ file: 'lib/gcp/private/names.ts', reason: 'r' }] }))).toEqual([
      'lib/gcp/private/names.ts is listed as a single-user helper but is used by lake, pond; remove it from the list',
    ]);
  });

  test('a catch-all folder, a public export declared in private/, a construct outside its folder, a cloud index that is not export-star lines', () => {
    expect(checkOf(LAYOUT, {
      'lib/gcp/utils/strings.ts': 'export const X = 1;\n',
      'lib/gcp/pond/index.ts': "export * from './pond';\nexport * from './private/secret';\n",
      'lib/gcp/pond/private/secret.ts': '/** Secret. */\nexport const SECRET = 1;\n',
      'lib/aws/index.ts': "export * from './lake';\nexport { Pond } from './pond';\n",
      ...construct('aws', 'Pond', { file: 'ponds' }),
    })).toEqual([
      'lib/ has a folder named utils/; name files after what they serve (the service, the construct), not "utils" (SHAPE.md)',
      "lib/gcp/index.ts exports SECRET, declared in lib/gcp/pond/private/secret.ts: private/ holds helpers only, public API lives in the folder's public files",
      'lib/aws/pond/ponds.ts: the construct Pond lives in lib/aws/pond/pond.ts (one folder per construct)',
      expect.stringMatching(/^lib\/aws\/index\.ts:2: lib\/aws\/index\.ts holds only `export \* from '\.\/<folder-or-file>'` lines$/),
    ]);
  });
});

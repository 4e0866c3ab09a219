/**
 * The conventions of SHAPE.md and plan/standards.md that need the type checker or more than one
 * file, as checks over a program of the library (./program.ts). Each returns one sentence per
 * violation, saying where and what to do; test/conventions.test.ts runs them over lib/ and over
 * small in-memory libraries that break each one. The conventions a syntax rule expresses (no
 * `any` written in lib/, import boundaries, banned verbs, no re-export of private/, GCP warnings
 * through warn()) are ESLint rules in eslint.config.cjs.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { ApiClass, ApiExport, kebab, readClass, readInterface, readModuleExports, readStringRecord, upperSnake } from './model';
import { ApiProgram, relativeFile } from './program';

/** The entry points whose exports are public API. */
export const ENTRY_POINTS: readonly string[] = ['lib/core/index.ts', 'lib/aws/index.ts', 'lib/gcp/index.ts', 'lib/aws/testing/index.ts', 'lib/gcp/testing/index.ts'];

/** One convention. */
export interface ConventionRule {
  readonly id: string;
  /** What it enforces, in a sentence. */
  readonly description: string;
  check(api: ApiProgram): string[];
}

/** Warning ids from before the `mlops-constructs:<Construct>.<camelCaseId>` scheme, which keep their values (R11). */
export interface GrandfatheredWarning {
  /** `gcp ModelEndpoint.publicAccess`: cloud, construct, key. */
  readonly key: string;
  readonly id: string;
}

/** A helper of lib/<cloud>/private/ with one user, and why it is there all the same. */
export interface SingleUserHelper {
  readonly file: string;
  readonly reason: string;
}

/** What the checks accept as exceptions; each is itself checked to still be needed. */
export interface ConventionExceptions {
  readonly grandfatheredWarnings: readonly GrandfatheredWarning[];
  readonly singleUserHelpers: readonly SingleUserHelper[];
}

interface PublicExport {
  readonly entry: string;
  readonly exp: ApiExport;
}

function entryPoints(api: ApiProgram): string[] {
  return ENTRY_POINTS.filter((e) => api.program.getSourceFile(path.join(api.root, e)));
}

/** Every export of every entry point, once per declaration. */
function publicExports(api: ApiProgram): PublicExport[] {
  const seen = new Set<ts.Declaration>();
  const all: PublicExport[] = [];
  for (const entry of entryPoints(api)) {
    for (const exp of readModuleExports(api, entry).values()) {
      if (!seen.has(exp.declaration)) {
        seen.add(exp.declaration);
        all.push({ entry, exp });
      }
    }
  }
  return all;
}

interface PublicConstruct {
  readonly entry: string;
  readonly cloud: string;
  readonly cls: ApiClass;
  readonly file: string;
}

function publicConstructs(api: ApiProgram): PublicConstruct[] {
  return publicExports(api)
    .filter(({ exp }) => exp.kind === 'class')
    .map(({ entry, exp }) => ({ entry, cloud: entry.split('/')[1], cls: readClass(api, exp), file: exp.file }))
    .filter((c) => c.cls.isConstruct && !(ts.getCombinedModifierFlags(c.cls.declaration) & ts.ModifierFlags.Abstract));
}

function location(api: ApiProgram, node: ts.Node): string {
  const sf = node.getSourceFile();
  return `${relativeFile(api, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

/** `@default` on every optional property of an exported `…Props` or `…Options` interface. */
export const DEFAULTS_DOCUMENTED: ConventionRule = {
  id: 'defaults-documented',
  description: 'Every optional property of an exported …Props or …Options interface has @default (a value, or "- " and the behaviour in words).',
  check(api) {
    const problems = new Map<string, string>();
    for (const { exp } of publicExports(api)) {
      if (exp.kind !== 'interface' || !/(Props|Options)$/.test(exp.name)) continue;
      for (const m of readInterface(api, exp).members) {
        if (m.kind === 'property' && m.optional && !m.tags.default) {
          problems.set(m.location, `${m.location}: ${m.declaredIn}.${m.name} is optional and has no @default; add \`@default <value>\` or \`@default - <what happens without it>\``);
        }
      }
    }
    return [...problems.values()];
  },
};

function implementsInterface(api: ApiProgram, decl: ts.ClassDeclaration, name: string): boolean {
  for (const clause of decl.heritageClauses ?? []) {
    for (const t of clause.types) {
      if (clause.token === ts.SyntaxKind.ImplementsKeyword && t.expression.getText() === name) return true;
      if (clause.token === ts.SyntaxKind.ExtendsKeyword) {
        const symbol = api.checker.getSymbolAtLocation(t.expression);
        const target = symbol && (symbol.flags & ts.SymbolFlags.Alias ? api.checker.getAliasedSymbol(symbol) : symbol);
        const base = target?.declarations?.find(ts.isClassDeclaration);
        if (base && implementsInterface(api, base, name)) return true;
      }
    }
  }
  return false;
}

/**
 * An `IXxx` per exported construct, implemented by it (or a class doc sentence "There is no
 * `IXxx`" saying why), and R6: `fromXxxAttributes` on it, or the interface's doc says why not.
 */
export const INTERFACE_PER_CONSTRUCT: ConventionRule = {
  id: 'interface-per-construct',
  description: 'Every exported construct Xxx has an exported IXxx that it implements (or its doc says "There is no `IXxx`" and why), and a static fromXxxAttributes (or the IXxx doc says "There is no `fromXxxAttributes`" and why).',
  check(api) {
    const problems: string[] = [];
    for (const { entry, cls } of publicConstructs(api)) {
      const name = cls.name;
      const iface = readModuleExports(api, entry).get(`I${name}`);
      if (!iface || iface.kind !== 'interface') {
        if (!cls.doc.includes(`There is no \`I${name}\``)) {
          problems.push(`${cls.location}: the construct ${name} has no exported interface I${name} in ${entry}; add one (the behavioural contract consumers take, SHAPE.md R5), or say in the class doc "There is no \`I${name}\`" and why`);
        }
        continue;
      }
      if (!implementsInterface(api, cls.declaration, `I${name}`)) {
        problems.push(`${cls.location}: ${name} does not implement I${name} (nor does a base class of it)`);
      }
      const ifaceDoc = ts.getJSDocCommentsAndTags(iface.declaration).filter(ts.isJSDoc).map((d) => d.getText()).join('\n');
      if (!cls.statics.some((s) => s.name === `from${name}Attributes`)
        && !ifaceDoc.includes(`There is no \`from${name}Attributes\``) && !ifaceDoc.includes('There is no `fromXxxAttributes`')) {
        problems.push(`${cls.location}: ${name} has no static from${name}Attributes (R6); add the import, or say in the I${name} doc "There is no \`from${name}Attributes\`" and why`);
      }
    }
    return problems;
  },
};

/** R11: `<CONSTRUCT>_WARNINGS` from every construct folder, ids `mlops-constructs:<Construct>.<camelCaseId>`. */
export function warningIdsRule(exceptions: Pick<ConventionExceptions, 'grandfatheredWarnings'>): ConventionRule {
  return {
    id: 'warning-ids',
    description: 'Every construct folder exports <CONSTRUCT>_WARNINGS = { camelCaseId: \'mlops-constructs:<Construct>.<camelCaseId>\' } (even {}); ids are unique on a cloud (the same concept on both clouds may share one); ids from before the scheme are listed as grandfathered.',
    check(api) {
      const problems: string[] = [];
      const owners = new Map<string, string>();
      const usedGrandfathered = new Set<string>();
      for (const { cloud, cls, file } of publicConstructs(api)) {
        const folder = path.posix.dirname(file);
        const objectName = `${upperSnake(cls.name)}_WARNINGS`;
        const index = `${folder}/index.ts`;
        const exp = api.program.getSourceFile(path.join(api.root, index)) ? readModuleExports(api, index).get(objectName) : undefined;
        const ids = exp && readStringRecord(exp);
        if (!ids) {
          problems.push(`${index}: exports no ${objectName} object of string ids; export \`${objectName} = { camelCaseId: 'mlops-constructs:${cls.name}.camelCaseId' } as const\` (or \`{} as const\` while ${cls.name} has no warning)`);
          continue;
        }
        for (const [key, id] of Object.entries(ids)) {
          const where = `${cloud} ${cls.name}.${key}`;
          if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) {
            problems.push(`${exp.file}: ${objectName}.${key}: the key is not camelCase`);
          }
          const grandfathered = exceptions.grandfatheredWarnings.find((g) => g.id === id);
          if (grandfathered) {
            usedGrandfathered.add(id);
            if (grandfathered.key !== where) {
              problems.push(`${exp.file}: ${objectName}.${key} uses the grandfathered id '${id}' of ${grandfathered.key}`);
            }
          } else if (id !== `mlops-constructs:${cls.name}.${key}`) {
            problems.push(`${exp.file}: ${objectName}.${key} is '${id}'; a warning id is 'mlops-constructs:${cls.name}.${key}' (R11)`);
          }
          const owner = owners.get(`${cloud} ${id}`);
          if (owner) {
            problems.push(`${exp.file}: the warning id '${id}' of ${where} is also the id of ${owner}; ids are unique on a cloud`);
          }
          owners.set(`${cloud} ${id}`, where);
        }
      }
      for (const g of exceptions.grandfatheredWarnings) {
        if (!usedGrandfathered.has(g.id)) {
          problems.push(`the grandfathered warning id '${g.id}' (${g.key}) is no longer used; remove it from the list`);
        }
      }
      return problems;
    },
  };
}

function anyKeywords(node: ts.Node | undefined, found: ts.Node[] = []): ts.Node[] {
  if (!node) return found;
  if (node.kind === ts.SyntaxKind.AnyKeyword) {
    found.push(node);
  }
  ts.forEachChild(node, (child) => {
    // A function body is not public: only signatures are.
    if (!ts.isBlock(child)) anyKeywords(child, found);
  });
  return found;
}

function isInferredAny(type: ts.Type): boolean {
  // Types from aws-cdk-lib, cdktf and the provider are unresolved here ("error" types, which also
  // have the Any flag); only a real `any` is reported.
  return (type.flags & ts.TypeFlags.Any) !== 0 && (type as { intrinsicName?: string }).intrinsicName === 'any';
}

/** No `any` in a public type: written, or inferred for a member without a type annotation. */
export const NO_ANY_IN_PUBLIC_TYPES: ConventionRule = {
  id: 'no-any-in-public-types',
  description: 'No exported declaration has `any` in its public type: not written (Record<string, any>, any[]) and not inferred for a public member or function without an annotation.',
  check(api) {
    const problems: string[] = [];
    for (const { exp } of publicExports(api)) {
      const decl = exp.declaration;
      const nodes: ts.Node[] = [];
      const inferred: { node: ts.Node; type: ts.Type }[] = [];
      if (ts.isClassDeclaration(decl)) {
        for (const m of decl.members) {
          const flags = ts.getCombinedModifierFlags(m);
          const name = m.name?.getText() ?? '';
          if (flags & ts.ModifierFlags.Private || name.startsWith('_') || name.startsWith('#')) continue;
          if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) {
            nodes.push(...m.parameters.filter((p) => !(ts.getCombinedModifierFlags(p) & ts.ModifierFlags.Private)), ...(m.type ? [m.type] : []), ...(m.typeParameters ?? []));
            if (!m.type && !ts.isConstructorDeclaration(m) && !ts.isSetAccessorDeclaration(m)) {
              const signature = api.checker.getSignatureFromDeclaration(m);
              if (signature) inferred.push({ node: m, type: api.checker.getReturnTypeOfSignature(signature) });
            }
          } else if (ts.isPropertyDeclaration(m)) {
            if (m.type) nodes.push(m.type);
            else inferred.push({ node: m, type: api.checker.getTypeAtLocation(m) });
          } else {
            nodes.push(m);
          }
        }
        nodes.push(...(decl.heritageClauses ?? []), ...(decl.typeParameters ?? []));
      } else if (ts.isFunctionDeclaration(decl)) {
        nodes.push(...decl.parameters, ...(decl.type ? [decl.type] : []), ...(decl.typeParameters ?? []));
        if (!decl.type) {
          const signature = api.checker.getSignatureFromDeclaration(decl);
          if (signature) inferred.push({ node: decl, type: api.checker.getReturnTypeOfSignature(signature) });
        }
      } else if (ts.isVariableDeclaration(decl)) {
        if (decl.type) nodes.push(decl.type);
        else inferred.push({ node: decl, type: api.checker.getTypeAtLocation(decl) });
      } else {
        nodes.push(decl);
      }
      for (const any of nodes.flatMap((n) => anyKeywords(n))) {
        problems.push(`${location(api, any)}: \`any\` in the public type of ${exp.name}; give it a type (unknown, a struct, Record<string, string>…)`);
      }
      for (const { node, type } of inferred) {
        if (isInferredAny(type)) {
          problems.push(`${location(api, node)}: a public part of ${exp.name} is inferred as \`any\`; annotate its type`);
        }
      }
    }
    return problems;
  },
};

/** R14: every GCP construct's Props extends GcpIamProps and takes `project?`. */
export const GCP_PROPS_EXTEND_IAM: ConventionRule = {
  id: 'gcp-props-extend-iam',
  description: 'Every GCP construct Xxx takes an exported XxxProps that extends GcpIamProps and has an optional project (R14).',
  check(api) {
    const problems: string[] = [];
    for (const { entry, cls } of publicConstructs(api).filter((c) => c.cloud === 'gcp')) {
      const props = readModuleExports(api, entry).get(`${cls.name}Props`);
      if (!props || props.kind !== 'interface') {
        problems.push(`${cls.location}: the GCP construct ${cls.name} has no exported ${cls.name}Props`);
      } else {
        const members = readInterface(api, props).members;
        if (!members.some((m) => m.name === 'iam' && m.declaredIn === 'GcpIamProps')) {
          problems.push(`${props.file}: ${cls.name}Props does not extend GcpIamProps; every GCP Props does (R14: the same IAM props on every construct)`);
        }
        if (!members.some((m) => m.name === 'project' && m.optional)) {
          problems.push(`${props.file}: ${cls.name}Props has no optional \`project\`; every GCP construct takes \`project?\` (R14)`);
        }
      }
    }
    return problems;
  },
};

function importedFiles(api: ApiProgram, sf: ts.SourceFile): string[] {
  const files: string[] = [];
  for (const statement of sf.statements) {
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const target = api.checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (target && ts.isSourceFile(target)) {
      files.push(relativeFile(api, target.fileName));
    }
  }
  return files;
}

/**
 * Who uses a file of lib/<cloud>/: the construct folder (`data-lake`), the policy pack
 * (`policy`), or a public file at the cloud's root (`iam.ts`). Shared helpers are not users.
 */
function userOf(file: string): string | undefined {
  const [, , first, ...rest] = file.split('/');
  if (first === 'private') return undefined;
  return rest.length ? first : first;
}

/**
 * A helper in lib/<cloud>/private/ has two or more users (construct folders, the policy pack,
 * public root files), counting those that reach it through other shared helpers, and is not named
 * after a construct.
 */
export function sharedHelpersRule(exceptions: Pick<ConventionExceptions, 'singleUserHelpers'>): ConventionRule {
  return {
    id: 'shared-helpers',
    description: 'A file of lib/<cloud>/private/ is used by two or more constructs (or the policy pack, or a public root file), directly or through other shared helpers, and is named after a service, not a construct; single-user helpers are listed with a reason.',
    check(api) {
      const problems: string[] = [];
      const files = api.program.getSourceFiles().filter((sf) => !sf.isDeclarationFile).map((sf) => ({ sf, file: relativeFile(api, sf.fileName) }));
      const imports = new Map(files.map(({ sf, file }) => [file, importedFiles(api, sf)]));
      const constructNames = new Set(publicConstructs(api).map((c) => `${c.cloud}/${kebab(c.cls.name)}`));
      for (const { file } of files.filter((f) => /^lib\/(aws|gcp)\/private\/[^/]+\.ts$/.test(f.file))) {
        const cloud = file.split('/')[1];
        // Every file that reaches `file`, through shared helpers of the same cloud only.
        const users = new Set<string>();
        const reached = new Set<string>([file]);
        const queue = [file];
        while (queue.length) {
          const target = queue.pop()!;
          for (const [importer, targets] of imports) {
            if (!targets.includes(target) || !importer.startsWith(`lib/${cloud}/`)) continue;
            const user = userOf(importer);
            if (user) {
              users.add(user);
            } else if (!reached.has(importer)) {
              reached.add(importer);
              queue.push(importer);
            }
          }
        }
        const base = path.posix.basename(file, '.ts');
        if (constructNames.has(`${cloud}/${base}`)) {
          problems.push(`${file}: a shared helper is named after a service (s3, kms, iam-members, …), not after the construct ${base}; if only ${base} uses it, it belongs in lib/${cloud}/${base}/private/`);
        }
        const listed = exceptions.singleUserHelpers.find((h) => h.file === file);
        if (users.size < 2 && !listed) {
          problems.push(`${file}: used by ${users.size === 0 ? 'nothing' : `only ${[...users].join(', ')}`}; a helper moves up to lib/${cloud}/private/ on its second user (SHAPE.md), so move it into ${users.size === 1 ? `lib/${cloud}/${[...users][0]}/private/` : 'the folder that needs it, or delete it'}, or list it with the reason`);
        }
        if (users.size >= 2 && listed) {
          problems.push(`${file} is listed as a single-user helper but is used by ${[...users].join(', ')}; remove it from the list`);
        }
      }
      for (const h of exceptions.singleUserHelpers) {
        if (!files.some((f) => f.file === h.file)) {
          problems.push(`the single-user helper ${h.file} no longer exists; remove it from the list`);
        }
      }
      return problems;
    },
  };
}

/** Folders that are catch-alls. */
const CATCH_ALL_FOLDERS = ['common', 'utils', 'util', 'helpers', 'helper', 'misc'];

/**
 * Layout: no catch-all folders; nothing public is declared under a private/ folder; each
 * construct in lib/<cloud>/<construct-kebab>/<construct-kebab>.ts; cloud indexes are
 * `export * from './<folder>'` lines.
 */
export const LAYOUT: ConventionRule = {
  id: 'layout',
  description: 'No common/ or utils/ (or helpers/, misc/) folders; no export of an entry point is declared under private/; a construct Xxx lives in lib/<cloud>/<xxx>/<xxx>.ts; lib/<cloud>/index.ts has only `export * from \'./<folder>\'` lines.',
  check(api) {
    const problems: string[] = [];
    const dirs = new Set<string>();
    for (const sf of api.program.getSourceFiles()) {
      const file = relativeFile(api, sf.fileName);
      if (!file.startsWith('lib/')) continue;
      for (const part of path.posix.dirname(file).split('/')) dirs.add(part);
    }
    for (const name of CATCH_ALL_FOLDERS.filter((n) => dirs.has(n))) {
      problems.push(`lib/ has a folder named ${name}/; name files after what they serve (the service, the construct), not "${name}" (SHAPE.md)`);
    }
    for (const { entry, exp } of publicExports(api)) {
      if (exp.file.split('/').includes('private')) {
        problems.push(`${entry} exports ${exp.name}, declared in ${exp.file}: private/ holds helpers only, public API lives in the folder's public files`);
      }
    }
    for (const { cloud, cls, file } of publicConstructs(api)) {
      const expected = `lib/${cloud}/${kebab(cls.name)}/${kebab(cls.name)}.ts`;
      if (cloud !== 'core' && file !== expected) {
        problems.push(`${file}: the construct ${cls.name} lives in ${expected} (one folder per construct)`);
      }
    }
    for (const entry of entryPoints(api).filter((e) => e !== 'lib/core/index.ts')) {
      const sf = api.program.getSourceFile(path.join(api.root, entry))!;
      for (const statement of sf.statements) {
        const ok = ts.isExportDeclaration(statement) && !statement.exportClause && statement.moduleSpecifier
          && ts.isStringLiteral(statement.moduleSpecifier) && /^\.\/[a-z0-9-]+$/.test(statement.moduleSpecifier.text);
        if (!ok) {
          problems.push(`${location(api, statement)}: ${entry} holds only \`export * from './<folder-or-file>'\` lines`);
        }
      }
    }
    return problems;
  },
};

/** Every rule, with the library's exceptions. */
export function conventionRules(exceptions: ConventionExceptions): ConventionRule[] {
  return [DEFAULTS_DOCUMENTED, INTERFACE_PER_CONSTRUCT, warningIdsRule(exceptions), NO_ANY_IN_PUBLIC_TYPES, GCP_PROPS_EXTEND_IAM, sharedHelpersRule(exceptions), LAYOUT];
}

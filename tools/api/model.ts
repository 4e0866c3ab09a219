/**
 * The public API of an entry point (`lib/aws/index.ts`, `lib/gcp/index.ts`, `lib/core/index.ts`)
 * as the TypeScript checker sees it: what it exports, and for interfaces and classes their public
 * members, as written in the source (see ./program.ts for why external types stay unresolved).
 */
import * as path from 'path';
import * as ts from 'typescript';
import { ApiProgram, relativeFile } from './program';

/** A public property or method of an interface or class. */
export interface ApiMember {
  readonly name: string;
  readonly kind: 'property' | 'method';
  /** `?` on a property, or an optional parameter list does not make a method optional. */
  readonly optional: boolean;
  /** A method's parameter names, each followed by `?` when optional (`['zone', 'grantee']`). */
  readonly parameters: readonly string[];
  /** The interface or class whose source declares it (an inherited member names its ancestor). */
  readonly declaredIn: string;
  /** The property's type or the method's return type as written (`iam.IGrantable`), `''` when inferred. */
  readonly typeText: string;
  /** JSDoc tags by name (`default` → `RemovalPolicy.RETAIN`); the first of each name. */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether it has a JSDoc comment. */
  readonly documented: boolean;
  /** `lib/aws/data-lake/data-lake.ts:361`. */
  readonly location: string;
  readonly declaration: ts.Declaration;
}

/** An exported interface. */
export interface ApiInterface {
  readonly name: string;
  readonly location: string;
  /** Its own and inherited members (inherited from the library's own interfaces only). */
  readonly members: readonly ApiMember[];
  /** The interfaces it extends, as written (`GcpIamProps`, `IConstruct`, `ec2.IConnectable`). */
  readonly extends: readonly string[];
  readonly declaration: ts.InterfaceDeclaration;
}

/** An exported class. */
export interface ApiClass {
  readonly name: string;
  readonly location: string;
  /** Its base classes, nearest first, ending with the first one outside the library (`['DataLakeBase', 'Construct']`). */
  readonly bases: readonly string[];
  /** Whether it is a construct (its base chain ends at `Construct`). */
  readonly isConstruct: boolean;
  /** Public static members (`fromDataLakeAttributes`, `VERTEX_AI`). */
  readonly statics: readonly ApiMember[];
  /** Public instance members, inherited ones from the library's own base classes included. */
  readonly members: readonly ApiMember[];
  /** The class's JSDoc text (tags included), `''` if none. */
  readonly doc: string;
  readonly declaration: ts.ClassDeclaration;
}

/** What kind of declaration an export is. */
export type ApiExportKind = 'class' | 'interface' | 'enum' | 'function' | 'variable' | 'type' | 'other';

/** One exported name of an entry point. */
export interface ApiExport {
  readonly name: string;
  readonly kind: ApiExportKind;
  /** The declaring file, relative to the root (`lib/aws/data-lake/data-lake.ts`). */
  readonly file: string;
  readonly declaration: ts.Declaration;
}

/** The exports of one entry point. */
export interface ApiEntryPoint {
  /** `lib/aws/index.ts`. */
  readonly entry: string;
  readonly exports: ReadonlyMap<string, ApiExport>;
}

function location(api: ApiProgram, node: ts.Node): string {
  const sf = node.getSourceFile();
  return `${relativeFile(api, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

function resolved(api: ApiProgram, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? api.checker.getAliasedSymbol(symbol) : symbol;
}

function exportKind(decl: ts.Declaration): ApiExportKind {
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isVariableDeclaration(decl)) return 'variable';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  return 'other';
}

/**
 * The exports of an entry point, following `export *` through the library's files. Names
 * re-exported from outside the library (unresolved here) are left out.
 * @param entry path relative to the program's root, e.g. `lib/aws/index.ts`
 */
export function readEntryPoint(api: ApiProgram, entry: string): ApiEntryPoint {
  return { entry, exports: readModuleExports(api, entry) };
}

/** The exports of any module of the program (a folder's `index.ts`, a file). */
export function readModuleExports(api: ApiProgram, file: string): Map<string, ApiExport> {
  const sf = api.program.getSourceFile(path.join(api.root, file));
  const moduleSymbol = sf && api.checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) {
    throw new Error(`${file} is not a module of the program`);
  }
  const exports = new Map<string, ApiExport>();
  for (const symbol of api.checker.getExportsOfModule(moduleSymbol)) {
    const declaration = resolved(api, symbol).declarations?.[0];
    if (declaration) {
      exports.set(symbol.name, {
        name: symbol.name,
        kind: exportKind(declaration),
        file: relativeFile(api, declaration.getSourceFile().fileName),
        declaration,
      });
    }
  }
  return exports;
}

function isPublic(decl: ts.Declaration, name: string): boolean {
  const flags = ts.getCombinedModifierFlags(decl);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  if (name.startsWith('_') || name.startsWith('#') || name.startsWith('__')) return false;
  return !ts.getJSDocTags(decl).some((t) => t.tagName.text === 'internal');
}

function ownerName(decl: ts.Node): string {
  const parent = decl.parent;
  if ((ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name) return parent.name.text;
  return '(type literal)';
}

/** A member as read from its declaration, or undefined when it is not public API. */
function readMember(api: ApiProgram, symbol: ts.Symbol): ApiMember | undefined {
  const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (!decl || !isPublic(decl, symbol.name)) return undefined;
  const isMethod = ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl);
  const typeNode = isMethod || ts.isGetAccessorDeclaration(decl) || ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)
    ? (decl as ts.MethodSignature | ts.PropertySignature).type
    : undefined;
  const parameters = isMethod
    ? (decl as ts.MethodSignature).parameters.map((p) => `${p.name.getText()}${p.questionToken || p.initializer ? '?' : ''}`)
    : [];
  const tags: Record<string, string> = {};
  for (const tag of ts.getJSDocTags(decl)) {
    tags[tag.tagName.text] ??= (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
  }
  return {
    name: symbol.name,
    kind: isMethod ? 'method' : 'property',
    optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0 && !isMethod,
    parameters,
    declaredIn: ownerName(decl),
    typeText: typeNode?.getText() ?? '',
    tags,
    documented: ts.getJSDocCommentsAndTags(decl).some(ts.isJSDoc),
    location: location(api, decl),
    declaration: decl,
  };
}

function membersOf(api: ApiProgram, type: ts.Type): ApiMember[] {
  return api.checker.getPropertiesOfType(type)
    .map((s) => readMember(api, s))
    .filter((m): m is ApiMember => m !== undefined);
}

/** An exported interface's members. */
export function readInterface(api: ApiProgram, exp: ApiExport): ApiInterface {
  const declaration = exp.declaration as ts.InterfaceDeclaration;
  const symbol = api.checker.getSymbolAtLocation(declaration.name)!;
  return {
    name: exp.name,
    location: location(api, declaration),
    members: membersOf(api, api.checker.getDeclaredTypeOfSymbol(symbol)),
    extends: (declaration.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.getText())),
    declaration,
  };
}

function baseClasses(api: ApiProgram, decl: ts.ClassDeclaration | ts.ClassExpression): string[] {
  const base = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!base) return [];
  const symbol = api.checker.getSymbolAtLocation(base.expression);
  const local = symbol && resolved(api, symbol).declarations?.find(ts.isClassDeclaration);
  return local?.name ? [local.name.text, ...baseClasses(api, local)] : [base.expression.getText()];
}

/** An exported class's public statics and instance members. */
export function readClass(api: ApiProgram, exp: ApiExport): ApiClass {
  const declaration = exp.declaration as ts.ClassDeclaration;
  const symbol = api.checker.getSymbolAtLocation(declaration.name!)!;
  const bases = baseClasses(api, declaration);
  const last = bases[bases.length - 1] ?? '';
  return {
    name: exp.name,
    location: location(api, declaration),
    bases,
    isConstruct: last === 'Construct' || last.endsWith('.Construct'),
    statics: membersOf(api, api.checker.getTypeOfSymbol(symbol)).filter((m) => m.name !== 'prototype'),
    members: membersOf(api, api.checker.getDeclaredTypeOfSymbol(symbol)),
    doc: ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc).map((d) => d.getText()).join('\n'),
    declaration,
  };
}

/**
 * The string entries of an exported `const X = { key: 'value' } as const` (a warnings object),
 * or undefined when the export is not such an object.
 */
export function readStringRecord(exp: ApiExport): Record<string, string> | undefined {
  if (!ts.isVariableDeclaration(exp.declaration) || !exp.declaration.initializer) return undefined;
  let init: ts.Expression = exp.declaration.initializer;
  while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) {
    init = init.expression;
  }
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  const entries: Record<string, string> = {};
  for (const p of init.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isStringLiteralLike(p.initializer)) return undefined;
    entries[p.name.getText().replace(/^['"]|['"]$/g, '')] = p.initializer.text;
  }
  return entries;
}

/** `DataLake` → `DATA_LAKE`, `GpuTrainingCluster` → `GPU_TRAINING_CLUSTER`. */
export function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** `DataLake` → `data-lake`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

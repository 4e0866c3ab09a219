/**
 * One TypeScript program over the library's own sources, for the tests that read its public API
 * (test/parity.test.ts, test/conventions.test.ts) and for `npm run parity:doc`.
 *
 * The program holds `lib/**` and nothing else (`noResolve`): aws-cdk-lib alone is ~2,700
 * declaration files, and a program that resolves it costs ~9 s of CPU where this one costs ~1 s.
 * The checker still resolves every import between the library's own files, so re-exports,
 * inherited members (`extends GcpIamProps`) and local base classes are followed; types from
 * aws-cdk-lib, cdktf and the Google provider are unresolved, which is why the readers below take
 * external type names from the source text and never ask the checker whether they are `any`.
 * The type-correct check of everything stays `tsc -p .` in `npm run typecheck`.
 */
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
export const REPO_ROOT = path.join(__dirname, '..', '..');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  noResolve: true,
  skipLibCheck: true,
};

/** TypeScript's own lib files, parsed once per process and shared by every program built here. */
const libFiles = new Map<string, ts.SourceFile>();

function compilerHost(overlay?: ReadonlyMap<string, string>): ts.CompilerHost {
  const base = ts.createCompilerHost(OPTIONS, true);
  return {
    ...base,
    directoryExists: overlay ? (d) => [...overlay.keys()].some((f) => f.startsWith(`${d}${path.sep}`)) : base.directoryExists,
    realpath: (f) => f,
    fileExists: (f) => overlay?.has(f) || (!overlay && base.fileExists(f)) || isLibFile(f),
    readFile: (f) => overlay?.get(f) ?? (!overlay || isLibFile(f) ? base.readFile(f) : undefined),
    getSourceFile: (fileName, languageVersion) => {
      const text = overlay?.get(fileName);
      if (text !== undefined) {
        return ts.createSourceFile(fileName, text, languageVersion, true);
      }
      if (isLibFile(fileName)) {
        let lib = libFiles.get(fileName);
        if (!lib) {
          lib = base.getSourceFile(fileName, languageVersion)!;
          libFiles.set(fileName, lib);
        }
        return lib;
      }
      return overlay ? undefined : base.getSourceFile(fileName, languageVersion);
    },
  };
}

function isLibFile(fileName: string): boolean {
  return path.dirname(fileName) === path.dirname(ts.getDefaultLibFilePath(OPTIONS));
}

/** The `.ts` files under `dir`, sorted. */
export function tsFilesUnder(dir: string): string[] {
  return ts.sys.readDirectory(dir, ['.ts'], ['**/*.d.ts']).sort();
}

/** A program and the root its `lib/` folder is in. */
export interface ApiProgram {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The folder holding `lib/` (the repository root, or a fixture's virtual root). */
  readonly root: string;
}

let libraryProgram: ApiProgram | undefined;

/** The program over the repository's `lib/**` (built once per process). */
export function libraryApiProgram(): ApiProgram {
  if (!libraryProgram) {
    const program = ts.createProgram({ rootNames: tsFilesUnder(path.join(REPO_ROOT, 'lib')), options: OPTIONS, host: compilerHost() });
    libraryProgram = { program, checker: program.getTypeChecker(), root: REPO_ROOT };
  }
  return libraryProgram;
}

/**
 * A program over in-memory files, laid out as a repository would be (`lib/aws/index.ts`, …), for
 * the fixtures that prove a check can fail. Nothing on disk but TypeScript's lib files is read.
 * @param files file path relative to the fixture's root → text
 */
export function inMemoryApiProgram(files: Record<string, string>): ApiProgram {
  const root = path.join(path.sep, 'fixture');
  const overlay = new Map(Object.entries(files).map(([f, text]) => [path.join(root, f), text]));
  const program = ts.createProgram({ rootNames: [...overlay.keys()], options: OPTIONS, host: compilerHost(overlay) });
  return { program, checker: program.getTypeChecker(), root };
}

/** `file` relative to the program's root, with forward slashes. */
export function relativeFile(api: ApiProgram, file: string): string {
  return path.relative(api.root, file).split(path.sep).join('/');
}


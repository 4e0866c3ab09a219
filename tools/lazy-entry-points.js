#!/usr/bin/env node
/**
 * Makes the compiled entry points `dist/lib/{aws,gcp,core}/index.js` load a construct folder only
 * when one of its names is first read, as aws-cdk-lib's own index does for its service modules.
 *
 * Why a build step: TypeScript compiles `export * from './data-lake'` to an eager
 * `__exportStar(require("./data-lake"), exports)`, so `require('mlops-constructs/aws')` loaded every
 * construct and, through them, 18 aws-cdk-lib service modules. The sources keep their `export *`
 * lines (the `.d.ts` files tsc writes from them stay the exact public types, and jest and tsx keep
 * running the sources); this script rewrites only the emitted JavaScript:
 *
 * - `__exportStar(require("./peers"), exports)` stays eager and first: a missing peer is still
 *   reported by name when the entry point loads.
 * - every other `__exportStar(require("./x"), exports)` becomes one getter per name that folder
 *   exports (read from the compiled folder itself, here, at build time), defined in the same order
 *   with the same first-wins rule as `__exportStar`. The first read of a name requires its folder
 *   once; later reads return the folder's live binding.
 * - `exports.A = exports.B = void 0;` lists every name, as tsc's own output does, so that Node's
 *   CommonJS lexer still gives ES-module importers every named export (an ES `import` then reads
 *   them all, which loads everything: laziness is for `require`, as with aws-cdk-lib).
 *
 * Idempotent (an already rewritten file is recognised by its marker and regenerated from the list
 * it records), so the build, `npm run typecheck` and the bench can each run it after `tsc`.
 *
 * Usage: `node tools/lazy-entry-points.js [distDir]` (default `dist`).
 */
const fs = require('fs');
const path = require('path');

const MARKER = '// mlops-constructs: lazy entry point (tools/lazy-entry-points.js)';
const ENTRY_POINTS = ['aws', 'gcp', 'core'];
const EAGER = new Set(['./peers']);

/** The folders a compiled index re-exports, in order: from tsc's output, or from the list a rewritten file records. */
function reExportsOf(source) {
  if (source.includes(MARKER)) {
    const recorded = source.match(/^\/\/ re-exports: (.*)$/m);
    return JSON.parse(recorded[1]);
  }
  const found = [...source.matchAll(/^__exportStar\(require\("([^"]+)"\), exports\);$/gm)].map((m) => m[1]);
  // Anything else in the file (a named re-export, code) would be dropped by the rewrite: refuse.
  const rest = source
    .replace(/^__exportStar\(require\("[^"]+"\), exports\);$/gm, '')
    .replace(/^var __(createBinding|exportStar) = [\s\S]*?^};?\)?\)?;?$/gm, '')
    .replace(/^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/m, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^"use strict";$/m, '')
    .trim();
  if (rest !== '') {
    throw new Error(`lazy-entry-points: the entry point holds more than \`export * from\` lines; left:\n${rest.slice(0, 400)}`);
  }
  return found;
}

/** The lazy index for `specs`, each folder's names read from the compiled folder. */
function lazyIndex(dir, specs) {
  const owner = new Map(); // name → folder, first wins (as __exportStar)
  for (const spec of specs) {
    if (EAGER.has(spec)) {
      continue;
    }
    // Required here, at build time, only to list the names (the peers are devDependencies).
    for (const name of Object.keys(require(path.join(dir, spec)))) {
      if (name !== 'default' && name !== '__esModule' && !owner.has(name)) {
        owner.set(name, spec);
      }
    }
  }
  const names = [...owner.keys()];
  const lines = [
    '"use strict";',
    MARKER,
    `// re-exports: ${JSON.stringify(specs)}`,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    ...specs.filter((s) => EAGER.has(s)).map((s) => `require(${JSON.stringify(s)});`),
    // Every name, for Node's CommonJS lexer (ES-module named imports); replaced by the getters below.
    names.length ? `exports.${names.join(' = exports.')} = void 0;` : '',
    'const loaded = {};',
    // The folder's module object, loaded on first use.
    'const load = (spec) => loaded[spec] || (loaded[spec] = require(spec));',
    'const lazy = (name, spec) => Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => load(spec)[name] });',
    ...names.map((name) => `lazy(${JSON.stringify(name)}, ${JSON.stringify(owner.get(name))});`),
    '',
  ];
  return { text: lines.join('\n'), names };
}

function main() {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
  for (const entry of ENTRY_POINTS) {
    const dir = path.join(dist, 'lib', entry);
    const file = path.join(dir, 'index.js');
    if (!fs.existsSync(file)) {
      continue;
    }
    const specs = reExportsOf(fs.readFileSync(file, 'utf8'));
    // Requiring './x' relative to the index: resolve against the folder, not this script.
    const { text } = lazyIndex(dir, specs.map((s) => s));
    fs.writeFileSync(file, text);
  }
}

if (require.main === module) {
  main();
}

module.exports = { lazyIndex, reExportsOf, MARKER };

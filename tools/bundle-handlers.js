#!/usr/bin/env node
/**
 * Bundles the library's Lambda handlers with esbuild at the library's build time, into
 * `dist/handlers/<name>/index.js` (shipped in the package), so that a consumer's synth needs
 * neither esbuild nor Docker and the asset hash follows only the handler's code.
 *
 * `node tools/bundle-handlers.js` bundles every handler; with `--if-stale` (the tests' global
 * setup) only those whose bundle is missing or older than one of its inputs, which esbuild's
 * metafile of the last build lists in `dist/handlers/<name>.inputs.json` (beside, not inside, the
 * asset folder).
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** Every handler: its bundle name and its entry point. */
const HANDLERS = [
  { name: 'training-pipeline-gate', entry: 'lib/aws/training-pipeline/private/handlers/gate.ts' },
];

function outputOf(name) {
  return path.join(ROOT, 'dist', 'handlers', name, 'index.js');
}

function inputsFileOf(name) {
  return path.join(ROOT, 'dist', 'handlers', `${name}.inputs.json`);
}

function stale(name) {
  const out = outputOf(name);
  if (!fs.existsSync(out) || !fs.existsSync(inputsFileOf(name))) {
    return true;
  }
  const built = fs.statSync(out).mtimeMs;
  const inputs = JSON.parse(fs.readFileSync(inputsFileOf(name), 'utf8'));
  return inputs.some((file) => !fs.existsSync(path.join(ROOT, file)) || fs.statSync(path.join(ROOT, file)).mtimeMs > built);
}

/** Bundles the handlers (all, or only stale ones); returns name → bytes of each bundle written. */
function bundleHandlers({ ifStale = false } = {}) {
  const esbuild = require('esbuild');
  const sizes = {};
  for (const handler of HANDLERS) {
    if (ifStale && !stale(handler.name)) {
      continue;
    }
    const outfile = outputOf(handler.name);
    const result = esbuild.buildSync({
      absWorkingDir: ROOT,
      entryPoints: [handler.entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      // ESM builds of the SDK first, so unused commands are shaken out.
      mainFields: ['module', 'main'],
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      // Written below through a temporary file and a rename, so that a test reading the bundle
      // while another process rebuilds it (test/package.test.ts runs `npm run build` when dist/lib
      // is stale) sees the old file or the new one, never a half-written one.
      write: false,
    });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    for (const file of result.outputFiles) {
      const partial = `${file.path}.${process.pid}.partial`;
      fs.writeFileSync(partial, file.contents);
      fs.renameSync(partial, file.path);
    }
    fs.writeFileSync(inputsFileOf(handler.name), JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1));
    sizes[handler.name] = fs.statSync(outfile).size;
  }
  return sizes;
}

module.exports = { HANDLERS, bundleHandlers, outputOf };

if (require.main === module) {
  const sizes = bundleHandlers({ ifStale: process.argv.includes('--if-stale') });
  for (const [name, bytes] of Object.entries(sizes)) {
    console.log(`dist/handlers/${name}/index.js: ${(bytes / 1024).toFixed(1)} KiB`);
  }
}

#!/usr/bin/env node
/**
 * The `prepare` script: `npm run build`, unless `dist/` is exactly what a build of the current
 * inputs wrote.
 *
 * Why: installing the package from a git URL, npm runs `prepare` twice on the same clone, once at
 * the end of the `npm install` that puts the devDependencies in place (pacote's GitFetcher) and
 * again before packing it (pacote's DirFetcher); seen with a package whose `prepare` only logs,
 * npm 11.19. The build takes about 15 s here, so the second run was 15 s of every git install
 * (`npm run test:git-install`). The same applies to `npm pack` after an `npm install` (both run
 * `prepare`); a plain `npm run build` writes no stamp, so the next `prepare` builds again.
 *
 * How: after building, `dist/.prepare-stamp.json` records a SHA-256 over the build's inputs (every
 * file under lib/, the tsconfig files, package.json, package-lock.json and the two build tools)
 * and over what it wrote (every file under dist/lib and dist/handlers). The build is skipped only
 * when both still match, so an edited source, a changed dependency lock, or output written by
 * something else (`npm run typecheck` also emits into dist/lib) builds again.
 *
 * Hand-written: npm has no "skip an unchanged prepare", and tsc's incremental build does not
 * cover the entry-point rewrite and the esbuild bundles.
 */
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.prepare-stamp.json');
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'tools/lazy-entry-points.js', 'tools/bundle-handlers.js'];
const INPUT_DIRS = ['lib'];
const OUTPUT_DIRS = ['dist/lib', 'dist/handlers'];

function filesUnder(dir) {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) {
    return [];
  }
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/** SHA-256 over the paths and contents of `files` (a missing file hashes as missing). */
function digest(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const abs = path.join(ROOT, file);
    hash.update(`${file}\0`);
    hash.update(fs.existsSync(abs) ? fs.readFileSync(abs) : '\0missing\0');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function inputsDigest() {
  return digest([...INPUT_FILES, ...INPUT_DIRS.flatMap(filesUnder)]);
}

function outputsDigest() {
  const files = OUTPUT_DIRS.flatMap(filesUnder);
  return files.length === 0 ? undefined : digest(files);
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

const inputs = inputsDigest();
const stamp = readStamp();
if (stamp !== undefined && stamp.inputs === inputs && stamp.outputs !== undefined && stamp.outputs === outputsDigest()) {
  console.log('prepare: dist/ is the build of the current sources (dist/.prepare-stamp.json); build skipped');
} else {
  fs.rmSync(STAMP, { force: true });
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  // An input edited while the build ran leaves no stamp: the next prepare builds again.
  if (inputsDigest() === inputs) {
    fs.writeFileSync(STAMP, `${JSON.stringify({ inputs, outputs: outputsDigest() }, null, 2)}\n`);
  }
}

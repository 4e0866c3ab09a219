#!/usr/bin/env node
/**
 * Writes every ```ts block of README.md to .tmp/readme/block-N.ts, each as its own module, so the
 * project's one tsc run (`npm test`) type-checks the README with the import paths users write.
 * test/readme.test.ts checks that these files match the README, so they cannot go stale.
 */
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const outDir = path.join(root, '.tmp', 'readme');

/** The ```ts blocks of the README, as the files they become. */
function readmeExampleFiles() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
    file: path.join(outDir, `block-${i + 1}.ts`),
    // `export {}` makes each block a module: blocks do not see each other's names.
    text: `${m[1]}\nexport {};\n`,
  }));
}

module.exports = { readmeExampleFiles, outDir };

if (require.main === module) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, text } of readmeExampleFiles()) {
    fs.writeFileSync(file, text);
  }
}

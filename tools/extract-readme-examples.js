#!/usr/bin/env node
/**
 * Writes every ```ts block of README.md and docs/*.md to .tmp/readme/<page>-<n>.ts, each as its
 * own module, so the project's one tsc run (`npm test`) type-checks the examples with the import
 * paths users write, and test/readme.test.ts runs them and synthesizes their stacks. Each file is
 * the block as written plus one line exporting its top-level names, so the test can find the
 * stacks a block made; test/readme.test.ts also checks that these files match the pages, so they
 * cannot go stale.
 */
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const outDir = path.join(root, '.tmp', 'readme');

/** README.md, then docs/*.md in name order (paths relative to the repository root). */
function examplePages() {
  const docs = path.join(root, 'docs');
  const pages = fs.existsSync(docs) ? fs.readdirSync(docs).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`) : [];
  return ['README.md', ...pages];
}

/** Top-level `const`/`let`/`class`/`function` names a block declares without exporting them. */
function topLevelNames(code) {
  return [...code.matchAll(/^(?:const|let|var|class|function)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

/**
 * The ```ts blocks of the pages, as the files they become. `key` names a block in the inventory
 * test/readme-inventory.json: the page, the heading above the block, and its number under that
 * heading when there are several.
 */
function readmeExampleFiles() {
  const files = [];
  for (const page of examplePages()) {
    const text = fs.readFileSync(path.join(root, page), 'utf8');
    const counts = new Map();
    let n = 0;
    for (const m of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      n += 1;
      const before = text.slice(0, m.index);
      const heading = [...before.matchAll(/^#{1,6} (.+)$/gm)].pop()?.[1] ?? '(top)';
      const ordinal = (counts.get(heading) ?? 0) + 1;
      counts.set(heading, ordinal);
      const code = m[1];
      const names = topLevelNames(code);
      files.push({
        page,
        heading,
        ordinal,
        code,
        file: path.join(outDir, `${page.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-${n}.ts`),
        // Exporting makes each block a module (blocks do not see each other's names) and lets the
        // test reach the apps and stacks the block made.
        text: `${code}\nexport { ${names.join(', ')} };\n`,
      });
    }
  }
  for (const f of files) {
    const several = files.filter((o) => o.page === f.page && o.heading === f.heading).length > 1;
    f.key = `${f.page} › ${f.heading}${several ? ` › ${f.ordinal}` : ''}`;
  }
  return files;
}

module.exports = { readmeExampleFiles, outDir };

if (require.main === module) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, text } of readmeExampleFiles()) {
    fs.writeFileSync(file, text);
  }
}

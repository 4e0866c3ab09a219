/**
 * The README's TypeScript examples are type-checked by the project's tsc run (`npm test` runs
 * tools/extract-readme-examples.js first, and tsconfig.json includes .tmp/readme). This test makes
 * sure that what tsc checked is the README as it is now, and that both clouds have examples.
 */
import * as fs from 'fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readmeExampleFiles } = require('../tools/extract-readme-examples') as { readmeExampleFiles(): Array<{ file: string; text: string }> };

test('README has TypeScript examples for both clouds', () => {
  const blocks = readmeExampleFiles().map((b) => b.text);
  expect(blocks.some((b) => b.includes("from 'mlops-constructs/aws'"))).toBe(true);
  expect(blocks.some((b) => b.includes("from 'mlops-constructs/gcp'"))).toBe(true);
});

test('the README examples tsc checked are the current README (run `npm test`, not jest alone)', () => {
  for (const { file, text } of readmeExampleFiles()) {
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `missing ${file}`).toBe(text);
  }
});

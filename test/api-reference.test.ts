/**
 * The API reference (`npm run docs:api`, typedoc, into .tmp/api) is generated from the doc
 * comments of the three entry points, so it is current by construction; what can break is the
 * comments themselves. This test runs typedoc as `npm run docs:api` does, with typedoc.json's
 * `treatWarningsAsErrors` and its validation (`notExported`: a public member whose type is not
 * exported; `invalidLink`: a `{@link}` to nothing), emitting nothing, and fails with typedoc's
 * messages. `skipErrorChecking`: the project's own tsc run (`npm test`) type-checks the same
 * sources; typedoc then only reads them (about 12 s of CPU instead of 15 on the 2-core machine).
 *
 * typedoc is an ES module, which this CommonJS jest run cannot load in-process: it runs as its CLI.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const root = path.join(__dirname, '..');

jest.setTimeout(180_000);

test('typedoc builds the API reference from the doc comments without a warning (broken links, unexported types)', async () => {
  const cli = path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
  let output: string;
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, '--emit', 'none', '--skipErrorChecking', '--logLevel', 'Warn'], { cwd: root, maxBuffer: 10_000_000 });
    output = `${stdout}${stderr}`;
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`typedoc failed (run \`npm run docs:api\` to see it):\n${stdout ?? ''}${stderr ?? ''}`);
  }
  expect(output.trim()).toBe('');
});

test('typedoc.json documents the five entry points and fails on warnings', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../typedoc.json') as { entryPoints: string[]; treatWarningsAsErrors: boolean; validation: Record<string, boolean>; out: string };
  expect(config.entryPoints).toEqual(['lib/core/index.ts', 'lib/aws/index.ts', 'lib/gcp/index.ts', 'lib/aws/testing/index.ts', 'lib/gcp/testing/index.ts']);
  expect(config.treatWarningsAsErrors).toBe(true);
  expect(config.validation).toMatchObject({ notExported: true, invalidLink: true });
  // Generated output is never committed: .tmp/ is git-ignored.
  expect(config.out.startsWith('.tmp/')).toBe(true);
});

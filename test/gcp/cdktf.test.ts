/**
 * The import rules of lib/ (DESIGN.md): `cdktf` only through lib/gcp/cdktf.ts, so that moving to
 * its continuation is one change; the google provider only per resource
 * (`@cdktf/provider-google/lib/<resource>`), never the package root, which takes seconds to load.
 */
import * as fs from 'fs';
import * as path from 'path';

const lib = path.join(__dirname, '..', '..', 'lib');
const sources = fs.readdirSync(lib, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const importsOf = (file: string) => [...fs.readFileSync(path.join(lib, file), 'utf8').matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map((m) => m[1]);

test('the rules are checked against real sources', () => {
  expect(sources).toContain(path.join('gcp', 'cdktf.ts'));
  expect(importsOf(path.join('gcp', 'cdktf.ts'))).toContain('cdktf');
});

test("only lib/gcp/cdktf.ts imports 'cdktf'", () => {
  const offenders = sources.filter((f) => f !== path.join('gcp', 'cdktf.ts') && importsOf(f).some((m) => m === 'cdktf' || m.startsWith('cdktf/')));
  expect(offenders).toEqual([]);
});

test('the google provider is imported per resource, never from its package root', () => {
  const providerImports = sources.flatMap((f) => importsOf(f).filter((m) => m.startsWith('@cdktf/provider-google')).map((m) => `${f}: ${m}`));
  expect(providerImports.length).toBeGreaterThan(0);
  expect(providerImports.filter((i) => !/: @cdktf\/provider-google\/lib\/[a-z0-9-]+$/.test(i))).toEqual([]);
});

test('the neutral core imports no cloud package', () => {
  const cloudImports = sources.filter((f) => f.startsWith(`core${path.sep}`))
    .flatMap((f) => importsOf(f).filter((m) => !m.startsWith('.')).map((m) => `${f}: ${m}`));
  expect(cloudImports).toEqual([]);
});

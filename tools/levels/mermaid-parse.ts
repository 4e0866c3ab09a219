/**
 * Parses Mermaid `architecture-beta` diagrams with Mermaid's own parser (@mermaid-js/parser), in a
 * child `node` process: the parser is an ES module only, and the tests and tools run as CommonJS.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

/** What the parser made of one diagram. */
export interface ParsedArchitecture {
  readonly ok: boolean;
  readonly error?: string;
  readonly services?: ReadonlyArray<{ readonly id: string; readonly in?: string; readonly title?: string }>;
  readonly groups?: ReadonlyArray<{ readonly id: string; readonly in?: string }>;
  readonly edges?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

const SCRIPT = `
import { parse } from '@mermaid-js/parser';
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', async () => {
  const out = [];
  for (const text of JSON.parse(input)) {
    try {
      const r = await parse('architecture', text);
      out.push({
        ok: true,
        services: r.services.map((s) => ({ id: s.id, in: s.in, title: s.title })),
        groups: r.groups.map((g) => ({ id: g.id, in: g.in })),
        edges: r.edges.map((e) => ({ from: e.lhsId, to: e.rhsId })),
      });
    } catch (e) {
      out.push({ ok: false, error: String(e && e.message).slice(0, 500) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
`;

/** Parses each `architecture-beta` text; one result per text, in order. */
export function parseArchitectures(texts: readonly string[]): ParsedArchitecture[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: path.join(__dirname, '..', '..'),
    input: JSON.stringify(texts),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

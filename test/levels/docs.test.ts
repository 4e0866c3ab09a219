/**
 * docs/levels and docs/README.md: generated from the level definitions, the reference stacks'
 * construct trees and the idle-cost tables (`npm run docs:levels`), committed current, and every
 * diagram parses with Mermaid's own parser and draws exactly the level's constructs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MATURITY_LEVELS, maturityLevelConstructs } from 'mlops-constructs';
import { AWS_LEVELS } from '../../examples/aws/levels';
import { parseArchitectures } from '../../tools/levels/mermaid-parse';
import { renderLevelDocs } from '../../tools/levels/write-docs';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const docs = renderLevelDocs();
const diagramOf = (text: string) => /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1];

test('the committed docs are what `npm run docs:levels` writes', () => {
  expect(Object.keys(docs).sort()).toEqual(['docs/README.md', ...AWS_LEVELS.map((l) => `docs/levels/level-${l}.md`)].sort());
  for (const [file, text] of Object.entries(docs)) {
    const committed = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : '(missing)';
    expect({ file, text: committed }).toEqual({ file, text });
  }
});

test('docs/README.md maps every level to Google\'s, Microsoft\'s and AWS\'s models and links its page', () => {
  for (const l of MATURITY_LEVELS) {
    expect(docs['docs/README.md']).toContain(`| [${l.level}: ${l.name}](levels/level-${l.level}.md) | ${l.summary} | ${l.industry.google} | ${l.industry.microsoft} | ${l.industry.aws} |`);
  }
});

describe('the diagrams', () => {
  const levels = AWS_LEVELS.map((l) => ({ level: l, text: diagramOf(docs[`docs/levels/level-${l}.md`])! }));
  const parsed = parseArchitectures(levels.map((l) => l.text));

  test.each(levels.map((l, i) => [l.level, i]))('level %i parses with @mermaid-js/parser as architecture-beta', (_level, i) => {
    expect(levels[i].text.startsWith('architecture-beta\n')).toBe(true);
    expect(parsed[i]).toEqual(expect.objectContaining({ ok: true }));
  });

  test.each(levels.map((l, i) => [l.level, i]))('level %i: the AWS services are exactly the level\'s constructs, each in the group of the level that adds it, every edge between drawn services', (level, i) => {
    const p = parsed[i];
    const aws = p.services!.filter((s) => s.id.startsWith('aws_'));
    // A construct may be drawn more than once (from level 2 the AWS staging and production endpoints).
    expect([...new Set(aws.map((s) => s.title!.split(' ')[0]))].sort()).toEqual([...maturityLevelConstructs(level)].sort());
    for (const s of aws) {
      const adds = MATURITY_LEVELS.find((l) => l.addsConstructs.includes(s.title!.split(' ')[0]))!.level;
      expect({ service: s.id, in: s.in }).toEqual({ service: s.id, in: `aws_l${adds}` });
    }
    const groups = new Set(p.groups!.map((g) => g.id));
    expect(p.services!.every((s) => s.in === undefined || groups.has(s.in))).toBe(true);
    const ids = new Set(p.services!.map((s) => s.id));
    expect(p.edges!.length).toBeGreaterThanOrEqual(level === 0 ? 1 : 5);
    for (const e of p.edges!) {
      expect({ edge: e, from: ids.has(e.from), to: ids.has(e.to) }).toEqual({ edge: e, from: true, to: true });
    }
  });

  test('vacuity: the parser rejects a diagram that is not architecture-beta', () => {
    const [bad] = parseArchitectures(['architecture-beta\n    service a(server)[A]\n    a:Q -- R:b']);
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/Parse error/);
  });
});

/**
 * Every relative link of README.md and docs/ (the pages written by hand, the generated README.md,
 * parity.md and levels/) points to a file of the repository, and every `#anchor` to a heading of
 * the page it names, with GitHub's heading ids: github-slugger, the package GitHub's own id rules
 * are published as (lower case, punctuation dropped, spaces to hyphens, `-1`, `-2` … for repeats).
 *
 * Links are read outside fenced code blocks and inline code spans, as GitHub renders them; links
 * to other sites are not fetched (the tests run offline).
 */
import * as fs from 'fs';
import * as path from 'path';

// github-slugger 1.5 is the last CommonJS release (2.x is an ES module, which this CommonJS jest
// run cannot require); both slug headings the same way. It ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GithubSlugger = require('github-slugger') as new () => { slug(text: string): string };

const root = path.join(__dirname, '..');

/** The markdown pages checked, relative to the repository root. */
function pages(): string[] {
  const docs = fs.readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split(path.sep).join('/')}`)
    .sort();
  return ['README.md', ...docs];
}

/** The page without its fenced code blocks and inline code spans (each replaced by a space). */
function prose(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\S\n]*$/gm, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ');
}

/** The ids GitHub gives the headings of a page, in order. */
function headingIds(markdown: string): string[] {
  const slugger = new GithubSlugger();
  const withoutFences = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\S\n]*$/gm, ' ');
  return [...withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)].map((m) =>
    // The rendered text: a link's label without its target, inline code without its backticks.
    slugger.slug(m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')));
}

/** The relative links of a page that point to no file or no heading: `target: why`. */
function brokenLinks(page: string, markdown: string, read: (file: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const m of prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [file, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file)));
    const text = read(resolved);
    if (text === undefined) {
      problems.push(`${target}: no file ${resolved}`);
      continue;
    }
    if (anchor !== undefined && anchor !== '') {
      if (!resolved.endsWith('.md')) {
        problems.push(`${target}: an anchor into a file that is not a markdown page`);
      } else if (!headingIds(text).includes(decodeURIComponent(anchor))) {
        problems.push(`${target}: no heading of ${resolved} has the id #${anchor}`);
      }
    }
  }
  return problems;
}

/** A file's text ('' for a folder), or undefined when the repository has no such path. */
function readRepositoryFile(file: string): string | undefined {
  const full = path.join(root, file);
  if (!full.startsWith(root) || !fs.existsSync(full)) return undefined;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
}

test('heading ids follow GitHub: lower case, punctuation dropped, spaces to hyphens, repeats numbered', () => {
  expect(headingIds([
    '# MlopsPlatform: a maturity level in one construct',
    '## On AWS: the stacks `MlopsLevel0Aws` … `MlopsLevel3Aws`',
    '## What is verified offline, and what only a real deploy shows',
    '```bash',
    '# a comment in a code block is no heading',
    '```',
    '## Choosing',
    '## Choosing',
    '### On AWS: Kinesis → Firehose → Parquet',
  ].join('\n'))).toEqual([
    'mlopsplatform-a-maturity-level-in-one-construct',
    'on-aws-the-stacks-mlopslevel0aws--mlopslevel3aws',
    'what-is-verified-offline-and-what-only-a-real-deploy-shows',
    'choosing',
    'choosing-1',
    'on-aws-kinesis--firehose--parquet',
  ]);
});

test('a link to a missing file or heading is reported; code is not read for links', () => {
  const files: Record<string, string> = { 'docs/a.md': '# A\n\n## Choosing\n', 'README.md': '' };
  const page = [
    '[ok](a.md#choosing) [ok](../README.md) [site](https://example.com/x#y)',
    '[no file](b.md) [no heading](a.md#choosing-1) [self](#nowhere)',
    '`[in code](missing.md)`',
    '```ts',
    '[in a block](missing.md)',
    '```',
  ].join('\n');
  expect(brokenLinks('docs/a.md', page, (f) => files[f])).toEqual([
    'b.md: no file docs/b.md',
    'a.md#choosing-1: no heading of docs/a.md has the id #choosing-1',
    '#nowhere: no heading of docs/a.md has the id #nowhere',
  ]);
});

test.each(pages())('every relative link of %s resolves', (page) => {
  expect(brokenLinks(page, fs.readFileSync(path.join(root, page), 'utf8'), readRepositoryFile)).toEqual([]);
});

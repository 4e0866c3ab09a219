#!/usr/bin/env node
/**
 * `prepublishOnly`: refuses to publish while package.json's `repository`, `homepage` or `bugs`
 * is missing, still the documented placeholder form (`https://<host>/<owner>/mlops-constructs`),
 * or names another repository than the others. The project has no public repository address yet;
 * the fields carry the form the README documents for installing from git, so the one place to
 * fill in is package.json, and nothing can reach a registry with a made-up address (npm's
 * provenance statement checks `repository.url` against the repository that built the package).
 *
 * In a dry run (`npm publish --dry-run`, which sets `npm_config_dry_run`) the problems are printed
 * as a warning and the run goes on, so the tarball can still be inspected.
 *
 * Usage: node tools/check-publish-metadata.js [path/to/package.json]
 */
const fs = require('fs');
const path = require('path');

/** `https://<host>/<path>` of a repository URL as npm accepts it (`git+https://…/x.git`, `https://…/x`). */
function repositoryHome(url) {
  const m = /^(?:git\+)?(https:\/\/[^/\s]+\/[^\s#?]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return m ? m[1] : undefined;
}

/** What keeps the package's provenance metadata from being published, one line each. */
function publishMetadataProblems(manifest) {
  const problems = [];
  const repositoryUrl = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const bugsUrl = typeof manifest.bugs === 'string' ? manifest.bugs : manifest.bugs?.url;
  const fields = { 'repository.url': repositoryUrl, homepage: manifest.homepage, 'bugs.url': bugsUrl };
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string' || value === '') {
      problems.push(`${name} is missing`);
    } else if (/[<>]/.test(value)) {
      problems.push(`${name} is the placeholder ${value}: replace <host>/<owner> with the repository's address`);
    }
  }
  if (problems.length > 0) return problems;
  const home = repositoryHome(repositoryUrl);
  if (home === undefined) {
    return [`repository.url ${repositoryUrl} is not an https git URL (git+https://<host>/<owner>/<name>.git)`];
  }
  if (manifest.homepage !== `${home}#readme` && manifest.homepage !== home) {
    problems.push(`homepage ${manifest.homepage} is not the repository's page ${home}#readme`);
  }
  if (bugsUrl !== `${home}/issues`) {
    problems.push(`bugs.url ${bugsUrl} is not the repository's issues ${home}/issues`);
  }
  return problems;
}

module.exports = { publishMetadataProblems };

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'package.json'));
  const problems = publishMetadataProblems(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (problems.length > 0) {
    const dryRun = process.env.npm_config_dry_run === 'true';
    const lines = problems.map((p) => `  - ${p}`).join('\n');
    if (dryRun) {
      process.stderr.write(`warning: this package cannot be published yet (${path.relative(process.cwd(), file)}):\n${lines}\n`);
    } else {
      process.stderr.write(`mlops-constructs: not published: fix ${path.relative(process.cwd(), file)} first:\n${lines}\n`);
      process.exit(1);
    }
  }
}

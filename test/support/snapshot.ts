import * as path from 'path';

/** The checkout's absolute path, which cdktf's default local backend writes into the state path. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Replaces what changes between builds and checkouts without changing the infrastructure, so
 * snapshots churn only on real changes: asset hashes (they follow file contents and the library
 * version), the cdktf version stamp, and the checkout path in the local backend's state path.
 */
export function normalizeForSnapshot(document: unknown): unknown {
  const json = JSON.stringify(document)
    .split(JSON.stringify(REPO_ROOT).slice(1, -1)).join('<repo>')
    .replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '<asset-hash>$1')
    .replace(/"cdktf_version":"[^"]*"/g, '"cdktf_version":"<version>"');
  const parsed = JSON.parse(json);
  if (parsed?.['//']?.metadata?.version) {
    parsed['//'].metadata.version = '<version>';
  }
  return parsed;
}

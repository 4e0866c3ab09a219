/**
 * Replaces what changes between builds without changing the infrastructure, so snapshots churn
 * only on real changes: asset hashes (they follow file contents and the library version) and the
 * cdktf version stamp.
 */
export function normalizeForSnapshot(document: unknown): unknown {
  const json = JSON.stringify(document)
    .replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '<asset-hash>$1')
    .replace(/"cdktf_version":"[^"]*"/g, '"cdktf_version":"<version>"');
  const parsed = JSON.parse(json);
  if (parsed?.['//']?.metadata?.version) {
    parsed['//'].metadata.version = '<version>';
  }
  return parsed;
}

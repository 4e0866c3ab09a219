import { ENTRY_POINT_PEERS, missingPeers, missingPeersMessage, PEER_RANGES, requirePeers } from '../../lib/core/peers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../package.json') as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> };

test('the ranges are package.json\'s peerDependencies, and every peer of an entry point has one', () => {
  expect(PEER_RANGES).toEqual(pkg.peerDependencies);
  for (const peers of Object.values(ENTRY_POINT_PEERS)) {
    for (const name of peers) {
      expect(PEER_RANGES[name]).toBeDefined();
    }
  }
});

test('a peer the resolver cannot find is named, with the install command for all of the entry point\'s peers', () => {
  const resolver = (present: string[]) => (name: string): string => {
    if (!present.includes(name)) {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    }
    return `/x/node_modules/${name}/index.js`;
  };
  expect(missingPeers('mlops-constructs/gcp', resolver(['constructs']))).toEqual(['cdktf', '@cdktf/provider-google']);
  expect(missingPeers('mlops-constructs/aws', resolver(['aws-cdk-lib', 'constructs']))).toEqual([]);
  expect(() => requirePeers('mlops-constructs/gcp', resolver(['constructs']))).toThrow(
    'mlops-constructs/gcp needs its peer packages cdktf, @cdktf/provider-google, which are not installed. '
    + 'Install the peers next to mlops-constructs: npm install cdktf@^0.21.0 @cdktf/provider-google@^16.12.1 constructs@^10.5.0');
  expect(missingPeersMessage('mlops-constructs/aws', ['aws-cdk-lib'])).toBe(
    'mlops-constructs/aws needs its peer package aws-cdk-lib, which is not installed. Install the peers next to mlops-constructs: npm install aws-cdk-lib@^2.276.0 constructs@^10.5.0');
  expect(() => requirePeers('mlops-constructs/aws', resolver(['aws-cdk-lib', 'constructs']))).not.toThrow();
});

test('the exact versions this repository tests with satisfy the published peer ranges (what npm checks when a user installs them)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dev = (require('../../package.json') as { devDependencies: Record<string, string> }).devDependencies;
  // Every range is a caret range, so the check is the caret rule (same major, or same minor below
  // 1.0.0; not older): written here rather than taking semver, which is not a dependency of ours.
  const caret = (range: string, version: string): boolean => {
    const [lo, v] = [range.replace(/^\^/, ''), version].map((x) => x.split('.').map(Number));
    const sameLine = lo[0] === 0 ? v[0] === 0 && v[1] === lo[1] : v[0] === lo[0];
    const notOlder = v[0] !== lo[0] ? v[0] > lo[0] : v[1] !== lo[1] ? v[1] > lo[1] : v[2] >= lo[2];
    return sameLine && notOlder;
  };
  for (const [name, range] of Object.entries(PEER_RANGES)) {
    expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(dev[name]).toMatch(/^\d+\.\d+\.\d+$/);
    expect({ name, range, version: dev[name], satisfied: caret(range, dev[name]) }).toEqual({ name, range, version: dev[name], satisfied: true });
  }
  // The rule itself, on both sides of each bound.
  expect([caret('^2.276.0', '2.276.0'), caret('^2.276.0', '2.300.1'), caret('^2.276.0', '2.275.9'), caret('^2.276.0', '3.0.0')]).toEqual([true, true, false, false]);
  expect([caret('^0.21.0', '0.21.5'), caret('^0.21.0', '0.22.0'), caret('^0.21.3', '0.21.2')]).toEqual([true, false, false]);
});

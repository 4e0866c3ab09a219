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
    + 'Install the peers next to mlops-constructs: npm install "cdktf@>=0.20.0 <0.22.0" "@cdktf/provider-google@>=14.30.0 <17.0.0" "constructs@^10.5.0"');
  expect(missingPeersMessage('mlops-constructs/aws', ['aws-cdk-lib'])).toBe(
    'mlops-constructs/aws needs its peer package aws-cdk-lib, which is not installed. Install the peers next to mlops-constructs: npm install "aws-cdk-lib@^2.269.0" "constructs@^10.5.0"');
  expect(() => requirePeers('mlops-constructs/aws', resolver(['aws-cdk-lib', 'constructs']))).not.toThrow();
});

test('the exact versions this repository tests with satisfy the published peer ranges (what npm checks when a user installs them)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dev = (require('../../package.json') as { devDependencies: Record<string, string> }).devDependencies;
  // Every range is a caret range or `>=floor <limit`, so the check is those two rules (caret:
  // same major, or same minor below 1.0.0; not older): written here rather than taking semver,
  // which is not a dependency of ours.
  const parts = (x: string) => x.split('.').map(Number);
  const compare = (a: number[], b: number[]) => (a[0] - b[0]) || (a[1] - b[1]) || (a[2] - b[2]);
  const caret = (range: string, version: string): boolean => {
    const [lo, v] = [range.replace(/^\^/, ''), version].map(parts);
    const sameLine = lo[0] === 0 ? v[0] === 0 && v[1] === lo[1] : v[0] === lo[0];
    return sameLine && compare(v, lo) >= 0;
  };
  const bounded = (range: string, version: string): boolean => {
    const [, lo, hi] = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range)!;
    return compare(parts(version), parts(lo)) >= 0 && compare(parts(version), parts(hi)) < 0;
  };
  const satisfied = (range: string, version: string) => (range.startsWith('^') ? caret(range, version) : bounded(range, version));
  for (const [name, range] of Object.entries(PEER_RANGES)) {
    expect(range).toMatch(/^(\^\d+\.\d+\.\d+|>=\d+\.\d+\.\d+ <\d+\.\d+\.\d+)$/);
    expect(dev[name]).toMatch(/^\d+\.\d+\.\d+$/);
    expect({ name, range, version: dev[name], satisfied: satisfied(range, dev[name]) }).toEqual({ name, range, version: dev[name], satisfied: true });
  }
  expect([bounded('>=14.30.0 <17.0.0', '14.30.0'), bounded('>=14.30.0 <17.0.0', '16.12.1'), bounded('>=14.30.0 <17.0.0', '14.29.9'), bounded('>=14.30.0 <17.0.0', '17.0.0')]).toEqual([true, true, false, false]);
  // The rule itself, on both sides of each bound.
  expect([caret('^2.276.0', '2.276.0'), caret('^2.276.0', '2.300.1'), caret('^2.276.0', '2.275.9'), caret('^2.276.0', '3.0.0')]).toEqual([true, true, false, false]);
  expect([caret('^0.21.0', '0.21.5'), caret('^0.21.0', '0.22.0'), caret('^0.21.3', '0.21.2')]).toEqual([true, false, false]);
});

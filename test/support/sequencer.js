/**
 * jest's test order (jest.config.js `testSequencer`): the files known to run longest start first.
 *
 * jest's own sequencer orders by the durations it cached from the last run on this machine and,
 * without them (CI: a clean clone, a new cache path), by file size, largest first. The slowest
 * files here are small files that register many suites (test/checks.test.ts is 35 lines and ran
 * 117th of 117 in a fresh-clone `.ci/run`, taking 33 s while the other worker had nothing left).
 * So these start first, in this order; failed tests still go first, and the rest keep jest's
 * order. A listed file that no longer exists is an error, so that a rename updates the list.
 *
 * Measured without jest's cached durations (as in CI), 2 workers, 2 interleaved rounds: 129.6 s and
 * 124.1 s of jest wall time with jest's order (checks.test.ts last, alone for its final 16 s),
 * 125.9 s and 120.8 s with this one.
 */
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.join(__dirname, '..', '..');

/** Longest first, measured in a fresh-clone `.ci/run` (2 workers, 3 December 2026). */
const LONGEST_FIRST = [
  'test/checks.test.ts', // 33 s: every checked synth (validator, cdk-nag, GCP policy pack)
  'test/package.test.ts', // 31 s, mostly npm pack and installs (I/O): overlaps with the CPU-bound checks
  'test/aws-units.test.ts', // 22 s (one run, 6 December): the 25 AWS unit files (test/support/unit-files.js)
  'test/aws/constructs.property.test.ts', // 17 s
  'test/api-reference.test.ts', // 16 s: typedoc
  'test/gcp/constructs.property.test.ts', // 13 s
  'test/readme.test.ts', // 12 s
  'test/gcp-units.test.ts', // 10 s (one run, 6 December): the 51 Google Cloud unit files
];

for (const file of LONGEST_FIRST) {
  if (!fs.existsSync(path.join(ROOT, file))) {
    throw new Error(`test/support/sequencer.js lists ${file}, which does not exist: update LONGEST_FIRST`);
  }
}

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = (test) => {
      const i = LONGEST_FIRST.indexOf(path.relative(ROOT, test.path).split(path.sep).join('/'));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    const failed = (test) => (this.hasFailed(test) ? 0 : 1);
    return ordered
      .map((test, index) => ({ test, index }))
      .sort((a, b) => failed(a.test) - failed(b.test) || rank(a.test) - rank(b.test) || a.index - b.index)
      .map(({ test }) => test);
  }
}

module.exports = LongestFirstSequencer;

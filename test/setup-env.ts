// Unit tests assert on templates; the CloudFormation validator (about 2 s per process) runs only in
// the tests that are about it (test/checks), which switch it back on for their own apps.
process.env.CDK_VALIDATION = 'false';

// aws-cdk-lib records a stack trace as metadata on every CfnElement and Stack it creates
// (`aws:cdk:creationStack`, unless context `aws:cdk:disable-creation-stack-traces` is set) and on
// every annotation (unless `aws:cdk:disable-stack-trace`); under jest each trace is formatted
// through jest's source-map support. No test reads them and templates do not depend on them.
// Turning both off (App reads CDK_CONTEXT_JSON as context) took the checked-synth file from
// 44.7 s to 36.6 s of CPU (user + sys, `jest -i test/checks.test.ts`) and the AWS property tests
// from 20.4 s and 16.2 s to 11.8 s and 10.3 s (two interleaved rounds of
// `jest -i test/aws/constructs.property.test.ts`).
process.env.CDK_CONTEXT_JSON = JSON.stringify({
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-stack-trace': true,
});

// cdktf records a complete stack trace (Error.stackTraceLimit = Number.MAX_SAFE_INTEGER) for every
// token it creates (cdktf/lib/tokens/private/intrinsic.js and lazy.js, through its copy of
// constructs' captureStackTrace), and uses it only in the message of a token that fails to
// resolve. Formatting those traces was most of the CPU time of the GCP tests under jest (measured
// with `process.cpuUsage()` per file, one worker: 15.9 s → 4.8 s for the GCP GPU-cluster,
// feature-store and training-pipeline-validation files). The tests skip it: a trace captured into
// a plain `{ stack: '' }` object (that helper's exact pattern) stays empty, which cdktf reads as
// "no trace". Traces of real errors (`new Error()`, `Error.captureStackTrace(error)`) are
// untouched, and synthesized output does not depend on either.
const captureStackTrace = Error.captureStackTrace.bind(Error);
// V8's own rendering of a trace. (Node falls back to the main realm's `Error.prepareStackTrace`,
// jest's, when this realm's is unset, so the formatter has to be set, not cleared.)
const formatWithoutSourceMaps = (error: Error, frames: NodeJS.CallSite[]): string => `${error}${frames.map((frame) => `\n    at ${frame}`).join('')}`;
Error.captureStackTrace = (target: object, below?: Function): void => {
  if (!(target instanceof Error) && Object.getPrototypeOf(target) === Object.prototype) {
    const keys = Object.keys(target);
    if (keys.length === 1 && keys[0] === 'stack' && (target as { stack: unknown }).stack === '') {
      return;
    }
    if (keys.length === 0) {
      // aws-cdk-lib's pattern (core/lib/private/stack-trace.js `captureCallStack`: a trace into an
      // empty object, then parsed), which `Validations.acknowledge` runs for every rule it records
      // whatever the context says. It needs frames, so it gets them, formatted by V8 rather than by
      // jest's source-map support, whose lookups of each frame were 1.8 s of the CPU of the test
      // files in one process (CPU profile, 4 December 2026). The frames then name the compiled
      // JavaScript; nothing reads them but aws-cdk-lib's metadata.
      const prepare = Error.prepareStackTrace;
      Error.prepareStackTrace = formatWithoutSourceMaps;
      try {
        captureStackTrace(target, below);
        void (target as { stack?: unknown }).stack;
      } finally {
        Error.prepareStackTrace = prepare;
      }
      return;
    }
  }
  captureStackTrace(target, below);
};

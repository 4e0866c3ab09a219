// Unit tests assert on templates; the CloudFormation validator (about 2 s per process) runs only in
// the tests that are about it (test/checks), which switch it back on for their own apps.
process.env.CDK_VALIDATION = 'false';

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
Error.captureStackTrace = (target: object, below?: Function): void => {
  if (!(target instanceof Error) && Object.getPrototypeOf(target) === Object.prototype) {
    const keys = Object.keys(target);
    if (keys.length === 1 && keys[0] === 'stack' && (target as { stack: unknown }).stack === '') {
      return;
    }
  }
  captureStackTrace(target, below);
};

/**
 * mlops-constructs/gcp/testing — run the policy packs on a stack in a unit test, as `app.synth()`
 * does for `GcpChecks.addTo`, and read what they found.
 */
export * from './stack-checks';

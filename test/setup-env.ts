// Unit tests assert on templates; the CloudFormation validator (about 2 s per process) runs only in
// the tests that are about it (test/checks), which switch it back on for their own apps.
process.env.CDK_VALIDATION = 'false';

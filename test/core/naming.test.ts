import {
  assertDataDestructionAllowed, BIGQUERY_DATASET_RULE, GCS_BUCKET_NAME_RULE, GLUE_NAME_RULE, namingProblem, PREFIX_RULE, S3_BUCKET_NAME_RULE,
  toSnakeCase, ZONE_NAME_RULE,
} from 'mlops-constructs';

describe('naming rules', () => {
  test.each(['acme', 'acme-ml', 'a1', 'x'.repeat(30)])('prefix %s is valid', (p) => expect(namingProblem(PREFIX_RULE, p)).toBeUndefined());
  test.each(['Acme', 'acme_ml', '1acme', 'acme-', 'x'.repeat(31), 'goog-ml', 'my-google-ml', ''])('prefix %s is invalid', (p) => {
    expect(namingProblem(PREFIX_RULE, p)).toMatch(/1 to 30 characters/);
  });
  test('a valid prefix and zone always make valid bucket names on both clouds', () => {
    const name = `${'x'.repeat(30)}-${'z'.repeat(20)}-access-logs`;
    expect(namingProblem(GCS_BUCKET_NAME_RULE, name)).toBeUndefined();
    expect(namingProblem(S3_BUCKET_NAME_RULE, name)).toBeUndefined();
  });
  test.each([['a', 'raw'], ['acme-ml-1', 'feature-store'], ['x'.repeat(30), `z${'-9'.repeat(9)}z`]])(
    'prefix %s and zone %s make a valid Glue database and BigQuery dataset name', (prefix, zone) => {
      expect(namingProblem(PREFIX_RULE, prefix)).toBeUndefined();
      expect(namingProblem(ZONE_NAME_RULE, zone)).toBeUndefined();
      const name = `${toSnakeCase(prefix)}_${toSnakeCase(zone)}`;
      expect(namingProblem(GLUE_NAME_RULE, name)).toBeUndefined();
      expect(namingProblem(BIGQUERY_DATASET_RULE, name)).toBeUndefined();
    });
  test.each(['192.168.1.1', 'xn--abc', 'abc-s3alias', 'a..b', 'ab', 'Abc'])('S3 bucket name %s is invalid', (n) => {
    expect(namingProblem(S3_BUCKET_NAME_RULE, n)).toBeDefined();
  });
  test('non-strings are never valid names', () => expect(namingProblem(PREFIX_RULE, 42)).toBeDefined());
  test('snake case of a zone', () => expect(toSnakeCase('feature-store')).toBe('feature_store'));
});

describe('data destruction opt-in', () => {
  const scope = (context: Record<string, unknown>) => ({ node: { path: 'S/Lake', tryGetContext: (k: string) => context[k] } });
  test('refuses without the app context, naming it', () => {
    expect(() => assertDataDestructionAllowed(scope({}), 'removalPolicy', 'DESTROY'))
      .toThrow(/\[S\/Lake\] invalid removalPolicy: "DESTROY"\. Allowed: .*"mlops-constructs:allowDataDestruction": true/);
  });
  test('allows with the app context', () => {
    expect(() => assertDataDestructionAllowed(scope({ 'mlops-constructs:allowDataDestruction': true }), 'removalPolicy', 'DESTROY')).not.toThrow();
  });
});

// The conventions of SHAPE.md and plan/standards.md that a syntax rule expresses, as ESLint rules
// over lib/ (`npm run lint`, part of `npm test`). No type-aware rule: the TypeScript parser runs
// without a program, so a lint of lib/ costs about a second. What needs types or several files
// (@default on optional props, an IXxx per construct, warning ids, GcpIamProps, shared helpers) is
// test/conventions.test.ts; each rule here is shown to fail there too.
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');

/** R13: input handling is resolveX / xProblems / renderX / createX; these prefixes are banned in lib/. */
const BANNED_VERBS = /^(validate|valid|check|verify|ensure|build|make|parse|normalize|sanitize)[A-Z]/u.source;
const verbMessage = 'R13 (SHAPE.md): name input handling resolveX (validate + default → value), xProblems (→ ValidationProblem[]), renderX (→ L1 block) or createX (→ resources); validate/valid/check/verify/ensure/build/make/parse/normalize/sanitize + an uppercase letter is not allowed in lib/.';
const functionLike = 'ArrowFunctionExpression|FunctionExpression';

const bannedVerbs = [
  { selector: `FunctionDeclaration[id.name=/${BANNED_VERBS}/]`, message: verbMessage },
  { selector: `MethodDefinition[key.name=/${BANNED_VERBS}/]`, message: verbMessage },
  { selector: `TSMethodSignature[key.name=/${BANNED_VERBS}/]`, message: verbMessage },
  { selector: `TSPropertySignature[key.name=/${BANNED_VERBS}/][typeAnnotation.typeAnnotation.type='TSFunctionType']`, message: verbMessage },
  { selector: `VariableDeclarator[id.name=/${BANNED_VERBS}/][init.type=/${functionLike}/]`, message: verbMessage },
  { selector: `PropertyDefinition[key.name=/${BANNED_VERBS}/][value.type=/${functionLike}/]`, message: verbMessage },
  { selector: `Property[key.name=/${BANNED_VERBS}/][value.type=/${functionLike}/]`, message: verbMessage },
];

const privateReexport = 'A folder index.ts re-exports the folder\'s public files only, never private/ (SHAPE.md layout rules); no other file re-exports private/ either.';
const noPrivateReexport = [
  { selector: 'ExportAllDeclaration[source.value=/(^|\\/)private(\\/|$)/]', message: privateReexport },
  { selector: 'ExportNamedDeclaration[source.value=/(^|\\/)private(\\/|$)/]', message: privateReexport },
];

const noCdktfOutsideFacade = {
  name: 'cdktf',
  message: 'Import cdktf through lib/gcp/cdktf.ts: it is the only module of the library that imports cdktf.',
};
const providerRootMessage = 'Import one resource as @cdktf/provider-google/lib/<resource>: the package root loads every resource of the provider.';
const noProviderRoot = { name: '@cdktf/provider-google', message: providerRootMessage };
const noProviderLibIndex = { name: '@cdktf/provider-google/lib', message: providerRootMessage };
const noCdktfSubpath = { group: ['cdktf/*'], message: noCdktfOutsideFacade.message };
// The same declarations (the root re-exports aws-cdk-lib/core), but the root's declaration file
// also names every service module: a tsc program of lib/ read 4,111 files with it and 2,923
// without (docs/benchmark.md, the build and typedoc). At run time the root is lazy either way.
const noAwsCdkLibRoot = {
  name: 'aws-cdk-lib',
  message: 'Import aws-cdk-lib\'s core as aws-cdk-lib/core: the package root\'s declarations name every service module, which tsc and typedoc then read.',
};

module.exports = defineConfig(
  {
    files: ['lib/**/*.ts'],
    // No JSDoc parsing: no rule here reads JSDoc (measured: ~15 % of the parse time of lib/).
    languageOptions: { parser: tseslint.parser, parserOptions: { jsDocParsingMode: 'none' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ...bannedVerbs, ...noPrivateReexport],
      'no-restricted-imports': ['error', { paths: [noCdktfOutsideFacade, noProviderRoot, noProviderLibIndex, noAwsCdkLibRoot], patterns: [noCdktfSubpath] }],
    },
  },
  {
    files: ['lib/gcp/cdktf.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noProviderRoot, noProviderLibIndex] }] },
  },
  {
    files: ['lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noCdktfOutsideFacade, noProviderRoot, noProviderLibIndex],
        patterns: [{
          group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', 'cdktf/*', '@cdktf/*', 'constructs', '../aws', '../aws/*', '../gcp', '../gcp/*', '../../aws/*', '../../gcp/*'],
          message: 'lib/core is cloud-neutral: it imports neither aws-cdk-lib, cdktf, constructs nor a cloud folder of the library.',
        }],
      }],
    },
  },
  {
    // R11: GCP warnings go through one warn(scope, id, message), so every id is in the message the same way.
    files: ['lib/gcp/**/*.ts'],
    ignores: ['lib/gcp/private/warnings.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...bannedVerbs, ...noPrivateReexport,
        { selector: 'CallExpression[callee.property.name=/^addWarning(V2)?$/]', message: 'R11 (SHAPE.md): emit GCP warnings with warn(scope, id, message) from lib/gcp/private/warnings.ts.' },
      ],
    },
  },
);

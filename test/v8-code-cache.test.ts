/**
 * test/support/v8-code-cache.js: the `vm.compileFunction` that jest's workers use
 * (test/support/jest-runtime.js) compiles what the original compiles, reports the same positions,
 * serves a second compile of the same file from V8's code cache, and leaves every other call to
 * the original.
 */
import * as path from 'path';
import * as vm from 'vm';

type Counters = { compiled: number; fromCache: number; rejected: number; passedThrough: number };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cache = require('./support/v8-code-cache') as {
  cachingCompileFunction(original: typeof vm.compileFunction): typeof vm.compileFunction;
  cacheStats(compile: typeof vm.compileFunction): Counters | undefined;
  v8CodeCacheStats(): Counters | undefined;
  uncachedCompileFunction(): typeof vm.compileFunction;
};

const original = cache.uncachedCompileFunction();
const { cachingCompileFunction } = cache;
const stats = cache.cacheStats;

const MODULE = [
  "'use strict';",
  'const base = globalThis.base;',
  'exports.add = (n) => base + n + offset;',
  'exports.fail = () => { throw new Error(`failed in ${__filename}`); };',
].join('\n');
const PARAMS = ['exports', 'offset', '__filename'];

function load(compile: typeof vm.compileFunction, base: number, code = MODULE) {
  const context = vm.createContext({ base });
  const exports: { add(n: number): number; fail(): never } = {} as never;
  const fn = compile(code, PARAMS, { filename: '/virtual/module.js', parsingContext: context, importModuleDynamically: (async () => undefined) as never });
  fn(exports, 100, '/virtual/module.js');
  return exports;
}

test('a module compiles and runs as with vm.compileFunction, in the context it was compiled for', () => {
  const compile = cachingCompileFunction(original);
  expect(load(compile, 1).add(2)).toBe(103);
  expect(load(original, 1).add(2)).toBe(103);
  expect(stats(compile)).toEqual({ compiled: 1, fromCache: 0, rejected: 0, passedThrough: 0 });
});

test('the same file compiled again, for another context, comes from V8\'s code cache and sees that context', () => {
  const compile = cachingCompileFunction(original);
  expect(load(compile, 1).add(0)).toBe(101);
  expect(load(compile, 50).add(0)).toBe(150);
  expect(load(compile, 7).add(1)).toBe(108);
  expect(stats(compile)).toEqual({ compiled: 1, fromCache: 2, rejected: 0, passedThrough: 0 });
});

test('a file whose source changed is compiled again, not served the old code', () => {
  const compile = cachingCompileFunction(original);
  expect(load(compile, 1).add(0)).toBe(101);
  expect(load(compile, 1, MODULE.replace('base + n + offset', 'base * n')).add(3)).toBe(3);
  expect(stats(compile)).toMatchObject({ compiled: 2, fromCache: 0 });
});

test('a stack trace names the same file, line and column as vm.compileFunction\'s, compiled or from the cache', () => {
  const position = (compile: typeof vm.compileFunction) => {
    try {
      load(compile, 1).fail();
    } catch (e) {
      return /\/virtual\/module\.js:(\d+):(\d+)/.exec((e as Error).stack ?? '')?.slice(1);
    }
    return undefined;
  };
  const expected = position(original);
  expect(expected).toEqual(['4', expect.any(String)]);
  const compile = cachingCompileFunction(original);
  expect(position(compile)).toEqual(expected);
  expect(position(compile)).toEqual(expected);
  expect(stats(compile)).toMatchObject({ compiled: 1, fromCache: 1 });
});

test('a syntax error is vm.compileFunction\'s own; calls with other options go to it untouched', () => {
  const compile = cachingCompileFunction(original);
  const message = (c: typeof vm.compileFunction) => {
    try {
      c('exports.x = ;', ['exports'], { filename: '/virtual/broken.js', parsingContext: vm.createContext({}) });
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return 'compiled';
  };
  expect(message(compile)).toBe(message(original));
  expect(message(compile)).toMatch(/^SyntaxError: /);
  expect(compile('return a + b', ['a', 'b'])(1, 2)).toBe(3);
  expect(compile('return x', [], { contextExtensions: [{ x: 5 }] })()).toBe(5);
  expect(stats(compile)).toEqual({ compiled: 0, fromCache: 0, rejected: 0, passedThrough: 4 });
});

test('this jest run compiles its modules through the cache (jest.config.js runtime)', () => {
  expect(vm.compileFunction).not.toBe(original);
  const installed = cache.v8CodeCacheStats();
  expect(installed).toBeDefined();
  expect(installed!.compiled + installed!.fromCache).toBeGreaterThan(0);
});

test('the runtime it wraps is the jest-runtime that jest itself runs (package.json pins it with jest)', () => {
  const runners = path.dirname(require.resolve('jest-runner/package.json'));
  expect(require.resolve('jest-runtime', { paths: [runners] })).toBe(require.resolve('jest-runtime'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const versions = require('../package.json').devDependencies as Record<string, string>;
  expect(versions['jest-runtime']).toBe(versions.jest);
});

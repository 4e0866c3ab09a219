/**
 * V8's code cache for the modules jest compiles, kept per jest worker (issue #15, item 5).
 *
 * Why: jest runs each test file in its own context and compiles every module the file loads again
 * there (`vm.compileFunction` in jest-runtime's module executor), so aws-cdk-lib, cdktf and the
 * library are parsed and compiled once per test file. V8 reuses nothing across those compiles:
 * its in-memory compilation cache does not serve `vm.compileFunction`. In a CPU profile of the test
 * files run in one process (4 December 2026), `internalCompileFunction` was 14 % of the time.
 *
 * How: the first time a worker compiles a file, it compiles it as a `vm.Script` (the same function
 * wrapper, one line above the code, and `lineOffset: -1` so that every position in a stack trace
 * or a source map is the code's own) and keeps the script. When a later test file compiles the
 * same file with the same source, the kept script's `createCachedData()` (which by then holds the
 * functions the first file ran, not only the top level) is handed to V8, which deserializes
 * instead of compiling. Whatever the cache cannot serve goes to the original `vm.compileFunction`:
 * a call with any other option (`cachedData`, `produceCachedData`, `contextExtensions`), without a
 * `parsingContext`, or a source that the wrapper does not compile (a syntax error is then reported
 * by `vm.compileFunction` itself, exactly as jest would report it). One difference is left: a
 * source that closes the wrapper itself (`}); …; (function () {`) would compile here, where
 * `vm.compileFunction` refuses it; a module's source is a function body, and none does that.
 *
 * Hand-written because nothing reachable does this: v8-compile-cache and Node 22's
 * `module.enableCompileCache()` serve Node's own `require`, not jest's contexts, and jest has no
 * option for it. Installed in each jest worker by test/support/jest-runtime.js (jest.config.js
 * `runtime`); nothing outside the tests uses it.
 */
const vm = require('vm');

const INSTALLED = Symbol.for('mlops-constructs.v8CodeCache');

/** The options of jest's call that the cache understands; any other option goes to `vm.compileFunction` as it is. */
const CACHEABLE_OPTIONS = new Set(['filename', 'importModuleDynamically', 'parsingContext']);

/**
 * A `vm.compileFunction` that keeps V8's code cache of each file it compiles, falling back to
 * `compileFunction` for everything else.
 * @param {typeof vm.compileFunction} compileFunction the original
 */
function cachingCompileFunction(compileFunction) {
  /** @type {Map<string, { source: string, params: string, script?: vm.Script, data?: Buffer }>} */
  const files = new Map();
  const stats = { compiled: 0, fromCache: 0, rejected: 0, passedThrough: 0 };

  function compile(code, params = [], options = {}) {
    const cacheable = typeof code === 'string' && Array.isArray(params) && params.every((p) => typeof p === 'string')
      && typeof options.filename === 'string' && options.parsingContext !== undefined
      && Object.keys(options).every((key) => CACHEABLE_OPTIONS.has(key));
    if (!cacheable) {
      stats.passedThrough += 1;
      return compileFunction(code, params, options);
    }
    const paramList = params.join(', ');
    const known = files.get(options.filename);
    const reuse = known !== undefined && known.source === code && known.params === paramList;
    if (reuse && known.data === undefined && known.script !== undefined) {
      known.data = known.script.createCachedData();
      known.script = undefined;
    }
    let script;
    try {
      script = new vm.Script(`(function (${paramList}) {\n${code}\n})`, {
        filename: options.filename,
        lineOffset: -1,
        cachedData: reuse ? known.data : undefined,
        importModuleDynamically: options.importModuleDynamically,
      });
    } catch {
      stats.passedThrough += 1;
      return compileFunction(code, params, options);
    }
    if (reuse) {
      // V8 says whether it used the data: false when it deserialized it, true when it compiled anyway.
      if (script.cachedDataRejected === false) {
        stats.fromCache += 1;
      } else {
        stats.rejected += 1;
      }
    } else {
      stats.compiled += 1;
      files.set(options.filename, { source: code, params: paramList, script });
    }
    return script.runInContext(options.parsingContext);
  }
  compile[INSTALLED] = { stats, original: compileFunction };
  return compile;
}

/** The counters of a caching `compileFunction` (compiled, from the cache, cache rejected by V8, passed through). */
function cacheStats(compile) {
  return compile[INSTALLED]?.stats;
}

/** Replaces `vm.compileFunction` in this process with the caching one (once; later calls change nothing). */
function installV8CodeCache() {
  if (vm.compileFunction[INSTALLED] === undefined) {
    vm.compileFunction = cachingCompileFunction(vm.compileFunction);
  }
}

/** The counters of the cache installed in this process, or undefined when it is not installed. */
function v8CodeCacheStats() {
  return cacheStats(vm.compileFunction);
}

/** Node's own `vm.compileFunction`, whether or not the cache is installed. */
function uncachedCompileFunction() {
  return vm.compileFunction[INSTALLED]?.original ?? vm.compileFunction;
}

module.exports = { cachingCompileFunction, cacheStats, installV8CodeCache, v8CodeCacheStats, uncachedCompileFunction };

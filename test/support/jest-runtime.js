/**
 * jest's own runtime (jest-runtime), with V8's code cache installed in the worker first
 * (test/support/v8-code-cache.js says why and how). jest.config.js names this file as `runtime`;
 * jest-runner requires it in each worker before the worker's first test file.
 */
require('./v8-code-cache').installV8CodeCache();

module.exports = require('jest-runtime');

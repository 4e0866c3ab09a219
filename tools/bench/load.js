// Benchmark: time to require modules in a fresh process, as a user's app loads them. Each argument
// is a module, or `module#Name` to also read one export (a lazy entry point then loads its folder).
// Prints the time and, counted after the timing, how many files under node_modules were loaded.
const started = process.hrtime.bigint();
for (const arg of process.argv.slice(2)) {
  const [specifier, name] = arg.split('#');
  const loaded = require(specifier);
  if (name !== undefined && loaded[name] === undefined) {
    throw new Error(`${specifier} exports no ${name}`);
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const nodeModules = `${require('path').sep}node_modules${require('path').sep}`;
console.log(JSON.stringify({ ms, toolchainFiles: Object.keys(require.cache).filter((file) => file.includes(nodeModules)).length }));

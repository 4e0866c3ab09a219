// Benchmark: time to require modules in a fresh process, as a user's app loads them. Each argument
// is a module, or `module#Name` to also read one export (a lazy entry point then loads its folder).
const started = process.hrtime.bigint();
for (const arg of process.argv.slice(2)) {
  const [specifier, name] = arg.split('#');
  const loaded = require(specifier);
  if (name !== undefined && loaded[name] === undefined) {
    throw new Error(`${specifier} exports no ${name}`);
  }
}
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 }));

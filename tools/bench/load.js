// Benchmark: time to require one module in a fresh process (argv[2]), as a user's app loads it.
const started = process.hrtime.bigint();
require(process.argv[2]);
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 }));

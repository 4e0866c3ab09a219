/**
 * Drift benchmark: the generated baseline and window queries on DuckDB against numpy/scipy
 * computing the same statistics on the same data (1M baseline rows and 1M window rows × 10
 * features: 8 numeric, 2 categorical), each side timed over the same number of rounds, medians
 * compared as a ratio.
 *
 * tools/drift/bench.py generates the data (numpy, seeded), writes it as CSV for DuckDB and keeps
 * its arrays in memory; this script loads the CSV into DuckDB tables (not timed, as the arrays'
 * creation is not timed on the other side), then runs the rounds interleaved, one stage of one
 * side after the other (Python answers each command on a pipe), so machine noise hits both sides
 * alike, and checks that both sides computed the same window statistics. Run by `npm run bench` (bin/bench.ts) or
 * alone: `npx tsx tools/bench/drift.ts` (DRIFT_BENCH_ROWS, BENCH_ROUNDS to change the size).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { CapturedRecords, DriftQueries, DriftSpec, DriftTable, FieldType, SqlDialect, TableSchema } from '../../lib/core';

const NUMERIC = Array.from({ length: 8 }, (_v, i) => `x${i}`);
const CATEGORICAL = ['c0', 'c1'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const root = path.join(__dirname, '..', '..');
  // bin/bench.ts runs the compiled copy in dist/tools/bench: the Python side is in the sources.
  const script = [path.join(root, 'tools', 'drift', 'bench.py'), path.join(root, '..', 'tools', 'drift', 'bench.py')].find((p) => fs.existsSync(p))!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-drift-bench-'));
  try {
    // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE guard old OpenBLAS builds and slow a current numpy; the
    // statistics here use no BLAS kernel, and the variables are dropped for this command only.
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    console.log(`drift: generating ${process.env.DRIFT_BENCH_ROWS ?? '1000000'} baseline + window rows x 10 features, then ${rounds} interleaved rounds...`);
    const child = spawn('python3', [script, dir], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const answer = async (command?: string) => {
      if (command !== undefined) {
        child.stdin!.write(`${command}\n`);
      }
      const next = await lines.next();
      if (next.done) {
        throw new Error(`drift bench: tools/drift/bench.py ended before answering ${command ?? 'ready'}`);
      }
      return JSON.parse(next.value);
    };
    const python = await answer();
    const schema = new TableSchema({
      name: 'bench',
      fields: [
        ...NUMERIC.map((name) => ({ name, type: FieldType.FLOAT64 })),
        ...CATEGORICAL.map((name) => ({ name, type: FieldType.STRING })),
        { name: 'event_time', type: FieldType.TIMESTAMP },
      ],
      eventTime: 'event_time',
    });
    const spec = new DriftSpec({ schema });
    if (spec.problems().length > 0) {
      throw new Error(JSON.stringify(spec.problems()));
    }
    const queries = new DriftQueries(spec, SqlDialect.DUCKDB);
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    const columns = [...NUMERIC.map((c) => `'${c}': 'DOUBLE'`), ...CATEGORICAL.map((c) => `'${c}': 'VARCHAR'`)].join(', ');
    for (const name of ['baseline', 'window']) {
      await db.run(`CREATE TABLE ${name}_data AS SELECT *, TIMESTAMP '2024-05-01 12:00:00' AS event_time FROM read_csv('${path.join(dir, `${name}.csv`)}', header = true, columns = {${columns}})`);
    }
    const threads = (await db.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0].t;
    const baseline = queries.baseline({ source: DriftTable.named(['baseline_data']) });
    const window = queries.window({ records: CapturedRecords.table({ table: DriftTable.named(['window_data']) }), baselineTable: DriftTable.named(['drift_baseline']) });
    const values = { baseline_id: 'bench', window_start: '2024-05-01 00:00:00', window_end: '2024-05-02 00:00:00' };

    const timeIt = async (sql: string, params: string[]) => {
      const started = process.hrtime.bigint();
      await db.runAndReadAll(sql, params);
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const samples = { duckBaseline: [] as number[], duckWindow: [] as number[], pyBaseline: [] as number[], pyWindow: [] as number[] };
    await db.run(`CREATE TABLE drift_baseline AS ${baseline.sql}`, baseline.parameterValues(values));
    await timeIt(window.sql, window.parameterValues(values)); // warm-up
    await answer('window');
    for (let round = 0; round < rounds; round++) {
      samples.duckBaseline.push(await timeIt(`CREATE OR REPLACE TABLE drift_baseline AS ${baseline.sql}`, baseline.parameterValues(values)));
      samples.pyBaseline.push((await answer('baseline')).s);
      samples.duckWindow.push(await timeIt(window.sql, window.parameterValues(values)));
      samples.pyWindow.push((await answer('window')).s);
    }
    const statistics = (await answer('statistics')).statistics;
    child.stdin!.end();
    const rows = (await db.runAndReadAll(window.sql, window.parameterValues(values))).getRowObjectsJS();
    let worst = 0;
    for (const [field, byStatistic] of Object.entries(statistics as Record<string, Record<string, number>>)) {
      for (const [statistic, value] of Object.entries(byStatistic)) {
        const row = rows.find((r) => r.field === field && r.statistic === statistic);
        worst = Math.max(worst, row ? Math.abs((row.value as number) - value) : Number.POSITIVE_INFINITY);
      }
    }
    db.closeSync();
    instance.closeSync();

    const fmt = (s: number) => `${(s * 1000).toFixed(0).padStart(6)} ms`;
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
    console.log(`\ndrift statistics, ${python.rows} baseline + ${python.rows} window rows x 10 features, ${rounds} interleaved rounds, medians:`);
    const line = (label: string, seconds: number) => console.log(`  ${label.padEnd(56)}${fmt(seconds)}`);
    line(`DuckDB (${threads} threads), generated window query`, m.duckWindow);
    line(`numpy ${python.numpy} / scipy, same window statistics`, m.pyWindow);
    line('DuckDB, generated baseline query (into a table)', m.duckBaseline);
    line('numpy, same baseline', m.pyBaseline);
    console.log(`  largest difference between the two sides' window statistics: ${worst.toExponential(2)}`);
    console.log('\nratios (DuckDB / numpy-scipy; below 1 means the SQL is faster):');
    console.log(`  window query   ${(m.duckWindow / m.pyWindow).toFixed(2)}x`);
    console.log(`  baseline query ${(m.duckBaseline / m.pyBaseline).toFixed(2)}x`);
    if (!(worst <= 1e-9)) {
      throw new Error(`drift bench: DuckDB and numpy/scipy disagree by ${worst}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

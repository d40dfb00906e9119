// `npm run bench`: runs the registered benchmarks, prints one table, and merges the figures into
// bench/results/latest.json. Options: --only <name> (repeatable or comma-separated), --smoke (tiny
// sizes; writes nothing unless --out is given), --engines sqlite,postgres, --out <file>, --list.
// PostgreSQL is measured when DATABASE_URL=postgres://… is set.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/server/db/connect.ts';
import { BENCHMARKS, benchmarkSlug, selectBenchmarks } from './registry.ts';
import { describeMachine } from './support/machine.ts';
import { resultProblems, writeResultsFile } from './support/results.ts';
import { renderTable } from './support/table.ts';
import type { BenchContext, BenchResult } from './support/types.ts';

const LATEST_PATH = fileURLToPath(new URL('./results/latest.json', import.meta.url));

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true, default: [] },
    smoke: { type: 'boolean', default: false },
    engines: { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const m of BENCHMARKS) console.log(benchmarkSlug(m.name));
  process.exit(0);
}

const postgresUrl = process.env['DATABASE_URL']?.match(/^postgres(ql)?:\/\//)
  ? process.env['DATABASE_URL']
  : undefined;
const engines = chooseEngines(values.engines, postgresUrl);
const modules = selectBenchmarks(values.only.flatMap((o) => o.split(',')).filter(Boolean));
const machine = describeMachine();
const ctx: BenchContext = { smoke: values.smoke, engines, postgresUrl, machine };

console.log(
  `Circa benchmarks${ctx.smoke ? ' (smoke sizes: figures are not meaningful)' : ''} on ${engines.join(' and ')}` +
    ` — ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.gitCommit}`,
);

const results: BenchResult[] = [];
const failures: string[] = [];
for (const module of modules) {
  const started = performance.now();
  console.log(`\n▶ ${module.name}`);
  try {
    const produced = await module.run(ctx);
    const problems = produced.flatMap(resultProblems);
    if (problems.length > 0) throw new Error(`invalid results: ${problems.join('; ')}`);
    results.push(...produced);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`  done in ${seconds} s (${produced.length} result(s))`);
  } catch (error) {
    failures.push(module.name);
    console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  }
}

console.log(`\n${renderTable(results)}`);
const goals = results.filter((r) => r.goal);
if (goals.length > 0) {
  console.log('\nGoals:');
  for (const r of goals)
    console.log(`  ${r.goal!.met ? 'met   ' : 'NOT met'} ${r.name} [${r.engine}]: ${r.goal!.text}`);
}
const notes = results.filter((r) => r.notes);
if (notes.length > 0) {
  console.log('\nNotes:');
  for (const r of notes) console.log(`  ${r.name} [${r.engine}]: ${r.notes}`);
}

const outPath = values.out ?? (ctx.smoke ? undefined : LATEST_PATH);
if (outPath && results.length > 0) {
  const file = writeResultsFile(outPath, results, machine);
  console.log(
    `\nWrote ${results.length} result(s) into ${outPath} (${file.results.length} in all).`,
  );
}
if (failures.length > 0) {
  console.error(`\nFailed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
// Some modules leave pooled connections or browser handles for the GC; the run is over.
process.exit();

function chooseEngines(option: string | undefined, pgUrl: string | undefined): Engine[] {
  if (option === undefined) return pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  const chosen = option.split(',').map((e) => e.trim());
  for (const engine of chosen) {
    if (engine !== 'sqlite' && engine !== 'postgres') {
      throw new Error(`--engines takes sqlite and/or postgres (got '${engine}').`);
    }
    if (engine === 'postgres' && !pgUrl) {
      throw new Error('--engines postgres needs DATABASE_URL=postgres://… to be set.');
    }
  }
  return chosen as Engine[];
}

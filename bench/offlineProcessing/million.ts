// A million offline transactions on SQLite (a three-day outage of a 100-branch system): wall time
// and peak memory, sampled, with the first quarter of the same run as the baseline. Memory must not
// grow with the number of transactions beyond the upload being read. The run happens in a child
// process (millionChild.ts) so the figures are its own, not the bench harness's.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchModule } from '../support/types.ts';
import type { MillionFigures } from './millionChild.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const FULL = { transactions: 1_000_000, rounds: 20, workstations: 30 };
const SMOKE = { transactions: 8_000, rounds: 4, workstations: 30 };
/** Peak RSS over the whole run may exceed the first quarter's by at most this (GC noise). */
const GOAL_MEMORY_GROWTH = 1.15;

export const offlineProcessingMillion: BenchModule = {
  name: 'offline-processing-1m',
  async run(ctx) {
    const size = ctx.smoke ? SMOKE : FULL;
    const f = await runChild(size);
    if (f.processed !== size.transactions) {
      throw new Error(`Processed ${f.processed} of ${size.transactions} transactions.`);
    }
    const growth = Math.round((f.peakRssMiB / f.peakRssQuarterMiB) * 100) / 100;
    return [
      {
        name: 'offline-processing-1m',
        engine: 'sqlite',
        figures: {
          transactions: f.transactions,
          seconds: f.seconds,
          txPerSec: f.txPerSec,
          peakRssMiB: f.peakRssMiB,
          rssAfterSetupMiB: f.rssAfterSetupMiB,
          maxRssMiB: f.maxRssMiB,
          setupSeconds: f.setupSeconds,
          applied: f.applied,
          appliedWithWarning: f.appliedWithWarning,
          exceptions: f.exceptions,
        },
        baseline: {
          name: `the first ${f.quarterTransactions.toLocaleString('en-US')} of the same run`,
          figures: {
            transactions: f.quarterTransactions,
            seconds: f.quarterSeconds,
            txPerSec: f.quarterTxPerSec,
            peakRssMiB: f.peakRssQuarterMiB,
          },
        },
        ratios: {
          txPerSec: Math.round((f.txPerSec / f.quarterTxPerSec) * 100) / 100,
          peakRssMiB: growth,
        },
        goal: {
          text: `peak RSS over all ${f.transactions.toLocaleString('en-US')} within ${GOAL_MEMORY_GROWTH}× of the peak over the first quarter`,
          met: growth <= GOAL_MEMORY_GROWTH,
        },
        notes:
          `${size.rounds} rounds of ${size.transactions / size.rounds} check-outs (one upload per workstation of ` +
          `${size.workstations}), each processed as it arrives; RSS sampled every 25 ms in a child process; ` +
          `maxRss is the kernel's high-water mark including setup (seeding and adding shelf items).`,
      },
    ];
  },
};

function runChild(size: typeof FULL): Promise<MillionFigures> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/offlineProcessing/millionChild.ts',
        String(size.transactions),
        String(size.rounds),
        String(size.workstations),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        fail(new Error(`The million-transaction run failed (exit ${code}):\n${err.slice(-4000)}`));
        return;
      }
      done(JSON.parse(line) as MillionFigures);
    });
  });
}

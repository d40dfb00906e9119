// "Renew all" of a patron's 200 loans beside one renewal (issue 12), on the real server over HTTP,
// in the same run on each engine. One read of the loans, their rules and the holds on all their
// titles, then one small transaction per loan: the goal is at most 50× one renewal.
import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { startBenchServer } from '../online/benchServer.ts';
import { ratio } from '../support/stats.ts';
import { lendablePool } from '../online/demoPools.ts';
import { DEMO_DESK, signInDesk, type DeskSession } from '../online/deskSessions.ts';
import { alternatingRounds, eachEngine, median, p95 } from '../support/comparison.ts';
import { lendDirectly } from '../support/directLoans.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';

const LOAN_COUNT = 200;
const SMOKE_LOAN_COUNT = 5;
/** Timed rounds: each renews all the large patron's loans once and the single loan once. */
const SAMPLES = 30;
const SMOKE_SAMPLES = 3;
/** Untimed rounds first, so both requests meet a warm server. */
const WARM_UP_ROUNDS = 3;
const SMOKE_WARM_UP_ROUNDS = 1;
/**
 * Each round renews every loan once, so the rule must allow more renewals than there are rounds
 * (the loan rules' check allows at most 99).
 */
const RENEWALS_ALLOWED = 99;
const GOAL_RATIO = 50;
const DAY_MS = 86_400_000;

export const renewAllBenchmark: BenchModule = eachEngine('renew-all', runOnEngine);

interface Borrowers {
  /** The patron with LOAN_COUNT loans. */
  many: string;
  /** The one loan of another patron, renewed on its own. */
  singleLoanId: number;
}

async function runOnEngine(engine: Engine, ctx: BenchContext): Promise<BenchResult> {
  const loanCount = ctx.smoke ? SMOKE_LOAN_COUNT : LOAN_COUNT;
  const samples = ctx.smoke ? SMOKE_SAMPLES : SAMPLES;
  const warmUp = ctx.smoke ? SMOKE_WARM_UP_ROUNDS : WARM_UP_ROUNDS;
  const loadAtStart = loadavg()[0] ?? 0;
  let borrowers: Borrowers | undefined;
  const server = await startBenchServer({
    engine,
    postgresUrl: ctx.postgresUrl,
    prepare: async (db) => {
      borrowers = await giveLoans(db, loanCount);
    },
  });
  const renewAllMs: number[] = [];
  const renewOneMs: number[] = [];
  try {
    const desk = await signInDesk(server.url, { ...DEMO_DESK, workstation: 'BENCH-RENEW' });
    const { many, singleLoanId } = borrowers!;
    const steps = [
      async (timed: boolean) => {
        const { elapsed, renewed } = await renewAll(server.url, desk, many);
        if (renewed !== loanCount) {
          throw new Error(`Renew all renewed ${renewed} of ${loanCount} loans.`);
        }
        if (timed) renewAllMs.push(elapsed);
      },
      async (timed: boolean) => {
        const elapsed = await renewOne(server.url, desk, singleLoanId);
        if (timed) renewOneMs.push(elapsed);
      },
    ] as const;
    await alternatingRounds({ warmUp, samples }, steps, async (order, timed) => {
      for (const step of order) await step(timed);
    });
  } finally {
    await server.dispose();
  }

  const figures = {
    loans: loanCount,
    renewAllMedianMs: median(renewAllMs),
    renewAllP95Ms: p95(renewAllMs),
  };
  const baseline = {
    loans: 1,
    renewOneMedianMs: median(renewOneMs),
    renewOneP95Ms: p95(renewOneMs),
  };
  const ratios = { renewAllMedian: ratio(figures.renewAllMedianMs, baseline.renewOneMedianMs) };
  return {
    name: 'renew-all',
    engine,
    figures,
    baseline: { name: 'one renewal (POST /api/loans/:id/renewal)', figures: baseline },
    ratios,
    goal: {
      text: `"Renew all" of ${loanCount} loans median ≤ ${GOAL_RATIO}× one renewal's`,
      met: ratios.renewAllMedian <= GOAL_RATIO,
    },
    notes: `${samples} timed rounds of "Renew all" (every loan renewed each time) and of one renewal, one connection, after ${warmUp} untimed rounds; the two alternate. Load average when it started: ${loadAtStart.toFixed(2)}.`,
  };
}

async function renewAll(
  url: string,
  desk: DeskSession,
  patronBarcode: string,
): Promise<{ elapsed: number; renewed: number }> {
  const started = performance.now();
  const body = (await post(url, desk, `/api/patrons/${patronBarcode}/renewals`)) as {
    renewed: unknown[];
  };
  return { elapsed: performance.now() - started, renewed: body.renewed.length };
}

async function renewOne(url: string, desk: DeskSession, loanId: number): Promise<number> {
  const started = performance.now();
  await post(url, desk, `/api/loans/${loanId}/renewal`);
  return performance.now() - started;
}

async function post(url: string, desk: DeskSession, path: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: desk.headers,
    body: '{}',
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

/**
 * Two patrons in good standing with nothing out: the first borrows `loanCount` items, the second
 * one, all lent at the Central Library days ago; every rule allows RENEWALS_ALLOWED renewals.
 */
async function giveLoans(db: Kysely<Database>, loanCount: number): Promise<Borrowers> {
  const pool = await lendablePool(db);
  const [many, single] = pool.patrons;
  if (!many || !single) throw new Error('The demo library has too few patrons in good standing.');
  const items = await db
    .selectFrom('items')
    .select('id')
    .where('status', '=', 'available')
    .orderBy('id')
    .limit(loanCount + 1)
    .execute();
  if (items.length < loanCount + 1) throw new Error('The demo library has too few items.');
  const now = Date.now();
  await db.updateTable('loan_rules').set({ renewals_allowed: RENEWALS_ALLOWED }).execute();
  await lendDirectly(
    db,
    items.map((item, index) => ({
      itemId: item.id,
      patronBarcode: index < loanCount ? many : single,
      checkedOutAt: now - (1 + (index % 10)) * DAY_MS,
      dueAt: now + (10 - (index % 10)) * DAY_MS,
    })),
  );
  const singleLoan = await db
    .selectFrom('loans')
    .select('loans.id')
    .innerJoin('patrons', 'patrons.id', 'loans.patron_id')
    .where('patrons.barcode', '=', single)
    .where('loans.returned_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { many, singleLoanId: singleLoan.id };
}

// Large patrons (issue 5, item 5): check-out and patron look-up for a patron with 1,000 current
// loans against a patron with 1, on the real server over HTTP. Other systems slow down to seconds
// here; the goal is under twice the time of the patron with one loan.
import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { PATRON_LOANS_SHOWN } from '../../src/shared/api/circulation.ts';
import { alternatingRounds, eachEngine, median, p95 } from '../support/comparison.ts';
import { lendDirectly } from '../support/directLoans.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';
import { startBenchServer } from './benchServer.ts';
import { ratio } from '../support/stats.ts';
import { lendablePool } from './demoPools.ts';
import { signInDesk, DEMO_DESK, type DeskSession } from './deskSessions.ts';

const LARGE_LOAN_COUNT = 1_000;
const SMOKE_LARGE_LOAN_COUNT = 20;
/** Timed requests of each kind per patron. */
const SAMPLES = 200;
const SMOKE_SAMPLES = 5;
/** Untimed rounds first, so both patrons meet a warm server. */
const WARM_UP_ROUNDS = 20;
const SMOKE_WARM_UP_ROUNDS = 1;
const GOAL_RATIO = 2;
const DAY_MS = 86_400_000;

export const largePatron: BenchModule = eachEngine('large-patron', runOnEngine);

interface Patrons {
  large: string;
  small: string;
  /** Books on the shelf for the timed check-outs (each checked back in at once). */
  books: string[];
}

async function runOnEngine(engine: Engine, ctx: BenchContext): Promise<BenchResult> {
  const largeLoans = ctx.smoke ? SMOKE_LARGE_LOAN_COUNT : LARGE_LOAN_COUNT;
  const samples = ctx.smoke ? SMOKE_SAMPLES : SAMPLES;
  const warmUp = ctx.smoke ? SMOKE_WARM_UP_ROUNDS : WARM_UP_ROUNDS;
  const loadAtStart = loadavg()[0] ?? 0;
  let patrons: Patrons | undefined;
  const server = await startBenchServer({
    engine,
    postgresUrl: ctx.postgresUrl,
    prepare: async (db) => {
      patrons = await giveLoans(db, largeLoans);
    },
  });
  const times = {
    largeCheckOut: [],
    smallCheckOut: [],
    largeLookup: [],
    smallLookup: [],
  } as Record<'largeCheckOut' | 'smallCheckOut' | 'largeLookup' | 'smallLookup', number[]>;
  let largeLoansSeen = { count: 0, shown: 0 };
  try {
    const desk = await signInDesk(server.url, { ...DEMO_DESK, workstation: 'BENCH-LARGE' });
    const { large, small, books } = patrons!;
    const client = new DeskClient(server.url, desk);
    await alternatingRounds({ warmUp, samples }, [large, small], async (order, timed, turn) => {
      const book = books[turn % books.length]!;
      for (const patron of order) {
        const elapsed = await client.checkOutAndBack(patron, book);
        if (timed) (patron === large ? times.largeCheckOut : times.smallCheckOut).push(elapsed);
      }
      for (const patron of order) {
        const { elapsed, ...seen } = await client.lookUp(patron);
        if (patron === large) largeLoansSeen = seen;
        if (timed) (patron === large ? times.largeLookup : times.smallLookup).push(elapsed);
      }
    });
  } finally {
    await server.dispose();
  }
  const shownLoans = Math.min(largeLoans, PATRON_LOANS_SHOWN);
  if (largeLoansSeen.count !== largeLoans || largeLoansSeen.shown !== shownLoans) {
    throw new Error(
      `The large patron's look-up counted ${largeLoansSeen.count} loans and carried ${largeLoansSeen.shown}, not ${largeLoans} and ${shownLoans}.`,
    );
  }

  const figures = {
    loans: largeLoans,
    checkOutMedianMs: median(times.largeCheckOut),
    checkOutP95Ms: p95(times.largeCheckOut),
    lookupMedianMs: median(times.largeLookup),
    lookupP95Ms: p95(times.largeLookup),
  };
  const baseline = {
    loans: 1,
    checkOutMedianMs: median(times.smallCheckOut),
    checkOutP95Ms: p95(times.smallCheckOut),
    lookupMedianMs: median(times.smallLookup),
    lookupP95Ms: p95(times.smallLookup),
  };
  const ratios = {
    checkOutMedian: ratio(figures.checkOutMedianMs, baseline.checkOutMedianMs),
    lookupMedian: ratio(figures.lookupMedianMs, baseline.lookupMedianMs),
  };
  return {
    name: 'large-patron',
    engine,
    figures,
    baseline: { name: 'the same requests for a patron with 1 loan', figures: baseline },
    ratios,
    goal: {
      text: `check-out and look-up median < ${GOAL_RATIO}× the patron with 1 loan's`,
      met: ratios.checkOutMedian < GOAL_RATIO && ratios.lookupMedian < GOAL_RATIO,
    },
    notes: `${samples} timed check-outs (each checked back in, untimed) and look-ups per patron, one connection, after ${warmUp} untimed rounds; the two patrons alternate. Load average when it started: ${loadAtStart.toFixed(2)}.`,
  };
}

/** One desk's requests, one at a time, timed from send to the last byte of the answer. */
class DeskClient {
  constructor(
    private readonly url: string,
    private readonly desk: DeskSession,
  ) {}

  async checkOutAndBack(patronBarcode: string, itemBarcode: string): Promise<number> {
    const started = performance.now();
    await this.expect(201, 'POST', '/api/checkouts', { patronBarcode, itemBarcode });
    const elapsed = performance.now() - started;
    await this.expect(200, 'POST', '/api/checkins', { itemBarcode });
    return elapsed;
  }

  async lookUp(patronBarcode: string): Promise<{ elapsed: number; count: number; shown: number }> {
    const started = performance.now();
    const body = (await this.expect(200, 'GET', `/api/patrons/${patronBarcode}`)) as {
      loanCount: number;
      loans: unknown[];
    };
    const elapsed = performance.now() - started;
    return { elapsed, count: body.loanCount, shown: body.loans.length };
  }

  private async expect(status: number, method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? this.desk.readHeaders : this.desk.headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${text}`);
    }
    return JSON.parse(text) as unknown;
  }
}

/**
 * Chooses two patrons with nothing on loan and lends the first `largeLoans` items that are not
 * books, the second one: the timed check-outs then lend books, under the book limit of both.
 */
async function giveLoans(db: Kysely<Database>, largeLoans: number): Promise<Patrons> {
  const pool = await lendablePool(db);
  const [large, small] = pool.patrons;
  if (!large || !small) throw new Error('The demo library has too few patrons in good standing.');
  const others = await db
    .selectFrom('items')
    .innerJoin('material_types', 'material_types.id', 'items.material_type_id')
    .select('items.id')
    .where('material_types.code', '!=', 'BOOK')
    .where('items.status', '=', 'available')
    .orderBy('items.id')
    .limit(largeLoans + 1)
    .execute();
  if (others.length < largeLoans + 1) throw new Error('The demo library has too few items.');
  const now = Date.now();
  await lendDirectly(
    db,
    others.map((item, index) => ({
      itemId: item.id,
      patronBarcode: index < largeLoans ? large : small,
      // Spread over the last weeks, so their due dates differ as a real card's do.
      checkedOutAt: now - (index % 20) * DAY_MS,
      dueAt: now + (21 - (index % 20)) * DAY_MS,
    })),
  );
  return { large, small, books: pool.items.slice(0, 50) };
}

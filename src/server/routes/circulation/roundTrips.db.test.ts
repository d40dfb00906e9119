// Counts the statements one desk request sends to the database, through the real routes, as the
// database handle's log hears them: each is a round trip (and on PostgreSQL a pooled connection
// held meanwhile), so one more statement per scan is a slower desk at 100 scans a second (issue 15).
import type { LogEvent } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startCirculationApi,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import type { Engine } from '../../db/connect.ts';
import type { SignedInAgent, TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

/**
 * The most statements each request may send. PostgreSQL counts BEGIN and COMMIT (round trips of
 * their own); SQLite's group-commit driver begins and commits without the log hearing it. Raise a
 * figure only for a new rule that needs a read, and say so in docs/benchmarks.md.
 */
const MOST_STATEMENTS: Record<Engine, Record<'session' | 'checkOut' | 'checkIn', number>> = {
  sqlite: { session: 3, checkOut: 10, checkIn: 10 },
  postgres: { session: 3, checkOut: 10, checkIn: 12 },
};

describeEachEngine('statements per desk request', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  let desk: SignedInAgent;
  let heard: string[] = [];
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine, {
      databaseLog: (event: LogEvent) => {
        heard.push(event.query.sql);
      },
    }));
    // A desk at the items' own branch, so a check-in puts the item back on the shelf.
    desk = await api.signIn('desk-counted', 'circulation', { branchId: library.branch.id });
  });
  afterAll(() => api.dispose());

  // Each bound is checked as "no statement past the most allowed", so a failure lists the extra ones.

  /** The statements sent while `request` ran (nothing else runs meanwhile), and its answer. */
  async function statementsOf<T>(request: () => Promise<T>) {
    heard = [];
    const answer = await request();
    const statements = heard;
    heard = [];
    return { statements, answer };
  }

  it('reads the session, its staff member and workstation in one statement', async () => {
    const { statements, answer } = await statementsOf(() => desk.get('/api/session'));
    expect(answer.statusCode).toBe(200);
    expect(statements.filter((s) => s.includes('from "sessions"'))).toHaveLength(1);
    expect(statements.slice(MOST_STATEMENTS[engine].session)).toEqual([]);
  });

  it('checks out and checks in within the counted statements', async () => {
    const patron = await library.patron();
    const item = await library.item();
    const out = await statementsOf(() =>
      desk.post('/api/checkouts', { patronBarcode: patron.barcode, itemBarcode: item.barcode }),
    );
    expect(out.answer.statusCode).toBe(201);
    // The hook hears the route's own statements, not just any: the loan is written among them.
    expect(out.statements.some((s) => /insert into "loans"/.test(s))).toBe(true);
    expect(out.statements.slice(MOST_STATEMENTS[engine].checkOut)).toEqual([]);

    const back = await statementsOf(() =>
      desk.post('/api/checkins', { itemBarcode: item.barcode }),
    );
    expect(back.answer.statusCode).toBe(200);
    expect(back.answer.json()).toMatchObject({ routing: { kind: 'shelve' } });
    expect(back.statements.some((s) => /update "loans" set "returned_at"/.test(s))).toBe(true);
    expect(back.statements.slice(MOST_STATEMENTS[engine].checkIn)).toEqual([]);
  });
});

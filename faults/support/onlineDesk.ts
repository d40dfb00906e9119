// A desk lending online, as the staff app does: one check-out request per scan, sent with the page's
// Origin. Its stock (patrons, items, the loan rule between them) is of its own, so the offline
// desks' loans never refuse its check-outs, and every answer can be told apart: lent, refused, or
// unanswered (the connection dropped or the proxy answered 502: the loan may or may not exist).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/server/db/schema.ts';
import {
  buildItem,
  buildLoanRule,
  buildMaterialType,
  buildPatron,
  buildPatronType,
} from '../../src/server/testing/factories.ts';
import { CheckOutResult } from '../../src/shared/api/circulation.ts';
import { CSRF_HEADER } from '../../src/shared/api/session.ts';
import type { FaultLibrary } from './library.ts';
import type { Rng } from './rng.ts';
import type { DeskSession } from './uploadClient.ts';

const REQUEST_TIMEOUT_MS = 30_000;

export interface OnlineStock {
  patrons: string[];
  items: string[];
}

/** Patrons and available items of a patron and material type of their own, lendable for 21 days. */
export async function buildOnlineStock(
  db: Kysely<Database>,
  library: FaultLibrary,
  counts: { patrons: number; items: number },
): Promise<OnlineStock> {
  const patronType = await buildPatronType(db);
  const materialType = await buildMaterialType(db);
  await buildLoanRule(db, {
    patron_type_id: patronType.id,
    material_type_id: materialType.id,
    max_items: counts.items,
  });
  const patrons = [];
  for (let k = 0; k < counts.patrons; k += 1) {
    patrons.push(
      await buildPatron(db, { patron_type_id: patronType.id, home_branch_id: library.branchId }),
    );
  }
  const items = [];
  for (let k = 0; k < counts.items; k += 1) {
    items.push(
      await buildItem(db, { material_type_id: materialType.id, branch_id: library.branchId }),
    );
  }
  return { patrons: patrons.map((p) => p.barcode), items: items.map((i) => i.barcode) };
}

export type CheckOutOutcome =
  | { kind: 'lent'; loanId: number }
  | { kind: 'refused'; status: number; message: string }
  /** No answer from Circa: the loan may have been made before the server died, or not. */
  | { kind: 'unanswered'; status: number | null; message: string };

export interface CheckOutAttempt {
  patronBarcode: string;
  itemBarcode: string;
  outcome: CheckOutOutcome;
}

/** One online check-out; the answer sorted into lent, refused (4xx) or unanswered. */
export async function checkOutOnline(props: {
  session: DeskSession;
  patronBarcode: string;
  itemBarcode: string;
}): Promise<CheckOutAttempt> {
  const { session, patronBarcode, itemBarcode } = props;
  let outcome: CheckOutOutcome;
  try {
    const response = await fetch(`${session.baseUrl}/api/checkouts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // As the browser sends it: Circa refuses a POST whose Origin is not the Host it reached.
        origin: new URL(session.baseUrl).origin,
        cookie: session.cookie,
        [CSRF_HEADER]: session.csrfToken,
      },
      body: JSON.stringify({ patronBarcode, itemBarcode }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status === 201) {
      outcome = { kind: 'lent', loanId: CheckOutResult.parse(JSON.parse(text)).loan.id };
    } else if (response.status < 500) {
      outcome = { kind: 'refused', status: response.status, message: text };
    } else {
      outcome = { kind: 'unanswered', status: response.status, message: text };
    }
  } catch (error) {
    outcome = { kind: 'unanswered', status: null, message: String(error) };
  }
  return { patronBarcode, itemBarcode, outcome };
}

/** GET /api/session with the desk's cookie: 200 while its session lives. */
export async function sessionStatus(session: DeskSession): Promise<number> {
  const response = await fetch(`${session.baseUrl}/api/session`, {
    headers: { cookie: session.cookie },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.status;
}

export interface OnlineFigures {
  lent: number;
  unanswered: number;
  /** Unanswered check-outs the server had made before it died. */
  unansweredButLent: number;
  refused: number;
}

/** Each online desk lends its share of the stock, one scan after another, until told to stop. */
export async function lendUntil(
  sessions: DeskSession[],
  stock: OnlineStock,
  rng: Rng,
  stop: AbortSignal,
): Promise<CheckOutAttempt[]> {
  const attempts: CheckOutAttempt[] = [];
  await Promise.all(
    sessions.map(async (session, k) => {
      const items = stock.items.filter((_, i) => i % sessions.length === k);
      for (const [i, itemBarcode] of items.entries()) {
        if (stop.aborted) return;
        const patronBarcode = stock.patrons[(i + k) % stock.patrons.length]!;
        attempts.push(await checkOutOnline({ session, patronBarcode, itemBarcode }));
        await sleep(rng.int(10, 40));
      }
    }),
  );
  return attempts;
}

/** Every check-out answered 201 is its loan; an unanswered one made at most one; none made twice. */
export async function checkOnlineLoans(
  db: Kysely<Database>,
  stock: OnlineStock,
  attempts: CheckOutAttempt[],
): Promise<OnlineFigures> {
  const loans = await db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .innerJoin('patrons', 'patrons.id', 'loans.patron_id')
    .select(['loans.id', 'items.barcode as item', 'patrons.barcode as patron'])
    .where('items.barcode', 'in', stock.items)
    .execute();
  const loansByItem = new Map<string, typeof loans>();
  for (const loan of loans)
    loansByItem.set(loan.item, [...(loansByItem.get(loan.item) ?? []), loan]);
  const figures: OnlineFigures = { lent: 0, unanswered: 0, unansweredButLent: 0, refused: 0 };
  for (const attempt of attempts) {
    const made = loansByItem.get(attempt.itemBarcode) ?? [];
    expect(made.length, `loans of ${attempt.itemBarcode}`).toBeLessThanOrEqual(1);
    const { outcome } = attempt;
    if (outcome.kind === 'lent') {
      figures.lent += 1;
      expect(made.map((l) => [l.id, l.patron])).toEqual([[outcome.loanId, attempt.patronBarcode]]);
    } else if (outcome.kind === 'unanswered') {
      figures.unanswered += 1;
      if (made.length > 0) figures.unansweredButLent += 1;
    } else {
      figures.refused += 1;
      console.log(`[faults] online check-out refused: ${outcome.status} ${outcome.message}`);
    }
  }
  // Only what a desk tried was lent: the stock's other items have no loan.
  expect(loans.length).toBe(figures.lent + figures.unansweredButLent);
  return figures;
}

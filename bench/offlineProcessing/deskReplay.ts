// The replay for the whole-desk mix: each offline transaction sent through the online API that does
// the same at a desk, one at a time, as other systems apply their offline files. A supervisor's
// session lends with `override` (checks the item in from its holder first), checks in through
// POST /api/checkins (which traps holds and starts transits), renews through
// POST /api/loans/:id/renewal with an override reason (as processing applies a renewal a rule
// would refuse, with a warning), and registers through POST /api/patrons. A renewal needs the
// loan's id: the replay knows those of the loans open before it started and of those it made, as
// a desk's screen would have them on the patron's record.
import type { Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import type { ApiError } from '../../src/shared/api/errors.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import { startBenchServer } from '../online/benchServer.ts';
import { DEMO_SUPERVISOR, signInDesk } from '../online/deskSessions.ts';
import type { ReplayFigures } from './replay.ts';

export interface DeskReplayFigures extends ReplayFigures {
  /** Calls answered 2xx, by transaction type. */
  done: Record<OfflineTransaction['type'], number>;
  /** Refusals by transaction type and error code, e.g. "check_out PATRON_BLOCKED" → 120. */
  refusals: Map<string, number>;
}

export async function replayThroughDeskApi(props: {
  engine: Engine;
  postgresUrl?: string | undefined;
  /** Adds what the workload needs to the freshly seeded library (the same as Circa's copy). */
  prepare: (db: Kysely<Database>) => Promise<void>;
  transactions: readonly OfflineTransaction[];
}): Promise<DeskReplayFigures> {
  const loanIds = new Map<string, number>();
  const server = await startBenchServer({
    engine: props.engine,
    postgresUrl: props.postgresUrl,
    prepare: async (db) => {
      await props.prepare(db);
      const open = await db
        .selectFrom('loans')
        .innerJoin('items', 'items.id', 'loans.item_id')
        .select(['items.barcode', 'loans.id'])
        .where('loans.returned_at', 'is', null)
        .execute();
      for (const loan of open) loanIds.set(loan.barcode, loan.id);
    },
  });
  try {
    const desk = await signInDesk(server.url, { ...DEMO_SUPERVISOR, workstation: 'REPLAY-1' });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: desk.headers,
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 500) {
        throw new Error(`Replay got ${response.status} from ${path}: ${text.slice(0, 300)}`);
      }
      const ok = response.status < 300;
      return { ok, text, code: ok ? '' : ((JSON.parse(text) as ApiError).error.code as string) };
    };
    const done = {
      check_out: 0,
      check_in: 0,
      renewal: 0,
      in_house_use: 0,
      registration: 0,
      payment: 0,
    };
    let refused = 0;
    const refusals = new Map<string, number>();
    const refuse = (type: string, code: string) => {
      const key = `${type} ${code}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    };
    const started = performance.now();
    for (const t of props.transactions) {
      let ok = false;
      let code = '';
      if (t.type === 'check_out') {
        const answer = await post('/api/checkouts', {
          patronBarcode: t.patronBarcode,
          itemBarcode: t.itemBarcode,
          override: true,
        });
        ({ ok, code } = answer);
        if (ok)
          loanIds.set(t.itemBarcode, (JSON.parse(answer.text) as { loan: { id: number } }).loan.id);
      } else if (t.type === 'check_in') {
        ({ ok, code } = await post('/api/checkins', { itemBarcode: t.itemBarcode }));
      } else if (t.type === 'renewal') {
        const loanId = loanIds.get(t.itemBarcode);
        if (loanId === undefined) code = 'NO_LOAN_KNOWN';
        else {
          ({ ok, code } = await post(`/api/loans/${loanId}/renewal`, {
            override: { reason: 'Renewed at the desk during the outage' },
          }));
        }
      } else if (t.type === 'registration') {
        ({ ok, code } = await post('/api/patrons', {
          barcode: t.patronBarcode,
          name: t.name,
          patronType: t.patronTypeCode,
          homeBranch: t.branchCode,
          ...(t.email === undefined ? {} : { email: t.email }),
          ...(t.phone === undefined ? {} : { phone: t.phone }),
        }));
      } else {
        throw new Error(`The desk replay has no online call for a ${t.type}.`);
      }
      if (ok) done[t.type] += 1;
      else {
        refused += 1;
        refuse(t.type, code);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const sent = props.transactions.length;
    return {
      sent,
      lent: done.check_out,
      refused,
      seconds,
      txPerSec: sent / seconds,
      done,
      refusals,
    };
  } finally {
    await server.dispose();
  }
}

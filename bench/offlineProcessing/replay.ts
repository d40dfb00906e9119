// The replay: offline transactions sent one by one through the online check-out API, as other
// systems apply their offline files. The real server runs in a child process on its own copy of
// the library; a supervisor's session replays each check-out with `override` (check in from the
// previous borrower and lend), so an item already on loan costs one call as it does in Circa.
import type { Engine } from '../../src/server/db/connect.ts';
import type { OfflineCheckOut } from '../../src/shared/offline/transaction.ts';
import { startBenchServer } from '../online/benchServer.ts';
import { DEMO_SUPERVISOR, signInDesk } from '../online/deskSessions.ts';
import { addShelfItems } from './workload.ts';

export interface ReplayFigures {
  sent: number;
  lent: number;
  /** Refused by the online rules (unknown barcode, blocked or expired card, loan limit). */
  refused: number;
  seconds: number;
  txPerSec: number;
}

export async function replayThroughCheckOutApi(props: {
  engine: Engine;
  postgresUrl?: string | undefined;
  addedItems: number;
  transactions: readonly OfflineCheckOut[];
}): Promise<ReplayFigures> {
  const server = await startBenchServer({
    engine: props.engine,
    postgresUrl: props.postgresUrl,
    prepare: (db) => addShelfItems(db, props.addedItems),
  });
  try {
    const desk = await signInDesk(server.url, { ...DEMO_SUPERVISOR, workstation: 'REPLAY-1' });
    let lent = 0;
    let refused = 0;
    const started = performance.now();
    for (const t of props.transactions) {
      const response = await fetch(`${server.url}/api/checkouts`, {
        method: 'POST',
        headers: desk.headers,
        body: JSON.stringify({
          patronBarcode: t.patronBarcode,
          itemBarcode: t.itemBarcode,
          override: true,
        }),
      });
      const body = await response.text();
      if (response.status === 201) lent += 1;
      else if (response.status >= 400 && response.status < 500) refused += 1;
      else throw new Error(`Replay got ${response.status} from the server: ${body.slice(0, 300)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const sent = props.transactions.length;
    return { sent, lent, refused, seconds, txPerSec: sent / seconds };
  } finally {
    await server.dispose();
  }
}

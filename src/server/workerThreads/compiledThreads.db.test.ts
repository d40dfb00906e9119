// The threads' files as production loads them: the compiled JavaScript under plain node (the db
// tests compile the server first). A thread file missing from tsconfig.server.json's build, or one
// that loads TypeScript, fails here, where the server itself would fall back to the event loop.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { expect, it } from 'vitest';
import { readOutboxUpload, type OutboxUpload } from '../commands/readOutboxUpload.ts';
import { outboxCheckOuts } from '../offline/fixtures.testing.ts';
import { COMPILED_SERVER_MAIN } from '../testing/compiledServer.ts';

const compiledThread = (name: string) =>
  pathToFileURL(join(COMPILED_SERVER_MAIN, '..', 'workerThreads', `${name}.js`)).href;

it('reads an outbox on the compiled upload thread with the answer of the event loop', async () => {
  const checkOut = outboxCheckOuts();
  const upload: OutboxUpload = {
    body: new TextEncoder().encode(JSON.stringify({ transactions: [checkOut(), checkOut()] })),
    poisoning: { protoAction: 'error', constructorAction: 'error' },
  };
  // No execArgv: plain node, as `node dist/server/main.js` starts its threads.
  const thread = new Piscina({ filename: compiledThread('uploadThread'), maxThreads: 1 });
  try {
    const reading = await thread.run(upload);
    expect(reading).toEqual(readOutboxUpload(upload));
    expect(reading).toMatchObject({ readAsBefore: false, transactions: [{}, {}] });
  } finally {
    await thread.close();
  }
});

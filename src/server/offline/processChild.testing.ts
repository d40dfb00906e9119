// A processing run in a process of its own, for crash tests: the parent SIGKILLs it mid-run.
// Usage: node --import tsx processChild.testing.ts <DATABASE_URL>
import { connectDatabase } from '../db/connect.ts';
import { processPendingOfflineTransactions } from './process.ts';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: processChild.testing.ts <DATABASE_URL>');
const handle = connectDatabase(url);
let announced = false;
await processPendingOfflineTransactions({
  db: handle.db,
  now: () => Date.UTC(2026, 2, 3),
  batchSize: 100,
  hooks: {
    beforeCommit() {
      if (!announced) process.stdout.write('processing\n');
      announced = true;
    },
  },
});
process.stdout.write('done\n');
await handle.close();

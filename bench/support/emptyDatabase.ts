// An empty database of its own for one benchmark run: a SQLite file in a temporary folder, or a
// PostgreSQL database created beside DATABASE_URL's, and removed again by dispose().
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type Engine } from '../../src/server/db/connect.ts';

export interface BenchDatabase extends DatabaseHandle {
  dispose(): Promise<void>;
}

/** `label` names the folder or database, e.g. 'search' → circa_bench_search_<pid>_<random>. */
export async function openEmptyDatabase(
  engine: Engine,
  postgresUrl: string | undefined,
  label: string,
): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `circa-bench-${label}-`));
    const handle = connectDatabase(`sqlite:${join(dir, 'circa.sqlite')}`);
    return {
      ...handle,
      async dispose() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresUrl) throw new Error('The PostgreSQL run needs DATABASE_URL=postgres://….');
  const name = `circa_bench_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgresUrl, `CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const handle = connectDatabase(url.toString());
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// The searches must read the indexes of migration 0009, not every patron or item: asked how it
// would run them, each engine names the index. A change that loses the index fails here, long
// before a library with a million patrons notices.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { searchWords } from '../../shared/records/searchWords.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildItem, buildPatron } from '../testing/factories.ts';
import { itemSearchQuery, patronSearchQuery, type SearchPage } from './recordSearch.ts';
import type { Database } from './schema.ts';

function pageFor(q: string): SearchPage {
  const words = searchWords(q);
  if (!words.ok) throw new Error(words.message);
  return { words: words.words, indexed: words.indexed, offset: 0, limit: 26 };
}

/** The engine's plan for a compiled query, as one text. */
async function planOf(
  db: Kysely<Database>,
  engine: string,
  query: { sql: string; parameters: readonly unknown[] },
): Promise<string> {
  if (engine === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map((row) => row.detail).join('\n');
  }
  // A handful of test rows is cheaper to read in full, so PostgreSQL would rightly choose a
  // sequential scan here; with it priced out, the plan shows whether the index CAN serve the query.
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

/** How each engine's plan names the search index, and a read of every row. */
const PLANS = {
  sqlite: {
    patrons: { index: /SCAN patron_search VIRTUAL TABLE INDEX \d+:M/, fullScan: /SCAN patrons\b/ },
    items: { index: /SCAN item_search VIRTUAL TABLE INDEX \d+:M/, fullScan: /SCAN items\b/ },
  },
  postgres: {
    patrons: { index: /Index Scan on patrons_name_trigram/, fullScan: /Seq Scan on patrons/ },
    items: { index: /Index Scan on items_title_author_trigram/, fullScan: /Seq Scan on items/ },
  },
};

describeEachEngine('record search plans', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    for (let n = 0; n < 20; n += 1) {
      await buildPatron(database.db, { name: `Plan Patron ${n}` });
      await buildItem(database.db, { title: `Plan Title ${n}`, author: `Plan Author ${n}` });
    }
  });
  afterAll(() => database.dispose());

  it('finds patrons by name through the name index', async () => {
    const plan = await planOf(
      database.db,
      engine,
      patronSearchQuery(database.db, pageFor('smith jo')).compile(),
    );
    expect(plan).toMatch(PLANS[engine].patrons.index);
    expect(plan).not.toMatch(PLANS[engine].patrons.fullScan);
  });

  it('finds items by title or author through the title and author index', async () => {
    const plan = await planOf(
      database.db,
      engine,
      itemSearchQuery(database.db, pageFor('gormenghast peake')).compile(),
    );
    expect(plan).toMatch(PLANS[engine].items.index);
    expect(plan).not.toMatch(PLANS[engine].items.fullScan);
  });
});

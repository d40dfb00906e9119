// Finding patrons by part of a name and items by words of a title or author, through the indexes of
// migration 0009: on SQLite the FTS5 trigram tables, on PostgreSQL the pg_trgm GIN indexes that
// serve ILIKE. Both give the same answer: every word appears somewhere, in any case.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { containsPattern, ftsPhrase } from '../../shared/records/searchWords.ts';
import { isPostgres } from './migrations/columns.ts';
import type { Database } from './schema.ts';

export interface SearchPage {
  /** Lower-cased words, every one of which must match. */
  words: string[];
  /** The words long enough for the index (3 characters or more); at least one. */
  indexed: string[];
  offset: number;
  limit: number;
}

/** Ids of the patrons whose name has every word, in name order, one page. */
export async function searchPatronIds(db: Kysely<Database>, page: SearchPage): Promise<number[]> {
  const rows = await patronSearchQuery(db, page).execute();
  return rows.map((row) => row.id);
}

/** Ids of the items whose title or author has every word, in title order, one page. */
export async function searchItemIds(db: Kysely<Database>, page: SearchPage): Promise<number[]> {
  const rows = await itemSearchQuery(db, page).execute();
  return rows.map((row) => row.id);
}

/** The patron search as a query, so a test can ask the database how it would run it. */
export function patronSearchQuery(db: Kysely<Database>, page: SearchPage) {
  const postgres = isPostgres(db as Kysely<unknown>);
  let query = db.selectFrom('patrons').select('patrons.id');
  if (postgres) {
    for (const word of page.indexed) {
      query = query.where(sql<boolean>`patrons.name ilike ${containsPattern(word)}`);
    }
    // Not the indexed expression: a word of 1 or 2 characters has no trigram to look up, and
    // only filters the rows the longer words found.
    for (const condition of shortWordConditions(sql<string>`lower(patrons.name)`, page)) {
      query = query.where(condition);
    }
  } else {
    query = query.where(
      'patrons.id',
      'in',
      sql<number>`(select rowid from patron_search where patron_search match ${ftsMatch(page.indexed)})`,
    );
    for (const condition of shortWordConditions(sql<string>`patrons.name`, page)) {
      query = query.where(condition);
    }
  }
  return query.orderBy('patrons.name').orderBy('patrons.id').offset(page.offset).limit(page.limit);
}

/** The item search as a query, so a test can ask the database how it would run it. */
export function itemSearchQuery(db: Kysely<Database>, page: SearchPage) {
  const postgres = isPostgres(db as Kysely<unknown>);
  let query = db.selectFrom('items').select('items.id');
  if (postgres) {
    for (const word of page.indexed) {
      // The same expression as the index items_title_author_trigram, so the planner can use it.
      query = query.where(
        sql<boolean>`(items.title || ' ' || items.author) ilike ${containsPattern(word)}`,
      );
    }
    const titleAndAuthor = sql<string>`lower(items.title || ' ' || items.author)`;
    for (const condition of shortWordConditions(titleAndAuthor, page)) {
      query = query.where(condition);
    }
  } else {
    query = query.where(
      'items.id',
      'in',
      sql<number>`(select rowid from item_search where item_search match ${ftsMatch(page.indexed)})`,
    );
    const titleAndAuthor = sql<string>`(items.title || ' ' || items.author)`;
    for (const condition of shortWordConditions(titleAndAuthor, page)) {
      query = query.where(condition);
    }
  }
  return query.orderBy('items.title').orderBy('items.id').offset(page.offset).limit(page.limit);
}

/** Every indexed word as an FTS5 phrase: with the trigram tokenizer, a phrase is a substring. */
function ftsMatch(indexed: string[]): string {
  return indexed.map(ftsPhrase).join(' AND ');
}

/** Words under 3 characters cannot be looked up in a trigram index: they narrow by LIKE. */
function shortWordConditions(column: RawBuilder<string>, page: SearchPage): RawBuilder<boolean>[] {
  return page.words
    .filter((word) => !page.indexed.includes(word))
    .map((word) => sql<boolean>`${column} like ${containsPattern(word)} escape '\\'`);
}

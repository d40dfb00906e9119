// Finding patrons and items at the desk: a scanned barcode finds its one record; anything else is
// words of a name, or of a title or author (src/shared/records/searchWords.ts says how they match).
import type { Kysely } from 'kysely';
import type { ItemSearchResults } from '../../shared/api/items.ts';
import { SEARCH_PAGE_SIZE, type PatronSearchResults } from '../../shared/api/patrons.ts';
import { checkBarcode, type BarcodeKind } from '../../shared/barcodes/barcodes.ts';
import { searchWords } from '../../shared/records/searchWords.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { itemViewsByIds, patronRecordsByIds } from '../db/recordViews.ts';
import { searchItemIds, searchPatronIds, type SearchPage } from '../db/recordSearch.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentItem, presentPatron } from '../presenters/circulation.ts';

export interface SearchProps {
  db: Kysely<Database>;
  q: string;
  /** From 1. */
  page: number;
  /** Epoch ms: decides whether cards have expired. */
  at: number;
}

export async function searchPatrons(props: SearchProps): Promise<PatronSearchResults> {
  const barcode = await asBarcode(props.db, 'patron', props.q);
  if (barcode !== null) {
    const row = await props.db
      .selectFrom('patrons')
      .select('id')
      .where('barcode', '=', barcode)
      .executeTakeFirst();
    // A library whose rules accept any text as a barcode still finds "smith" by name.
    if (row || !searchWords(props.q).ok) {
      const patrons = row ? await patronRecordsByIds(props.db, [row.id]) : [];
      return {
        matchedBy: 'barcode',
        page: 1,
        hasMore: false,
        patrons: patrons.map((p) => presentPatron(p, props.at)),
      };
    }
  }
  const page = pageOf(props);
  const ids = await searchPatronIds(props.db, page);
  const patrons = await patronRecordsByIds(props.db, ids.slice(0, SEARCH_PAGE_SIZE));
  return {
    matchedBy: 'words',
    page: props.page,
    hasMore: ids.length > SEARCH_PAGE_SIZE,
    patrons: patrons.map((p) => presentPatron(p, props.at)),
  };
}

export async function searchItems(props: SearchProps): Promise<ItemSearchResults> {
  const barcode = await asBarcode(props.db, 'item', props.q);
  if (barcode !== null) {
    const row = await props.db
      .selectFrom('items')
      .select('id')
      .where('barcode', '=', barcode)
      .executeTakeFirst();
    if (row || !searchWords(props.q).ok) {
      const items = row ? await itemViewsByIds(props.db, [row.id]) : [];
      return { matchedBy: 'barcode', page: 1, hasMore: false, items: items.map(presentItem) };
    }
  }
  const page = pageOf(props);
  const ids = await searchItemIds(props.db, page);
  const items = await itemViewsByIds(props.db, ids.slice(0, SEARCH_PAGE_SIZE));
  return {
    matchedBy: 'words',
    page: props.page,
    hasMore: ids.length > SEARCH_PAGE_SIZE,
    items: items.map(presentItem),
  };
}

/** The barcode when `q` is one under the library's rules for `kind`, else null (search words). */
async function asBarcode(
  db: Kysely<Database>,
  kind: BarcodeKind,
  q: string,
): Promise<string | null> {
  const { barcodeRules } = await getLibrarySettings(db);
  const check = checkBarcode(kind, q, barcodeRules);
  return check.ok ? check.barcode : null;
}

/** One page and one more row, to know whether another page follows. */
function pageOf(props: SearchProps): SearchPage {
  const words = searchWords(props.q);
  if (!words.ok) {
    throw new CircaError('BAD_REQUEST', 400, words.message, { field: 'q' });
  }
  return {
    words: words.words,
    indexed: words.indexed,
    offset: (props.page - 1) * SEARCH_PAGE_SIZE,
    limit: SEARCH_PAGE_SIZE + 1,
  };
}

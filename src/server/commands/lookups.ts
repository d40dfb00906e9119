// Read-only circulation look-ups: a patron with their current loans, an item with its current loan.
import type { Kysely } from 'kysely';
import {
  PATRON_LOANS_SHOWN,
  type ItemDetail,
  type PatronDetail,
  type PatronLoans,
  type PatronLoansQuery,
} from '../../shared/api/circulation.ts';
import {
  countOpenLoansOfPatron,
  findItemView,
  findPatronView,
  openLoanOfItem,
  openLoansOfPatron,
  type PatronView,
} from '../db/circulationViews.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { timesLent } from '../db/loanHistory.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentItem, presentLoan, presentPatron } from '../presenters/circulation.ts';
import { requireValidBarcode } from './barcodes.ts';

export interface LookupPatronProps {
  db: Kysely<Database>;
  /** As scanned; checked against the library's patron barcode rule. */
  patronBarcode: string;
  /** Epoch ms: decides whether the card has expired. */
  at: number;
}

/** The patron with the card, or INVALID_BARCODE / PATRON_NOT_FOUND saying what to do. */
export async function requirePatron(db: Kysely<Database>, rawBarcode: string): Promise<PatronView> {
  const { barcodeRules } = await getLibrarySettings(db);
  const barcode = requireValidBarcode('patron', rawBarcode, barcodeRules);
  const patron = await findPatronView(db, barcode);
  if (!patron) {
    throw new CircaError(
      'PATRON_NOT_FOUND',
      404,
      `No patron has the card ${barcode}. Check the card, or register the patron first.`,
      { patronBarcode: barcode },
    );
  }
  return patron;
}

/**
 * The patron, how many loans they have out, and the first PATRON_LOANS_SHOWN of them, soonest due
 * first: four statements and a bounded answer, whatever the number of loans.
 */
export async function lookupPatron(props: LookupPatronProps): Promise<PatronDetail> {
  const patron = await requirePatron(props.db, props.patronBarcode);
  const loanCount = await countOpenLoansOfPatron(props.db, patron.id);
  const loans =
    loanCount === 0
      ? []
      : await openLoansOfPatron(props.db, patron.id, { offset: 0, limit: PATRON_LOANS_SHOWN });
  return { patron: presentPatron(patron, props.at), loanCount, loans: loans.map(presentLoan) };
}

export interface PatronLoansProps {
  db: Kysely<Database>;
  /** As scanned; checked against the library's patron barcode rule. */
  patronBarcode: string;
  /** Which loans, in the order of the look-up's: soonest due first. */
  page: PatronLoansQuery;
}

/** A page of the patron's open loans, soonest due first, with how many they have out. */
export async function patronLoans(props: PatronLoansProps): Promise<PatronLoans> {
  const patron = await requirePatron(props.db, props.patronBarcode);
  const loanCount = await countOpenLoansOfPatron(props.db, patron.id);
  const loans =
    props.page.offset >= loanCount ? [] : await openLoansOfPatron(props.db, patron.id, props.page);
  return { loanCount, loans: loans.map(presentLoan) };
}

export interface LookupItemProps {
  db: Kysely<Database>;
  /** As scanned; checked against the library's item barcode rule. */
  itemBarcode: string;
}

/** The item and its open loan, or null when it is on the shelf. */
export async function lookupItem(props: LookupItemProps): Promise<ItemDetail> {
  const { barcodeRules } = await getLibrarySettings(props.db);
  const barcode = requireValidBarcode('item', props.itemBarcode, barcodeRules);
  const item = await findItemView(props.db, barcode);
  if (!item) {
    throw new CircaError(
      'ITEM_NOT_FOUND',
      404,
      `No item has the barcode ${barcode}. Check the barcode, or add the item to the catalogue first.`,
      { itemBarcode: barcode },
    );
  }
  const loan = await openLoanOfItem(props.db, item.id);
  return {
    item: presentItem(item),
    currentLoan: loan ? presentLoan(loan) : null,
    timesLent: await timesLent(props.db, item.id),
    inHouseUses: Number(item.in_house_uses),
  };
}

// Turns circulation rows (see circulation/views.ts) into the API's Patron, Item and Loan.
import type { Item, Loan, Patron } from '../../shared/api/circulation.ts';
import { localDate } from '../../shared/calendar/dueDates.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import type { ItemView, LoanView, PatronView } from '../db/circulationViews.ts';

export function presentLoan(loan: LoanView): Loan {
  return {
    id: loan.id,
    item: { id: loan.item_id, barcode: loan.item_barcode, title: loan.item_title },
    patron: { id: loan.patron_id, barcode: loan.patron_barcode, name: loan.patron_name },
    checkedOutAt: loan.checked_out_at,
    dueAt: loan.due_at,
    returnedAt: loan.returned_at,
    branchCode: loan.branch_code,
    source: loan.source,
    renewalCount: loan.renewal_count,
  };
}

/** `at` (epoch ms) decides expiry, in the patron's home branch calendar. */
export function presentPatron(patron: PatronView, at: number): Patron {
  return {
    id: patron.id,
    barcode: patron.barcode,
    name: patron.name,
    patronType: { code: patron.patron_type_code, name: patron.patron_type_name },
    homeBranch: {
      id: patron.branch_id,
      code: patron.branch_code,
      name: patron.branch_name,
      timeZone: patron.branch_time_zone,
    },
    expiresOn: patron.expires_on,
    blockReason: patron.block_reason,
    status: patronStatus(
      { expiresOn: patron.expires_on, blockReason: patron.block_reason },
      localDate(at, patron.branch_time_zone),
    ),
  };
}

export function presentItem(item: ItemView): Item {
  return {
    id: item.id,
    barcode: item.barcode,
    title: item.title,
    author: item.author,
    callNumber: item.call_number,
    materialType: { code: item.material_type_code, name: item.material_type_name },
    branch: {
      id: item.branch_id,
      code: item.branch_code,
      name: item.branch_name,
      timeZone: item.branch_time_zone,
    },
    status: item.status,
    titleId: titleIdOf(item),
  };
}

/** The database sets title_id on every insert and title change; a null is a broken invariant. */
function titleIdOf(item: ItemView): number {
  if (item.title_id === null) {
    throw new Error(`Item ${item.barcode} has no title: run the migrations again (0011_holds).`);
  }
  return item.title_id;
}

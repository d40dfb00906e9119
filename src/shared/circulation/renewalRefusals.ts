// How a renewal is refused: a code from the API contract, an HTTP status, and a message that names
// the problem and what to do next. decideRenewal.ts chooses; the server throws or lists them.
import { formatDay } from '../calendar/formatDates.ts';
import type { CirculationRefusal } from './checkOutRefusals.ts';
import type { RenewalLoan, RenewalPatron } from './renewalFacts.ts';

export function loanNotOpen(loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'LOAN_NOT_OPEN',
    status: 409,
    message: `"${loan.itemTitle}" has been checked in, so there is no loan to renew. Check it out again if the patron still has it.`,
    details: { loanId: loan.id, itemBarcode: loan.itemBarcode },
  };
}

export function overrideForbidden(loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'FORBIDDEN',
    status: 403,
    message: `Only a supervisor may renew "${loan.itemTitle}" anyway. Ask a supervisor.`,
    details: { loanId: loan.id, itemBarcode: loan.itemBarcode },
  };
}

export function patronBlocked(patron: RenewalPatron, loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'PATRON_BLOCKED',
    status: 409,
    message: `${patron.name}'s card is blocked: ${patron.blockReason}. Resolve the block before renewing.`,
    details: { loanId: loan.id, patronBarcode: patron.barcode, blockReason: patron.blockReason },
  };
}

export function patronExpired(patron: RenewalPatron, loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'PATRON_EXPIRED',
    status: 409,
    message: `${patron.name}'s card expired on ${formatDay(patron.expiresOn)}. Renew the card before renewing loans.`,
    details: { loanId: loan.id, patronBarcode: patron.barcode, expiresOn: patron.expiresOn },
  };
}

export function itemLost(loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'ITEM_LOST',
    status: 409,
    message: `"${loan.itemTitle}" is marked lost, so its loan is not renewed. Ask a supervisor if it has been found.`,
    details: { loanId: loan.id, itemBarcode: loan.itemBarcode },
  };
}

export function noLoanRule(loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'NO_LOAN_RULE',
    status: 409,
    message: `No loan rule covers "${loan.itemTitle}" for this patron at this branch, so no new due date can be counted. Ask an administrator to add one under Administration, Loan rules.`,
    details: { loanId: loan.id, itemBarcode: loan.itemBarcode },
  };
}

export function limitReached(loan: RenewalLoan, allowed: number): CirculationRefusal {
  const times = allowed === 1 ? 'once' : `${allowed} times`;
  return {
    code: 'RENEWAL_LIMIT_REACHED',
    status: 409,
    message:
      allowed === 0
        ? `"${loan.itemTitle}" cannot be renewed: its loan rule allows no renewals. Ask for it back, or ask a supervisor to renew it anyway.`
        : `"${loan.itemTitle}" has been renewed ${times}, the most its loan rule allows. Ask for it back, or ask a supervisor to renew it anyway.`,
    details: { loanId: loan.id, renewalCount: loan.renewalCount, renewalsAllowed: allowed },
  };
}

export function holdWaiting(loan: RenewalLoan): CirculationRefusal {
  return {
    code: 'RENEWAL_HOLD_WAITING',
    status: 409,
    message: `Another patron has a hold on "${loan.itemTitle}", so it cannot be renewed. Ask for it back by the due date.`,
    details: { loanId: loan.id, itemBarcode: loan.itemBarcode },
  };
}

// The rules of an offline renewal: the patron was told a new due date, so the loan is extended to
// it, unless a newer online renewal already gave a later one. A renewal a rule would refuse online
// (the renewal limit, another patron's hold) is applied with a warning or held as an exception, as
// the library sets, and never silently.
import type { OfflineRenewal } from '../offline/transaction.ts';
import { capitalize, FIX_OR_DISMISS, shownDate } from './decisionWords.ts';
import type {
  Decision,
  OfflineRenewalRefusal,
  OutcomeCode,
  ProcessingEffect,
  ProcessingState,
} from './outcome.ts';

export function decideOfflineRenewal(
  t: OfflineRenewal,
  state: ProcessingState,
  at: number,
  dueAt: number,
  refusalPolicy: OfflineRenewalRefusal,
): Decision {
  const { patron, item } = state;
  const what = `item ${t.itemBarcode} for patron ${t.patronBarcode}`;
  if (patron === null || item === null) {
    const codes: OutcomeCode[] = [];
    const unknown: string[] = [];
    if (patron === null) {
      codes.push('UNKNOWN_PATRON');
      unknown.push(`patron barcode ${t.patronBarcode}`);
    }
    if (item === null) {
      codes.push('UNKNOWN_ITEM');
      unknown.push(`item barcode ${t.itemBarcode}`);
    }
    return {
      outcome: 'exception',
      codes,
      effects: [],
      message: `Renewal not applied: ${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} not known. ${FIX_OR_DISMISS}`,
    };
  }
  const loan = item.currentLoan;
  if (loan === null || loan.patronId !== patron.id) {
    const now =
      loan === null ? 'it is not on loan' : `it is on loan to patron ${loan.patronBarcode}`;
    return {
      outcome: 'exception',
      codes: ['NOT_ON_LOAN_TO_PATRON'],
      effects: [],
      message: `Renewal of ${what} not applied: ${now}. It is kept in the exceptions queue: check the barcodes with the sender, then apply it again or dismiss it with a reason.`,
      ...(loan === null ? {} : { previousPatronBarcode: loan.patronBarcode }),
    };
  }
  if (loan.dueAt >= dueAt) {
    return {
      outcome: 'noted',
      codes: ['RENEWED_LATER'],
      effects: [],
      message: `${capitalize(what)}: the loan is already due ${shownDate(loan.dueAt, state)}, no earlier than the ${shownDate(dueAt, state)} told offline, so it was kept.`,
    };
  }
  const refusals = refusalsOf(state.renewal, loan.renewalCount);
  const told = `${capitalize(what)} renewed until ${shownDate(dueAt, state)}.`;
  const why = refusals.map((r) => r.words).join(' ');
  if (refusals.length > 0 && refusalPolicy === 'exception') {
    return {
      outcome: 'exception',
      codes: refusals.map((r) => r.code),
      effects: [],
      message: `Renewal of ${what} not applied, as a rule would have refused it online. ${why} The loan is still due ${shownDate(loan.dueAt, state)}. It is kept in the exceptions queue: a supervisor applies it (the patron was told ${shownDate(dueAt, state)}) or dismisses it and tells the patron.`,
    };
  }
  const effects: ProcessingEffect[] = [
    {
      kind: 'renewLoan',
      loanId: loan.loanId,
      renewedAt: at,
      previousDueAt: loan.dueAt,
      dueAt,
      renewalCount: loan.renewalCount + 1,
    },
  ];
  return {
    outcome: refusals.length === 0 ? 'applied' : 'applied_with_warning',
    codes: refusals.map((r) => r.code),
    effects,
    message: refusals.length === 0 ? told : `${told} A rule would have refused it online. ${why}`,
  };
}

interface Refusal {
  code: 'RENEWAL_LIMIT_REACHED' | 'RENEWAL_HOLD_WAITING';
  words: string;
}

/** The rules online renewal refuses by that processing can judge, in the order staff see them. */
function refusalsOf(facts: ProcessingState['renewal'], renewalCount: number): Refusal[] {
  if (facts === undefined) throw new Error('A renewal is decided with its renewal facts.');
  const refusals: Refusal[] = [];
  if (facts.renewalsAllowed !== null && renewalCount >= facts.renewalsAllowed) {
    refusals.push({
      code: 'RENEWAL_LIMIT_REACHED',
      words: `The loan had been renewed ${times(renewalCount)}; its loan rule allows ${times(facts.renewalsAllowed)}.`,
    });
  }
  if (facts.holdWaiting) {
    refusals.push({
      code: 'RENEWAL_HOLD_WAITING',
      words: "Another patron's hold is waiting for this item.",
    });
  }
  return refusals;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

// Test data for the outbox: a valid check-out draft, overridable field by field.
import type { TransactionDraft } from './outbox.ts';

let counter = 0;

export function buildCheckOutDraft(
  overrides: Partial<Extract<TransactionDraft, { type: 'check_out' }>> = {},
): TransactionDraft {
  counter += 1;
  return {
    type: 'check_out',
    occurredAt: 1_790_000_000_000 + counter,
    clockOffsetMs: 0,
    workstation: 'DESK-1',
    branchCode: 'MAIN',
    staffUsername: 'desk',
    patronBarcode: '21234000000011',
    itemBarcode: `3${String(counter).padStart(13, '0')}`,
    dueAt: 1_791_000_000_000,
    dueDateBasis: { kind: 'rule', loanDays: 21 },
    ...overrides,
  };
}

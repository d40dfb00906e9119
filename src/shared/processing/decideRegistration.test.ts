import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  OfflineCheckOut,
  OfflineRegistration,
  OfflineTransaction,
} from '../offline/transaction.ts';
import {
  decideOutcome,
  isLikelyDuplicate,
  type ClaimRules,
  type ProcessingState,
} from './index.ts';
import { compareForProcessing } from './order.ts';

const AT = 1_780_000_000_000;
const RULES: ClaimRules = {
  limits: { receivedAt: AT + 86_400_000, longestLoanDays: 30, specialLoanMaxDays: 365 },
  overridePolicy: 'apply_and_flag',
  renewalRefusal: 'apply_with_warning',
  reviewedBySupervisor: false,
};
const common = {
  id: '0192f3a0-0000-7000-8000-000000000001',
  sequence: 1,
  occurredAt: AT,
  clockOffsetMs: 0,
  workstation: 'DESK-1',
  branchCode: 'MAIN',
  staffUsername: 'desk',
};
const registration: OfflineRegistration = {
  ...common,
  type: 'registration',
  patronBarcode: 'P900',
  name: 'Ada Lovelace',
  patronTypeCode: 'ADULT',
  email: 'ada@example.org',
};
const registrationState = (
  overrides: Partial<NonNullable<ProcessingState['registration']>> = {},
): ProcessingState => ({
  patron: null,
  item: null,
  registration: {
    cardOwner: null,
    likelyDuplicate: null,
    patronType: { id: 3, cardMonths: 12 },
    homeBranchId: 5,
    today: '2026-01-31',
    ...overrides,
  },
});

describe('decideRegistration', () => {
  it('creates the patron at the sending branch with a card running the type’s period', () => {
    expect(decideOutcome(registration, registrationState(), RULES)).toEqual({
      outcome: 'applied',
      codes: [],
      effects: [
        {
          kind: 'createPatron',
          barcode: 'P900',
          name: 'Ada Lovelace',
          patronTypeId: 3,
          homeBranchId: 5,
          expiresOn: '2027-01-31',
          email: 'ada@example.org',
          phone: null,
        },
      ],
      message: 'Patron Ada Lovelace registered with card P900.',
    });
  });

  it('holds a registration whose card another patron has, saying what the supervisor can do', () => {
    const owner = { id: 8, barcode: 'P900', name: 'Charles Babbage' };
    const decision = decideOutcome(registration, registrationState({ cardOwner: owner }), RULES);
    expect(decision.outcome).toBe('exception');
    expect(decision.codes).toEqual(['BARCODE_IN_USE']);
    expect(decision.effects).toEqual([]);
    expect(decision.message).toContain('already belongs to patron Charles Babbage');
    expect(decision.message).toContain('loans on that card are held');
  });

  it('holds a likely duplicate and names the existing card', () => {
    const duplicate = { id: 9, barcode: 'P111', name: 'ada lovelace' };
    const decision = decideOutcome(
      registration,
      registrationState({ likelyDuplicate: duplicate }),
      RULES,
    );
    expect(decision).toMatchObject({
      outcome: 'exception',
      codes: ['LIKELY_DUPLICATE_PATRON'],
      previousPatronBarcode: 'P111',
    });
    expect(decision.message).toContain('merge them (that patron gets card P900)');
  });

  it('treats a patron registering again with the card they have as the card in use only', () => {
    const owner = { id: 8, barcode: 'P900', name: 'Ada Lovelace' };
    const state = registrationState({ cardOwner: owner, likelyDuplicate: owner });
    expect(decideOutcome(registration, state, RULES).codes).toEqual(['BARCODE_IN_USE']);
  });

  it('holds a registration naming a patron type the library does not have', () => {
    const decision = decideOutcome(registration, registrationState({ patronType: null }), RULES);
    expect(decision.codes).toEqual(['UNKNOWN_PATRON_TYPE']);
    expect(decision.message).toContain('no patron type ADULT');
  });

  it('holds a registration claimed to happen after it reached the server, like any claim', () => {
    const future = { ...registration, occurredAt: RULES.limits.receivedAt + 3_600_000 };
    expect(decideOutcome(future, registrationState(), RULES).codes).toEqual(['TIME_OUT_OF_BOUNDS']);
  });
});

describe('isLikelyDuplicate', () => {
  it('ignores case and spacing in names, case in email and punctuation in phones', () => {
    const registered = { name: ' ada   LOVELACE', email: 'ADA@example.org', phone: null };
    expect(isLikelyDuplicate(registered, { name: 'Ada Lovelace', email: 'ada@example.org' })).toBe(
      true,
    );
    expect(
      isLikelyDuplicate(
        { name: 'Ada Lovelace', phone: '+44 20 7946-0000' },
        { name: 'Ada Lovelace', phone: '+442079460000', email: 'other@example.org' },
      ),
    ).toBe(true);
  });

  it('needs the same name and the same email or phone', () => {
    expect(
      isLikelyDuplicate(
        { name: 'Ada Lovelace', email: 'ada@example.org' },
        { name: 'Ada King', email: 'ada@example.org' },
      ),
    ).toBe(false);
    expect(
      isLikelyDuplicate(
        { name: 'Ada Lovelace', email: 'ada@example.org' },
        { name: 'Ada Lovelace', email: null, phone: '123' },
      ),
    ).toBe(false);
  });
});

const checkOutTo = (card: string, overrides: Partial<OfflineCheckOut> = {}): OfflineCheckOut => ({
  ...common,
  type: 'check_out',
  patronBarcode: card,
  itemBarcode: 'I1',
  dueAt: AT + 14 * 86_400_000,
  dueDateBasis: { kind: 'rule', loanDays: 14 },
  ...overrides,
});
const availableItem = {
  id: 2,
  status: 'available' as const,
  currentLoan: null,
  lastReturnedAt: null,
};

describe('a loan on a card whose registration is held', () => {
  it('waits for the registration instead of failing as an unknown patron', () => {
    const decision = decideOutcome(
      checkOutTo('P900'),
      { patron: null, item: availableItem, cardRegistrationHeld: true },
      RULES,
    );
    expect(decision).toMatchObject({ outcome: 'exception', codes: ['WAITING_FOR_REGISTRATION'] });
    expect(decision.message).toContain('held until a supervisor merges or confirms');
  });

  it('never goes to the patron who already has the card', () => {
    const owner = { id: 8, status: 'good' as const, blockReason: null };
    const decision = decideOutcome(
      checkOutTo('P900'),
      { patron: owner, item: availableItem, cardRegistrationHeld: true },
      RULES,
    );
    expect(decision).toMatchObject({ codes: ['WAITING_FOR_REGISTRATION'], effects: [] });
  });
});

describe('Lend anyway', () => {
  const lentAnyway = checkOutTo('P5', {
    lentAnyway: { reason: 'blocked', listMadeAt: AT - 30 * 3_600_000 },
  });
  const blockedPatron = { id: 1, status: 'blocked' as const, blockReason: 'Unpaid fines' };

  it('applies the loan with a warning, listed for supervisors, saying the reason and the list’s age', () => {
    const decision = decideOutcome(
      lentAnyway,
      { patron: blockedPatron, item: availableItem },
      RULES,
    );
    expect(decision).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['PATRON_BLOCKED', 'LENT_ANYWAY'],
      supervisorReview: true,
    });
    expect(decision.message).toContain(
      'Lent anyway: the block list, 30 hours old, listed the card as blocked.',
    );
  });

  it('is flagged even when the card is no longer blocked on the server', () => {
    const decision = decideOutcome(
      { ...lentAnyway, lentAnyway: { reason: 'expired', listMadeAt: AT - 5 * 86_400_000 } },
      { patron: { id: 1, status: 'good', blockReason: null }, item: availableItem },
      RULES,
    );
    expect(decision).toMatchObject({ codes: ['LENT_ANYWAY'], supervisorReview: true });
    expect(decision.message).toContain('5 days old, listed the card as expired');
  });

  it('is held for a supervisor when the library holds supervisor-only loans', () => {
    const decision = decideOutcome(
      lentAnyway,
      { patron: { id: 1, status: 'good', blockReason: null }, item: availableItem },
      { ...RULES, overridePolicy: 'hold' },
    );
    expect(decision).toMatchObject({
      outcome: 'exception',
      codes: ['HELD_FOR_SUPERVISOR', 'LENT_ANYWAY'],
      effects: [],
      supervisorReview: true,
    });
  });

  it('adds nothing when no loan was made', () => {
    const decision = decideOutcome(lentAnyway, { patron: null, item: availableItem }, RULES);
    expect(decision.codes).toEqual(['UNKNOWN_PATRON']);
  });
});

function ordered(transactions: OfflineTransaction[]): OfflineTransaction[] {
  return transactions.toSorted(compareForProcessing);
}

/**
 * The server's design in miniature: each send is stored, then everything pending is processed in
 * time order; a registration that creates a patron applies again, in time order, every exception
 * on its card that waited for it (UNKNOWN_PATRON or WAITING_FOR_REGISTRATION).
 */
function processInArrivalOrder(sends: readonly OfflineTransaction[][]) {
  const patronsByCard = new Map<string, number>();
  const loans: { transactionId: string; patronId: number; itemBarcode: string }[] = [];
  const status = new Map<string, { outcome: string; codes: string[] }>();
  const all = new Map<string, OfflineTransaction>();
  const apply = (t: OfflineTransaction) => {
    const patronId = 'patronBarcode' in t ? patronsByCard.get(t.patronBarcode) : undefined;
    const state: ProcessingState =
      t.type === 'registration'
        ? registrationState({
            cardOwner: patronId === undefined ? null : { id: patronId, barcode: '', name: '' },
          })
        : {
            patron:
              patronId === undefined ? null : { id: patronId, status: 'good', blockReason: null },
            item: { id: 1, status: 'available', currentLoan: null, lastReturnedAt: null },
          };
    const decision = decideOutcome(t, state, RULES);
    status.set(t.id, { outcome: decision.outcome, codes: decision.codes });
    for (const effect of decision.effects) {
      if (effect.kind === 'createPatron')
        patronsByCard.set(effect.barcode, 100 + patronsByCard.size);
      if (effect.kind === 'createLoan' && t.type === 'check_out') {
        loans.push({ transactionId: t.id, patronId: effect.patronId, itemBarcode: t.itemBarcode });
      }
    }
    if (t.type === 'registration' && decision.outcome === 'applied') {
      const waiting = [...all.values()].filter((u) => {
        const s = status.get(u.id);
        return (
          u.type === 'check_out' &&
          u.patronBarcode === t.patronBarcode &&
          s?.outcome === 'exception' &&
          s.codes.some((c) => c === 'UNKNOWN_PATRON' || c === 'WAITING_FOR_REGISTRATION')
        );
      });
      for (const u of ordered(waiting)) apply(u);
    }
  };
  for (const send of sends) {
    for (const t of send) all.set(t.id, t);
    for (const t of ordered(send.filter((sent) => !status.has(sent.id)))) apply(t);
  }
  return { patronsByCard, loans, status };
}

describe('a registration and the uses of its card, in any order of arrival', () => {
  it('applies every use against the new patron, each exactly once', () => {
    const uses = fc.array(
      fc.record({
        workstation: fc.constantFrom('DESK-1', 'DESK-2', 'DESK-3'),
        // Minutes after the registration; negative for a workstation whose clock ran behind.
        minutes: fc.integer({ min: -5, max: 120 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(uses, fc.integer({ min: 0, max: 1_000 }), fc.integer(), (useSpecs, seed, cut) => {
        const transactions: OfflineTransaction[] = [
          { ...registration, id: uuid(0), sequence: 1 },
          ...useSpecs.map((spec, index) =>
            checkOutTo('P900', {
              id: uuid(index + 1),
              sequence: index + 2,
              workstation: spec.workstation,
              occurredAt: AT + spec.minutes * 60_000,
              itemBarcode: `I${index}`,
            }),
          ),
        ];
        const arrival = shuffled(transactions, seed);
        const split = Math.abs(cut) % arrival.length;
        const sends = [arrival.slice(0, split), arrival.slice(split)].filter((s) => s.length > 0);
        const { patronsByCard, loans, status } = processInArrivalOrder(sends);
        const newPatron = patronsByCard.get('P900');
        expect(newPatron).toBeDefined();
        expect(loans.map((l) => l.itemBarcode).toSorted()).toEqual(
          useSpecs.map((_, index) => `I${index}`).toSorted(),
        );
        for (const loan of loans) expect(loan.patronId).toBe(newPatron);
        for (const t of transactions) expect(status.get(t.id)?.outcome).toBe('applied');
      }),
    );
  });
});

function uuid(n: number): string {
  return `0192f3a0-0000-7000-8000-${n.toString().padStart(12, '0')}`;
}

function shuffled<T>(values: readonly T[], seed: number): T[] {
  const result = [...values];
  let state = seed + 1;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

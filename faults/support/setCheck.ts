// The Jepsen-style set check for offline transactions: what a trial generated and what the server
// acknowledged, against what the database holds once processing has finished. Pure, so it is tested
// on its own (setCheck.test.ts) and cannot pass by accident.

import type { OfflineTransactionType } from '../../src/shared/offline/transaction.ts';

export interface GeneratedTransaction {
  id: string;
  type: OfflineTransactionType;
}

export interface StoredTransaction {
  id: string;
  type: string;
  status: string;
  loanId: number | null;
}

export interface SetCheckInput {
  generated: readonly GeneratedTransaction[];
  /** Ids the server answered 200 for. */
  acknowledged: ReadonlySet<string>;
  /** The trial's rows of offline_transactions (by its workstations). */
  stored: readonly StoredTransaction[];
  /** Ids of the offline loans made at the trial's workstations. */
  loanIds: readonly number[];
}

export interface SetCheckResult {
  checked: number;
  /** Generated but not stored. */
  lost: number;
  /** Stored twice, or applied twice (a loan no transaction or two transactions claim). */
  duplicated: number;
  /** Stored but never generated. */
  unexpected: number;
  /** Acknowledged to a client but not stored: the worst kind of lost. */
  acknowledgedNotStored: number;
  /** Stored but never processed to an outcome. */
  unprocessed: number;
  /** An outcome that contradicts its loan link (applied check-out without a loan, or the reverse). */
  inconsistent: number;
  /** The first few problems, in words, to explain a failure. */
  examples: string[];
}

const APPLIED = new Set(['applied', 'applied_with_warning']);
const MAX_EXAMPLES = 10;

export function checkTransactionSet(input: SetCheckInput): SetCheckResult {
  const examples: string[] = [];
  const note = (text: string) => {
    if (examples.length < MAX_EXAMPLES) examples.push(text);
  };
  const generatedIds = new Set(input.generated.map((t) => t.id));
  const storedCount = new Map<string, number>();
  for (const row of input.stored) storedCount.set(row.id, (storedCount.get(row.id) ?? 0) + 1);

  let lost = 0;
  for (const t of input.generated) {
    if (!storedCount.has(t.id)) {
      lost += 1;
      note(`lost: ${t.id} (${t.type})`);
    }
  }
  let acknowledgedNotStored = 0;
  for (const id of input.acknowledged) {
    if (!storedCount.has(id)) {
      acknowledgedNotStored += 1;
      note(`acknowledged but not stored: ${id}`);
    }
  }
  let duplicated = 0;
  for (const [id, count] of storedCount) {
    if (count > 1) {
      duplicated += count - 1;
      note(`stored ${count} times: ${id}`);
    }
  }
  let unexpected = 0;
  for (const id of storedCount.keys()) {
    if (!generatedIds.has(id)) {
      unexpected += 1;
      note(`unexpected: ${id}`);
    }
  }

  let unprocessed = 0;
  let inconsistent = 0;
  const claims = new Map<number, number>();
  for (const row of input.stored) {
    if (row.status === 'pending') {
      unprocessed += 1;
      note(`still pending: ${row.id}`);
      continue;
    }
    const shouldHaveLoan = row.type === 'check_out' && APPLIED.has(row.status);
    if (shouldHaveLoan !== (row.loanId !== null)) {
      inconsistent += 1;
      note(`${row.id} is ${row.status} ${row.type} with loan ${row.loanId ?? 'none'}`);
    }
    if (row.loanId !== null) claims.set(row.loanId, (claims.get(row.loanId) ?? 0) + 1);
  }
  // Applied once means one loan per applied check-out: a loan nobody claims is a second
  // application whose outcome was overwritten, a loan claimed twice is one transaction's twin.
  const loans = new Set(input.loanIds);
  for (const loanId of loans) {
    const count = claims.get(loanId) ?? 0;
    if (count !== 1) {
      duplicated += count === 0 ? 1 : count - 1;
      note(`loan ${loanId} is claimed by ${count} transactions`);
    }
  }
  for (const loanId of claims.keys()) {
    if (!loans.has(loanId)) {
      inconsistent += 1;
      note(`a transaction claims loan ${loanId}, which is not among the trial's loans`);
    }
  }

  return {
    checked: input.generated.length,
    lost,
    duplicated,
    unexpected,
    acknowledgedNotStored,
    unprocessed,
    inconsistent,
    examples,
  };
}

/** Adds one trial's counts to a running total. */
export function addResults(total: SetCheckResult, trial: SetCheckResult): SetCheckResult {
  return {
    checked: total.checked + trial.checked,
    lost: total.lost + trial.lost,
    duplicated: total.duplicated + trial.duplicated,
    unexpected: total.unexpected + trial.unexpected,
    acknowledgedNotStored: total.acknowledgedNotStored + trial.acknowledgedNotStored,
    unprocessed: total.unprocessed + trial.unprocessed,
    inconsistent: total.inconsistent + trial.inconsistent,
    examples: [...total.examples, ...trial.examples].slice(0, MAX_EXAMPLES),
  };
}

export const EMPTY_RESULT: SetCheckResult = {
  checked: 0,
  lost: 0,
  duplicated: 0,
  unexpected: 0,
  acknowledgedNotStored: 0,
  unprocessed: 0,
  inconsistent: 0,
  examples: [],
};

/** True when nothing is lost, duplicated, unexpected, unprocessed or inconsistent. */
export function isClean(result: SetCheckResult): boolean {
  return (
    result.lost === 0 &&
    result.duplicated === 0 &&
    result.unexpected === 0 &&
    result.acknowledgedNotStored === 0 &&
    result.unprocessed === 0 &&
    result.inconsistent === 0
  );
}

// Renewing from a screen that lists a patron's loans: "Renew" on a loan, "Renew all", and a
// supervisor's "Renew anyway" with a reason. Renewed loans replace their rows at once (new due date,
// renewal count); refusals go to the screen's alerts with the refusal sound.
import { useState } from 'react';
import type { Loan } from '../../shared/api/circulation.ts';
import type { RenewAllResult } from '../../shared/api/renewals.ts';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { ApiRequestError, api, describeError } from '../api/client.ts';
import type { ScanAlert } from '../components/ScanAlerts.tsx';
import { useScanAlerts } from '../lib/useScanAlerts.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

/** What a supervisor is asked a reason for: one loan, or all the patron's loans. */
export type RenewAnyway = { kind: 'one'; loan: Loan } | { kind: 'all' };

export interface RenewalsOptions {
  /** The card whose loans are shown; "Renew all" renews its loans. */
  patronBarcode: string;
  /** The screen's alerts; without them the renewal controls show their own alert region. */
  alerts?: ReturnType<typeof useScanAlerts>;
  /** After each renewal, refused or not: e.g. Check Out puts focus back in the scan field. */
  onSettled?: () => void;
}

let nextId = 0;
const newId = () => `renewal-${(nextId += 1)}`;

export function useRenewals({ patronBarcode, alerts: screenAlerts, onSettled }: RenewalsOptions) {
  const session = useSession();
  const timeZoneOf = useLoanTimeZone();
  const ownAlerts = useScanAlerts();
  const alerts = screenAlerts ?? ownAlerts;
  const mayOverride = may(session, 'loan.override');
  const [renewed, setRenewed] = useState<ReadonlyMap<number, Loan>>(new Map());
  const [working, setWorking] = useState(false);
  // Asked for this card only: Check Out's next patron never sees the last one's reason form.
  const [asking, setAsking] = useState<{ card: string; anyway: RenewAnyway } | null>(null);
  const askingAnyway = asking?.card === patronBarcode ? asking.anyway : null;

  function showRenewed(loans: readonly Loan[]) {
    setRenewed(
      (current) => new Map([...current, ...loans.map((loan) => [loan.id, loan] as const)]),
    );
  }

  function refused(text: string, anyway: RenewAnyway | null) {
    const id = newId();
    const alert: ScanAlert = { id, tone: 'refusal', text };
    if (anyway && mayOverride) {
      alert.action = {
        label: 'Renew anyway',
        onClick: () => {
          alerts.remove(id);
          setAsking({ card: patronBarcode, anyway });
        },
      };
    }
    alerts.add(alert);
  }

  async function run(work: () => Promise<void>) {
    setWorking(true);
    try {
      await work();
    } finally {
      setWorking(false);
      onSettled?.();
    }
  }

  /** "Renew" on one loan; with a reason, a supervisor's "Renew anyway". */
  function renewOne(loan: Loan, reason?: string): Promise<void> {
    return run(async () => {
      try {
        const result = await api.renewLoan(loan.id, reason ? { override: { reason } } : {});
        showRenewed([result.loan]);
        alerts.add({
          id: newId(),
          tone: 'notice',
          text: `Renewed "${result.loan.item.title}": now due ${formatDate(result.loan.dueAt, timeZoneOf(result.loan))}.`,
        });
      } catch (error) {
        const overridable = error instanceof ApiRequestError && OVERRIDABLE.has(error.code);
        refused(
          `"${loan.item.title}" was not renewed: ${describeError(error)}`,
          overridable ? { kind: 'one', loan } : null,
        );
      }
    });
  }

  /** "Renew all"; with a reason, a supervisor's "Renew anyway" for every loan. */
  function renewAll(reason?: string): Promise<void> {
    return run(async () => {
      try {
        const result = await api.renewAllLoans(
          patronBarcode,
          reason ? { override: { reason } } : {},
        );
        showRenewed(result.renewed.map((renewal) => renewal.loan));
        const overridable = result.refused.some((refusal) => OVERRIDABLE.has(refusal.code));
        if (result.refused.length === 0) {
          alerts.add({ id: newId(), tone: 'notice', text: renewedAllText(result) });
        } else {
          refused(renewedAllText(result), overridable ? { kind: 'all' } : null);
        }
      } catch (error) {
        refused(`The loans were not renewed: ${describeError(error)}`, null);
      }
    });
  }

  return {
    alerts,
    /** Whether the session may renew at all ('loan.renew'): otherwise no buttons show. */
    mayRenew: may(session, 'loan.renew'),
    /** Whether the controls show their own alert region (the screen has none). */
    ownAlertRegion: screenAlerts === undefined,
    working,
    askingAnyway,
    stopAskingAnyway: () => setAsking(null),
    renewOne,
    renewAll,
    /** The loans as shown, with the renewed ones' new due dates and counts. */
    current(loans: readonly Loan[]): Loan[] {
      return loans.map((loan) => {
        const newer = renewed.get(loan.id);
        return newer && newer.renewalCount >= loan.renewalCount ? newer : loan;
      });
    },
  };
}

export type Renewals = ReturnType<typeof useRenewals>;

/** Refusals a supervisor may renew past (a returned loan or a missing rule they may not). */
const OVERRIDABLE: ReadonlySet<string> = new Set([
  'RENEWAL_LIMIT_REACHED',
  'RENEWAL_HOLD_WAITING',
  'PATRON_BLOCKED',
  'PATRON_EXPIRED',
  'ITEM_LOST',
]);

function renewedAllText({ renewed, refused }: RenewAllResult): string {
  const total = renewed.length + refused.length;
  if (total === 0) return 'This patron has no loans to renew.';
  if (refused.length === 0) {
    return total === 1 ? 'Renewed the one loan.' : `Renewed all ${total} loans.`;
  }
  const reasons = refused.map((refusal) => `"${refusal.loan.item.title}": ${refusal.message}`);
  return `Renewed ${renewed.length} of ${total} loans. Not renewed: ${reasons.join(' ')}`;
}

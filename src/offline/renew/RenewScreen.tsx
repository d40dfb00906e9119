// The Renew screen: patron barcode, then item barcodes; each renewal appears with its new due date
// (the offline rules', from today) only once stored durably. Complete, Alt+C or the next patron's
// card finishes the patron and prints "Loans renewed" when Print Options say so. RenewSession holds
// the visit's logic; this component draws it.
import { useState } from 'react';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { RenewSession, type CompletedRenewals } from '../../browser/renew/renewSession.ts';
import type { DeskScreenProps } from '../desk/deskScreenProps.ts';
import { CompleteActions } from '../desk/CompleteActions.tsx';
import { PatronScanForm } from '../desk/PatronScanForm.tsx';
import { RecordedTable } from '../desk/RecordedTable.tsx';
import { ScanAlerts } from '../desk/ScanAlerts.tsx';
import { printDueDateReceipt, usePatronVisit } from '../desk/usePatronVisit.ts';

/** The heading of the receipt Renew prints. */
export const RENEWAL_RECEIPT_HEADING = 'Loans renewed';

export function RenewScreen(
  props: Pick<DeskScreenProps, 'context' | 'printOptions' | 'onRecorded' | 'onPatronInProgress'>,
) {
  const { context, printOptions, onRecorded, onPatronInProgress } = props;
  const [session] = useState(() => new RenewSession(context, onRecorded));

  const printVisit = (visit: CompletedRenewals) => {
    if (visit.renewals.length === 0 || !printOptions.printRenewalReceipts) return;
    printDueDateReceipt(context, printOptions, {
      patron: visit.patron,
      items: visit.renewals,
      heading: RENEWAL_RECEIPT_HEADING,
    });
  };

  const form = usePatronVisit(session, { printVisit, onPatronInProgress });
  const { patron, renewals, alert, history, notice } = form.state;

  return (
    <section aria-labelledby="renew-heading">
      <h2 id="renew-heading">Renew</h2>
      <ScanAlerts alert={alert} history={history} />
      {notice && <p className="banner info">{notice}</p>}
      <PatronScanForm
        form={form}
        idPrefix="renew-"
        patronLocked={renewals.length > 0}
        itemsAllowed={patron !== null}
      />
      <CompleteActions
        onComplete={() => void form.complete()}
        recording={form.state.pendingScans > 0}
      />
      <RecordedTable
        caption={
          patron === null ? 'No patron yet' : `Loans renewed for this patron (${renewals.length})`
        }
        columns={['Due date']}
        rows={renewals.map(({ entry, due }) => ({ entry, cells: [formatDay(due.dueDate)] }))}
        empty={
          patron === null
            ? 'Scan the patron’s library card to start.'
            : 'Scan the first item to renew.'
        }
      />
    </section>
  );
}

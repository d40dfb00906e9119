// A supervisor's "Lend anyway" for an item that waits for another patron's hold: asks why before
// Check Out sends the item again with the reason; the server puts the other hold back to waiting
// and keeps the reason, with who gave it, in the audit log.
import { ReasonForm } from '../components/ReasonForm.tsx';

export function LendPastHoldForm({
  itemBarcode,
  onLend,
  onCancel,
}: {
  itemBarcode: string;
  onLend(reason: string): void;
  onCancel(): void;
}) {
  return (
    <ReasonForm
      name="Lend past the hold"
      question={`Why lend item ${itemBarcode} past the other patron's hold?`}
      submitLabel="Lend with this reason"
      whenEmpty="Say why: the reason is kept in the audit log, with your name."
      onReason={onLend}
      onCancel={onCancel}
    />
  );
}

// "Delete offline transactions": frees this browser of the transactions the server has confirmed
// it stored (an answer its database's standbys had caught up with: docs/failover.md). Unsent ones,
// and sent ones not yet confirmed, can never be deleted here; the only way to move them is a backup
// file.
import { useCallback, useEffect, useState } from 'react';
import { onClientReported } from '../../browser/recovery/clientReporting.ts';

/** The sent transactions a confirmation covers (src/browser/recovery/resendMissing.ts). */
export interface ConfirmedSent {
  count(): Promise<number>;
  remove(): Promise<number>;
}

const numbers = new Intl.NumberFormat('en-US');
const transactions = (n: number) =>
  `${numbers.format(n)} ${n === 1 ? 'transaction' : 'transactions'}`;

export function DeleteSentTransactions(props: {
  confirmedSent: ConfirmedSent;
  unsent: number;
  onDeleted: () => void;
}) {
  const { confirmedSent, unsent, onDeleted } = props;
  const [deletable, setDeletable] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const count = useCallback(() => {
    confirmedSent.count().then(setDeletable, () => setDeletable(null));
  }, [confirmedSent]);
  useEffect(count, [count]);
  // A report answer may confirm more (or reopen some to send again): count again when one comes.
  useEffect(() => onClientReported(count), [count]);

  const remove = async () => {
    setConfirming(false);
    try {
      const removed = await confirmedSent.remove();
      setMessage({ ok: true, text: `Deleted ${transactions(removed)} the server had confirmed.` });
    } catch {
      setMessage({
        ok: false,
        text: 'The browser could not delete the sent transactions. Nothing was lost; try again later.',
      });
    }
    count();
    onDeleted();
  };

  const nothing = deletable === 0;
  return (
    <section aria-labelledby="delete-sent-heading" className="delete-sent">
      <h3 id="delete-sent-heading">Delete offline transactions</h3>
      <p id="delete-sent-reason">
        {deletable === null
          ? 'Counting the transactions the server has confirmed…'
          : nothing
            ? 'Nothing to delete: this browser holds no transaction the server has confirmed.'
            : `${transactions(deletable)} in this browser ${deletable === 1 ? 'has' : 'have'} been confirmed by the server and can be deleted.`}{' '}
        {unsent > 0 &&
          `The ${transactions(unsent)} waiting to be sent can never be deleted here; to carry them to another computer, save a backup file.`}
      </p>
      {confirming && deletable ? (
        <div role="alertdialog" aria-labelledby="delete-sent-confirm" className="confirm">
          <p id="delete-sent-confirm">
            Delete {transactions(deletable)} the server has confirmed? Unsent transactions are kept.
          </p>
          <button type="button" onClick={remove}>
            Delete {transactions(deletable)}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={!deletable}
          aria-describedby="delete-sent-reason"
          onClick={() => {
            setMessage(null);
            setConfirming(true);
          }}
        >
          Delete offline transactions
        </button>
      )}
      {message && (
        <p className={message.ok ? 'banner info' : 'alert'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}

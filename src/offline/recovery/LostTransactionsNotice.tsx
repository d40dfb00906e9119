// Said at once, at the top, until the transactions are recovered: this workstation recorded
// transactions the server never received and this browser no longer holds (site data cleared,
// another browser), with how to get them back from the journal or a backup file.
import { describeLostTransactions } from '../../shared/offline/recoveryWords.ts';
import { useLostTransactions, type LostTransactionsProps } from './useLostTransactions.ts';

export function LostTransactionsNotice(props: LostTransactionsProps) {
  const { lost, mayUpload } = useLostTransactions(props);
  if (lost.count === 0) return null;
  const words = describeLostTransactions({
    workstation: props.snapshot.workstation,
    lost,
    mayUpload,
  });
  return (
    <div className="alert lost-transactions" role="alert">
      <p>
        <strong>{words.heading}</strong>
      </p>
      <ol>
        {words.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

// Installation: what this workstation is, when the client was installed and refreshed, whether the
// browser promised to keep its data, how many transactions are recorded, unsent and sent, and
// deleting the ones the server has confirmed.
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import type { OutboxCounts } from '../../browser/outbox/outbox.ts';
import { formatBytes, type StorageState } from '../../browser/storage/persistence.ts';
import type { Installation } from '../../browser/storage/localState.ts';
import { DeleteSentTransactions, type ConfirmedSent } from './DeleteSentTransactions.tsx';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';

function persistenceText(storage: StorageState | null): string {
  if (storage === null || storage.persisted === null) return 'Unknown (this browser cannot say)';
  return storage.persisted
    ? 'Granted: the browser will not clear this data to free space'
    : 'Not granted: the browser may clear this data when the disk is nearly full. Save a backup file often.';
}

export function InstallationTab(props: {
  snapshot: OfflineSnapshot;
  installation: Installation;
  counts: OutboxCounts;
  storage: StorageState | null;
  confirmedSent: ConfirmedSent;
  onCountsChanged: () => void;
}) {
  const { snapshot, installation, counts, storage } = props;
  // In the branch's time zone, like every other time both apps show, not the computer's.
  const when = (epochMs: number) => formatDateTime(epochMs, snapshot.branch.timeZone);
  return (
    <>
      <dl className="facts">
        <dt>Workstation</dt>
        <dd>{snapshot.workstation}</dd>
        <dt>Branch</dt>
        <dd>
          {snapshot.branch.name} ({snapshot.branch.code}), {snapshot.branch.timeZone}
        </dd>
        <dt>Installed by</dt>
        <dd>
          {installation.installedBy.displayName} ({installation.installedBy.username})
        </dd>
        <dt>Installed on</dt>
        <dd>{when(installation.installedAt)}</dd>
        <dt>Offline data downloaded</dt>
        <dd>{when(installation.snapshotRefreshedAt)}</dd>
        <dt>Loans recorded as</dt>
        <dd>
          {snapshot.staff.displayName} ({snapshot.staff.username})
        </dd>
        <dt>App version</dt>
        <dd>{snapshot.appVersion}</dd>
        <dt>Persistent storage</dt>
        <dd>{persistenceText(storage)}</dd>
        <dt>Storage used</dt>
        <dd>
          {storage?.usageBytes == null ? 'Unknown' : formatBytes(storage.usageBytes)} of{' '}
          {storage?.quotaBytes == null ? 'an unknown amount' : formatBytes(storage.quotaBytes)}{' '}
          available
        </dd>
        <dt>Transactions recorded</dt>
        <dd>{counts.recorded}</dd>
        <dt>Waiting to be sent</dt>
        <dd>{counts.unsent}</dd>
        <dt>Sent</dt>
        <dd>{counts.sent}</dd>
      </dl>
      <DeleteSentTransactions
        confirmedSent={props.confirmedSent}
        unsent={counts.unsent}
        onDeleted={props.onCountsChanged}
      />
    </>
  );
}

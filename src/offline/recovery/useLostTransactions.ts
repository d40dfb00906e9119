// Whether transactions of this workstation were lost to a wipe, known at once from what is stored
// (the last report's answer, or the snapshot's), then again after each report: the ones this hook
// makes whenever the server answers again, and those made after each send.
import { useCallback, useEffect, useRef, useState } from 'react';
import { NOTHING_LOST, type LostTransactions } from '../../shared/offline/recovery.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { onClientReported, reportOfflineClient } from '../../browser/recovery/clientReporting.ts';
import { findLostHere } from '../../browser/recovery/lostTransactions.ts';
import type { ServerStatus } from '../../browser/server/heartbeat.ts';
import type { OfflineDb } from '../../browser/storage/database.ts';
import type { Installation } from '../../browser/storage/localState.ts';

export interface LostTransactionsProps {
  db: OfflineDb;
  snapshot: OfflineSnapshot;
  installation: Installation;
  serverStatus: ServerStatus;
}

export function useLostTransactions({
  db,
  snapshot,
  installation,
  serverStatus,
}: LostTransactionsProps) {
  const [lost, setLost] = useState<LostTransactions>(NOTHING_LOST);
  /** Learnt from the session at the first report; until then, the words for desk staff. */
  const [mayUpload, setMayUpload] = useState(false);

  const recheck = useCallback(() => {
    // A storage that cannot be read now is read again after the next report.
    findLostHere({ db, snapshot, installation }).then(setLost, () => undefined);
  }, [db, snapshot, installation]);

  useEffect(() => {
    recheck();
    return onClientReported((reported) => {
      if (reported.workstation === snapshot.workstation) setMayUpload(reported.mayUpload);
      recheck();
    });
  }, [recheck, snapshot.workstation]);

  // Once the server answers, and again each time it comes back after going away, report: the
  // server learns how far this workstation counted before anything is sent. If that fails (nobody
  // signed in yet), try again when this tab has the focus back, as staff sign in in the other tab.
  const [reportPending, setReportPending] = useState(true);
  if (serverStatus === 'unreachable' && !reportPending) setReportPending(true);
  const reporting = useRef(false);
  const report = useCallback(() => {
    if (reporting.current) return;
    reporting.current = true;
    void reportOfflineClient(db, { installed: true }).then((reported) => {
      reporting.current = false;
      if (reported) setReportPending(false);
    });
  }, [db]);
  const reachable = serverStatus === 'reachable';
  useEffect(() => {
    if (!reachable || !reportPending) return;
    report();
    window.addEventListener('focus', report);
    return () => window.removeEventListener('focus', report);
  }, [reachable, reportPending, report]);

  return { lost, mayUpload };
}

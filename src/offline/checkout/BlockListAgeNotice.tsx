// How old the block list is, in the header, and a plain warning once it is older than the library
// allows: a card blocked after the list was made is not on it. Nothing when the library sends none.
import { useEffect, useState } from 'react';
import { blockListAge } from '../../shared/offline/blockList.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { snapshotBlockList } from '../../browser/checkout/checkOut.ts';

/** The age is read again this often, so a client left open shows the list growing old. */
export const BLOCK_LIST_AGE_REFRESH_MS = 60_000;

/** The server's time as this workstation best knows it (epoch ms). */
function useServerNow(clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), BLOCK_LIST_AGE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [clockOffsetMs]);
  return now;
}

export function BlockListAgeLabel(props: { snapshot: OfflineSnapshot; clockOffsetMs: number }) {
  const now = useServerNow(props.clockOffsetMs);
  const list = snapshotBlockList(props.snapshot);
  if (list === null) return null;
  const age = blockListAge(list, now);
  return (
    <span className="block-list-age" data-stale={age.stale}>
      {age.text}
    </span>
  );
}

export function BlockListStaleWarning(props: { snapshot: OfflineSnapshot; clockOffsetMs: number }) {
  const now = useServerNow(props.clockOffsetMs);
  const list = snapshotBlockList(props.snapshot);
  const warning = list === null ? null : blockListAge(list, now).warning;
  if (warning === null) return null;
  return (
    <p className="banner" role="status">
      {warning}
    </p>
  );
}

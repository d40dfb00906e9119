// When the server answers, lending belongs in the staff app's Check Out, which checks the card and
// the item as it lends; the offline client lends blind and learns of problems only after upload.
// Staff may still stay here on purpose (a network that keeps dropping): the notice only points.
import { useState } from 'react';
import type { ServerStatus } from '../../browser/server/heartbeat.ts';

export function ServerUpNotice({ serverStatus }: { serverStatus: ServerStatus }) {
  const [stayingOffline, setStayingOffline] = useState(false);
  // Asked again the next time the server comes back after going away: reset while rendering, so
  // the notice never flashes with the old choice.
  if (serverStatus === 'unreachable' && stayingOffline) setStayingOffline(false);
  if (serverStatus !== 'reachable' || stayingOffline) return null;
  return (
    <p className="banner info server-up" role="status">
      The Circa server is answering. Lend at <a href="/checkout">Check Out in the staff app</a>,
      which checks each card and item as it lends; loans made here are checked only when they are
      sent.{' '}
      <button type="button" onClick={() => setStayingOffline(true)}>
        Keep working offline
      </button>
    </p>
  );
}

// The current time for rendering (e.g. the "Overdue" flag), refreshed each minute so a screen left
// open across a due date catches up without a reload.
import { useEffect, useState } from 'react';

const NOW_REFRESH_INTERVAL_MS = 60_000;

export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

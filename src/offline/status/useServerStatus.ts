// The offline client's view of the server: a heartbeat every few seconds, so the screen can say
// whether sending is possible and send by itself once the server is back.
import { useEffect, useState } from 'react';
import {
  checkServer,
  HEARTBEAT_INTERVAL_MS,
  type ServerStatus,
} from '../../browser/server/heartbeat.ts';

export function useServerStatus(): ServerStatus {
  const [status, setStatus] = useState<ServerStatus>('checking');
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async () => {
      const next = await checkServer();
      if (stopped) return;
      setStatus(next);
      timer = setTimeout(beat, HEARTBEAT_INTERVAL_MS);
    };
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return status;
}

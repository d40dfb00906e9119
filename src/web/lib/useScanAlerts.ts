// The messages of a scanning screen, newest first: adding one plays its sound at once, so the
// desk hears a refusal the moment the screen shows it.
import { useState } from 'react';
import { soundScanMessage, withLatest } from '../../browser/desk/scanMessages.ts';
import type { ScanAlert } from '../components/ScanAlerts.tsx';

export function useScanAlerts() {
  const [alerts, setAlerts] = useState<ScanAlert[]>([]);
  return {
    alerts,
    add(alert: ScanAlert) {
      soundScanMessage(alert.tone);
      setAlerts((current) => withLatest(current, alert));
    },
    remove(id: string) {
      setAlerts((current) => current.filter((alert) => alert.id !== id));
    },
    clear() {
      setAlerts([]);
    },
  };
}

// Persistent storage and how much room is left. Without persistence a browser under disk pressure
// may evict the site's data; staff see what the browser granted so they can back up accordingly.

export interface StorageState {
  /** null when this browser cannot say. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Asks for persistent storage (Chromium decides without a prompt) and reads the estimate. */
export async function requestPersistentStorage(): Promise<StorageState> {
  const storage = navigator.storage as StorageManager | undefined;
  let persisted: boolean | null = null;
  try {
    persisted = (await storage?.persisted?.()) ?? null;
    if (persisted === false) persisted = (await storage?.persist?.()) ?? false;
  } catch {
    persisted = null;
  }
  let usageBytes: number | null = null;
  let quotaBytes: number | null = null;
  try {
    const estimate = await storage?.estimate?.();
    usageBytes = estimate?.usage ?? null;
    quotaBytes = estimate?.quota ?? null;
  } catch {
    // Left unknown: the Installation tab says so.
  }
  return { persisted, usageBytes, quotaBytes };
}

/** e.g. "1.2 MB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

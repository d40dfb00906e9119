// Which workstation this browser is. Asked once after the first sign-in and remembered here, so
// later sign-ins on this desk go straight to work.

/** localStorage key; the offline client reads it too, so keep the name. */
export const WORKSTATION_STORAGE_KEY = 'circa.workstation';

export function rememberedWorkstation(storage: Storage | undefined = safeStorage()): string | null {
  const name = storage?.getItem(WORKSTATION_STORAGE_KEY)?.trim();
  return name ? name : null;
}

export function rememberWorkstation(
  name: string,
  storage: Storage | undefined = safeStorage(),
): void {
  storage?.setItem(WORKSTATION_STORAGE_KEY, name);
}

/** localStorage, or undefined where it is switched off (some locked-down browsers throw on access). */
function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

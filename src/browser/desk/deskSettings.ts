// Settings of this workstation's desk that both apps share, kept in this browser's localStorage
// (same origin, so the staff app and the offline client read the same value): whether to play
// the desk sounds, and among them the hold chime (a desk that has its own way of noticing holds may
// silence that one alone). Both on unless staff turn them off.

/** localStorage key; both apps read it, so keep the name. */
export const DESK_SOUNDS_STORAGE_KEY = 'circa.deskSounds';

/** localStorage key of the hold chime's own switch; it plays only while desk sounds are on too. */
export const HOLD_SOUND_STORAGE_KEY = 'circa.holdSound';

const listeners = new Set<() => void>();

export function deskSoundsOn(storage: Storage | undefined = safeStorage()): boolean {
  return storage?.getItem(DESK_SOUNDS_STORAGE_KEY) !== 'off';
}

export function setDeskSoundsOn(on: boolean, storage: Storage | undefined = safeStorage()): void {
  storage?.setItem(DESK_SOUNDS_STORAGE_KEY, on ? 'on' : 'off');
  for (const listener of listeners) listener();
}

/** Whether the hold chime may play; playDeskSound also asks deskSoundsOn. */
export function holdSoundOn(storage: Storage | undefined = safeStorage()): boolean {
  return storage?.getItem(HOLD_SOUND_STORAGE_KEY) !== 'off';
}

export function setHoldSoundOn(on: boolean, storage: Storage | undefined = safeStorage()): void {
  storage?.setItem(HOLD_SOUND_STORAGE_KEY, on ? 'on' : 'off');
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: screens showing the setting redraw when it changes. */
export function subscribeDeskSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** localStorage, or undefined where it is switched off (some locked-down browsers throw on access). */
function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import {
  deskSoundsOn,
  holdSoundOn,
  setDeskSoundsOn,
  setHoldSoundOn,
  subscribeDeskSettings,
} from './deskSettings.ts';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    clear: () => values.clear(),
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => void values.delete(key),
    setItem: (key, value) => void values.set(key, value),
  };
}

describe('desk sounds setting', () => {
  it('is on until this workstation turns it off, and tells the screens when it changes', () => {
    const storage = memoryStorage();
    let changes = 0;
    const stop = subscribeDeskSettings(() => (changes += 1));
    expect(deskSoundsOn(storage)).toBe(true);
    setDeskSoundsOn(false, storage);
    expect(deskSoundsOn(storage)).toBe(false);
    setDeskSoundsOn(true, storage);
    expect(deskSoundsOn(storage)).toBe(true);
    stop();
    expect(changes).toBe(2);
  });

  it('stays on where the browser keeps no storage', () => {
    expect(deskSoundsOn(undefined)).toBe(true);
  });

  it('keeps the hold sound its own switch: off for holds leaves the other sounds on', () => {
    const storage = memoryStorage();
    let changes = 0;
    const stop = subscribeDeskSettings(() => (changes += 1));
    expect(holdSoundOn(storage)).toBe(true);
    setHoldSoundOn(false, storage);
    expect(holdSoundOn(storage)).toBe(false);
    expect(deskSoundsOn(storage)).toBe(true);
    setDeskSoundsOn(false, storage);
    setHoldSoundOn(true, storage);
    expect(holdSoundOn(storage)).toBe(true);
    expect(deskSoundsOn(storage)).toBe(false);
    stop();
    expect(changes).toBe(3);
    expect(holdSoundOn(undefined)).toBe(true);
  });
});

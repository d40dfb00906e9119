import { describe, expect, it } from 'vitest';
import { isTimeZoneName, knownTimeZoneNames } from './timeZones.ts';

describe('isTimeZoneName', () => {
  it('accepts IANA names', () => {
    expect(isTimeZoneName('America/Chicago')).toBe(true);
    expect(isTimeZoneName('Europe/Amsterdam')).toBe(true);
    expect(isTimeZoneName('UTC')).toBe(true);
  });

  it('refuses unknown names, offsets and empty text', () => {
    expect(isTimeZoneName('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZoneName('+08:00')).toBe(false);
    expect(isTimeZoneName('')).toBe(false);
  });

  it('accepts every zone the runtime lists', () => {
    const names = knownTimeZoneNames();
    expect(names.length).toBeGreaterThan(100);
    expect(names.every(isTimeZoneName)).toBe(true);
  });
});

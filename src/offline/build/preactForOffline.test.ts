import { describe, expect, it } from 'vitest';
import { usesPreact } from './preactForOffline.ts';

describe('usesPreact', () => {
  it('redirects the offline client’s modules only', () => {
    expect(usesPreact('/work/circa/src/offline/checkout/CheckOutScreen.tsx')).toBe(true);
    expect(usesPreact('/work/circa/src/offline/main.tsx?v=3')).toBe(true);
  });

  it('leaves the staff app and the install helpers it uses on React', () => {
    expect(usesPreact('/work/circa/src/web/App.tsx')).toBe(false);
    expect(usesPreact('/work/circa/src/offline/install/useOfflineInstall.ts')).toBe(false);
    expect(usesPreact(undefined)).toBe(false);
  });
});

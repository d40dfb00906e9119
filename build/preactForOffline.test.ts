import { describe, expect, it } from 'vitest';
import { usesPreact } from './preactForOffline.ts';

describe('usesPreact', () => {
  it('redirects the offline client’s modules only', () => {
    expect(usesPreact('/work/circa/src/offline/checkout/CheckOutScreen.tsx')).toBe(true);
    expect(usesPreact('/work/circa/src/offline/main.tsx?v=3')).toBe(true);
  });

  it('leaves the staff app, including its install notice, on React, with no exception inside src/offline', () => {
    expect(usesPreact('/work/circa/src/web/App.tsx')).toBe(false);
    expect(usesPreact('/work/circa/src/web/offlineInstall/useOfflineInstall.ts')).toBe(false);
    expect(usesPreact('/work/circa/src/offline/install/Anything.tsx')).toBe(true);
    expect(usesPreact(undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { offlineClientFiles } from './offlinePrecache.ts';

const chunk = (fileName: string, extra: Partial<Record<string, unknown>> = {}) => ({
  type: 'chunk' as const,
  fileName,
  name: fileName,
  isEntry: false,
  imports: [] as string[],
  dynamicImports: [] as string[],
  viteMetadata: { importedCss: new Set<string>(), importedAssets: new Set<string>() },
  ...extra,
});

describe('offlineClientFiles', () => {
  it('keeps the offline entry, its imports and their CSS, and leaves out the staff app', () => {
    const bundle = {
      'assets/offline-1.js': chunk('assets/offline-1.js', {
        name: 'offline',
        isEntry: true,
        imports: ['assets/react-2.js'],
        dynamicImports: ['assets/print-3.js'],
        viteMetadata: { importedCss: new Set(['assets/offline-1.css']), importedAssets: new Set() },
      }),
      'assets/react-2.js': chunk('assets/react-2.js'),
      'assets/print-3.js': chunk('assets/print-3.js', { imports: ['assets/react-2.js'] }),
      'assets/staff-4.js': chunk('assets/staff-4.js', {
        name: 'staff',
        isEntry: true,
        imports: ['assets/react-2.js'],
      }),
      'assets/offline-1.css': { type: 'asset' as const, fileName: 'assets/offline-1.css' },
    };
    expect([...offlineClientFiles(bundle)].toSorted()).toEqual([
      'assets/offline-1.css',
      'assets/offline-1.js',
      'assets/print-3.js',
      'assets/react-2.js',
      'offline/index.html',
    ]);
  });

  it('fails the build when there is no offline entry', () => {
    expect(() => offlineClientFiles({})).toThrow(/no "offline" entry/);
  });
});

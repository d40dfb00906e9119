// Build-time helper for vite.config.ts: the offline client (every module under src/offline/) runs
// on Preact's React compatibility layer, which keeps its bundle under 100 kB gzip (React DOM alone
// is ~60 kB). The folder decides the renderer: src/web keeps React, and src/browser, which both
// apps use, imports neither (lint forbids it).
import { sep } from 'node:path';
import type { Plugin } from 'vite';

/** React entry points the offline client imports, and their Preact equivalents. */
export const PREACT_EQUIVALENTS: Readonly<Record<string, string>> = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-runtime',
};

/** Whether a module at this path belongs to the offline client, and so renders with Preact. */
export function usesPreact(importer: string | undefined): boolean {
  if (importer === undefined) return false;
  const path = importer.split('?')[0]!.split(sep).join('/');
  return path.includes('/src/offline/');
}

export function preactForOffline(): Plugin {
  return {
    name: 'circa-preact-for-offline',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const replacement = PREACT_EQUIVALENTS[source];
      if (replacement === undefined || !usesPreact(importer)) return null;
      return this.resolve(replacement, importer, { ...options, skipSelf: true });
    },
  };
}

// Build-time helper for vite.config.ts: the offline client's own components run on Preact's React
// compatibility layer, which keeps its bundle under 100 kB gzip (React DOM alone is ~60 kB). Only
// imports made from src/offline/ are redirected; the staff app, and the install helpers that the
// staff app uses (src/offline/install/), keep React.
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

/** Whether a module at this path belongs to the offline client's Preact side. */
export function usesPreact(importer: string | undefined): boolean {
  if (importer === undefined) return false;
  const path = importer.split('?')[0]!.split(sep).join('/');
  return path.includes('/src/offline/') && !path.includes('/src/offline/install/');
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

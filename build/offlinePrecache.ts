// Build-time helper for vite.config.ts: the files the offline client needs (its HTML, its entry
// chunk and everything that chunk imports, with their CSS), so the service worker precaches those
// and not the whole staff app.
import type { Plugin } from 'vite';

/** The name of the offline client's entry in build.rollupOptions.input. */
export const OFFLINE_ENTRY_NAME = 'offline';
export const OFFLINE_HTML = 'offline/index.html';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: readonly string[];
  dynamicImports: readonly string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetLike {
  type: 'asset';
  fileName: string;
}
type BundleLike = Record<string, ChunkLike | AssetLike>;

/** Every file reachable from the offline entry chunk, plus its HTML page. */
export function offlineClientFiles(bundle: BundleLike): Set<string> {
  const chunks = Object.values(bundle).filter((o): o is ChunkLike => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry && c.name === OFFLINE_ENTRY_NAME);
  if (!entry) throw new Error(`The build has no "${OFFLINE_ENTRY_NAME}" entry chunk.`);
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const files = new Set<string>([OFFLINE_HTML]);
  const pending = [entry.fileName];
  while (pending.length > 0) {
    const fileName = pending.pop()!;
    if (files.has(fileName)) continue;
    files.add(fileName);
    const chunk = byFile.get(fileName);
    if (!chunk) continue;
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
    pending.push(...chunk.imports, ...chunk.dynamicImports);
  }
  return files;
}

/**
 * A Vite plugin that records the offline client's files when the bundle is generated, and a
 * Workbox manifest transform that keeps only those in the service worker's precache list.
 */
export function offlinePrecache() {
  let files: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'circa-offline-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      files = offlineClientFiles(bundle as unknown as BundleLike);
    },
  };
  const manifestTransform = async <Entry extends { url: string }>(entries: Entry[]) => {
    if (files === null) throw new Error('The offline client files were not collected.');
    const wanted = files;
    const manifest = entries.filter((e) => wanted.has(e.url.replace(/^\//, '')));
    const missing = [...wanted].filter(
      (f) => !manifest.some((e) => e.url.replace(/^\//, '') === f),
    );
    const warnings = missing.map((f) => `The offline client needs ${f}, but it is not precached.`);
    return { manifest, warnings };
  };
  return { plugin, manifestTransform };
}

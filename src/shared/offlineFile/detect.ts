// Which reader an uploaded file needs, from its first line, so one upload button takes both.

/** 'circa-offline' (read with readOfflineFile), 'koc' (readKocFile), or 'unknown'. */
export type OfflineFileKind = 'circa-offline' | 'koc' | 'unknown';

const SNIFF_CHARS = 200;

export function detectOfflineFileKind(input: string | Uint8Array): OfflineFileKind {
  const start =
    typeof input === 'string'
      ? input.slice(0, SNIFF_CHARS)
      : new TextDecoder('utf-8').decode(input.subarray(0, SNIFF_CHARS));
  const firstLine = start.replace(/^\uFEFF/, '').trimStart();
  if (firstLine.startsWith('Version=')) return 'koc';
  // Any JSON header goes to the circa-offline reader, which explains what is wrong with it.
  return firstLine.startsWith('{') ? 'circa-offline' : 'unknown';
}

// The Import screen's words: each kind of file, and what an import is doing, in plain sentences.
import type { Import, ImportKind } from '../../shared/api/imports.ts';

export const KIND_LABELS: Record<ImportKind, string> = {
  'patrons-csv': 'Patrons (CSV)',
  'items-csv': 'Items (CSV)',
  'items-marc': 'Items (MARC 21, .mrc)',
  'items-marcxml': 'Items (MARCXML)',
};

export const KIND_FILES: Record<ImportKind, string> = {
  'patrons-csv': '.csv,.txt,text/csv',
  'items-csv': '.csv,.txt,text/csv',
  'items-marc': '.mrc,.marc,.iso2709,.dat',
  'items-marcxml': '.xml,text/xml,application/xml',
};

export const isMarcKind = (kind: ImportKind) => kind === 'items-marc' || kind === 'items-marcxml';

const number = new Intl.NumberFormat('en');
const rows = (n: number, noun = 'row') => `${number.format(n)} ${noun}${n === 1 ? '' : 's'}`;

/** How far it has got, 0–100, or null when there is nothing to measure. */
export function progressPercent(job: Import): number | null {
  if (job.status === 'previewing') {
    return job.fileBytes === 0
      ? null
      : Math.min(100, Math.floor((job.bytesRead / job.fileBytes) * 100));
  }
  if (job.status === 'applying') {
    const total = job.counts.create + job.counts.update;
    return total === 0 ? null : Math.min(100, Math.floor((job.rowsApplied / total) * 100));
  }
  return null;
}

export function statusSentence(job: Import): string {
  const name = job.fileName ?? 'The file';
  const { counts } = job;
  switch (job.status) {
    case 'previewing':
      return `Reading ${name}: ${rows(counts.read)} read so far…`;
    case 'previewed':
      return counts.refused > 0
        ? `${name} cannot be imported as it is: ${rows(counts.refused)} refused. Correct ${counts.refused === 1 ? 'it' : 'them'} in the file and upload it again.`
        : `${name} is ready: ${rows(counts.create + counts.update)} to store. Nothing has changed yet.`;
    case 'applying':
      return `Storing ${name}: ${rows(job.rowsApplied)} of ${rows(counts.create + counts.update)}…`;
    case 'applied':
      return `Imported ${name}: ${number.format(counts.create)} created, ${number.format(counts.update)} updated, ${number.format(counts.unchanged)} unchanged.`;
    case 'failed':
      return job.message ?? `${name} could not be imported. Nothing was stored.`;
    case 'cancelled':
      return `The import of ${name} was cancelled. Nothing was stored.`;
  }
}

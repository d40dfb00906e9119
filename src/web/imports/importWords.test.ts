import { describe, expect, it } from 'vitest';
import type { Import } from '../../shared/api/imports.ts';
import { progressPercent, statusSentence } from './importWords.ts';

const job: Import = {
  id: 1,
  kind: 'patrons-csv',
  fileName: 'patrons.csv',
  fileBytes: 1000,
  status: 'previewing',
  position: 'line',
  counts: { read: 1, create: 40, update: 10, unchanged: 5, refused: 0 },
  bytesRead: 250,
  rowsApplied: 0,
  message: null,
  startedBy: 'admin',
  startedAt: 0,
  finishedAt: null,
};

describe('import words', () => {
  it('measures reading by bytes and storing by rows', () => {
    expect(progressPercent(job)).toBe(25);
    expect(progressPercent({ ...job, status: 'applying', rowsApplied: 20 })).toBe(40);
    expect(progressPercent({ ...job, status: 'applied' })).toBeNull();
  });

  it('says what happened and what to do next', () => {
    expect(statusSentence(job)).toBe('Reading patrons.csv: 1 row read so far…');
    expect(statusSentence({ ...job, status: 'previewed' })).toBe(
      'patrons.csv is ready: 50 rows to store. Nothing has changed yet.',
    );
    expect(
      statusSentence({ ...job, status: 'previewed', counts: { ...job.counts, refused: 2 } }),
    ).toContain('2 rows refused. Correct them in the file and upload it again.');
    expect(statusSentence({ ...job, status: 'applied' })).toBe(
      'Imported patrons.csv: 40 created, 10 updated, 5 unchanged.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { describeLostTransactions } from './recoveryWords.ts';

describe('describeLostTransactions', () => {
  it('names how many, the workstation and the numbers lost', () => {
    const words = describeLostTransactions({
      workstation: 'DESK-1',
      lost: { runs: [{ from: 41, to: 60 }], count: 20 },
      mayUpload: true,
    });
    expect(words.heading).toBe(
      '20 offline transactions recorded at workstation DESK-1 (numbers 41–60) never reached the server, and this browser no longer has them: its site data was cleared, or this is another browser.',
    );
  });

  it('speaks of one transaction in the singular', () => {
    const words = describeLostTransactions({
      workstation: 'DESK-1',
      lost: { runs: [{ from: 7, to: 7 }], count: 1 },
      mayUpload: true,
    });
    expect(words.heading).toMatch(/^1 offline transaction recorded .*\(number 7\).* has it:/);
    expect(words.steps.at(-1)).toMatch(/^Until then, what this transaction recorded/);
  });

  it('lets a supervisor upload and tells desk staff whom to ask', () => {
    const lost = { runs: [{ from: 1, to: 3 }], count: 3 };
    const supervisor = describeLostTransactions({ workstation: 'DESK-1', lost, mayUpload: true });
    const desk = describeLostTransactions({ workstation: 'DESK-1', lost, mayUpload: false });
    expect(supervisor.steps[0]).toMatch(
      /and upload them in Offline uploads → Upload offline file\.$/,
    );
    expect(desk.steps[0]).toMatch(/and ask a supervisor to upload them in Offline uploads/);
    expect(desk.steps[1]).toMatch(/ask a supervisor/);
    expect(supervisor.steps.join(' ')).not.toMatch(/ask a supervisor/);
  });

  it('names the journal and backup files as they are spelled on disk', () => {
    const words = describeLostTransactions({
      workstation: 'Front desk/2',
      lost: { runs: [{ from: 1, to: 3 }], count: 3 },
      mayUpload: false,
    });
    expect(words.heading).toContain('workstation Front desk/2 ');
    expect(words.steps[0]).toContain('circa-journal-Front_desk_2-….jsonl');
    expect(words.steps[1]).toContain('circa-offline-Front_desk_2-….jsonl');
  });
});

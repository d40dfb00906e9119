import { describe, expect, it } from 'vitest';
import { describeLostTransactions } from './recoveryWords.ts';

describe('describeLostTransactions', () => {
  it('names the count, the workstation and the numbers, and tells a supervisor to upload', () => {
    const words = describeLostTransactions({
      workstation: 'DESK-1',
      lost: { runs: [{ from: 41, to: 60 }], count: 20 },
      mayUpload: true,
    });
    expect(words.heading).toBe(
      '20 offline transactions recorded at workstation DESK-1 (numbers 41–60) never reached the server, and this browser no longer has them: its site data was cleared, or this is another browser.',
    );
    expect(words.steps[0]).toMatch(/circa-journal-DESK-1-.*upload them in Offline → Upload/);
    expect(words.steps.join(' ')).not.toMatch(/ask a supervisor/);
  });

  it('speaks of one transaction in the singular, and sends desk staff to a supervisor', () => {
    const words = describeLostTransactions({
      workstation: 'DESK-2',
      lost: { runs: [{ from: 7, to: 7 }], count: 1 },
      mayUpload: false,
    });
    expect(words.heading).toMatch(
      /^1 offline transaction recorded at workstation DESK-2 \(number 7\)/,
    );
    expect(words.heading).toMatch(/no longer has it:/);
    expect(words.steps[0]).toMatch(/ask a supervisor to upload them/);
    expect(words.steps[1]).toMatch(/circa-offline-DESK-2-/);
  });
});

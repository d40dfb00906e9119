import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockListAge, describeAge, findListedCard, type BlockList } from './blockList.ts';

const MADE_AT = Date.UTC(2026, 11, 7, 12);
const HOUR_MS = 3_600_000;

const list: BlockList = {
  madeAt: MADE_AT,
  maxAgeHours: 24,
  entries: [
    { barcode: '21111', reason: 'blocked' },
    { barcode: '22222', reason: 'expired', expiresOn: '2026-12-07' },
  ],
};

describe('findListedCard', () => {
  it('warns on a blocked card, naming when the list was made', () => {
    expect(findListedCard(list, '21111', '2026-12-07')).toEqual({
      reason: 'blocked',
      message: 'Blocked: the library has blocked this card from borrowing.',
      listMadeAt: MADE_AT,
    });
  });

  it('lets an expiring card borrow through its last day and warns from the day after', () => {
    expect(findListedCard(list, '22222', '2026-12-06')).toBeNull();
    expect(findListedCard(list, '22222', '2026-12-07')).toBeNull();
    expect(findListedCard(list, '22222', '2026-12-08')).toEqual({
      reason: 'expired',
      message: 'Card expired on Mon 7 Dec 2026',
      listMadeAt: MADE_AT,
    });
  });

  it('knows nothing of a card the list does not name', () => {
    expect(findListedCard(list, '23333', '2026-12-08')).toBeNull();
  });

  it('finds any blocked card the list names, whatever the day', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^2\d{4}$/), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (barcodes, pick, day) => {
          const blocked: BlockList = {
            madeAt: MADE_AT,
            maxAgeHours: 24,
            entries: barcodes.map((barcode) => ({ barcode, reason: 'blocked' as const })),
          };
          const barcode = barcodes[pick % barcodes.length]!;
          const today = day.toISOString().slice(0, 10);
          expect(findListedCard(blocked, barcode, today)?.reason).toBe('blocked');
          expect(findListedCard(blocked, `9${barcode}`, today)).toBeNull();
        },
      ),
    );
  });
});

describe('blockListAge', () => {
  it('says how old the list is', () => {
    expect(blockListAge(list, MADE_AT + 10 * 60_000).text).toBe(
      'Block list made less than an hour ago',
    );
    expect(blockListAge(list, MADE_AT + HOUR_MS).text).toBe('Block list made 1 hour ago');
    expect(blockListAge(list, MADE_AT + 3 * HOUR_MS + 59 * 60_000).text).toBe(
      'Block list made 3 hours ago',
    );
    expect(blockListAge(list, MADE_AT + 72 * HOUR_MS).text).toBe('Block list made 3 days ago');
  });

  it('is stale only once older than the library allows', () => {
    expect(blockListAge(list, MADE_AT + 24 * HOUR_MS)).toMatchObject({
      stale: false,
      warning: null,
    });
    expect(blockListAge(list, MADE_AT + 24 * HOUR_MS + 1).stale).toBe(true);
    expect(blockListAge(list, MADE_AT + 72 * HOUR_MS).warning).toBe(
      'The block list is 3 days old: a card blocked since may not be listed.',
    );
    expect(blockListAge({ madeAt: MADE_AT, maxAgeHours: 6 }, MADE_AT + 30 * HOUR_MS).warning).toBe(
      'The block list is 30 hours old: a card blocked since may not be listed.',
    );
  });

  it('reads a list from a clock behind the server as just made', () => {
    expect(describeAge(-5 * HOUR_MS)).toBe('less than an hour');
    expect(blockListAge(list, MADE_AT - HOUR_MS).stale).toBe(false);
  });
});

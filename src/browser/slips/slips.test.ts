import { describe, expect, it } from 'vitest';
import type { HoldSlip, TransitSlip } from '../../shared/api/holds.ts';
import { buildHoldSlip, buildTransitSlip } from './slips.ts';

const main = { id: 1, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' };
const hillside = { id: 2, code: 'HILL', name: 'Hillside Branch', timeZone: 'America/Chicago' };

const holdSlip: HoldSlip = {
  holdId: 7,
  patronShortName: 'REA, A.',
  patronBarcode: '21234000000011',
  itemBarcode: '31234000000019',
  title: 'The Left Hand of Darkness',
  callNumber: 'SF LEG',
  pickupBranch: main,
  shelfExpiresOn: '2026-12-15',
  trappedAt: Date.UTC(2026, 11, 6, 16, 5),
};

const transitSlip: TransitSlip = {
  transitId: 3,
  reason: 'hold',
  itemBarcode: '31234000000019',
  title: 'The Left Hand of Darkness',
  callNumber: 'SF LEG',
  fromBranch: hillside,
  toBranch: main,
  sentAt: Date.UTC(2026, 11, 6, 16, 5),
  hold: { holdId: 7, patronShortName: 'REA, A.', patronBarcode: '21234000000011' },
};

describe('the hold slip', () => {
  it('names the patron short and large, masks the card, and says until when the item waits', () => {
    expect(buildHoldSlip('Riverside Public Library', holdSlip)).toEqual({
      libraryName: 'Riverside Public Library',
      heading: 'HOLD',
      large: 'REA, A.',
      lines: [
        'Patron: ••••••••••0011',
        'The Left Hand of Darkness',
        'Call number: SF LEG',
        'Item: 31234000000019',
        'Pickup: Main Library',
        'Hold until Tue 15 Dec 2026',
      ],
    });
  });

  it('never prints the full patron barcode, and leaves out a call number the item lacks', () => {
    const slip = buildHoldSlip('Library', { ...holdSlip, callNumber: ' ' });
    const printed = [slip.large, ...slip.lines].join('\n');
    expect(printed).not.toContain(holdSlip.patronBarcode);
    expect(printed).not.toContain('Call number');
  });
});

describe('the transit slip', () => {
  it('names the destination large, where it came from, why, for whom and when it was sent', () => {
    expect(buildTransitSlip('Riverside Public Library', transitSlip)).toEqual({
      libraryName: 'Riverside Public Library',
      heading: 'TRANSIT',
      large: 'To: Main Library',
      lines: [
        'From: Hillside Branch',
        'The Left Hand of Darkness',
        'Call number: SF LEG',
        'Item: 31234000000019',
        'Reason: a hold waits there',
        'For: REA, A.',
        'Sent Sun 6 Dec 2026, 10:05',
      ],
    });
  });

  it('sends an item home without a patron, and never prints a patron barcode', () => {
    const home = buildTransitSlip('Library', {
      ...transitSlip,
      reason: 'home',
      hold: null,
      fromBranch: main,
      toBranch: hillside,
    });
    expect(home.large).toBe('To: Hillside Branch');
    expect(home.lines).toContain('Reason: going home');
    expect(home.lines.some((line) => line.startsWith('For:'))).toBe(false);
    const withHold = buildTransitSlip('Library', transitSlip);
    expect([withHold.large, ...withHold.lines].join('\n')).not.toContain('0011');
  });
});

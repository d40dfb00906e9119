import { describe, expect, it } from 'vitest';
import type { CheckInRouting } from '../../shared/api/holds.ts';
import { receivedText, routingBanner, routingMark } from './routingMessages.ts';

const main = { id: 1, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' };
const hillside = { id: 2, code: 'HILL', name: 'Hillside Branch', timeZone: 'America/Chicago' };
const TITLE = 'Middlemarch';
const ITEM = '31000000000005';

const holdShelf: CheckInRouting = {
  kind: 'holdShelf',
  slip: {
    holdId: 1,
    patronShortName: 'REA, A.',
    patronBarcode: '21111111111110',
    itemBarcode: ITEM,
    title: TITLE,
    callNumber: '823 ELI',
    pickupBranch: main,
    shelfExpiresOn: '2026-12-15',
    trappedAt: 0,
  },
};

function transit(reason: 'hold' | 'home'): CheckInRouting {
  return {
    kind: 'transit',
    slip: {
      transitId: 1,
      reason,
      itemBarcode: ITEM,
      title: TITLE,
      callNumber: '823 ELI',
      fromBranch: main,
      toBranch: hillside,
      sentAt: 0,
      hold:
        reason === 'hold'
          ? { holdId: 1, patronShortName: 'REA, A.', patronBarcode: '21111111111110' }
          : null,
    },
  };
}

describe('where a checked-in item goes, as the desk reads it', () => {
  it('says nothing for an item that goes back on the shelves', () => {
    expect(routingBanner({ kind: 'shelve' }, TITLE)).toBeNull();
    expect(routingMark({ kind: 'shelve' })).toBeNull();
  });

  it('puts a hold on the hold shelf in its own tone, naming the patron short and the item', () => {
    expect(routingBanner(holdShelf, TITLE)).toEqual({
      tone: 'hold',
      text: `Hold for REA, A. — put on the hold shelf: ${TITLE} (${ITEM}).`,
    });
    expect(routingMark(holdShelf)).toBe('Hold shelf: REA, A.');
  });

  it('sends an item to another branch with the reason: a hold there, or home', () => {
    expect(routingBanner(transit('hold'), TITLE)).toEqual({
      tone: 'warning',
      text: `Send to Hillside Branch — a hold waits there for REA, A.: ${TITLE} (${ITEM}).`,
    });
    expect(routingBanner(transit('home'), TITLE)?.text).toBe(
      `Send to Hillside Branch — going home: ${TITLE} (${ITEM}).`,
    );
    expect(routingMark(transit('home'))).toBe('Send to Hillside Branch');
  });

  it('says where a received item came from', () => {
    expect(receivedText(hillside)).toBe('Received from Hillside Branch');
    expect(receivedText(undefined)).toBe('Received from transit');
  });
});

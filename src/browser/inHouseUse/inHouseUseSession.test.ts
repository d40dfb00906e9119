import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';
import { checkUseCount, InHouseUseSession } from './inHouseUseSession.ts';

const AT = Date.UTC(2026, 11, 2, 16, 0);

function session() {
  const outbox = createMemoryOutbox();
  const context = { snapshot: buildSnapshot(), clockOffsetMs: 0, outbox, now: () => AT };
  return { session: new InHouseUseSession(context), outbox };
}

describe('checkUseCount', () => {
  it('takes whole numbers from 1 to 500 and refuses the rest', () => {
    expect(checkUseCount('1')).toEqual({ ok: true, count: 1 });
    expect(checkUseCount(' 500 ')).toEqual({ ok: true, count: 500 });
    for (const bad of ['0', '501', '2.5', '-1', '', 'three'])
      expect(checkUseCount(bad)).toMatchObject({ ok: false, message: /from 1 to 500/ });
  });
});

describe('InHouseUseSession', () => {
  it('records each item with its count in scan order, and counts an item again when scanned again', async () => {
    const { session: desk, outbox } = session();
    const stored = await Promise.all([
      desk.scanItem(itemBarcode(1), '3'),
      desk.scanItem(itemBarcode(2), '1'),
      desk.scanItem(itemBarcode(1), '2'),
    ]);
    expect(stored).toEqual([true, true, true]);
    expect(desk.getState().uses.map((u) => [u.itemBarcode, u.count, u.sequence])).toEqual([
      [itemBarcode(1), 3, 1],
      [itemBarcode(2), 1, 2],
      [itemBarcode(1), 2, 3],
    ]);
    expect(await outbox.list()).toEqual([
      expect.objectContaining({ type: 'in_house_use', count: 3, workstation: 'DESK-1' }),
      expect.objectContaining({ type: 'in_house_use', count: 1 }),
      expect.objectContaining({ type: 'in_house_use', count: 2 }),
    ]);
  });

  it('refuses a bad count and a patron card, recording nothing', async () => {
    const { session: desk, outbox } = session();
    expect(await desk.scanItem(itemBarcode(1), '0')).toBe(false);
    expect(desk.getState().alert?.text).toMatch(/from 1 to 500/);
    expect(await desk.scanItem(patronBarcode(1), '1')).toBe(false);
    expect(desk.getState().alert?.text).toMatch(/In-House Use takes item barcodes only/);
    expect(await outbox.list()).toEqual([]);
  });

  it('clears the list, keeping what is stored', async () => {
    const { session: desk, outbox } = session();
    await desk.scanItem(itemBarcode(1), '1');
    await desk.clear();
    expect(desk.getState().uses).toEqual([]);
    expect(await outbox.list()).toHaveLength(1);
  });
});

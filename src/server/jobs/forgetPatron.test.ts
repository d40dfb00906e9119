import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FORGOTTEN_PATRON,
  recordedPatronBarcode,
  recordedRegistrationDetails,
  withoutBarcodes,
  withoutPatronInPayload,
} from './forgetPatron.ts';

describe('withoutBarcodes', () => {
  it('replaces the patron’s barcodes in a processing message, not the item’s', () => {
    const message =
      'Item 31000000000007 was lent to patron 21000000000001 after this offline check-out to patron 21000000000002.';
    expect(withoutBarcodes(message, new Set(['21000000000001', '21000000000002']))).toBe(
      `Item 31000000000007 was lent to patron ${FORGOTTEN_PATRON} after this offline check-out to patron ${FORGOTTEN_PATRON}.`,
    );
  });

  it('replaces whole barcodes only, and treats their characters literally', () => {
    expect(withoutBarcodes('Item 91234, patron 123.', new Set(['123']))).toBe(
      `Item 91234, patron ${FORGOTTEN_PATRON}.`,
    );
    expect(withoutBarcodes('patron A.1 and AB1', new Set(['A.1']))).toBe(
      `patron ${FORGOTTEN_PATRON} and AB1`,
    );
    expect(withoutBarcodes('nothing to hide', new Set(['']))).toBe('nothing to hide');
  });

  it('leaves no patron barcode as a word, and every other word as it was', () => {
    const barcode = fc.stringMatching(/^[0-9A-Z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(barcode, { minLength: 1, maxLength: 3 }),
        fc.array(barcode, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (patrons, others, picks) => {
          const forgotten = new Set(patrons);
          const words = [...patrons, ...others];
          const text = picks.map((p) => words[p % words.length]).join(' ');
          const result = withoutBarcodes(text, forgotten).split(' ');
          const original = text === '' ? [''] : text.split(' ');
          expect(result).toHaveLength(original.length);
          result.forEach((word, index) => {
            const was = original[index] ?? '';
            expect(word).toBe(forgotten.has(was) ? FORGOTTEN_PATRON : was);
          });
        },
      ),
    );
  });
});

describe('withoutPatronInPayload', () => {
  it('sets the recorded patron barcode to null and keeps the rest of the transaction', () => {
    const payload = JSON.stringify({
      id: '0190',
      type: 'check_out',
      patronBarcode: '21000000000001',
      itemBarcode: '31000000000007',
    });
    const scrubbed = withoutPatronInPayload(payload);
    expect(JSON.parse(scrubbed)).toEqual({
      id: '0190',
      type: 'check_out',
      patronBarcode: null,
      itemBarcode: '31000000000007',
    });
    expect(recordedPatronBarcode(payload)).toBe('21000000000001');
    expect(recordedPatronBarcode(scrubbed)).toBeNull();
  });

  it('leaves a check-in, which names no patron, exactly as received', () => {
    const payload = '{"type":"check_in","itemBarcode":"31000000000007"}';
    expect(withoutPatronInPayload(payload)).toBe(payload);
  });

  it('forgets the name, email and phone an offline registration recorded, with its card', () => {
    const payload = JSON.stringify({
      type: 'registration',
      patronBarcode: '21000000000001',
      name: 'Ada Reader',
      patronTypeCode: 'ADULT',
      email: 'ada@example.org',
      phone: '555 0100',
    });
    expect(recordedRegistrationDetails(payload)).toEqual([
      'Ada Reader',
      'ada@example.org',
      '555 0100',
    ]);
    const scrubbed = withoutPatronInPayload(payload);
    expect(JSON.parse(scrubbed)).toEqual({
      type: 'registration',
      patronBarcode: null,
      name: null,
      patronTypeCode: 'ADULT',
      email: null,
      phone: null,
    });
    expect(recordedRegistrationDetails(scrubbed)).toEqual([]);
    const message = 'Patron Ada Reader registered with card 21000000000001.';
    const forgotten = new Set(['21000000000001', ...recordedRegistrationDetails(payload)]);
    expect(withoutBarcodes(message, forgotten)).toBe(
      `Patron ${FORGOTTEN_PATRON} registered with card ${FORGOTTEN_PATRON}.`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import { buildSnapshot, itemBarcode, patronBarcode } from '../storage/testSnapshot.testing.ts';
import {
  checkRegistration,
  registerPatron,
  registeredCards,
  type RegistrationForm,
} from './registerPatron.ts';

const AT = Date.UTC(2026, 11, 2, 16, 0);
const snapshot = buildSnapshot({
  patronTypes: [
    { code: 'ADULT', name: 'Adult' },
    { code: 'CHILD', name: 'Child' },
  ],
});

const form = (overrides: Partial<RegistrationForm> = {}): RegistrationForm => ({
  cardBarcode: patronBarcode(40),
  name: ' Ada Lovelace ',
  patronTypeCode: 'ADULT',
  email: 'ada@example.org',
  phone: '',
  ...overrides,
});

describe('checkRegistration', () => {
  it('accepts a new card with a name, a type and an email or a phone, trimmed', () => {
    expect(checkRegistration(form(), snapshot, new Set())).toEqual({
      ok: true,
      registration: {
        patronBarcode: patronBarcode(40),
        name: 'Ada Lovelace',
        patronTypeCode: 'ADULT',
        email: 'ada@example.org',
      },
    });
    const byPhone = checkRegistration(
      form({ email: '', phone: '+1 (312) 555-0100' }),
      snapshot,
      new Set(),
    );
    expect(byPhone).toMatchObject({ ok: true, registration: { phone: '+1 (312) 555-0100' } });
    expect(byPhone.ok && 'email' in byPhone.registration).toBe(false);
  });

  it('names every field’s problem at once', () => {
    const check = checkRegistration(
      { cardBarcode: itemBarcode(1), name: '  ', patronTypeCode: 'STAFF', email: '', phone: '' },
      snapshot,
      new Set(),
    );
    expect(check).toEqual({
      ok: false,
      errors: {
        cardBarcode: expect.any(String),
        name: 'Type the patron’s name.',
        patronTypeCode: 'Choose the patron type.',
        email: 'Type an email address or a phone number: at least one of the two.',
      },
    });
  });

  it('refuses a malformed email or phone with the staff app’s messages', () => {
    const check = checkRegistration(
      form({ email: 'ada-at-example', phone: 'call me' }),
      snapshot,
      new Set(),
    );
    expect(check).toEqual({
      ok: false,
      errors: {
        email: 'This is not an email address: check it, or leave it empty.',
        phone: 'A phone number has digits, spaces and + ( ) . / - only.',
      },
    });
  });

  it('refuses a card this workstation already registered', () => {
    const check = checkRegistration(form(), snapshot, new Set([patronBarcode(40)]));
    expect(check).toMatchObject({
      ok: false,
      errors: { cardBarcode: expect.stringMatching(/already registered on this workstation/) },
    });
  });

  it('refuses every patron type when the snapshot has none', () => {
    const check = checkRegistration(form(), buildSnapshot(), new Set());
    expect(check).toMatchObject({ ok: false, errors: { patronTypeCode: expect.any(String) } });
  });
});

describe('registerPatron', () => {
  it('records a registration, and refuses the same card again from the outbox', async () => {
    const outbox = createMemoryOutbox();
    const context = { snapshot, clockOffsetMs: 0, outbox, now: () => AT };
    const first = await registerPatron(context, form());
    expect(first).toMatchObject({
      ok: true,
      entry: {
        type: 'registration',
        sequence: 1,
        patronBarcode: patronBarcode(40),
        name: 'Ada Lovelace',
        patronTypeCode: 'ADULT',
        email: 'ada@example.org',
        workstation: 'DESK-1',
        occurredAt: AT,
      },
    });
    expect(await registeredCards(outbox)).toEqual(new Set([patronBarcode(40)]));
    const again = await registerPatron(context, form({ name: 'Someone Else' }));
    expect(again.ok).toBe(false);
    expect(await outbox.list()).toHaveLength(1);
  });
});

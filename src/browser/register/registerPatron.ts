// Register Patron, offline, free of the UI: the form's checks (a new card by the library's patron
// barcode rules and not registered from this browser already, a name, a patron type from the
// snapshot, an email or a phone) and recording the 'registration' transaction. Processing creates
// the patron before any loan on the card, so the patron may borrow with it at once.
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { PatronEmail, PatronName, PatronPhone } from '../../shared/records/fields.ts';
import { deskStamp, type DeskContext } from '../desk/deskSession.ts';
import type { Outbox, OutboxEntry } from '../outbox/outbox.ts';

export type RegistrationEntry = Extract<OutboxEntry, { type: 'registration' }>;

/** The form as typed. */
export interface RegistrationForm {
  cardBarcode: string;
  name: string;
  patronTypeCode: string;
  email: string;
  phone: string;
}

export type RegistrationField = keyof RegistrationForm;

/** A registration that passed every check, ready to record. */
export interface CheckedRegistration {
  patronBarcode: string;
  name: string;
  patronTypeCode: string;
  email?: string;
  phone?: string;
}

export type RegistrationCheck =
  | { ok: true; registration: CheckedRegistration }
  | { ok: false; errors: Partial<Record<RegistrationField, string>> };

/** Without the library's patron types a card cannot be given one: the form says so and stays shut. */
export const NO_PATRON_TYPES_MESSAGE =
  'This offline client does not know the library’s patron types, so it cannot register patrons. ' +
  'Refresh it while the Circa server is up: open the staff app and sign in on this workstation.';

/** The card barcodes this browser has already registered (sent or not), from its outbox. */
export async function registeredCards(outbox: Pick<Outbox, 'list'>): Promise<Set<string>> {
  const entries = await outbox.list();
  return new Set(
    entries.flatMap((entry) => (entry.type === 'registration' ? [entry.patronBarcode] : [])),
  );
}

function firstIssue(result: { success: false; error: { issues: { message: string }[] } }) {
  return result.error.issues[0]?.message ?? 'Check this field.';
}

/** Checks the whole form; every field's problem is named at once, beside the field. */
export function checkRegistration(
  form: RegistrationForm,
  snapshot: Pick<OfflineSnapshot, 'barcodeRules' | 'patronTypes'>,
  alreadyRegistered: ReadonlySet<string>,
): RegistrationCheck {
  const errors: Partial<Record<RegistrationField, string>> = {};
  const card = checkBarcode('patron', form.cardBarcode, snapshot.barcodeRules);
  if (!card.ok) errors.cardBarcode = card.message;
  else if (alreadyRegistered.has(card.barcode)) {
    errors.cardBarcode = `Card ${card.barcode} was already registered on this workstation. Give the patron a new card, or lend to this one at Check Out.`;
  }
  const name = PatronName.safeParse(form.name);
  if (!name.success) errors.name = firstIssue(name);
  const types = snapshot.patronTypes ?? [];
  if (!types.some((type) => type.code === form.patronTypeCode)) {
    errors.patronTypeCode = 'Choose the patron type.';
  }
  const email = PatronEmail.safeParse(form.email);
  if (!email.success) errors.email = firstIssue(email);
  const phone = PatronPhone.safeParse(form.phone);
  if (!phone.success) errors.phone = firstIssue(phone);
  if (email.success && phone.success && email.data === null && phone.data === null) {
    errors.email = 'Type an email address or a phone number: at least one of the two.';
  }
  if (!card.ok || !name.success || !email.success || !phone.success || Object.keys(errors).length) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    registration: {
      patronBarcode: card.barcode,
      name: name.data,
      patronTypeCode: form.patronTypeCode,
      ...(email.data === null ? {} : { email: email.data }),
      ...(phone.data === null ? {} : { phone: phone.data }),
    },
  };
}

/**
 * Checks the form against this browser's outbox and records the registration. Resolves once it is
 * stored durably, or with the fields' problems (nothing stored); rejects with OutboxWriteError.
 */
export async function registerPatron(
  context: DeskContext,
  form: RegistrationForm,
): Promise<
  | { ok: true; entry: RegistrationEntry }
  | { ok: false; errors: Partial<Record<RegistrationField, string>> }
> {
  const { snapshot } = context;
  const check = checkRegistration(form, snapshot, await registeredCards(context.outbox));
  if (!check.ok) return check;
  const entry = await context.outbox.record({
    type: 'registration',
    ...deskStamp(context),
    ...check.registration,
  });
  return { ok: true, entry: entry as RegistrationEntry };
}

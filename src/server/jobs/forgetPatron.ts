// What a settled offline transaction keeps once its patron is forgotten: the text and the recorded
// transaction without the patron's barcodes. Pure, so the rules are tested without a database.

/** What a settled offline transaction shows where its patron's barcode was. */
export const FORGOTTEN_PATRON = '(forgotten)';

/** The patron barcode the workstation recorded, if the transaction names one. */
export function recordedPatronBarcode(payload: string): string | null {
  const recorded = JSON.parse(payload) as { patronBarcode?: unknown };
  return typeof recorded.patronBarcode === 'string' ? recorded.patronBarcode : null;
}

/**
 * The transaction as received, its patron barcode set to null. Only processing and the exceptions
 * queue read the payload back (offline/batchState.ts), and neither reads a settled transaction.
 */
export function withoutPatronInPayload(payload: string): string {
  const recorded = JSON.parse(payload) as Record<string, unknown>;
  if (!('patronBarcode' in recorded)) return payload;
  const registered = REGISTRATION_DETAILS.filter((field) => field in recorded);
  return JSON.stringify({
    ...recorded,
    patronBarcode: null,
    ...Object.fromEntries(registered.map((field) => [field, null])),
  });
}

/** What an offline registration recorded about the person, beside the card. */
const REGISTRATION_DETAILS = ['name', 'email', 'phone'] as const;

/**
 * The name, email and phone an offline registration recorded (none for other types): forgotten
 * with the card, from the payload and from the report's message ("Patron Ada Reader registered…").
 */
export function recordedRegistrationDetails(payload: string): string[] {
  const recorded = JSON.parse(payload) as Record<string, unknown>;
  if (recorded.type !== 'registration') return [];
  return REGISTRATION_DETAILS.flatMap((field) => {
    const value = recorded[field];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

/**
 * The text with each barcode shown as forgotten: whole barcodes only, so a patron's "123" never
 * eats into item 91234 named in the same message.
 */
export function withoutBarcodes(text: string, barcodes: ReadonlySet<string>): string {
  let result = text;
  for (const barcode of [...barcodes].toSorted((a, b) => b.length - a.length)) {
    if (barcode === '') continue;
    const escaped = barcode.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'),
      FORGOTTEN_PATRON,
    );
  }
  return result;
}

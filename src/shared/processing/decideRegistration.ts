// The processing rules for a patron registered at an offline desk, and for the loans on a card
// whose registration is held: the new card must never lend to a patron it was not made for.
import type {
  OfflineCheckOut,
  OfflineRegistration,
  OfflineRenewal,
} from '../offline/transaction.ts';
import { newCardExpiry } from '../patrons/cardExpiry.ts';
import type { Decision, OutcomeCode, ProcessingState } from './outcome.ts';

type RegistrationState = NonNullable<ProcessingState['registration']>;

/** Sent when a card's registration is an exception: what happens to the loans on that card. */
export const LOANS_HELD_NOTE =
  'The loans on that card are held until a supervisor merges or confirms the registration in the exceptions queue.';

/** Case and spacing never make two registrations of one person look like two people. */
export function normalizedName(name: string): string {
  return name.trim().replaceAll(/\s+/g, ' ').toLowerCase();
}

/** Only digits and a leading plus count: "+44 20 7946 0000" is "+442079460000". */
export function normalizedPhone(phone: string): string {
  return phone.trim().replaceAll(/[^+0-9]/g, '');
}

export interface ContactDetails {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

/** The same name (ignoring case and spacing) and the same email or the same phone. */
export function isLikelyDuplicate(registered: ContactDetails, existing: ContactDetails): boolean {
  if (normalizedName(registered.name) !== normalizedName(existing.name)) return false;
  const sameEmail =
    registered.email != null &&
    existing.email != null &&
    registered.email.trim().toLowerCase() === existing.email.trim().toLowerCase();
  const samePhone =
    registered.phone != null &&
    existing.phone != null &&
    normalizedPhone(registered.phone) !== '' &&
    normalizedPhone(registered.phone) === normalizedPhone(existing.phone);
  return sameEmail || samePhone;
}

/**
 * Creates the patron with the new card, at the sending workstation's branch, the card running the
 * patron type's period from the day of the registration. A card another patron has, a likely
 * duplicate, or an unknown patron type is an exception for a supervisor.
 */
export function decideRegistration(t: OfflineRegistration, state: ProcessingState): Decision {
  const registration = state.registration;
  if (registration === undefined) {
    throw new Error(`Processing a registration needs its registration state (${t.id}).`);
  }
  const problems = registrationProblems(t, registration);
  if (problems.length > 0) {
    const duplicate = registration.likelyDuplicate;
    return {
      outcome: 'exception',
      codes: problems.map((p) => p.code),
      effects: [],
      message: [
        `Registration of card ${t.patronBarcode} for ${t.name} not applied.`,
        ...problems.map((p) => p.message),
        LOANS_HELD_NOTE,
      ].join(' '),
      ...(duplicate === null ? {} : { previousPatronBarcode: duplicate.barcode }),
    };
  }
  const patronType = registration.patronType as NonNullable<RegistrationState['patronType']>;
  return {
    outcome: 'applied',
    codes: [],
    effects: [
      {
        kind: 'createPatron',
        barcode: t.patronBarcode,
        name: t.name,
        patronTypeId: patronType.id,
        homeBranchId: registration.homeBranchId,
        expiresOn: newCardExpiry(registration.today, patronType.cardMonths),
        email: t.email ?? null,
        phone: t.phone ?? null,
      },
    ],
    message: `Patron ${t.name} registered with card ${t.patronBarcode}.`,
  };
}

function registrationProblems(
  t: OfflineRegistration,
  registration: RegistrationState,
): { code: OutcomeCode; message: string }[] {
  const problems: { code: OutcomeCode; message: string }[] = [];
  if (registration.patronType === null) {
    problems.push({
      code: 'UNKNOWN_PATRON_TYPE',
      message: `The library has no patron type ${t.patronTypeCode}: add it, then apply the registration again.`,
    });
  }
  const owner = registration.cardOwner;
  if (owner !== null) {
    problems.push({
      code: 'BARCODE_IN_USE',
      message: `Card ${t.patronBarcode} already belongs to patron ${owner.name}: lend the held loans to that patron, or dismiss the registration.`,
    });
  }
  const duplicate = registration.likelyDuplicate;
  // Someone registering again with the card they already have is the barcode-in-use case.
  if (duplicate !== null && duplicate.id !== owner?.id) {
    problems.push({
      code: 'LIKELY_DUPLICATE_PATRON',
      message: `Patron ${duplicate.name} (card ${duplicate.barcode}) has the same name and the same email or phone: merge them (that patron gets card ${t.patronBarcode}) or register a new patron.`,
    });
  }
  return problems;
}

/** A loan on a card whose registration is held: kept for the supervisor, lent to nobody yet. */
export function waitForRegistration(t: OfflineCheckOut | OfflineRenewal): Decision {
  const what =
    t.type === 'check_out'
      ? `Check-out of item ${t.itemBarcode} to card ${t.patronBarcode}`
      : `Renewal of item ${t.itemBarcode} for card ${t.patronBarcode}`;
  return {
    outcome: 'exception',
    codes: ['WAITING_FOR_REGISTRATION'],
    effects: [],
    message: `${what} not applied yet: the registration of that card is held in the exceptions queue. ${LOANS_HELD_NOTE}`,
  };
}

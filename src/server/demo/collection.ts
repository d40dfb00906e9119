// The demo library's patrons and items, generated from word lists with seeded random numbers: the
// same patrons and items on every run. Card expiry is counted from the day of seeding, so a freshly
// seeded library always has good, expiring-soon and expired cards.
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import { addDays } from '../../shared/calendar/dueDates.ts';
import type { ItemStatus } from '../db/schema.ts';
import type { DemoBranchCode, DemoMaterialTypeCode, DemoPatronTypeCode } from './library.ts';
import { createRandom, type Random } from './random.ts';
import {
  FIRST_NAMES,
  LAST_NAMES,
  MAGAZINE_TITLES,
  MONTH_NAMES,
  NONFICTION_FORMS,
  NONFICTION_SUBJECTS,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  TITLE_PLACES,
} from './wordLists.ts';

export const DEMO_PATRON_COUNT = 2_000;
export const DEMO_ITEM_COUNT = 20_000;

/** The four digits after the kind digit: the demo library's institution number on its barcodes. */
const INSTITUTION = '1005';
const FIRST_SERIAL = 100_001;

// Separate seeds per part, so a change to how items are made leaves the patrons as they were.
const PATRON_SEED = 0x70a7_0001;
const ITEM_SEED = 0x17e3_0002;

export const DEMO_BLOCK_REASONS = [
  'Unpaid fees over limit',
  'Lost card reported',
  'Too many overdue items',
  'Address needs confirming',
] as const;

export interface DemoPatron {
  barcode: string;
  name: string;
  patronType: DemoPatronTypeCode;
  homeBranch: DemoBranchCode;
  /** 'YYYY-MM-DD', valid through this day. */
  expiresOn: string;
  blockReason: string | null;
}

export interface DemoItem {
  barcode: string;
  title: string;
  author: string;
  callNumber: string;
  materialType: DemoMaterialTypeCode;
  branch: DemoBranchCode;
  /** Before loans are made: 'available', or a few 'lost', 'missing', 'damaged'. */
  status: ItemStatus;
}

/** The 14-digit barcode of the n-th (0-based) patron or item: kind digit, institution, serial, check. */
export function demoBarcode(kind: 'patron' | 'item', index: number): string {
  const kindDigit = kind === 'patron' ? '2' : '3';
  return withCheckDigit(
    `${kindDigit}${INSTITUTION}${String(FIRST_SERIAL + index).padStart(8, '0')}`,
  );
}

const BRANCH_WEIGHTS: Record<DemoBranchCode, number> = { MAIN: 55, EAST: 30, MOBILE: 15 };

/** Patrons; `today` is the seeding day, from which expiry dates are counted. */
export function generatePatrons(today: string): DemoPatron[] {
  const random = createRandom(PATRON_SEED);
  const patrons: DemoPatron[] = [];
  for (let index = 0; index < DEMO_PATRON_COUNT; index += 1) {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const patronType = random.weighted<DemoPatronTypeCode>({ ADULT: 75, CHILD: 22, STAFF: 3 });
    const homeBranch = random.weighted(BRANCH_WEIGHTS);
    const standing = random.weighted({ good: 88, expired: 8, blocked: 4 });
    // Every draw happens whatever the standing, so one patron's standing never shifts the next one.
    const validDays = random.int(30, 1460);
    const soonDays = random.int(1, 29);
    const expiredDays = random.int(1, 1095);
    const expiringSoon = random.chance(0.03);
    const blockReason = random.pick(DEMO_BLOCK_REASONS);
    const expiresInDays =
      standing === 'expired' ? -expiredDays : expiringSoon ? soonDays : validDays;
    patrons.push({
      barcode: demoBarcode('patron', index),
      name,
      patronType,
      homeBranch,
      expiresOn: addDays(today, expiresInDays),
      blockReason: standing === 'blocked' ? blockReason : null,
    });
  }
  return patrons;
}

export function generateItems(): DemoItem[] {
  const random = createRandom(ITEM_SEED);
  const items: DemoItem[] = [];
  for (let index = 0; index < DEMO_ITEM_COUNT; index += 1) {
    const materialType = random.weighted<DemoMaterialTypeCode>({
      BOOK: 70,
      DVD: 12,
      MAGAZINE: 8,
      AUDIOBOOK: 10,
    });
    const branch = random.weighted(BRANCH_WEIGHTS);
    const status: ItemStatus = random.weighted({
      available: 9925,
      lost: 30,
      missing: 20,
      damaged: 25,
    });
    items.push({
      barcode: demoBarcode('item', index),
      ...describeItem(random, materialType),
      materialType,
      branch,
      status,
    });
  }
  return items;
}

function personName(random: Random): { last: string; sorted: string } {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return { last, sorted: `${last}, ${first}` };
}

/** The call number's cutter: the author's surname in capitals, as fiction shelves are labelled. */
function cutter(surname: string): string {
  return surname.replace(/[^A-Za-z]/g, '').toUpperCase();
}

function storyTitle(random: Random): string {
  const adjective = random.pick(TITLE_ADJECTIVES);
  const noun = random.pick(TITLE_NOUNS);
  const place = random.pick(TITLE_PLACES);
  switch (random.int(0, 4)) {
    case 0:
      return `The ${adjective} ${noun}`;
    case 1:
      return `${noun} of ${place}`;
    case 2:
      return `The ${noun} at ${place}`;
    case 3:
      return `A ${adjective} ${noun}`;
    default:
      return `The ${adjective} ${noun} of ${place}`;
  }
}

function describeItem(
  random: Random,
  materialType: DemoMaterialTypeCode,
): { title: string; author: string; callNumber: string } {
  const person = personName(random);
  const story = storyTitle(random);
  switch (materialType) {
    case 'BOOK': {
      if (random.chance(0.6)) {
        return { title: story, author: person.sorted, callNumber: `FIC ${cutter(person.last)}` };
      }
      const { subject, dewey } = random.pick(NONFICTION_SUBJECTS);
      return {
        title: `${subject}: ${random.pick(NONFICTION_FORMS)}`,
        author: person.sorted,
        callNumber: `${dewey} ${cutter(person.last).slice(0, 3)}`,
      };
    }
    case 'DVD':
      return {
        title: story,
        author: person.sorted,
        callNumber: `DVD ${cutter(story.split(' ').at(-1) ?? story)}`,
      };
    case 'MAGAZINE': {
      const magazine = random.pick(MAGAZINE_TITLES);
      const issue = `${random.pick(MONTH_NAMES)} ${random.int(2024, 2025)}`;
      return {
        title: `${magazine}, ${issue}`,
        author: '',
        callNumber: `PER ${cutter(magazine.replace(/^The /, '').split(' ')[0] ?? magazine)}`,
      };
    }
    case 'AUDIOBOOK':
      return { title: story, author: person.sorted, callNumber: `CD FIC ${cutter(person.last)}` };
  }
}

// What the offline client keeps besides the outbox, in the same IndexedDB database: the snapshot,
// the installation record and the settings. Each value is checked on the way out, so a damaged or
// outdated value reads as "not there" instead of breaking the screen.
import { z } from 'zod';
import { CalendarDateSchema } from '../../shared/calendar/dueDates.ts';
import { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import type { OfflineDb } from './database.ts';

export const Installation = z.object({
  installedBy: z.object({ username: z.string(), displayName: z.string() }),
  /** Epoch ms, this workstation's clock. */
  installedAt: z.number().int(),
  /** When the snapshot was last downloaded (epoch ms, this workstation's clock). */
  snapshotRefreshedAt: z.number().int(),
  /** Server clock minus this workstation's clock at the last download (ms). */
  clockOffsetMs: z.number().int(),
});
export type Installation = z.infer<typeof Installation>;

export const PrintOptions = z.object({
  printReceipts: z.boolean(),
  headerText: z.string().max(500),
  /** 'receipt': an 80 mm receipt printer; 'page': A4 or Letter. */
  paper: z.enum(['receipt', 'page']),
  /**
   * Whether the staff app's Check In and Hold shelf print the hold and transit slips (on the same
   * paper). On by default; options saved before slips existed read as on.
   */
  printSlips: z.boolean().default(true),
  /**
   * Whether the offline Check In prints "Items returned" on Complete. Off by default (most returns
   * need no receipt); options saved before it existed read as off.
   */
  printCheckInReceipts: z.boolean().default(false),
  /** Whether the offline Renew screen prints a "Loans renewed" receipt on Complete. */
  printRenewalReceipts: z.boolean().default(false),
});
export type PrintOptions = z.infer<typeof PrintOptions>;

export const DEFAULT_PRINT_OPTIONS: PrintOptions = {
  printReceipts: false,
  headerText: '',
  paper: 'receipt',
  printSlips: true,
  printCheckInReceipts: false,
  printRenewalReceipts: false,
};

export const SpecialLoanTermSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: CalendarDateSchema }),
  z.object({ kind: z.literal('days'), days: z.number().int().min(0).max(3650) }),
]);

/** Settings → Special Loan. */
export const SpecialLoanSetting = z.object({
  applyToAll: z.boolean(),
  term: SpecialLoanTermSchema.nullable(),
});
export type SpecialLoanSetting = z.infer<typeof SpecialLoanSetting>;

export const NO_SPECIAL_LOAN_SETTING: SpecialLoanSetting = { applyToAll: false, term: null };

const KEYS = {
  snapshot: 'snapshot',
  installation: 'installation',
  printOptions: 'printOptions',
  specialLoan: 'specialLoan',
} as const;

const STRICT = { durability: 'strict' } as const;

async function read<T>(db: OfflineDb, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(await db.get('keyval', key));
  return parsed.success ? parsed.data : null;
}

async function write(db: OfflineDb, entries: [string, unknown][]): Promise<void> {
  const tx = db.transaction('keyval', 'readwrite', STRICT);
  await Promise.all([...entries.map(([key, value]) => tx.store.put(value, key)), tx.done]);
}

export const readSnapshot = (db: OfflineDb) => read(db, KEYS.snapshot, OfflineSnapshot);
export const readInstallation = (db: OfflineDb) => read(db, KEYS.installation, Installation);

export async function readPrintOptions(db: OfflineDb): Promise<PrintOptions> {
  return (await read(db, KEYS.printOptions, PrintOptions)) ?? DEFAULT_PRINT_OPTIONS;
}

export async function readSpecialLoanSetting(db: OfflineDb): Promise<SpecialLoanSetting> {
  return (await read(db, KEYS.specialLoan, SpecialLoanSetting)) ?? NO_SPECIAL_LOAN_SETTING;
}

/** Stores a new snapshot with its installation record, together or not at all. */
export function writeSnapshot(
  db: OfflineDb,
  snapshot: OfflineSnapshot,
  installation: Installation,
): Promise<void> {
  return write(db, [
    [KEYS.snapshot, OfflineSnapshot.parse(snapshot)],
    [KEYS.installation, Installation.parse(installation)],
  ]);
}

export function writePrintOptions(db: OfflineDb, options: PrintOptions): Promise<void> {
  return write(db, [[KEYS.printOptions, PrintOptions.parse(options)]]);
}

export function writeSpecialLoanSetting(db: OfflineDb, setting: SpecialLoanSetting): Promise<void> {
  return write(db, [[KEYS.specialLoan, SpecialLoanSetting.parse(setting)]]);
}

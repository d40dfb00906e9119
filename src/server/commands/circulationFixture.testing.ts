// A small library for command tests: one branch (Chicago), one patron type and material type with a
// 14-day, 2-item loan rule, staff at a workstation there, and builders for patrons and items.
import type { Kysely, Selectable } from 'kysely';
import { DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { getLibrarySettings, saveLibrarySettings } from '../db/librarySettings.ts';
import type { BranchTable, Database, StaffRole } from '../db/schema.ts';
import {
  buildBranch,
  buildItem,
  buildLoanRule,
  buildMaterialType,
  buildPatron,
  buildPatronType,
  buildStaffUser,
  buildWorkstation,
} from '../testing/factories.ts';
import type { Engine } from '../db/connect.ts';
import {
  createTestClock,
  startTestApi,
  type StartTestApiOptions,
  type TestApi,
} from '../testing/apiHarness.ts';
import type { CirculationActor } from './actor.ts';

/** Monday 2 March 2026, 12:00 in Chicago (CST, UTC−6). */
export const MONDAY_NOON_CHICAGO_MS = Date.UTC(2026, 2, 2, 18, 0, 0);
export const LOAN_DAYS = 14;
export const MAX_ITEMS = 2;

export interface CirculationFixture {
  branch: Selectable<BranchTable>;
  patronTypeId: number;
  materialTypeId: number;
  actor(role?: StaffRole): Promise<CirculationActor>;
  patron(overrides?: { expires_on?: string; block_reason?: string | null }): Promise<{
    id: number;
    barcode: string;
    name: string;
  }>;
  item(overrides?: {
    status?: 'available' | 'lost' | 'missing' | 'withdrawn' | 'damaged';
  }): Promise<{
    id: number;
    barcode: string;
    title: string;
  }>;
}

/** Also sets the library's barcode rules to the demo ones (14 digits, mod-10, patrons 2, items 3). */
/** The API with its clock at Monday noon in Chicago, over this library: for route tests. */
export async function startCirculationApi(
  engine: Engine,
  options: Pick<StartTestApiOptions, 'databaseLog'> = {},
): Promise<{ api: TestApi; library: CirculationFixture }> {
  const api = await startTestApi(engine, {
    ...options,
    clock: createTestClock(MONDAY_NOON_CHICAGO_MS),
  });
  return { api, library: await buildCirculationFixture(api.db) };
}

export async function buildCirculationFixture(db: Kysely<Database>): Promise<CirculationFixture> {
  await saveLibrarySettings(db, {
    ...(await getLibrarySettings(db)),
    barcodeRules: DEMO_BARCODE_RULES,
  });
  const branch = await buildBranch(db, { time_zone: 'America/Chicago', closed_weekdays: '' });
  const patronType = await buildPatronType(db, { name: 'Adult' });
  const materialType = await buildMaterialType(db, { name: 'Books' });
  await buildLoanRule(db, {
    patron_type_id: patronType.id,
    material_type_id: materialType.id,
    loan_days: LOAN_DAYS,
    max_items: MAX_ITEMS,
  });
  return {
    branch,
    patronTypeId: patronType.id,
    materialTypeId: materialType.id,
    async actor(role = 'circulation') {
      const user = await buildStaffUser(db, { role, branch_id: branch.id });
      const workstation = await buildWorkstation(db, { branch_id: branch.id });
      return { staffUserId: user.id, role, workstationId: workstation.id, branchId: branch.id };
    },
    patron: (overrides = {}) =>
      buildPatron(db, { patron_type_id: patronType.id, home_branch_id: branch.id, ...overrides }),
    item: (overrides = {}) =>
      buildItem(db, { material_type_id: materialType.id, branch_id: branch.id, ...overrides }),
  };
}

// Test data for offline processing: a small library (branch, staff, patron and material types) and
// offline transactions as a workstation would record them, numbered 1, 2, 3, … per workstation.
import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  OfflineCheckIn,
  OfflineCheckOut,
  OfflineInHouseUse,
  OfflinePayment,
  OfflineRegistration,
  OfflineRenewal,
  OfflineTransaction,
} from '../../shared/offline/transaction.ts';
import type {
  BranchTable,
  Database,
  ItemTable,
  MaterialTypeTable,
  PatronTable,
  PatronTypeTable,
  StaffUserTable,
} from '../db/schema.ts';
import {
  buildBranch,
  buildItem,
  buildMaterialType,
  buildPatron,
  buildPatronType,
  buildStaffUser,
} from '../testing/factories.ts';

/** 2026-03-02 10:00 UTC, a Monday: the day the server was down in these tests. */
export const OUTAGE_START_MS = Date.UTC(2026, 2, 2, 10, 0, 0);
const DAY_MS = 86_400_000;

export interface OfflineLibrary {
  db: Kysely<Database>;
  branch: Selectable<BranchTable>;
  staff: Selectable<StaffUserTable>;
  patronType: Selectable<PatronTypeTable>;
  materialType: Selectable<MaterialTypeTable>;
  patron(overrides?: Partial<Selectable<PatronTable>>): Promise<Selectable<PatronTable>>;
  item(overrides?: Partial<Selectable<ItemTable>>): Promise<Selectable<ItemTable>>;
}

export async function buildOfflineLibrary(db: Kysely<Database>): Promise<OfflineLibrary> {
  const branch = await buildBranch(db, { time_zone: 'UTC' });
  const staff = await buildStaffUser(db, { branch_id: branch.id, role: 'supervisor' });
  const patronType = await buildPatronType(db);
  const materialType = await buildMaterialType(db);
  return {
    db,
    branch,
    staff,
    patronType,
    materialType,
    patron: (overrides = {}) =>
      buildPatron(db, {
        patron_type_id: patronType.id,
        home_branch_id: branch.id,
        ...stripId(overrides),
      }),
    item: (overrides = {}) =>
      buildItem(db, {
        material_type_id: materialType.id,
        branch_id: branch.id,
        ...stripId(overrides),
      }),
  };
}

function stripId<T extends { id?: unknown }>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

type Common = 'id' | 'sequence' | 'workstation' | 'branchCode' | 'staffUsername' | 'type';

/** Records transactions like one workstation's offline client: sequence numbers 1, 2, 3, … */
export function offlineWorkstation(props: {
  name: string;
  branchCode: string;
  staffUsername: string;
  /** Server clock minus this workstation's clock (ms). */
  clockOffsetMs?: number;
}) {
  let sequence = 0;
  const common = () => ({
    id: uuidv7(),
    sequence: ++sequence,
    workstation: props.name,
    branchCode: props.branchCode,
    staffUsername: props.staffUsername,
    clockOffsetMs: props.clockOffsetMs ?? 0,
  });
  return {
    checkOut(
      fields: Pick<OfflineCheckOut, 'patronBarcode' | 'itemBarcode' | 'occurredAt'> &
        Partial<Omit<OfflineCheckOut, Common>>,
    ): OfflineCheckOut {
      return {
        ...common(),
        type: 'check_out',
        dueAt: fields.occurredAt + 21 * DAY_MS,
        dueDateBasis: { kind: 'rule', loanDays: 21 },
        ...fields,
      };
    },
    checkIn(
      fields: Pick<OfflineCheckIn, 'itemBarcode' | 'occurredAt'> &
        Partial<Omit<OfflineCheckIn, Common>>,
    ): OfflineCheckIn {
      return { ...common(), type: 'check_in', ...fields };
    },
    renewal(
      fields: Pick<OfflineRenewal, 'patronBarcode' | 'itemBarcode' | 'dueAt' | 'occurredAt'> &
        Partial<Omit<OfflineRenewal, Common>>,
    ): OfflineRenewal {
      return {
        ...common(),
        type: 'renewal',
        dueDateBasis: { kind: 'rule', loanDays: 21 },
        ...fields,
      };
    },
    inHouseUse(
      fields: Pick<OfflineInHouseUse, 'itemBarcode' | 'occurredAt'> &
        Partial<Omit<OfflineInHouseUse, Common>>,
    ): OfflineInHouseUse {
      return { ...common(), type: 'in_house_use', count: 1, ...fields };
    },
    payment(
      fields: Pick<OfflinePayment, 'patronBarcode' | 'amount' | 'occurredAt'> &
        Partial<Omit<OfflinePayment, Common>>,
    ): OfflinePayment {
      return { ...common(), type: 'payment', ...fields };
    },
    register(
      fields: Pick<
        OfflineRegistration,
        'patronBarcode' | 'name' | 'patronTypeCode' | 'occurredAt'
      > &
        Partial<Omit<OfflineRegistration, Common>>,
    ): OfflineRegistration {
      return { ...common(), type: 'registration', ...fields };
    },
  };
}

export type { OfflineTransaction };

/**
 * A desk's outbox for tests that read and check uploads: each call is one more well-formed
 * check-out from DESK-1 at MAIN, numbered on.
 */
export function outboxCheckOuts(): () => OfflineCheckOut {
  const desk = offlineWorkstation({ name: 'DESK-1', branchCode: 'MAIN', staffUsername: 'dana' });
  return () =>
    desk.checkOut({
      patronBarcode: '21234000000003',
      itemBarcode: '31234000000001',
      occurredAt: OUTAGE_START_MS,
    });
}

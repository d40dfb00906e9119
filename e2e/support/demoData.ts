// Finds demo patrons and items for a test by reading the server's SQLite file directly (read-only),
// so tests pick real records in the state they need instead of hard-coding barcodes.
import Database from 'better-sqlite3';

export interface DemoData {
  /** A patron who may borrow and has nothing out. */
  goodPatron(): { barcode: string; name: string; patronTypeId: number };
  blockedPatron(): { barcode: string; name: string; blockReason: string };
  /** Available items the patron type may borrow, `count` of them, all of one material type. */
  availableItems(patronTypeId: number, count: number, skip?: readonly string[]): string[];
  openLoans(
    patronBarcode: string,
  ): Array<{ itemBarcode: string; dueAt: number; source: string; workstationId: number | null }>;
  itemStatus(itemBarcode: string): string;
  /** Whether the item belongs to the branch of this workstation (else a return there sends it home). */
  itemIsHomeAt(itemBarcode: string, workstationName: string): boolean;
  /** A damaged item on the shelf that the patron type may otherwise borrow. */
  damagedItem(patronTypeId: number): string;
  /** An item on loan now, and the patron who has it. */
  itemOnLoan(): { itemBarcode: string; patronBarcode: string };
  branchTimeZone(workstationName: string): string;
  close(): void;
}

export function openDemoData(databasePath: string): DemoData {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  const today = new Date().toISOString().slice(0, 10);
  const one = <T>(sql: string, ...params: unknown[]): T => {
    const row = db.prepare(sql).get(...params) as T | undefined;
    if (row === undefined) throw new Error(`The demo library has no row for: ${sql}`);
    return row;
  };

  return {
    goodPatron() {
      return one(
        `select barcode, name, patron_type_id as patronTypeId from patrons p
         where block_reason is null and expires_on > date(?, '+60 days')
           and not exists (select 1 from loans l where l.patron_id = p.id and l.returned_at is null)
         order by id limit 1`,
        today,
      );
    },
    blockedPatron() {
      return one(
        `select barcode, name, block_reason as blockReason from patrons
         where block_reason is not null order by id limit 1`,
      );
    },
    availableItems(patronTypeId, count, skip = []) {
      const rule = one<{ materialTypeId: number }>(
        `select material_type_id as materialTypeId from loan_rules
         where patron_type_id = ? and branch_id is null and max_items >= ? and loan_days > 0
         order by id limit 1`,
        patronTypeId,
        count,
      );
      const rows = db
        .prepare(
          `select barcode from items where status = 'available' and material_type_id = ?
           order by id limit ?`,
        )
        .all(rule.materialTypeId, count + skip.length) as Array<{ barcode: string }>;
      const barcodes = rows.map((row) => row.barcode).filter((b) => !skip.includes(b));
      if (barcodes.length < count) throw new Error('The demo library has too few available items.');
      return barcodes.slice(0, count);
    },
    openLoans(patronBarcode) {
      return db
        .prepare(
          `select i.barcode as itemBarcode, l.due_at as dueAt, l.source, l.workstation_id as workstationId
           from loans l join items i on i.id = l.item_id join patrons p on p.id = l.patron_id
           where p.barcode = ? and l.returned_at is null order by l.id`,
        )
        .all(patronBarcode) as ReturnType<DemoData['openLoans']>;
    },
    itemStatus(itemBarcode) {
      return one<{ status: string }>('select status from items where barcode = ?', itemBarcode)
        .status;
    },
    itemIsHomeAt(itemBarcode, workstationName) {
      return (
        one<{ home: number }>(
          `select count(*) as home from items i join workstations w on w.branch_id = i.branch_id
           where i.barcode = ? and w.name = ?`,
          itemBarcode,
          workstationName,
        ).home > 0
      );
    },
    damagedItem(patronTypeId) {
      return one<{ barcode: string }>(
        `select i.barcode from items i
         where i.status = 'damaged' and exists (
           select 1 from loan_rules r where r.patron_type_id = ? and r.branch_id is null
             and r.material_type_id = i.material_type_id and r.max_items > 0 and r.loan_days > 0)
         order by i.id limit 1`,
        patronTypeId,
      ).barcode;
    },
    itemOnLoan() {
      return one(
        `select i.barcode as itemBarcode, p.barcode as patronBarcode
         from loans l join items i on i.id = l.item_id join patrons p on p.id = l.patron_id
         where l.returned_at is null order by l.id limit 1`,
      );
    },
    branchTimeZone(workstationName) {
      return one<{ timeZone: string }>(
        `select b.time_zone as timeZone from workstations w join branches b on b.id = w.branch_id
         where w.name = ?`,
        workstationName,
      ).timeZone;
    },
    close: () => db.close(),
  };
}

/**
 * Reads the server's SQLite file read-only, for what the screens do not show. Each call opens and
 * closes the file, so it sees whatever the server has written since. `databasePath` is read at
 * each call: the server is started after the describe block is set up.
 */
export function serverQueries(databasePath: () => string) {
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  function one<T>(sql: string, ...params: unknown[]): T {
    const [row] = query<T>(sql, ...params);
    if (row === undefined) throw new Error(`The demo library has no row for: ${sql}`);
    return row;
  }
  return { query, one };
}

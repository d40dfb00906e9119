// Administration asks of each workstation when it last lent and whether it has any history (a
// workstation with loans is kept for them): an index answers both without reading every loan.
import type { Kysely, Migration } from 'kysely';

export const workstationHistory: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('loans_by_workstation')
      .on('loans')
      .columns(['workstation_id', 'checked_out_at'])
      .execute();
  },
};

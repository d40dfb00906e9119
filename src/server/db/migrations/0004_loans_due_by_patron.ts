// A patron's open loans in due order straight from an index: the look-up reads the first
// PATRON_LOANS_SHOWN of a card with a thousand loans without joining and sorting all of them.
import { sql, type Kysely, type Migration } from 'kysely';

export const loansDueByPatron: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('loans_open_by_patron_due')
      .on('loans')
      .columns(['patron_id', 'due_at', 'id'])
      .where(sql.ref('returned_at'), 'is', null)
      .execute();
  },
};

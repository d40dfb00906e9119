// One active hold on any copy of a title per patron, whatever two desks do at once: the command
// checks first, and this index refuses the second of two placings that raced past the check.
import { sql, type Kysely, type Migration } from 'kysely';

export const holdUniqueness: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create unique index holds_one_active_per_patron_title on holds (patron_id, title_id)
      where status in ('waiting', 'in_transit', 'on_shelf') and item_id is null`.execute(db);
  },
};

// A patron as the patron page shows them: the desk's Patron and their contact details.
import type { PatronRecord } from '../../shared/api/patrons.ts';
import type { PatronRecordView } from '../db/recordViews.ts';
import { presentPatron } from './circulation.ts';

export function presentPatronRecord(patron: PatronRecordView, at: number): PatronRecord {
  return {
    ...presentPatron(patron, at),
    email: patron.email,
    phone: patron.phone,
    address: patron.address,
  };
}

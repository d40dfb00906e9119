// What the Check Out and Check In screens say when a scan is refused. The server's message says
// what is wrong and what to do; these put the scanned barcode in front, so staff can tell which
// scan of a quick series failed and scan it again.
import { describeError } from '../api/client.ts';

export function itemRefusal(
  verb: 'checked out' | 'checked in',
  itemBarcode: string,
  error: unknown,
) {
  return `Item ${itemBarcode} was not ${verb}: ${describeError(error)}`;
}

export function patronRefusal(patronBarcode: string, error: unknown) {
  return `Patron ${patronBarcode} could not be shown: ${describeError(error)}`;
}

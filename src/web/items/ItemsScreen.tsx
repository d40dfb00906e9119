// Items: find an item by barcode or by words of its title or author, open it, or add a new one.
import { Link, useLocation } from 'wouter';
import { api } from '../api/client.ts';
import { RecordSearch } from '../components/RecordSearch.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ITEM_STATUS_NAMES } from './itemStatusNames.ts';

export function ItemsScreen() {
  const session = useSession();
  const [, navigate] = useLocation();
  return (
    <main className="screen" aria-labelledby="items-title">
      <h1 id="items-title">Items</h1>
      {may(session, 'item.add') ? (
        <p>
          <Link href="/items/new">Add item</Link>
        </p>
      ) : null}
      <RecordSearch
        label="Item barcode, title or author"
        hint="Scan an item, or type words of the title or the author: every word you type must be in one of them."
        noun="items"
        search={(q, page) => api.findItems(q, page)}
        countOf={(answer) => answer.items.length}
        onBarcodeMatch={(answer) =>
          // Replacing the search, so Back from the item does not land on it and open it again.
          navigate(`/items/${encodeURIComponent(answer.items[0]!.barcode)}`, { replace: true })
        }
      >
        {(answer) => (
          <table className="loan-table">
            <caption>Items found</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Author</th>
                <th scope="col">Call number</th>
                <th scope="col">Barcode</th>
                <th scope="col">Branch</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {answer.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link href={`/items/${encodeURIComponent(item.barcode)}`}>{item.title}</Link>
                  </td>
                  <td>{item.author}</td>
                  <td>{item.callNumber}</td>
                  <td className="barcode">{item.barcode}</td>
                  <td>{item.branch.name}</td>
                  <td>{ITEM_STATUS_NAMES[item.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RecordSearch>
    </main>
  );
}

// An address the staff app does not have, e.g. a mistyped bookmark.
import { Link } from 'wouter';

export function NotFoundScreen() {
  return (
    <main className="screen" aria-labelledby="not-found-title">
      <h1 id="not-found-title">No such page</h1>
      <p>
        Circa has no page at this address. Check the address, or go to{' '}
        <Link href="/checkout">Check Out</Link>.
      </p>
    </main>
  );
}

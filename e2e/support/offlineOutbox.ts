// Reads the offline client's outbox straight from IndexedDB in the page (same origin), so tests
// check what is stored, not what the screen says was stored.
import type { Page } from 'playwright-core';

/** Every transaction in the offline client's IndexedDB; `T` names the fields a test reads. */
export function readOutbox<T>(page: Page): Promise<T[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('circa-offline');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const request = open.result
            .transaction('transactions', 'readonly')
            .objectStore('transactions')
            .getAll();
          request.addEventListener('success', () => {
            open.result.close();
            resolve(request.result);
          });
          request.addEventListener('error', () => reject(request.error));
        });
      }),
  ) as Promise<T[]>;
}

// Code the offline client benchmarks run inside the page. Kept as plain JavaScript text: a function
// passed to page.evaluate() is serialized from its compiled form, and the TypeScript loaders can
// wrap inner functions in helpers that do not exist in the page.
import type { Page } from 'playwright-core';

/**
 * Fills the offline client's outbox with `count` stored transactions, as days of an outage leave
 * it: one record per loan with the workstation's sequence counter moved on. Written in large
 * relaxed transactions (this is set-up, not the measured path). Resolves to the stored count.
 */
export const PREFILL_OUTBOX = `async ({ count }) => {
  const request = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const done = (tx) => new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
  const db = await request(indexedDB.open('circa-offline'));
  const snapshot = await request(db.transaction('keyval').objectStore('keyval').get('snapshot'));
  const hex = (n, width) => Math.floor(n).toString(16).padStart(width, '0');
  const random = (width) => Array.from({ length: width }, () => hex(Math.random() * 16, 1)).join('');
  const start = Date.now() - 3 * 86400000;
  const BATCH = 5000;
  for (let from = 0; from < count; from += BATCH) {
    const tx = db.transaction(['transactions'], 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('transactions');
    for (let i = from; i < Math.min(count, from + BATCH); i += 1) {
      const occurredAt = start + i * 5000;
      const ms = hex(occurredAt, 12);
      store.put({
        type: 'check_out',
        id: ms.slice(0, 8) + '-' + ms.slice(8) + '-7' + random(3) + '-8' + random(3) + '-' + random(12),
        sequence: i + 1,
        occurredAt,
        clockOffsetMs: 0,
        workstation: snapshot.workstation,
        branchCode: snapshot.branch.code,
        staffUsername: snapshot.staff.username,
        patronBarcode: '2' + String(1000000000000 + Math.floor(i / 4)),
        itemBarcode: '3' + String(1000000000000 + i),
        dueAt: occurredAt + 21 * 86400000,
        dueDateBasis: { kind: 'rule', loanDays: 21 },
        sentAt: null,
        outboxState: 'unsent',
      });
    }
    await done(tx);
  }
  const tx = db.transaction(['counters'], 'readwrite', { durability: 'strict' });
  tx.objectStore('counters').put({ workstation: snapshot.workstation, lastSequence: count, unsent: count });
  await done(tx);
  const stored = await request(db.transaction('transactions').objectStore('transactions').count());
  db.close();
  return stored;
}`;

/**
 * Times scans inside the page: a capturing keydown listener on window notes when Enter reached the
 * "Item barcode" field (the event's own timestamp, so input queueing counts), and a
 * MutationObserver started before the key resolves when a row with the expected barcode is in the
 * loan list, which the client adds only once the loan is stored durably. No CDP round trip is
 * inside the measured interval. `arm(barcode)` prepares one scan and returns its timing promise's
 * key; `result()` awaits it.
 */
export const INSTALL_SCAN_TIMER = `() => {
  const rows = () => document.querySelectorAll('section[aria-labelledby="checkout-heading"] tbody tr');
  const state = { expected: null, enterAt: null, resolve: null, pending: null };
  const hasRow = (barcode) => {
    for (const row of rows()) if (row.cells[1] && row.cells[1].textContent === barcode) return true;
    return false;
  };
  const observer = new MutationObserver(() => {
    if (state.expected === null || state.enterAt === null || !hasRow(state.expected)) return;
    const elapsed = performance.now() - state.enterAt;
    state.expected = null;
    state.resolve(elapsed);
  });
  observer.observe(document.getElementById('root'), { childList: true, subtree: true, characterData: true });
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target && event.target.id === 'item-barcode' && state.expected !== null) {
      state.enterAt = event.timeStamp;
    }
  }, true);
  window.circaScanTimer = {
    arm(barcode) {
      state.expected = barcode;
      state.enterAt = null;
      state.pending = new Promise((resolve) => { state.resolve = resolve; });
    },
    result() { return state.pending; },
  };
}`;

/**
 * The baseline: one bare IndexedDB put of a record the size of a transaction, in a readwrite
 * transaction of its own with strict durability, in a database of its own in the same profile,
 * timed from the put to the transaction's completion. Resolves to the time (ms). The benchmark
 * alternates it with scans, so both see the same pauses: a write after a pause is slower than one
 * of a back-to-back series (the storage thread has gone idle), and scans come with pauses.
 */
export const TIME_ONE_BARE_PUT = `async ({ sequence }) => {
  const request = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  if (!window.circaBaselineDb) {
    const open = indexedDB.open('circa-bench-baseline', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('puts', { keyPath: 'id' });
    window.circaBaselineDb = await request(open);
  }
  const record = {
    id: crypto.randomUUID(), type: 'check_out', sequence, occurredAt: Date.now(),
    clockOffsetMs: 0, workstation: 'BNCH-DESK-1', branchCode: 'BNCH', staffUsername: 'bench-desk',
    patronBarcode: '20000000000001', itemBarcode: '3' + String(1000000000000 + sequence),
    dueAt: Date.now() + 21 * 86400000, dueDateBasis: { kind: 'rule', loanDays: 21 },
    sentAt: null, outboxState: 'unsent',
  };
  const started = performance.now();
  const tx = window.circaBaselineDb.transaction('puts', 'readwrite', { durability: 'strict' });
  tx.objectStore('puts').put(record);
  await new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
  return performance.now() - started;
}`;

export const DELETE_BASELINE_DB = `() => new Promise((resolve, reject) => {
  window.circaBaselineDb?.close();
  const r = indexedDB.deleteDatabase('circa-bench-baseline');
  r.onsuccess = () => resolve(true);
  r.onerror = () => reject(r.error);
  r.onblocked = () => resolve(false);
})`;

/** Runs one of the scripts above in the page with a JSON argument; resolves to its result. */
export function runInPage<T>(page: Page, script: string, arg: unknown = undefined): Promise<T> {
  return page.evaluate(`(${script})(${JSON.stringify(arg) ?? ''})`) as Promise<T>;
}

// One sender per browser: every tab and both apps take the same Web Lock before sending, so the
// outbox is never sent twice at once.

/** The name every tab and both apps lock, so one browser sends its outbox once at a time. */
export const SEND_LOCK_NAME = 'circa-offline-send';

/** The part of the Web Locks API the sender uses. */
export interface SendLocks {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

let sendingWithoutLocks = false;

/**
 * Runs `send` while holding the browser-wide send lock, or answers 'busy' at once when another tab
 * (or the other app) is sending. Without the Web Locks API the lock covers this page only; a
 * second tab sending the same transactions then costs a repeat, never a duplicate (the server
 * stores by id).
 */
export async function withSendLock<T>(
  send: () => Promise<T>,
  locks: SendLocks | undefined = browserLocks(),
): Promise<T | 'busy'> {
  if (locks) {
    return locks.request(SEND_LOCK_NAME, { ifAvailable: true }, async (lock) =>
      lock === null ? 'busy' : send(),
    );
  }
  if (sendingWithoutLocks) return 'busy';
  sendingWithoutLocks = true;
  try {
    return await send();
  } finally {
    sendingWithoutLocks = false;
  }
}

function browserLocks(): SendLocks | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.locks as SendLocks | undefined);
}

// Tells a database that cannot take writes (disk full, disk read-only or failing, server gone) from
// a bug, so staff read what happened and what to do instead of "something went wrong". The codes are
// SQLite's result codes (better-sqlite3's error.code) and PostgreSQL's SQLSTATEs (pg's error.code).
import { CircaError } from '../errors.ts';

/** What a database fault means for the person who sent the request. */
export type DatabaseFaultKind = 'full' | 'writeFailed' | 'unavailable';

/** Seconds a client should wait before retrying after a fault that usually passes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const POSTGRES_FULL = new Set(['53100']); // disk_full
const POSTGRES_WRITE_FAILED = new Set([
  '25006', // read_only_sql_transaction: connected to a standby or a read-only database
  '58030', // io_error
]);
const POSTGRES_UNAVAILABLE_CLASSES = ['08', '57P']; // connection exceptions, operator intervention
const POSTGRES_UNAVAILABLE = new Set(['53200', '53300']); // out_of_memory, too_many_connections
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** pg's own errors when the server went away mid-conversation carry no code, only these words. */
const POSTGRES_CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/** The fault behind `error` (or its causes), or null when it is not one the database reported. */
export function databaseFaultKind(error: unknown): DatabaseFaultKind | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === 'SQLITE_FULL' || POSTGRES_FULL.has(code)) return 'full';
      if (
        code.startsWith('SQLITE_IOERR') ||
        code.startsWith('SQLITE_READONLY') ||
        code === 'SQLITE_CANTOPEN' ||
        POSTGRES_WRITE_FAILED.has(code)
      ) {
        return 'writeFailed';
      }
      if (
        code.startsWith('SQLITE_BUSY') ||
        NETWORK_CODES.has(code) ||
        POSTGRES_UNAVAILABLE.has(code) ||
        POSTGRES_UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix))
      ) {
        return 'unavailable';
      }
    }
    if (POSTGRES_CONNECTION_LOST.test(e.message)) return 'unavailable';
  }
  return null;
}

/** The API error for a database fault, or null when `error` is something else. */
export function databaseFaultError(error: unknown): CircaError | null {
  switch (databaseFaultKind(error)) {
    case 'full':
      return new CircaError(
        'DATABASE_FULL',
        507,
        'The server’s database disk is full, so nothing was saved. Tell your system administrator to free disk space, then try again. Offline transactions stay on the workstation, unsent, until the server has stored them.',
      );
    case 'writeFailed':
      return new CircaError(
        'DATABASE_WRITE_FAILED',
        503,
        'The server cannot write to its database: its disk reported an error or has become read-only, so nothing was saved. Tell your system administrator, then try again once it is fixed. Offline transactions stay on the workstation, unsent, until the server has stored them.',
      );
    case 'unavailable':
      return new CircaError(
        'DATABASE_UNAVAILABLE',
        503,
        'The server cannot reach its database just now. Try again in a minute (sending offline transactions again is always safe); if it keeps happening, tell your system administrator.',
        { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      );
    case null:
      return null;
  }
}

/** How far an upload stored in chunks got before the database failed. */
export interface PartlyStored {
  /** Transactions stored (committed) before the fault. */
  stored: number;
  /** Transactions in the upload. */
  total: number;
}

/**
 * The API error for a database fault part-way through an upload stored in chunks: some chunks
 * committed, so "nothing was saved" would be untrue. Null when `error` is not a database fault.
 * Re-sending is always safe: what was stored is recognised by id and not stored twice.
 */
export function partlyStoredFaultError(error: unknown, progress: PartlyStored): CircaError | null {
  const fault = databaseFaultError(error);
  if (fault === null) return null;
  const { stored, total } = progress;
  const howFar = `${stored} of ${total} transactions were stored before it stopped; the rest were not.`;
  const resend =
    'The workstation keeps them all unsent and sends them again; those already stored are not stored twice.';
  const what = {
    DATABASE_FULL: `The server’s database disk filled up while storing this upload: ${howFar} Tell your system administrator to free disk space. ${resend}`,
    DATABASE_WRITE_FAILED: `The server could no longer write to its database while storing this upload (its disk reported an error or turned read-only): ${howFar} Tell your system administrator. ${resend}`,
    DATABASE_UNAVAILABLE: `The server lost its database while storing this upload: ${howFar} ${resend} If it keeps happening, tell your system administrator.`,
  } as const;
  const message = what[fault.code as keyof typeof what] ?? fault.message;
  return new CircaError(
    fault.code,
    fault.status,
    message,
    { ...fault.details, storedBeforeFault: stored, transactionCount: total },
    { cause: error },
  );
}

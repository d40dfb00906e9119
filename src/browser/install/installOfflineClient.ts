// Installing the offline client from the online staff app: register the service worker that caches
// /offline/, download the snapshot and keep it in IndexedDB with who installed it and when. Called
// by the staff app's user menu; refreshSnapshot() runs silently each time the staff app opens.
import { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { callServer } from '../server/callServer.ts';
import { ApiRequestError, UnreadableAnswerError } from '../server/errors.ts';
import { raiseSequenceCounter } from '../outbox/sequenceFloor.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { readInstallation, readSnapshot, writeSnapshot } from '../storage/localState.ts';

export const OFFLINE_CLIENT_URL = '/offline/';
export const OFFLINE_SERVICE_WORKER_URL = '/offline/sw.js';
export const OFFLINE_SNAPSHOT_URL = '/api/offline/snapshot';
/** A snapshot download that has not answered in this long is abandoned; the install says so. */
export const SNAPSHOT_TIMEOUT_MS = 15_000;

export type InstallProblem =
  | 'NO_SERVICE_WORKER'
  | 'SERVICE_WORKER_FAILED'
  | 'SNAPSHOT_REFUSED'
  | 'SNAPSHOT_UNREACHABLE'
  | 'SNAPSHOT_INVALID'
  | 'STORAGE_FAILED';

/** Installing failed; the message says what to do next. */
export class OfflineInstallError extends Error {
  override readonly name = 'OfflineInstallError';
  constructor(
    readonly problem: InstallProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface Downloaded {
  snapshot: OfflineSnapshot;
  clockOffsetMs: number;
}

/** The install's own words for what the door reported, each with what to do next. */
function installErrorFor(error: unknown): OfflineInstallError {
  if (error instanceof UnreadableAnswerError) {
    return new OfflineInstallError(
      'SNAPSHOT_INVALID',
      'The server sent offline data this version cannot read. Reload the page to get the latest version, then install again.',
      { cause: error },
    );
  }
  if (error instanceof ApiRequestError) {
    return new OfflineInstallError(
      'SNAPSHOT_REFUSED',
      error.fromServer
        ? error.message
        : `The server refused to send the offline data (HTTP ${error.status}). Sign in again and retry.`,
      { cause: error },
    );
  }
  return new OfflineInstallError(
    'SNAPSHOT_UNREACHABLE',
    'The server did not answer, so the offline client was not installed. Check the connection and try again.',
    { cause: error },
  );
}

async function downloadSnapshot(fetchImpl: typeof fetch | undefined): Promise<Downloaded> {
  const sentAt = Date.now();
  let receivedAt = sentAt;
  let snapshot: OfflineSnapshot;
  try {
    snapshot = await callServer('GET', OFFLINE_SNAPSHOT_URL, OfflineSnapshot, {
      fetch: fetchImpl,
      cache: 'no-store',
      timeoutMs: SNAPSHOT_TIMEOUT_MS,
      onAnswer: () => (receivedAt = Date.now()),
    });
  } catch (error) {
    throw installErrorFor(error);
  }
  // The server read its clock about halfway through the round trip.
  const midpoint = Math.round((sentAt + receivedAt) / 2);
  return { snapshot, clockOffsetMs: snapshot.takenAt - midpoint };
}

async function store(db: OfflineDb, downloaded: Downloaded, installedNow: boolean): Promise<void> {
  const previous = await readInstallation(db);
  const now = Date.now();
  try {
    await writeSnapshot(db, downloaded.snapshot, {
      installedBy:
        installedNow || previous === null
          ? {
              username: downloaded.snapshot.staff.username,
              displayName: downloaded.snapshot.staff.displayName,
            }
          : previous.installedBy,
      installedAt: installedNow || previous === null ? now : previous.installedAt,
      snapshotRefreshedAt: now,
      clockOffsetMs: downloaded.clockOffsetMs,
    });
    const { sequences, workstation } = downloaded.snapshot;
    if (sequences) await raiseSequenceCounter(db, workstation, sequences);
  } catch (error) {
    throw new OfflineInstallError(
      'STORAGE_FAILED',
      'The browser refused to store the offline data (its storage may be full or blocked). Free some disk space or allow this site to store data, then try again.',
      { cause: error },
    );
  }
}

export interface InstallResult {
  /** Where staff open the offline client; tell them to bookmark it. */
  url: string;
  snapshot: OfflineSnapshot;
}

export interface InstallOptions {
  fetch?: typeof fetch;
  /** The IndexedDB database name; tests use their own. */
  dbName?: string;
}

/** Registers the service worker, then downloads and stores the snapshot. */
export async function installOfflineClient(options: InstallOptions = {}): Promise<InstallResult> {
  if (!('serviceWorker' in navigator)) {
    throw new OfflineInstallError(
      'NO_SERVICE_WORKER',
      'This browser cannot keep pages for offline use here. Use a current Chrome, Edge, Firefox or Safari, and open Circa over https:// (or on localhost).',
    );
  }
  try {
    await navigator.serviceWorker.register(OFFLINE_SERVICE_WORKER_URL, {
      scope: OFFLINE_CLIENT_URL,
      type: 'classic',
    });
  } catch (error) {
    throw new OfflineInstallError(
      'SERVICE_WORKER_FAILED',
      'The browser refused to install the offline client (private browsing or a site setting can block it). Use a normal window and try again.',
      { cause: error },
    );
  }
  const downloaded = await downloadSnapshot(options.fetch);
  const db = await openOfflineDb(options.dbName);
  try {
    await store(db, downloaded, true);
  } finally {
    db.close();
  }
  // Asked here too: the staff app has the engagement that makes Chromium grant it.
  await navigator.storage?.persist?.().catch(() => false);
  return { url: OFFLINE_CLIENT_URL, snapshot: downloaded.snapshot };
}

/** True when this browser has a snapshot and the service worker for /offline/. */
export async function isOfflineClientInstalled(options: InstallOptions = {}): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration(OFFLINE_CLIENT_URL);
  if (!registration) return false;
  const db = await openOfflineDb(options.dbName);
  try {
    return (await readSnapshot(db)) !== null;
  } finally {
    db.close();
  }
}

/**
 * Downloads a fresh snapshot when the client is installed; resolves to whether it did. Meant to run
 * silently when the staff app opens: a failure leaves the previous snapshot in place.
 */
export async function refreshSnapshot(options: InstallOptions = {}): Promise<boolean> {
  if (!(await isOfflineClientInstalled(options))) return false;
  const downloaded = await downloadSnapshot(options.fetch);
  const db = await openOfflineDb(options.dbName);
  try {
    await store(db, downloaded, false);
  } finally {
    db.close();
  }
  return true;
}

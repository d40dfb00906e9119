// How each workstation's offline client stands, in the words of the workstation list, and which
// workstations a supervisor should look at: not seen for a while, the client missing or out of
// date, or transactions the server never received.
import type { WorkstationRecord } from '../api/administration.ts';
import type { JournalState, OfflineClientState } from '../offline/clientState.ts';
import { describeAgo, describeLastSeen } from './notSeen.ts';

export const JOURNAL_WORDS: Record<JournalState, string> = {
  on: 'On',
  off: 'Off',
  unwritable: 'Cannot write',
  unsupported: 'Not available in this browser',
};

/** "Installed · version 0.1.0 · data from 3 hours ago", "Not installed" or "Never reported". */
export function describeOfflineClient(client: OfflineClientState | null, now: number): string {
  if (!client) return 'Never reported';
  if (!client.installed) return 'Not installed';
  const parts = ['Installed'];
  if (client.appVersion) parts.push(`version ${client.appVersion}`);
  if (client.snapshotTakenAt !== null) {
    parts.push(`data from ${describeAgo(client.snapshotTakenAt, now)}`);
  }
  return parts.join(' · ');
}

/** Orders "0.10.0" after "0.9.2": dotted numbers compared part by part, text parts as text. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const difference =
      /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The newest offline client version any workstation reported; null when none has one. */
export function newestAppVersion(workstations: readonly WorkstationRecord[]): string | null {
  let newest: string | null = null;
  for (const { offlineClient } of workstations) {
    const version = offlineClient?.installed ? offlineClient.appVersion : null;
    if (version && (newest === null || compareVersions(version, newest) > 0)) newest = version;
  }
  return newest;
}

export const WORKSTATION_FILTERS = ['all', 'notSeen', 'clientMissing', 'notReceived'] as const;
export type WorkstationFilter = (typeof WORKSTATION_FILTERS)[number];

export const WORKSTATION_FILTER_WORDS: Record<WorkstationFilter, string> = {
  all: 'All workstations',
  notSeen: 'Not seen for 7 days',
  clientMissing: 'Offline client missing or out of date',
  notReceived: 'Transactions not received',
};

/** The moments a workstation was seen: a loan or session there, or its client's last report. */
export function seenMoments(workstation: WorkstationRecord): (number | null)[] {
  return [workstation.lastUsedAt, workstation.offlineClient?.reportedAt ?? null];
}

/** Whether the workstation belongs in the list under `filter`. */
export function matchesFilter(
  workstation: WorkstationRecord,
  filter: WorkstationFilter,
  context: { now: number; newestVersion: string | null },
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'notSeen':
      return describeLastSeen(seenMoments(workstation), context.now).notSeen;
    case 'clientMissing': {
      const client = workstation.offlineClient;
      if (!client?.installed || client.appVersion === null) return true;
      return context.newestVersion !== null && client.appVersion !== context.newestVersion;
    }
    case 'notReceived':
      return workstation.sequences.missingCount > 0;
  }
}

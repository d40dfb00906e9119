import { describe, expect, it } from 'vitest';
import type { WorkstationRecord } from '../api/administration.ts';
import type { OfflineClientState } from '../offline/clientState.ts';
import {
  compareVersions,
  describeOfflineClient,
  matchesFilter,
  newestAppVersion,
} from './offlineClientHealth.ts';

const NOW = Date.UTC(2026, 11, 7, 12);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function buildClient(overrides: Partial<OfflineClientState> = {}): OfflineClientState {
  return {
    installed: true,
    appVersion: '0.1.0',
    snapshotTakenAt: NOW - 3 * HOUR_MS,
    lastSequence: 10,
    highestSequenceReported: 10,
    unsent: 0,
    journal: 'off',
    reportedAt: NOW - HOUR_MS,
    reportedBy: 'Desk Staff',
    ...overrides,
  };
}

let nextId = 0;
function buildWorkstation(overrides: Partial<WorkstationRecord> = {}): WorkstationRecord {
  nextId += 1;
  return {
    id: nextId,
    name: `DESK-${nextId}`,
    branch: { id: 1, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' },
    createdAt: NOW - 30 * DAY_MS,
    lastUsedAt: NOW - 2 * HOUR_MS,
    offlineClient: buildClient(),
    sequences: {
      received: 10,
      highestReceived: 10,
      highestReported: 10,
      missing: [],
      missingCount: 0,
    },
    ...overrides,
  };
}

describe('describeOfflineClient', () => {
  it('says installed with version and data age, not installed, or never reported', () => {
    expect(describeOfflineClient(buildClient(), NOW)).toBe(
      'Installed · version 0.1.0 · data from 3 hours ago',
    );
    expect(describeOfflineClient(buildClient({ installed: false }), NOW)).toBe('Not installed');
    expect(describeOfflineClient(null, NOW)).toBe('Never reported');
  });
});

describe('compareVersions and newestAppVersion', () => {
  it('orders dotted versions by number, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.2')).toBe(1);
    expect(compareVersions('0.1', '0.1.0')).toBe(0);
    expect(compareVersions('1.2.3', '1.2.4')).toBe(-1);
  });

  it('finds the newest version an installed client reported', () => {
    const list = [
      buildWorkstation({ offlineClient: buildClient({ appVersion: '0.9.2' }) }),
      buildWorkstation({ offlineClient: buildClient({ appVersion: '0.10.0' }) }),
      buildWorkstation({ offlineClient: buildClient({ installed: false, appVersion: '1.0.0' }) }),
      buildWorkstation({ offlineClient: null }),
    ];
    expect(newestAppVersion(list)).toBe('0.10.0');
    expect(newestAppVersion([buildWorkstation({ offlineClient: null })])).toBeNull();
  });
});

describe('matchesFilter', () => {
  const context = { now: NOW, newestVersion: '0.2.0' };

  it('shows workstations not seen for a week, counting the client report as seen', () => {
    const quiet = buildWorkstation({
      lastUsedAt: NOW - 12 * DAY_MS,
      offlineClient: buildClient({ reportedAt: NOW - 9 * DAY_MS }),
    });
    const reportedLately = buildWorkstation({
      lastUsedAt: NOW - 12 * DAY_MS,
      offlineClient: buildClient({ reportedAt: NOW - DAY_MS }),
    });
    expect(matchesFilter(quiet, 'notSeen', context)).toBe(true);
    expect(matchesFilter(reportedLately, 'notSeen', context)).toBe(false);
    expect(matchesFilter(quiet, 'all', context)).toBe(true);
  });

  it('shows a client missing, never reported or older than the newest', () => {
    const current = buildWorkstation({ offlineClient: buildClient({ appVersion: '0.2.0' }) });
    expect(matchesFilter(current, 'clientMissing', context)).toBe(false);
    for (const offlineClient of [
      buildClient({ appVersion: '0.1.0' }),
      buildClient({ installed: false }),
      null,
    ]) {
      expect(matchesFilter(buildWorkstation({ offlineClient }), 'clientMissing', context)).toBe(
        true,
      );
    }
  });

  it('shows workstations with transactions the server never received', () => {
    const missing = buildWorkstation({
      sequences: {
        received: 40,
        highestReceived: 40,
        highestReported: 60,
        missing: [{ from: 41, to: 60 }],
        missingCount: 20,
      },
    });
    expect(matchesFilter(missing, 'notReceived', context)).toBe(true);
    expect(matchesFilter(buildWorkstation(), 'notReceived', context)).toBe(false);
  });
});

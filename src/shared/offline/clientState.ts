// What a workstation's offline client tells the server about itself (issue 14), and what the server
// tells it back about the transactions it has received from that workstation. The client reports at
// each staff sign-in and after each send; supervisors see the latest report in the workstation list,
// and the offline client compares the server's sequence numbers with its own storage to notice a
// wipe (cleared site data, a new browser profile) that lost transactions never received.
import { z } from 'zod';

/** Whether the offline client keeps a journal file on this computer (File System Access API). */
export const JournalState = z.enum([
  /** A folder was chosen and the last write succeeded. */
  'on',
  /** The browser could keep one, but no folder was chosen. */
  'off',
  /** A folder was chosen, but it can no longer be written (permission, read-only, removed). */
  'unwritable',
  /** The browser has no File System Access API (Firefox, Safari). */
  'unsupported',
]);
export type JournalState = z.infer<typeof JournalState>;

/** Highest sequence number a workstation may claim: far beyond any real desk's lifetime. */
export const MAX_REPORTED_SEQUENCE = 1_000_000_000;

/**
 * How far past every number the server knows of a workstation (received, or reported before) one
 * report may claim it counted: weeks of outage at the busiest desk are a few tens of thousands.
 * A larger claim would only make every browser of that desk warn of numbers that never existed.
 */
export const MAX_SEQUENCE_JUMP = 200_000;

/** A workstation with more runs than this is misconfigured; the first ones show the pattern. */
export const MAX_LISTED_GAPS = 1000;

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/**
 * PUT /api/offline/client-state: this browser's offline client, as the browser sees it. Every field
 * is the browser's claim about itself; the workstation and the staff member come from the session.
 */
export const OfflineClientReport = z
  .strictObject({
    /** The service worker and a snapshot are here. */
    installed: z.boolean(),
    /** The version of the offline client installed (the snapshot's appVersion); null if none. */
    appVersion: z.string().min(1).max(40).nullable(),
    /** When the stored snapshot was taken (server clock, epoch ms); null if none. */
    snapshotTakenAt: EpochMs.nullable(),
    /** The highest sequence number this browser has given a transaction of this workstation. */
    lastSequence: z.number().int().min(0).max(MAX_REPORTED_SEQUENCE),
    /** Transactions of this workstation recorded here and not yet acknowledged by the server. */
    unsent: z.number().int().min(0).max(MAX_REPORTED_SEQUENCE),
    journal: JournalState,
  })
  .refine((r) => r.unsent <= r.lastSequence, {
    message: 'unsent cannot be more than the transactions recorded (lastSequence).',
    path: ['unsent'],
  });
export type OfflineClientReport = z.infer<typeof OfflineClientReport>;

/** The latest report of a workstation's offline client, as supervisors see it. */
export const OfflineClientState = z.object({
  installed: z.boolean(),
  appVersion: z.string().nullable(),
  snapshotTakenAt: z.number().int().nullable(),
  /** The last report's own count; `highestSequenceReported` never goes down. */
  lastSequence: z.number().int(),
  /** The highest sequence number any report from this workstation ever gave. */
  highestSequenceReported: z.number().int(),
  unsent: z.number().int(),
  journal: JournalState,
  /** Epoch ms of the report. */
  reportedAt: z.number().int(),
  /** Who was signed in when it reported (display name); null once that account is gone. */
  reportedBy: z.string().nullable(),
});
export type OfflineClientState = z.infer<typeof OfflineClientState>;

/**
 * What the server knows of one workstation's sequence numbers: what it received (circa-offline
 * sends and files; .koc imports have no numbers of their own and are left out) and the highest
 * number the workstation ever reported recording. `missing` lists every number from 1 to
 * max(highestReceived, highestReported) not received, as runs.
 */
/** A run of sequence numbers, both ends included (shared/processing/gaps.ts finds them). */
export const SequenceRun = z.object({
  from: z.number().int().min(1),
  to: z.number().int().min(1),
});
export type SequenceRun = z.infer<typeof SequenceRun>;

export const ReceivedSequences = z.object({
  /** Distinct sequence numbers received. */
  received: z.number().int().min(0),
  /** 0 when nothing was received. */
  highestReceived: z.number().int().min(0),
  /** 0 when the workstation never reported. */
  highestReported: z.number().int().min(0),
  /** Runs of numbers not received, lowest first; at most MAX_LISTED_GAPS runs. */
  missing: z.array(SequenceRun).max(MAX_LISTED_GAPS),
  /** How many numbers the runs cover in all (even when the list was cut short). */
  missingCount: z.number().int().min(0),
});
export type ReceivedSequences = z.infer<typeof ReceivedSequences>;

/** The answer to a report: what the server has received from this workstation, as of now. */
export const OfflineClientReportAnswer = z.object({
  sequences: ReceivedSequences,
  /**
   * Every standby the database streams to (PostgreSQL's physical replication slots) had flushed
   * what `sequences` counts; true when there is none (SQLite, or PostgreSQL on its own). Only such
   * an answer confirms sent transactions for deletion: an asynchronous standby promoted after a
   * crash may lack what its primary had received (shared/offline/resend.ts).
   */
  replicated: z.boolean(),
});
export type OfflineClientReportAnswer = z.infer<typeof OfflineClientReportAnswer>;

import { describe, expect, it } from 'vitest';
import { oneLinePerRunLogger, runLogger, type JobLogger } from './runLogs.ts';

/** A logger that records each line with the bindings of the child that wrote it. */
function recordingLogger(lines: Record<string, unknown>[], bindings = {}): JobLogger {
  return {
    info: (details, msg) => void lines.push({ ...bindings, ...details, msg, level: 'info' }),
    error: (details, msg) => void lines.push({ ...bindings, ...details, msg, level: 'error' }),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

describe('background run logs', () => {
  it('marks every line of one run with its job and the same run id', () => {
    const lines: Record<string, unknown>[] = [];
    const run = runLogger(recordingLogger(lines), 'loan-history');
    run.info({ forgotten: 3 }, 'one');
    run.error({}, 'two');
    const other = runLogger(recordingLogger(lines), 'loan-history');
    other.info({}, 'three');
    expect(lines.map((l) => l.job)).toEqual(['loan-history', 'loan-history', 'loan-history']);
    expect(lines[0]?.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[1]?.runId).toBe(lines[0]?.runId);
    expect(lines[2]?.runId).not.toBe(lines[0]?.runId);
  });

  it('gives each line of a one-line-per-run job a run id of its own', () => {
    const lines: Record<string, unknown>[] = [];
    const log = oneLinePerRunLogger(recordingLogger(lines), 'offline-processing');
    log.info({ processed: 5 }, 'processed pending offline transactions');
    log.error({}, 'could not process pending offline transactions');
    expect(lines.map((l) => [l.job, l.level])).toEqual([
      ['offline-processing', 'info'],
      ['offline-processing', 'error'],
    ]);
    expect(lines[0]?.runId).not.toBe(lines[1]?.runId);
    expect(lines[0]?.processed).toBe(5);
  });
});

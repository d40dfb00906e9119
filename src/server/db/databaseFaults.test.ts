import { describe, expect, it } from 'vitest';
import { databaseFaultError, databaseFaultKind, partlyStoredFaultError } from './databaseFaults.ts';

function coded(code: string, message = 'database error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('databaseFaultKind', () => {
  it('reads a full disk from SQLite and PostgreSQL', () => {
    expect(databaseFaultKind(coded('SQLITE_FULL'))).toBe('full');
    expect(databaseFaultKind(coded('53100'))).toBe('full');
  });

  it('reads a read-only or failing disk', () => {
    expect(databaseFaultKind(coded('SQLITE_IOERR_WRITE'))).toBe('writeFailed');
    expect(databaseFaultKind(coded('SQLITE_READONLY'))).toBe('writeFailed');
    expect(databaseFaultKind(coded('SQLITE_READONLY_DBMOVED'))).toBe('writeFailed');
    expect(databaseFaultKind(coded('25006'))).toBe('writeFailed');
  });

  it('reads a database that is away: refused, restarting, terminated, busy', () => {
    expect(databaseFaultKind(coded('ECONNREFUSED'))).toBe('unavailable');
    expect(databaseFaultKind(coded('57P01'))).toBe('unavailable');
    expect(databaseFaultKind(coded('57P03'))).toBe('unavailable');
    expect(databaseFaultKind(coded('08006'))).toBe('unavailable');
    expect(databaseFaultKind(coded('SQLITE_BUSY'))).toBe('unavailable');
    expect(databaseFaultKind(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
  });

  it('looks through causes', () => {
    expect(databaseFaultKind(new Error('wrapped', { cause: coded('SQLITE_FULL') }))).toBe('full');
  });

  it('leaves bugs and refusals alone', () => {
    expect(databaseFaultKind(new TypeError('x is undefined'))).toBeNull();
    expect(databaseFaultKind(coded('23505'))).toBeNull(); // unique_violation
    expect(databaseFaultKind(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(databaseFaultKind('not an error')).toBeNull();
  });
});

describe('databaseFaultError', () => {
  it('answers 507 for a full disk and 503 otherwise, each saying nothing was saved or to retry', () => {
    expect(databaseFaultError(coded('SQLITE_FULL'))).toMatchObject({
      code: 'DATABASE_FULL',
      status: 507,
      message: expect.stringMatching(/disk is full, so nothing was saved/),
    });
    expect(databaseFaultError(coded('SQLITE_IOERR_WRITE'))).toMatchObject({
      code: 'DATABASE_WRITE_FAILED',
      status: 503,
      message: expect.stringMatching(/read-only, so nothing was saved/),
    });
    expect(databaseFaultError(coded('57P01'))).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      status: 503,
      details: { retryAfterSeconds: 5 },
    });
    expect(databaseFaultError(new Error('bug'))).toBeNull();
  });
});

describe('partlyStoredFaultError', () => {
  const progress = { stored: 500, total: 600 };

  it('says how far an upload got instead of "nothing was saved", with the same code and status', () => {
    for (const [code, status] of [
      ['SQLITE_FULL', 507],
      ['SQLITE_IOERR_WRITE', 503],
      ['57P01', 503],
    ] as const) {
      const error = partlyStoredFaultError(coded(code), progress);
      expect(error).toMatchObject({
        status,
        code: databaseFaultError(coded(code))?.code,
        message: expect.stringContaining(
          '500 of 600 transactions were stored before it stopped; the rest were not.',
        ),
        details: expect.objectContaining({ storedBeforeFault: 500, transactionCount: 600 }),
      });
      expect(error?.message).not.toMatch(/nothing was saved/);
      expect(error?.message).toMatch(/sends them again; those already stored are not stored twice/);
    }
    expect(partlyStoredFaultError(coded('SQLITE_FULL'), progress)?.message).toMatch(
      /free disk space/,
    );
    expect(partlyStoredFaultError(coded('57P01'), progress)?.details).toMatchObject({
      retryAfterSeconds: 5,
    });
  });

  it('leaves what is not a database fault to the caller', () => {
    expect(partlyStoredFaultError(new Error('simulated crash'), progress)).toBeNull();
  });
});

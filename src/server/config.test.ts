import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_SCRYPT_COST } from './auth/passwords.ts';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

describe('README', () => {
  it('documents every variable the server reads, in its configuration table', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const tableRows = readme.split('\n').filter((line) => line.startsWith('| `'));
    const documented = tableRows.map((line) => /^\| `([A-Z_]+)`/.exec(line)?.[1]);
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(5);
    for (const name of CONFIG_VARIABLES) expect(documented).toContain(name);
  });
});

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:data/circa.sqlite',
      sessionIdleTimeoutMs: 8 * 60 * 60 * 1000,
      sessionMaxLifetimeMs: 24 * 60 * 60 * 1000,
      passwordCost: PRODUCTION_SCRYPT_COST,
      signInAttemptsPerMinute: 20,
      trustProxy: false,
      requestTimeoutMs: 120_000,
      distDir: 'dist/web',
      importDir: 'data/imports',
      importMaxBytes: 512 * 1024 * 1024,
      offlineUploadThreads: Math.max(0, availableParallelism() - 2),
      logLevel: 'info',
      demo: true,
      backups: null,
      metricsToken: null,
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['TRUE', true],
    [' false ', false],
    ['False', false],
    ['0', false],
  ])('reads CIRCA_DEMO=%j as %s', (value, demo) => {
    expect(loadConfig({ CIRCA_DEMO: value }).demo).toBe(demo);
  });

  it('reads the daily backups’ folder, days kept and time, with defaults for the last two', () => {
    expect(loadConfig({ CIRCA_BACKUP_DIR: '/srv/backups' }).backups).toEqual({
      dir: '/srv/backups',
      keepDays: 14,
      at: { hour: 2, minute: 30 },
    });
    expect(
      loadConfig({
        CIRCA_BACKUP_DIR: 'backups',
        CIRCA_BACKUP_KEEP_DAYS: '30',
        CIRCA_BACKUP_AT: '23:15',
      }).backups,
    ).toEqual({ dir: 'backups', keepDays: 30, at: { hour: 23, minute: 15 } });
  });

  it('reads the environment, treating an empty variable as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://circa@db:5432/circa',
      SESSION_IDLE_TIMEOUT_MS: '3600000',
      PASSWORD_COST: '16384',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback',
      DIST_DIR: '',
      OFFLINE_UPLOAD_THREADS: '0',
      CIRCA_METRICS_TOKEN: ' 0123456789abcdef0123456789abcdef ',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://circa@db:5432/circa',
      sessionIdleTimeoutMs: 3_600_000,
      passwordCost: 16_384,
      trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1', 'loopback'],
      distDir: 'dist/web',
      offlineUploadThreads: 0,
      metricsToken: '0123456789abcdef0123456789abcdef',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be at most 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with 'sqlite:' or 'postgres:\/\/'/],
    [{ PASSWORD_COST: '1000' }, /PASSWORD_COST must be at least 1024/],
    [{ PASSWORD_COST: '3000' }, /PASSWORD_COST must be a power of two/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be false or the addresses .* 'yes' is neither/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /'10.0.0.0\/33' is neither/],
    // Trusting every sender let a client rotate X-Forwarded-For past the sign-in limits.
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY=true is no longer accepted.*e\.g\. 127\.0\.0\.1/],
    [{ TRUST_PROXY: '1' }, /not a number of hops/],
    [{ REQUEST_TIMEOUT_MS: '500' }, /REQUEST_TIMEOUT_MS must be at least 10000/],
    [{ CIRCA_BACKUP_AT: '2.30am' }, /CIRCA_BACKUP_AT must be a local time as HH:MM.*'2.30am'/],
    [{ CIRCA_BACKUP_KEEP_DAYS: '0' }, /CIRCA_BACKUP_KEEP_DAYS must be at least 1/],
    [{ OFFLINE_UPLOAD_THREADS: 'two' }, /OFFLINE_UPLOAD_THREADS must be a whole number/],
    [{ OFFLINE_UPLOAD_THREADS: '64' }, /OFFLINE_UPLOAD_THREADS must be at most 16/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info/],
    [{ CIRCA_DEMO: 'no' }, /CIRCA_DEMO must be true .* or false .* It is 'no'\./],
    [{ CIRCA_DEMO: 'yes' }, /CIRCA_DEMO must be true/],
    // A short token could be guessed by a scraper trying tokens; a space would not survive the header.
    [{ CIRCA_METRICS_TOKEN: 'secret' }, /CIRCA_METRICS_TOKEN must be at least 32 characters/],
    [
      { CIRCA_METRICS_TOKEN: '0123456789abcdef 0123456789abcdef' },
      /CIRCA_METRICS_TOKEN must be at least 32 characters with no spaces/,
    ],
    [
      { SESSION_IDLE_TIMEOUT_MS: '7200000', SESSION_MAX_LIFETIME_MS: '3600000' },
      /SESSION_MAX_LIFETIME_MS must not be shorter than SESSION_IDLE_TIMEOUT_MS/,
    ],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', HOST: ' ' })).toThrow(/PORT.*HOST|HOST.*PORT/);
  });
});

// The server's settings, read once from the environment and validated, so a typo stops the start
// with a message naming the variable instead of surfacing later as odd behaviour.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { PRODUCTION_SCRYPT_COST } from './auth/passwords.ts';
import { parseTimeOfDay, type TimeOfDay } from './backup/backupSchedule.ts';
import { DEFAULT_DATABASE_URL, engineOfUrl } from './db/connect.ts';

const HOUR_MS = 60 * 60 * 1000;
/** A session ends after this much inactivity (a shift with a long lunch break). */
export const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 8 * HOUR_MS;
/** A session never outlives this, however busy the desk: a forgotten browser is signed out by the next day. */
export const DEFAULT_SESSION_MAX_LIFETIME_MS = 24 * HOUR_MS;
/** Sign-in attempts one address may make per minute, on top of the per-username throttle. */
export const DEFAULT_SIGN_IN_ATTEMPTS_PER_MINUTE = 20;

/**
 * How long a client may take to send a whole request, body included. Two minutes carries the
 * largest upload (MAX_UPLOAD_BYTES, 32 MiB) over a link of about 2.3 Mbit/s; a branch on a slower
 * link raises it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** The largest import file accepted (IMPORT_MAX_BYTES): a 100,000-record MARC file is ~100 MiB. */
export const DEFAULT_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Threads that read and check offline uploads off the event loop (OFFLINE_UPLOAD_THREADS): one
 * core is left to the event loop, which answers the desks, and one to the database and the rest of
 * the machine; the others read uploads. On two cores that leaves none, and the event loop checks
 * uploads in slices between the desks' requests: measured there (docs/benchmarks.md, "Reading the
 * outboxes off the event loop"), a thread competing with the event loop for the two cores held the
 * desks for seconds longer at the start of the surge, and once let requests time out.
 */
export const DEFAULT_OFFLINE_UPLOAD_THREADS = Math.max(0, availableParallelism() - 2);
/** More threads than this only wait on the database, which stores one upload at a time or two. */
const MAX_OFFLINE_UPLOAD_THREADS = 16;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Which reverse proxies' X-Forwarded-* headers to believe: none (false), or the proxies at these
 * addresses or CIDR ranges. Never every sender, and never "the nearest n hops" (a client that
 * reaches Circa directly could send as many as it likes), so a client cannot choose the address
 * the sign-in limits count by writing its own X-Forwarded-For.
 */
export type TrustedProxies = false | string[];

/** proxy-addr's names for whole ranges, e.g. a proxy on the same machine is `loopback`. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const TRUST_PROXY_TRUE_MESSAGE =
  "TRUST_PROXY=true is no longer accepted: it believed any client's X-Forwarded-For, so a client " +
  'could get past the sign-in limits by making up addresses. Set TRUST_PROXY to the address or ' +
  'range of your reverse proxies (e.g. 127.0.0.1 or 10.0.0.0/24, several separated by commas).';

const TRUST_PROXY_HOPS_MESSAGE =
  'TRUST_PROXY takes the address of your reverse proxies, not a number of hops: a client that ' +
  'reaches Circa directly could send as many hops as it likes. Set it to the address or range ' +
  'of your proxies (e.g. 127.0.0.1 or 10.0.0.0/24, several separated by commas).';

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

const TrustProxySetting = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): TrustedProxies => {
    if (value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: TRUST_PROXY_TRUE_MESSAGE });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HOPS_MESSAGE });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const wrong = entries.find((entry) => !isProxyAddress(entry));
    if (wrong !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          `TRUST_PROXY must be false or the addresses or ranges of your reverse proxies, ` +
          `separated by commas (e.g. 127.0.0.1,10.0.0.0/24); '${wrong}' is neither.`,
      });
      return z.NEVER;
    }
    return entries;
  });

const DEMO_MESSAGE =
  'CIRCA_DEMO must be true (start with the demo library when the database is empty) or false ' +
  '(start with an empty library); 1 and 0 mean the same.';

/** true/1: an empty database gets the demo library; false/0: it stays empty for a real library. */
const DemoSetting = z
  .string()
  .trim()
  .default('true')
  .transform((value, ctx) => {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    ctx.addIssue({ code: 'custom', message: `${DEMO_MESSAGE} It is '${value}'.` });
    return z.NEVER;
  });

/** Daily backups are kept this many days unless CIRCA_BACKUP_KEEP_DAYS says otherwise. */
export const DEFAULT_BACKUP_KEEP_DAYS = 14;
/** The local time of the daily backup unless CIRCA_BACKUP_AT says otherwise: most libraries are shut. */
export const DEFAULT_BACKUP_AT = '02:30';

const BackupTimeSetting = z
  .string()
  .trim()
  .default(DEFAULT_BACKUP_AT)
  .transform((value, ctx): TimeOfDay => {
    const time = parseTimeOfDay(value);
    if (time !== null) return time;
    ctx.addIssue({
      code: 'custom',
      message: `CIRCA_BACKUP_AT must be a local time as HH:MM, 24-hour (e.g. 02:30); it is '${value}'.`,
    });
    return z.NEVER;
  });
/** The shortest metrics token accepted: 32 characters, as `openssl rand -hex 16` writes. */
export const METRICS_TOKEN_MIN_LENGTH = 32;

const METRICS_TOKEN_MESSAGE =
  `CIRCA_METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters with no spaces ` +
  '(e.g. the output of `openssl rand -hex 32`): a scraper sends it as Authorization: Bearer.';

/** Lets a scraper on another machine read /metrics (Authorization: Bearer); unset, only this machine may. */
const MetricsTokenSetting = z
  .string()
  .trim()
  .refine(
    (token) => token.length >= METRICS_TOKEN_MIN_LENGTH && /^[\x21-\x7e]+$/.test(token),
    METRICS_TOKEN_MESSAGE,
  )
  .optional();

const integerFromEnv = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number.` })
    .int(`${name} must be a whole number.`)
    .min(min, `${name} must be at least ${min}.`)
    .max(max, `${name} must be at most ${max}.`);

const ConfigSchema = z
  .object({
    PORT: integerFromEnv('PORT', 0, 65_535).default(3000),
    HOST: z.string().trim().min(1, 'HOST must not be empty.').default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .trim()
      .min(1, 'DATABASE_URL must not be empty.')
      .default(DEFAULT_DATABASE_URL)
      .superRefine((url, ctx) => {
        try {
          engineOfUrl(url);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    SESSION_IDLE_TIMEOUT_MS: integerFromEnv(
      'SESSION_IDLE_TIMEOUT_MS',
      60_000,
      7 * 24 * HOUR_MS,
    ).default(DEFAULT_SESSION_IDLE_TIMEOUT_MS),
    SESSION_MAX_LIFETIME_MS: integerFromEnv(
      'SESSION_MAX_LIFETIME_MS',
      60_000,
      30 * 24 * HOUR_MS,
    ).default(DEFAULT_SESSION_MAX_LIFETIME_MS),
    // scrypt's N: a power of two. 2^17 takes ~0.6 s here; lower only for tests or tiny machines.
    PASSWORD_COST: integerFromEnv('PASSWORD_COST', 2 ** 10, 2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'PASSWORD_COST must be a power of two (e.g. 131072).')
      .default(PRODUCTION_SCRYPT_COST),
    SIGN_IN_ATTEMPTS_PER_MINUTE: integerFromEnv('SIGN_IN_ATTEMPTS_PER_MINUTE', 1, 10_000).default(
      DEFAULT_SIGN_IN_ATTEMPTS_PER_MINUTE,
    ),
    // Behind a reverse proxy that terminates HTTPS, trust its X-Forwarded-* headers so cookies get
    // Secure, HSTS is sent and sign-ins are counted by the real client's address. Off by default:
    // a client could otherwise claim to be on HTTPS, or to be anyone.
    TRUST_PROXY: TrustProxySetting,
    REQUEST_TIMEOUT_MS: integerFromEnv('REQUEST_TIMEOUT_MS', 10_000, HOUR_MS).default(
      DEFAULT_REQUEST_TIMEOUT_MS,
    ),
    DIST_DIR: z.string().trim().min(1).default('dist/web'),
    // Where uploaded import files wait between preview and confirmation (removed afterwards).
    IMPORT_DIR: z.string().trim().min(1).default('data/imports'),
    IMPORT_MAX_BYTES: integerFromEnv('IMPORT_MAX_BYTES', 1024, 64 * 1024 ** 3).default(
      DEFAULT_IMPORT_MAX_BYTES,
    ),
    // 0 reads and checks uploads on the event loop, in slices, as before worker threads.
    OFFLINE_UPLOAD_THREADS: integerFromEnv(
      'OFFLINE_UPLOAD_THREADS',
      0,
      MAX_OFFLINE_UPLOAD_THREADS,
    ).default(DEFAULT_OFFLINE_UPLOAD_THREADS),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` })
      .default('info'),
    CIRCA_DEMO: DemoSetting,
    // Daily backups into this folder (none when unset): docs/operations.md.
    CIRCA_BACKUP_DIR: z.string().trim().min(1).optional(),
    CIRCA_BACKUP_KEEP_DAYS: integerFromEnv('CIRCA_BACKUP_KEEP_DAYS', 1, 3650).default(
      DEFAULT_BACKUP_KEEP_DAYS,
    ),
    CIRCA_BACKUP_AT: BackupTimeSetting,
    CIRCA_METRICS_TOKEN: MetricsTokenSetting,
  })
  .refine((c) => c.SESSION_MAX_LIFETIME_MS >= c.SESSION_IDLE_TIMEOUT_MS, {
    path: ['SESSION_MAX_LIFETIME_MS'],
    message: 'SESSION_MAX_LIFETIME_MS must not be shorter than SESSION_IDLE_TIMEOUT_MS.',
  });

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Sliding expiry: each request pushes the end of the session this far ahead. */
  sessionIdleTimeoutMs: number;
  /** Absolute expiry, counted from sign-in. */
  sessionMaxLifetimeMs: number;
  /** scrypt cost (N) for new password hashes and for the decoy hash used for unknown usernames. */
  passwordCost: number;
  signInAttemptsPerMinute: number;
  /** Whose X-Forwarded-* headers to believe: none, or the proxies at these addresses. */
  trustProxy: TrustedProxies;
  /** The longest a client may take to send a request, headers and body (requestTimeouts.ts). */
  requestTimeoutMs: number;
  /** Where `npm run build` put the web apps (vite's output; relative to the working folder). */
  distDir: string;
  /** Where uploaded import files are kept until the import ends. */
  importDir: string;
  /** The largest import file an upload may send; larger ones are refused with 413. */
  importMaxBytes: number;
  /**
   * Worker threads that read and check the offline client's uploads (JSON and every transaction),
   * so desks' requests do not wait behind them; 0: on the event loop, in slices.
   */
  offlineUploadThreads: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Whether an empty database gets the demo library on start (CIRCA_DEMO, true by default). False
   * leaves it empty: nothing has a default password, and `circa create-admin` makes the first account.
   */
  demo: boolean;
  /**
   * The daily backups (CIRCA_BACKUP_DIR, CIRCA_BACKUP_KEEP_DAYS, CIRCA_BACKUP_AT), or null when
   * CIRCA_BACKUP_DIR is not set.
   */
  backups: BackupSchedule | null;
  /**
   * The bearer token that lets a scraper elsewhere read /metrics (CIRCA_METRICS_TOKEN); null: only
   * requests from this machine may (routes/metrics/metrics.ts).
   */
  metricsToken: string | null;
}

export interface BackupSchedule {
  /** The folder the daily backups go to. */
  dir: string;
  /** Backups older than this many days are deleted after each new one (the newest never). */
  keepDays: number;
  /** The server's local time of day to make each backup at. */
  at: TimeOfDay;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Each bad variable's message, naming it; the command line words its own sentence around them. */
  constructor(readonly problems: readonly string[]) {
    super(`Circa cannot start: ${problems.join(' ')}`);
  }
}

/** Reads the configuration from environment variables; throws ConfigError naming each bad value. */
/** Every environment variable the server reads; README's configuration table lists each. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (PORT=) means "not set", as most shells and .env files intend.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    sessionIdleTimeoutMs: c.SESSION_IDLE_TIMEOUT_MS,
    sessionMaxLifetimeMs: c.SESSION_MAX_LIFETIME_MS,
    passwordCost: c.PASSWORD_COST,
    signInAttemptsPerMinute: c.SIGN_IN_ATTEMPTS_PER_MINUTE,
    trustProxy: c.TRUST_PROXY,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    distDir: c.DIST_DIR,
    importDir: c.IMPORT_DIR,
    importMaxBytes: c.IMPORT_MAX_BYTES,
    offlineUploadThreads: c.OFFLINE_UPLOAD_THREADS,
    logLevel: c.LOG_LEVEL,
    demo: c.CIRCA_DEMO,
    backups:
      c.CIRCA_BACKUP_DIR === undefined
        ? null
        : { dir: c.CIRCA_BACKUP_DIR, keepDays: c.CIRCA_BACKUP_KEEP_DAYS, at: c.CIRCA_BACKUP_AT },
    metricsToken: c.CIRCA_METRICS_TOKEN ?? null,
  };
}

// Drives the desk's two busiest requests with autocannon: each connection checks an item out to a
// patron and checks the same item back in, so the library never runs out of items however long the
// run. Items come from a free list (an item returns to it only once checked in), so no two
// connections ever hold the same item; patrons and desks take turns.
import { createRequire } from 'node:module';
import type { DeskSession } from './deskSessions.ts';
import type { LendablePool } from './demoPools.ts';

/** The part of autocannon 9's API used here (it ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (request: RawRequest, context: LoadContext) => RawRequest;
  onResponse?: (status: number, body: string, context: LoadContext) => void;
}
interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadContext {
  item?: string;
  desk?: DeskSession;
  /** performance.now() when the request was built, just before it is written. */
  sentAt?: number;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
  timeout?: number;
}) => Promise<AutocannonResult> & { stop(): void };

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Longest a request may take before autocannon counts it as a timeout (a failure). */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Failed responses kept to explain a failure. */
const KEPT_FAILURES = 5;

export interface LoadFigures {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx answers, connection errors and timeouts: all must be zero. */
  failures: number;
  /** Check-outs answered 201 (the check-ins are the other half of `requests`). */
  checkOuts: number;
  /** The first few failed answers, status and body. */
  failureSamples: string[];
}

/**
 * The items on the shelf and the patrons taking turns, kept across runs: a run that ends between
 * a check-out and its check-in leaves that item on loan, and the next run must not lend it again.
 */
export interface Shelf {
  freeItems: string[];
  patrons: readonly string[];
}

export function shelfOf(pool: LendablePool): Shelf {
  return { freeItems: [...pool.items], patrons: pool.patrons };
}

export interface CirculationLoadOptions {
  url: string;
  desks: readonly DeskSession[];
  shelf: Shelf;
  connections: number;
  durationSeconds: number;
}

/** Check-out then check-in of the same item, over and over, on every connection. */
export function runCirculationLoad(options: CirculationLoadOptions): Promise<LoadFigures> {
  const { desks, shelf } = options;
  const { freeItems, patrons } = shelf;
  if (freeItems.length < options.connections * 2) {
    throw new Error(
      `${options.connections} connections need at least ${options.connections * 2} items on the shelf.`,
    );
  }
  let turn = 0;
  let checkOuts = 0;
  const failureSamples: string[] = [];
  const keepFailure = (what: string, status: number, body: string) => {
    if (failureSamples.length < KEPT_FAILURES) failureSamples.push(`${what} ${status} ${body}`);
  };
  return run(options, [
    {
      method: 'POST',
      path: '/api/checkouts',
      setupRequest: (request, context) => {
        turn += 1;
        const item = freeItems.shift()!;
        const desk = desks[turn % desks.length]!;
        const patronBarcode = patrons[turn % patrons.length]!;
        context.item = item;
        context.desk = desk;
        return {
          ...request,
          headers: desk.headers,
          body: JSON.stringify({ patronBarcode, itemBarcode: item }),
        };
      },
      onResponse: (status, body) => {
        if (status === 201) checkOuts += 1;
        else keepFailure('check-out', status, body);
      },
    },
    {
      method: 'POST',
      path: '/api/checkins',
      setupRequest: (request, context) => ({
        ...request,
        headers: context.desk!.headers,
        body: JSON.stringify({ itemBarcode: context.item! }),
      }),
      onResponse: (status, body, context) => {
        if (status === 200) freeItems.push(context.item!);
        else keepFailure('check-in', status, body);
      },
    },
  ]).then((figures) => ({ ...figures, checkOuts, failureSamples }));
}

/** The floor: the cheapest authenticated request (who am I?), with the same desks taking turns. */
export function runSessionLoad(
  options: Omit<CirculationLoadOptions, 'shelf'>,
): Promise<LoadFigures> {
  let turn = 0;
  const failureSamples: string[] = [];
  return run(options, [
    {
      method: 'GET',
      path: '/api/session',
      setupRequest: (request) => {
        turn += 1;
        return { ...request, headers: options.desks[turn % options.desks.length]!.readHeaders };
      },
      onResponse: (status, body) => {
        if (status !== 200 && failureSamples.length < KEPT_FAILURES) {
          failureSamples.push(`session ${status} ${body}`);
        }
      },
    },
  ]).then((figures) => ({ ...figures, failureSamples }));
}

/**
 * Runs the requests and times each one here: autocannon's own histogram counts whole
 * milliseconds, too coarse for answers that take a fraction of one.
 */
async function run(
  options: { url: string; connections: number; durationSeconds: number },
  requests: AutocannonRequest[],
): Promise<Omit<LoadFigures, 'failureSamples'>> {
  const latencies: number[] = [];
  const timed = requests.map((request): AutocannonRequest => ({
    ...request,
    setupRequest: (raw, context) => {
      const built = request.setupRequest ? request.setupRequest(raw, context) : raw;
      context.sentAt = performance.now();
      return built;
    },
    onResponse: (status, body, context) => {
      if (context.sentAt !== undefined) latencies.push(performance.now() - context.sentAt);
      request.onResponse?.(status, body, context);
    },
  }));
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    requests: timed,
  });
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    connections: options.connections,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / result.duration),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    failures: result.non2xx + result.errors + result.timeouts,
    checkOuts: 0,
  };
}

/** a / b to two decimals, for the ratio columns; NaN when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : Math.round((a / b) * 100) / 100;
}

/** Nearest-rank percentile of ascending samples; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

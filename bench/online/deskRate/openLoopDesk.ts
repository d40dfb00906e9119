// A desk at a fixed arrival rate (open loop): check-outs and check-ins go out when they are due,
// over as many keep-alive connections as there are desks, whether or not earlier ones have been
// answered; each is timed from when it was due. Items come from a free list as in the closed-loop
// load (an item is checked out, later checked back in, never two requests on it at once).
import { Agent, request } from 'node:http';
import type { Shelf } from '../shelf.ts';
import type { DeskSession } from '../deskSessions.ts';
import { dueAfterMs, dueBy } from './arrivals.ts';
import { REQUEST_TIMEOUT_MS, type DeskRequestKind, type DeskSample } from './latencies.ts';

/** Kept per failure to explain it. */
const KEPT_BODY_CHARS = 200;

export type DeskTraffic = 'circulation' | 'session';

export interface OpenLoopDeskOptions {
  url: string;
  /** Signed-in desks; each request goes out as the next desk in turn. */
  desks: readonly DeskSession[];
  /** Items and patrons to lend; shared across runs (an item left on loan stays off the shelf). */
  shelf: Shelf;
  ratePerSecond: number;
  /** Check-outs and check-ins, or the floor: GET /api/session (who am I?) at the same rate. */
  traffic: DeskTraffic;
}

export interface RunningDesk {
  /** performance.now() when request 0 was due; every sample's dueMs counts from here. */
  readonly startedAt: number;
  /** Sends nothing more, waits for every request in flight, and returns every sample. */
  stop(): Promise<DeskSample[]>;
}

export function startOpenLoopDesk(options: OpenLoopDeskOptions): RunningDesk {
  // One socket per desk: a request waits for a socket only when every desk has one in flight,
  // and then the wait still counts, since latency runs from the due time.
  const agent = new Agent({ keepAlive: true, maxSockets: options.desks.length });
  const { freeItems, patrons } = options.shelf;
  const onLoan: string[] = [];
  const samples: DeskSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const startedAt = performance.now();
  let sent = 0;
  let checkOuts = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const fire = (index: number) => {
    const dueAt = startedAt + dueAfterMs(index, options.ratePerSecond);
    const desk = options.desks[index % options.desks.length]!;
    const done = send(index, desk).then(({ kind, failure, onAnswer }) => {
      const sample: DeskSample = {
        kind,
        dueMs: dueAt - startedAt,
        latencyMs: performance.now() - dueAt,
      };
      if (failure !== undefined) sample.failure = failure;
      else onAnswer();
      samples.push(sample);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  // Odd requests check in an item whose check-out was answered, the others check one out; when
  // none is on loan yet (check-outs still in flight), a check-out goes out instead.
  const send = async (index: number, desk: DeskSession) => {
    if (options.traffic === 'session') {
      const answer = await call(agent, options.url, 'GET', '/api/session', desk.readHeaders);
      return {
        kind: 'session' as const,
        failure: failureOf('session', answer, 200),
        onAnswer() {},
      };
    }
    const returning = index % 2 === 1 ? onLoan.shift() : undefined;
    if (returning !== undefined) {
      const answer = await call(agent, options.url, 'POST', '/api/checkins', desk.headers, {
        itemBarcode: returning,
      });
      return {
        kind: 'check-in' as const,
        failure: failureOf('check-in', answer, 200),
        onAnswer: () => freeItems.push(returning),
      };
    }
    const item = freeItems.shift();
    if (item === undefined) {
      return {
        kind: 'check-out' as const,
        failure: 'check-out: no item left on the shelf',
        onAnswer() {},
      };
    }
    const patronBarcode = patrons[checkOuts++ % patrons.length]!;
    const answer = await call(agent, options.url, 'POST', '/api/checkouts', desk.headers, {
      patronBarcode,
      itemBarcode: item,
    });
    return {
      kind: 'check-out' as const,
      failure: failureOf('check-out', answer, 201),
      onAnswer: () => onLoan.push(item),
    };
  };

  const tick = () => {
    if (stopped) return;
    const due = dueBy(performance.now() - startedAt, options.ratePerSecond);
    while (sent < due) fire(sent++);
    const wait = startedAt + dueAfterMs(sent, options.ratePerSecond) - performance.now();
    timer = setTimeout(tick, Math.max(0, wait));
  };
  tick();

  return {
    startedAt,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (inFlight.size > 0) await Promise.all(inFlight);
      agent.destroy();
      return samples.toSorted((a, b) => a.dueMs - b.dueMs);
    },
  };
}

/** Runs a desk for warm-up + measured seconds; returns the measured part's samples. */
export async function runOpenLoopDesk(
  options: OpenLoopDeskOptions & { warmUpSeconds: number; seconds: number },
): Promise<DeskSample[]> {
  const desk = startOpenLoopDesk(options);
  await sleep((options.warmUpSeconds + options.seconds) * 1000);
  const samples = await desk.stop();
  const measuredFrom = options.warmUpSeconds * 1000;
  const measuredTo = measuredFrom + options.seconds * 1000;
  return samples.filter((s) => s.dueMs >= measuredFrom && s.dueMs < measuredTo);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

interface Answer {
  status: number;
  body: string;
}

function failureOf(
  what: DeskRequestKind,
  answer: Answer | Error,
  expected: number,
): string | undefined {
  if (answer instanceof Error) return `${what}: ${answer.message}`;
  if (answer.status === expected) return undefined;
  return `${what}: ${answer.status} ${answer.body.slice(0, KEPT_BODY_CHARS)}`;
}

/** One HTTP request over the desk's agent; an Error for a connection failure or a timeout. */
function call(
  agent: Agent,
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer | Error> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const outgoing = request(
      new URL(path, baseUrl),
      {
        agent,
        method,
        headers:
          payload === undefined
            ? headers
            : { ...headers, 'content-length': Buffer.byteLength(payload) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        incoming.on('error', (error) => resolve(error));
      },
    );
    outgoing.on('error', (error) =>
      resolve(
        error.name === 'AbortError'
          ? new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)
          : error,
      ),
    );
    outgoing.end(payload);
  });
}

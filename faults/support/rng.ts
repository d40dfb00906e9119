// The seeded random number generator (the demo library's mulberry32) for fault trials: the seed is printed with every
// run, and CIRCA_FAULT_SEED=<seed> replays the same transactions, batches and kill moments.
import { v7 as uuidv7 } from 'uuid';
import { createRandom, type Random } from '../../src/server/demo/random.ts';

/** The demo library's generator, plus UUIDv7 ids drawn from it. */
export interface Rng extends Random {
  /** A UUIDv7 whose random bits come from this generator (its time bits from `atMs`). */
  uuid(atMs: number): string;
}

export function createRng(seed: number): Rng {
  const random = createRandom(seed);
  return {
    ...random,
    uuid: (atMs) =>
      uuidv7({ msecs: atMs, random: Uint8Array.from({ length: 16 }, () => random.int(0, 255)) }),
  };
}

/** CIRCA_FAULT_SEED when set, otherwise a fresh seed (printed so the run can be replayed). */
export function faultSeed(): number {
  const fromEnv = process.env['CIRCA_FAULT_SEED'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed)) throw new Error(`CIRCA_FAULT_SEED must be a whole number.`);
    return seed >>> 0;
  }
  return Math.floor(Math.random() * 4_294_967_296) >>> 0;
}

/** A positive whole number from the environment, or `fallback`. */
export function countFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1.`);
  return value;
}

// A seeded random number generator (mulberry32) for fault trials: the seed is printed with every
// run, and CIRCA_FAULT_SEED=<seed> replays the same transactions, batches and kill moments.
import { v7 as uuidv7 } from 'uuid';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(probability: number): boolean;
  /** A UUIDv7 whose random bits come from this generator (its time bits from `atMs`). */
  uuid(atMs: number): string;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (list) => {
      if (list.length === 0) throw new Error('Cannot pick from an empty list.');
      return list[int(0, list.length - 1)] as (typeof list)[number];
    },
    chance: (probability) => next() < probability,
    uuid: (atMs) =>
      uuidv7({ msecs: atMs, random: Uint8Array.from({ length: 16 }, () => int(0, 255)) }),
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

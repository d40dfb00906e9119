// The NUL character: no barcode, name, date or file field holds one, and PostgreSQL text cannot
// store it (the query fails). Requests carrying one are refused at the door, naming where it is,
// instead of failing in the database with a 500 on one engine and not the other.
import type { FastifyInstance } from 'fastify';
import { fieldPath } from '../../shared/offlineFile/errors.ts';
import { CircaError } from '../errors.ts';

export const NUL_CHARACTER_MESSAGE =
  'contains a NUL character (binary data), which no barcode or name can hold; send the value again without it';

/**
 * The path of the first string (or object key) holding U+0000, or null when there is none. Walks
 * plain values only (strings, arrays, objects): raw bytes are the file readers' business.
 */
export function findNulCharacter(value: unknown): PropertyKey[] | null {
  // Iterative, with a link to the parent instead of a copied path, so a body nested a million
  // levels deep is walked in linear time and cannot overflow the stack.
  interface Step {
    value: unknown;
    key: PropertyKey | null;
    parent: Step | null;
  }
  const pathOf = (step: Step, last?: PropertyKey): PropertyKey[] => {
    const path: PropertyKey[] = last === undefined ? [] : [last];
    for (let at: Step | null = step; at !== null && at.key !== null; at = at.parent) {
      path.push(at.key);
    }
    return path.toReversed();
  };
  const pending: Step[] = [{ value, key: null, parent: null }];
  while (pending.length > 0) {
    const step = pending.pop() as Step;
    const current = step.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return pathOf(step);
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push({ value: current[index], key: index, parent: step });
      }
    } else if (
      typeof current === 'object' &&
      current !== null &&
      !(current instanceof Uint8Array)
    ) {
      const entries = Object.entries(current);
      for (const [key] of entries) {
        if (key.includes('\u0000')) return pathOf(step, key.replaceAll('\u0000', '\\u0000'));
      }
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, element] = entries[index] as [string, unknown];
        pending.push({ value: element, key, parent: step });
      }
    }
  }
  return null;
}

/**
 * Marks a body already searched with findNulCharacter, and found free of NUL characters, off the
 * event loop (the offline client's outbox: commands/readOutboxUpload.ts). The guard does not walk
 * it again: 2,000 transactions are ~40,000 values.
 */
export const SEARCHED_FOR_NUL_CHARACTERS: unique symbol = Symbol('searched for NUL characters');

function searchedAlready(body: unknown): boolean {
  return typeof body === 'object' && body !== null && SEARCHED_FOR_NUL_CHARACTERS in body;
}

/** Refuses, before validation, any request whose address, query or JSON body holds a NUL. */
export function installNulCharacterGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['address', request.params],
      ['query', request.query],
      ['body', searchedAlready(request.body) ? null : request.body],
    ] as const;
    for (const [part, value] of parts) {
      const path = findNulCharacter(value);
      if (path === null) continue;
      const field = fieldPath(path) ?? part;
      throw new CircaError(
        'BAD_REQUEST',
        400,
        `Some of what was sent is not valid. ${field}: ${NUL_CHARACTER_MESSAGE}.`,
        { fields: [{ field, message: NUL_CHARACTER_MESSAGE }] },
      );
    }
  });
}

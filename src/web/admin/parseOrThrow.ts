// Checks a form's values against the API contract before sending, so a mistake is explained at
// once in the contract's own words, exactly as the server would.
import type { z } from 'zod';

export class FormProblem extends Error {
  override name = 'FormProblem';
}

export function parseOrThrow<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new FormProblem(parsed.error.issues[0]?.message ?? 'Check the fields, then try again.');
  }
  return parsed.data;
}

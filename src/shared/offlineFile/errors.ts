// Collecting file errors (up to a limit) and turning Zod's issues into words a librarian can act on.
import type { z } from 'zod';
import { MAX_REPORTED_ERRORS, type OfflineFileError, type OfflineFileErrorCode } from './format.ts';

/** "line 7, field itemBarcode: required" — the one-line form used in logs, CSV and screens. */
export function formatOfflineFileError(error: OfflineFileError): string {
  const where = [
    error.line === null ? null : `line ${error.line}`,
    error.field === null ? null : `field ${error.field}`,
  ].filter((part) => part !== null);
  return where.length === 0 ? error.message : `${where.join(', ')}: ${error.message}`;
}

/** Gathers errors while a reader walks the file; stops listing after MAX_REPORTED_ERRORS. */
export class ErrorCollector {
  readonly errors: OfflineFileError[] = [];
  truncated = false;

  add(code: OfflineFileErrorCode, line: number | null, field: string | null, message: string) {
    if (this.errors.length >= MAX_REPORTED_ERRORS) {
      this.truncated = true;
      return;
    }
    this.errors.push({ code, line, field, message });
  }

  /** True once the list is full: readers stop early instead of parsing the rest of a broken file. */
  get full(): boolean {
    return this.truncated;
  }

  get count(): number {
    return this.errors.length;
  }

  /** Adds one INVALID_FIELD error per Zod issue. */
  addIssues(line: number, issues: readonly z.core.$ZodIssue[]) {
    for (const issue of issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          this.add(
            'INVALID_FIELD',
            line,
            fieldPath([...issue.path, key]),
            'is not a field of this file format; remove it, or export the file again from Circa',
          );
        }
        continue;
      }
      this.add('INVALID_FIELD', line, fieldPath(issue.path), describeIssue(issue));
    }
  }
}

/** `dueDateBasis.kind`, `items[2]`; null for the whole value. */
export function fieldPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

/** Plain words for one Zod issue. Parse with `reportInput: true` so "required" can be told apart. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  const missing = 'input' in issue && issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (missing) return 'required';
      if (typeof input === 'number' && !Number.isFinite(input)) return 'the number is too large';
      const words = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof input === 'number') {
        return input > Number.MAX_SAFE_INTEGER || input < -Number.MAX_SAFE_INTEGER
          ? 'the number is too large'
          : 'must be a whole number';
      }
      return `must be ${words}`;
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'required (it is empty)'
          : `must be at least ${issue.minimum} characters`;
      }
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'uuid') return 'must be a UUIDv7 (as the offline client writes it)';
      return issue.format === 'regex' ? issue.message : `has the wrong format (${issue.format})`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        const options = (issue.options as unknown[]).map(String).join(', ');
        return missing ? `required; one of: ${options}` : `must be one of: ${options}`;
      }
      return 'does not match any allowed shape';
    case 'invalid_value':
      return missing
        ? `required; must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`
        : `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return issue.message;
  }
}

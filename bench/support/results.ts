// bench/results/latest.json: the latest figures of every benchmark on every engine. A run replaces
// the entries it measured (by name and engine) and keeps the others, so `--only` or a run without
// PostgreSQL never erases figures measured earlier.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MachineInfo } from './machine.ts';
import type { BenchResult } from './types.ts';

export interface StoredResult extends BenchResult {
  /** The machine, date and commit of the run that measured this entry. */
  machine: MachineInfo;
}

export interface ResultsFile {
  /** The machine of the most recent run that wrote this file. */
  machine: MachineInfo;
  results: StoredResult[];
}

const keyOf = (r: BenchResult) => `${r.name}\u0000${r.engine}`;

export function mergeResults(
  previous: readonly StoredResult[],
  fresh: readonly BenchResult[],
  machine: MachineInfo,
): StoredResult[] {
  const freshKeys = new Set(fresh.map(keyOf));
  return [
    ...previous.filter((r) => !freshKeys.has(keyOf(r))),
    ...fresh.map((r) => ({ ...r, machine })),
  ].toSorted((a, b) => a.name.localeCompare(b.name) || a.engine.localeCompare(b.engine));
}

export function readResultsFile(path: string): StoredResult[] {
  if (!existsSync(path)) return [];
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ResultsFile>;
  return Array.isArray(parsed.results) ? parsed.results : [];
}

export function writeResultsFile(
  path: string,
  fresh: readonly BenchResult[],
  machine: MachineInfo,
): ResultsFile {
  const file: ResultsFile = {
    machine,
    results: mergeResults(readResultsFile(path), fresh, machine),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

/** Problems with a module's results that would make the table or the file misleading. */
export function resultProblems(result: BenchResult): string[] {
  const problems: string[] = [];
  if (!result.name) problems.push('a result has no name');
  if (!result.engine) problems.push(`${result.name}: no engine`);
  if (!result.baseline?.name) problems.push(`${result.name}: no baseline name`);
  const numbers = {
    ...prefixed('figures', result.figures),
    ...prefixed('baseline', result.baseline?.figures ?? {}),
    ...prefixed('ratios', result.ratios),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (typeof value !== 'number') problems.push(`${result.name}: ${key} is not a number`);
  }
  return problems;
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));
}

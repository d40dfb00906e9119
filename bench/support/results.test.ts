import { describe, expect, it } from 'vitest';
import type { MachineInfo } from './machine.ts';
import { mergeResults, resultProblems, type StoredResult } from './results.ts';
import type { BenchResult } from './types.ts';

const machine = (date: string): MachineInfo => ({
  cpuModel: 'test cpu',
  cores: 2,
  memoryGiB: 4,
  node: 'v20',
  platform: 'linux-x64',
  date,
  gitCommit: 'abc',
});
const result = (name: string, engine: string, txPerSec: number): BenchResult => ({
  name,
  engine,
  figures: { txPerSec },
  baseline: { name: 'floor', figures: { txPerSec: 1 } },
  ratios: {},
});

describe('bench results file', () => {
  it('replaces entries by name and engine and keeps every other one', () => {
    const earlier = machine('2026-01-01');
    const previous: StoredResult[] = [
      { ...result('a', 'sqlite', 1), machine: earlier },
      { ...result('a', 'postgres', 2), machine: earlier },
      { ...result('b', 'browser', 3), machine: earlier },
    ];
    const now = machine('2026-02-02');
    const merged = mergeResults(previous, [result('a', 'sqlite', 10)], now);
    expect(merged.map((r) => [r.name, r.engine, r.figures.txPerSec, r.machine.date])).toEqual([
      ['a', 'postgres', 2, '2026-01-01'],
      ['a', 'sqlite', 10, '2026-02-02'],
      ['b', 'browser', 3, '2026-01-01'],
    ]);
  });

  it('names what is wrong with a malformed result', () => {
    const bad = { ...result('a', '', 1), figures: { txPerSec: 'fast' } } as unknown as BenchResult;
    expect(resultProblems(bad)).toEqual(['a: no engine', 'a: figures.txPerSec is not a number']);
    expect(resultProblems(result('a', 'sqlite', 1))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BENCHMARKS, benchmarkSlug, selectBenchmarks } from './registry.ts';
import type { BenchModule } from './support/types.ts';

const module = (name: string): BenchModule => ({ name, run: async () => [] });

describe('the benchmark registry', () => {
  it('names every benchmark once, so --only and latest.json never confuse two', () => {
    const slugs = BENCHMARKS.map((m) => benchmarkSlug(m.name));
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toContain('offline-processing');
  });

  it('selects by name whatever the case and spacing, and refuses an unknown one by name', () => {
    const all = [module('Offline client start'), module('large-patron')];
    expect(selectBenchmarks([], all)).toEqual(all);
    expect(selectBenchmarks(['offline-client-start'], all)).toEqual([all[0]]);
    expect(selectBenchmarks(['LARGE PATRON'], all)).toEqual([all[1]]);
    expect(() => selectBenchmarks(['large-patrons'], all)).toThrow(
      'No benchmark named large-patrons. Known: offline-client-start, large-patron.',
    );
  });
});

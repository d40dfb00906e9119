import { describe, expect, it } from 'vitest';
import { unclosedTags } from '../../support/wellFormed.ts';
import { formatMs, surgeChartSvg, type SurgeChart } from './chart.ts';

const chart: SurgeChart = {
  title: 'p99 through the surge <100/s> & more',
  subtitle: '50 workstations × 2,000',
  goalMs: 100,
  series: [
    {
      key: 'sqlite',
      label: 'SQLite',
      points: [
        { second: -2, requests: 100, failed: 0, p99Ms: 4 },
        { second: -1, requests: 100, failed: 0, p99Ms: 5 },
        { second: 0, requests: 100, failed: 0, p99Ms: 2_500 },
        { second: 1, requests: 100, failed: 0, p99Ms: 3_100 },
      ],
      lastUploadAnsweredS: 1.2,
      processedS: 1.9,
    },
    {
      key: 'postgres',
      label: 'PostgreSQL',
      points: [
        { second: -1, requests: 100, failed: 0, p99Ms: 8 },
        { second: 0, requests: 100, failed: 0, p99Ms: 0.01 },
      ],
      lastUploadAnsweredS: 0.8,
      processedS: 3.5,
    },
  ],
};

describe('the surge chart', () => {
  const svg = surgeChartSvg(chart);

  it('is one SVG element with every tag closed and the title escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(unclosedTags(svg)).toEqual([]);
    expect(svg).toContain('<title>p99 through the surge &lt;100/s&gt; &amp; more</title>');
  });

  it('draws one line per engine through its points, in order', () => {
    const lines = [...svg.matchAll(/<polyline data-series="([a-z]+)"[^>]* points="([^"]+)"/g)];
    expect(lines.map((m) => m[1])).toEqual(['sqlite', 'postgres']);
    expect(lines.map((m) => m[2]!.split(' ').length)).toEqual([4, 2]);
    const xs = lines[0]![2]!.split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs).toEqual(xs.toSorted((a, b) => a - b));
  });

  it('puts a slower second higher, on a log scale in ms and s', () => {
    const ys = /data-series="sqlite"[^>]* points="([^"]+)"/
      .exec(svg)![1]!
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(ys[2]).toBeLessThan(ys[0]!); // SVG y grows downwards
    expect(svg).toContain('>1 ms</text>');
    expect(svg).toContain('>100 ms</text>');
    expect(svg).toContain('>1 s</text>');
    expect(svg).toContain('>10 s</text>');
    expect(svg).toContain('>0 s</text>');
  });

  it('marks the goal, the uploads starting, and each engine’s phases with the legend', () => {
    for (const mark of [
      'goal',
      'uploads-start',
      'sqlite-uploads-answered',
      'sqlite-processed',
      'postgres-uploads-answered',
      'postgres-processed',
    ]) {
      expect(svg).toContain(`data-mark="${mark}"`);
    }
    expect(svg).toContain('goal: p99 ≤ 100 ms');
    expect(svg).toContain('>last upload answered 1.2 s</text>');
    expect(svg).toContain('>all processed 3.5 s</text>');
    expect(svg).toContain('>PostgreSQL</text>');
  });

  it('keeps the goal line inside the frame when every second is slower than the goal', () => {
    const slow = surgeChartSvg({
      ...chart,
      series: [
        { ...chart.series[0]!, points: [{ second: 0, requests: 1, failed: 1, p99Ms: 10_000 }] },
      ],
    });
    expect(slow).toContain('>10 ms</text>');
    expect(slow).toContain('>10 s</text>');
  });

  it('refuses to draw nothing', () => {
    expect(() => surgeChartSvg({ ...chart, series: [] })).toThrow(
      'The surge chart needs at least one point.',
    );
  });

  it('names durations as a reader would', () => {
    expect([0.1, 1, 100, 1000, 10_000].map(formatMs)).toEqual([
      '0.1 ms',
      '1 ms',
      '100 ms',
      '1 s',
      '10 s',
    ]);
  });
});

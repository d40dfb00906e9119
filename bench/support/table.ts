// The one table `npm run bench` prints: a row per figure, its baseline and ratio beside it, and
// whether the result met its goal.
import type { BenchResult } from './types.ts';

const HEADERS = ['benchmark', 'engine', 'figure', 'value', 'baseline', 'ratio', 'goal met'];

export function resultRows(results: readonly BenchResult[]): string[][] {
  const rows: string[][] = [];
  for (const result of results) {
    const goal = result.goal ? (result.goal.met ? 'yes' : 'NO') : '';
    const usedRatios = new Set<string>();
    const figureKeys = Object.keys(result.figures);
    figureKeys.forEach((key, index) => {
      const ratioKey = ratioKeyFor(key, result.ratios);
      if (ratioKey) usedRatios.add(ratioKey);
      const baseline = result.baseline.figures[key];
      rows.push([
        index === 0 ? result.name : '',
        index === 0 ? result.engine : '',
        key,
        formatNumber(result.figures[key]),
        baseline === undefined ? '' : formatNumber(baseline),
        ratioKey ? `${formatNumber(result.ratios[ratioKey])}×` : '',
        index === 0 ? goal : '',
      ]);
    });
    // Baseline figures with no figure of the same name get rows of their own.
    for (const [key, value] of Object.entries(result.baseline.figures)) {
      if (key in result.figures) continue;
      rows.push(['', '', key, '', formatNumber(value), '', '']);
    }
    for (const [key, value] of Object.entries(result.ratios)) {
      if (usedRatios.has(key)) continue;
      rows.push([
        figureKeys.length === 0 && rows.length === 0 ? result.name : '',
        '',
        `ratio ${key}`,
        '',
        '',
        `${formatNumber(value)}×`,
        '',
      ]);
    }
  }
  return rows;
}

/** The ratio that explains a figure: the same key, or a key the figure's name starts with. */
function ratioKeyFor(figureKey: string, ratios: Record<string, number>): string | undefined {
  if (figureKey in ratios) return figureKey;
  return Object.keys(ratios)
    .filter((r) => figureKey.startsWith(r))
    .toSorted((a, b) => b.length - a.length)[0];
}

export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function renderTable(results: readonly BenchResult[]): string {
  const rows = [HEADERS, ...resultRows(results)];
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = new Set([3, 4, 5]);
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(HEADERS), rule, ...rows.slice(1).map(line)].join('\n');
}

// The chart of the desk's p99 through the surge, as an SVG string (written by the benchmark into
// docs/images): one line per engine, seconds since the uploads started across, p99 on a log scale
// up, the goal as a dashed line, and each engine's surge phases as dashed verticals.
import type { SeriesPoint } from './latencies.ts';

export interface ChartSeries {
  /** Stable key, e.g. 'sqlite' (an attribute on the line, for tests and readers of the file). */
  key: string;
  /** What the legend says, e.g. 'SQLite'. */
  label: string;
  points: readonly SeriesPoint[];
  /** Seconds since the uploads started: the last upload answered, and nothing left pending. */
  lastUploadAnsweredS: number;
  processedS: number;
}

export interface SurgeChart {
  title: string;
  /** One line under the title: the rate, the surge, the machine. */
  subtitle: string;
  goalMs: number;
  series: readonly ChartSeries[];
}

const WIDTH = 880;
const HEIGHT = 480;
const PLOT = { left: 72, right: 640, top: 72, bottom: 410 };
const COLOURS = ['#1f6fb4', '#e07b00', '#6a3d9a', '#33a02c'];
const GOAL_COLOUR = '#b00020';
const AXIS_COLOUR = '#444';
/** Below this the log scale stops: a p99 under 0.1 ms is not a desk's concern. */
const LOWEST_MS = 0.1;
const X_TICK_STEPS_S = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600];
const MAX_X_TICKS = 12;

export function surgeChartSvg(chart: SurgeChart): string {
  const allPoints = chart.series.flatMap((s) => s.points);
  if (allPoints.length === 0) throw new Error('The surge chart needs at least one point.');
  const seconds = [
    ...allPoints.flatMap((p) => [p.second, p.second + 1]),
    ...chart.series.flatMap((s) => [s.lastUploadAnsweredS, s.processedS]),
    0,
  ];
  const xMin = Math.floor(Math.min(...seconds));
  const xMax = Math.ceil(Math.max(...seconds));
  const latencies = allPoints.map((p) => Math.max(p.p99Ms, LOWEST_MS));
  // At least a decade either side of the goal, so its line never lies on the frame.
  const decadeLow = Math.floor(Math.log10(Math.min(...latencies, chart.goalMs / 10)));
  const decadeHigh = Math.ceil(Math.log10(Math.max(...latencies, chart.goalMs * 10)));
  const x = (s: number) =>
    PLOT.left + ((s - xMin) / Math.max(xMax - xMin, 1)) * (PLOT.right - PLOT.left);
  const y = (ms: number) =>
    PLOT.bottom -
    ((Math.log10(Math.max(ms, LOWEST_MS)) - decadeLow) / (decadeHigh - decadeLow)) *
      (PLOT.bottom - PLOT.top);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    text(WIDTH / 2, 24, chart.title, { size: 16, anchor: 'middle', weight: 'bold' }),
    text(WIDTH / 2, 44, chart.subtitle, { anchor: 'middle', colour: AXIS_COLOUR }),
  ];

  // The y axis: one gridline and label per decade.
  for (let decade = decadeLow; decade <= decadeHigh; decade++) {
    const ms = 10 ** decade;
    const at = fixed(y(ms));
    parts.push(
      `<line x1="${PLOT.left}" y1="${at}" x2="${PLOT.right}" y2="${at}" stroke="#ddd"/>`,
      text(PLOT.left - 8, y(ms) + 4, formatMs(ms), { anchor: 'end' }),
    );
  }
  // The x axis: round steps of seconds.
  const step =
    X_TICK_STEPS_S.find((s) => (xMax - xMin) / s <= MAX_X_TICKS) ?? X_TICK_STEPS_S.at(-1)!;
  for (let s = Math.ceil(xMin / step) * step; s <= xMax; s += step) {
    parts.push(
      `<line x1="${fixed(x(s))}" y1="${PLOT.bottom}" x2="${fixed(x(s))}" y2="${PLOT.bottom + 5}" stroke="${AXIS_COLOUR}"/>`,
      text(x(s), PLOT.bottom + 19, `${s} s`, { anchor: 'middle' }),
    );
  }
  parts.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="${AXIS_COLOUR}"/>`,
    text(
      (PLOT.left + PLOT.right) / 2,
      PLOT.bottom + 42,
      'seconds since the uploads started (each request counted in the second it was due)',
      { anchor: 'middle' },
    ),
    `<text x="18" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(PLOT.top + PLOT.bottom) / 2})">online p99 per second (log scale)</text>`,
  );

  // The goal, and the moment the uploads started (the same for every engine).
  parts.push(
    `<line x1="${PLOT.left}" y1="${fixed(y(chart.goalMs))}" x2="${PLOT.right}" y2="${fixed(y(chart.goalMs))}" stroke="${GOAL_COLOUR}" stroke-dasharray="6 4" data-mark="goal"/>`,
    text(PLOT.right - 4, y(chart.goalMs) - 5, `goal: p99 ≤ ${formatMs(chart.goalMs)}`, {
      anchor: 'end',
      colour: GOAL_COLOUR,
    }),
    `<line x1="${fixed(x(0))}" y1="${PLOT.top}" x2="${fixed(x(0))}" y2="${PLOT.bottom}" stroke="${AXIS_COLOUR}" data-mark="uploads-start"/>`,
    text(x(0) + 4, PLOT.top + 14, 'uploads start', { colour: AXIS_COLOUR }),
  );

  // Each engine: its line, its phase marks, its legend entry.
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const points = series.points.map((p) => `${fixed(x(p.second + 0.5))},${fixed(y(p.p99Ms))}`);
    parts.push(
      `<polyline data-series="${escapeXml(series.key)}" fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`,
      phaseLine(x(series.lastUploadAnsweredS), colour, '2 3', `${series.key}-uploads-answered`),
      phaseLine(x(series.processedS), colour, '8 4', `${series.key}-processed`),
    );
    const top = PLOT.top + i * 78;
    const left = PLOT.right + 18;
    parts.push(
      `<line x1="${left}" y1="${top + 6}" x2="${left + 24}" y2="${top + 6}" stroke="${colour}" stroke-width="2"/>`,
      text(left + 30, top + 10, series.label, { weight: 'bold' }),
      `<line x1="${left}" y1="${top + 26}" x2="${left + 24}" y2="${top + 26}" stroke="${colour}" stroke-dasharray="2 3"/>`,
      text(left + 30, top + 30, `last upload answered ${series.lastUploadAnsweredS.toFixed(1)} s`),
      `<line x1="${left}" y1="${top + 46}" x2="${left + 24}" y2="${top + 46}" stroke="${colour}" stroke-dasharray="8 4"/>`,
      text(left + 30, top + 50, `all processed ${series.processedS.toFixed(1)} s`),
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function phaseLine(at: number, colour: string, dashes: string, mark: string): string {
  return `<line x1="${fixed(at)}" y1="${PLOT.top}" x2="${fixed(at)}" y2="${PLOT.bottom}" stroke="${colour}" stroke-dasharray="${dashes}" data-mark="${escapeXml(mark)}"/>`;
}

function text(
  atX: number,
  atY: number,
  content: string,
  style: {
    anchor?: 'start' | 'middle' | 'end';
    size?: number;
    weight?: 'bold';
    colour?: string;
  } = {},
): string {
  const attributes = [
    `x="${fixed(atX)}"`,
    `y="${fixed(atY)}"`,
    style.anchor ? `text-anchor="${style.anchor}"` : '',
    style.size ? `font-size="${style.size}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    style.colour ? `fill="${style.colour}"` : '',
  ].filter((a) => a !== '');
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

/** 0.1 ms, 1 ms, 100 ms, 1 s, 10 s. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

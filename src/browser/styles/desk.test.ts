import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DESK_CSS = readFileSync(new URL('./desk.css', import.meta.url), 'utf8');
const APP_CSS = {
  staff: readFileSync(new URL('../../web/styles.css', import.meta.url), 'utf8'),
  offline: readFileSync(new URL('../../offline/offline.css', import.meta.url), 'utf8'),
};

function colour(name: string): string {
  const match = new RegExp(`--${name}:\\s*#([0-9a-f]{6}|[0-9a-f]{3});`, 'i').exec(DESK_CSS);
  if (!match?.[1]) throw new Error(`desk.css sets no --${name}`);
  const digits = match[1];
  return `#${digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits}`;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].toSorted((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('the colours both apps share', () => {
  it('gives the focus ring at least 3:1 on the page and on the brand-blue header', () => {
    const page = colour('paper');
    const header = colour('brand');
    const ring = [colour('focus'), colour('focus-inner')];
    for (const background of [page, header]) {
      expect(Math.max(...ring.map((band) => contrast(band, background)))).toBeGreaterThanOrEqual(3);
    }
    // The old amber ring: 1.82:1 on white.
    expect(contrast('#f2b705', '#ffffff')).toBeLessThan(3);
  });

  it('is imported by both apps, and neither sets its own focus ring or shared colours', () => {
    for (const css of Object.values(APP_CSS)) {
      expect(css).toContain("@import '../browser/styles/desk.css';");
      expect(css).not.toMatch(/:focus-visible\s*\{/);
      expect(css).not.toMatch(/--(brand|danger|warning|focus|ink):/);
    }
  });
});

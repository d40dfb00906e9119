// The documentation's screenshots, written by the browser tests that show each screen: docs/images
// holds them under the names the guides use.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', '..', 'docs', 'images');

/** The page as it is now, saved as docs/images/`name`. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return page.screenshot({ path: resolve(SCREENSHOTS_DIR, name) });
}

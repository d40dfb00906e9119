// Waits until the first element a locator finds shows the text: screens update after a scan's
// request answers, so the test polls instead of reading once.
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

export const DEFAULT_TEXT_TIMEOUT_MS = 20_000;

export async function expectText(
  locator: Locator,
  pattern: RegExp | string,
  timeout: number = DEFAULT_TEXT_TIMEOUT_MS,
): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), {
      timeout,
    })
    .toMatch(pattern);
}

import { describe, expect, it } from 'vitest';
import { RESEND_REOPENED_EVERY_MS, resendReopenedInMs } from './resendReopened.ts';

const NOW = Date.UTC(2026, 11, 7, 11, 30);

describe('resendReopenedInMs', () => {
  it('sends at once the first time a report reopens transactions', () => {
    expect(resendReopenedInMs(null, NOW)).toBe(0);
  });

  it('puts a second reopening inside the minute off to the minute’s end', () => {
    expect(resendReopenedInMs(NOW - 15_000, NOW)).toBe(RESEND_REOPENED_EVERY_MS - 15_000);
    expect(resendReopenedInMs(NOW, NOW)).toBe(RESEND_REOPENED_EVERY_MS);
  });

  it('sends at once once the minute has passed', () => {
    expect(resendReopenedInMs(NOW - RESEND_REOPENED_EVERY_MS, NOW)).toBe(0);
    expect(resendReopenedInMs(NOW - 5 * RESEND_REOPENED_EVERY_MS, NOW)).toBe(0);
  });

  it('waits no longer than a minute when the clock went back', () => {
    expect(resendReopenedInMs(NOW + 3_600_000, NOW)).toBe(RESEND_REOPENED_EVERY_MS);
  });
});

import { describe, expect, it } from 'vitest';
import { BUSY_BATCH_TARGET_MS, MIN_BUSY_BATCH_SIZE, ProcessingBatchSizer } from './batchSizing.ts';

describe('ProcessingBatchSizer', () => {
  it('takes the full size while no desk is lending', () => {
    const sizer = new ProcessingBatchSizer(2_000);
    expect(sizer.next(false)).toBe(2_000);
    sizer.record(2_000, 600);
    expect(sizer.next(false)).toBe(2_000);
  });

  it('starts small while desks lend, then fits a batch into the target time', () => {
    const sizer = new ProcessingBatchSizer(2_000);
    expect(sizer.next(true)).toBe(MIN_BUSY_BATCH_SIZE);
    // 0.05 ms a transaction: the target time holds 300.
    sizer.record(MIN_BUSY_BATCH_SIZE, MIN_BUSY_BATCH_SIZE * 0.05);
    expect(sizer.next(true)).toBe(Math.floor(BUSY_BATCH_TARGET_MS / 0.05));
  });

  it('follows the cost of recent batches, within the smallest and the full size', () => {
    const sizer = new ProcessingBatchSizer(2_000);
    sizer.record(100, 100); // 1 ms a transaction: fewer than the smallest batch fit
    expect(sizer.next(true)).toBe(MIN_BUSY_BATCH_SIZE);
    for (let i = 0; i < 20; i++) sizer.record(1_000, 1); // nearly free: capped at the full size
    expect(sizer.next(true)).toBe(2_000);
    for (let i = 0; i < 20; i++) sizer.record(300, 30); // 0.1 ms a transaction
    expect(sizer.next(true)).toBe(Math.floor(BUSY_BATCH_TARGET_MS / 0.1));
  });

  it('keeps a size smaller than the smallest busy batch as it is (tests pass tiny batches)', () => {
    const sizer = new ProcessingBatchSizer(5);
    expect(sizer.next(true)).toBe(5);
    sizer.record(5, 500);
    expect(sizer.next(true)).toBe(5);
    expect(sizer.next(false)).toBe(5);
  });

  it('refuses a size that is not a whole number from 1', () => {
    expect(() => new ProcessingBatchSizer(0)).toThrow(/whole number from 1/);
    expect(() => new ProcessingBatchSizer(2.5)).toThrow(/whole number from 1/);
  });
});

// The offline client benchmarks at tiny sizes (200 stored transactions, 20 scans, 2 loads, 2
// sign-ins each way), so they cannot rot between runs of `npm run bench`. Checks the shape and that
// every figure is a real measurement, never the timings themselves: those belong to the benchmark.
import { describe, expect, it } from 'vitest';
import { offlineClientStart } from '../bench/offlineClient/clientStart.ts';
import { scanToRecordedRow } from '../bench/offlineClient/scanToRecordedRow.ts';
import { signInToCheckOut } from '../bench/offlineClient/signInToCheckOut.ts';
import { E2E_DIST_DIR } from './support/server.ts';

const positive = expect.toSatisfy((n: number) => Number.isFinite(n) && n > 0, 'a positive number');

describe('offline client benchmarks (smoke)', () => {
  it('Scan to recorded row: every scan timed beside a bare IndexedDB put', async () => {
    const [result, ...more] = await scanToRecordedRow.run({ smoke: true, distDir: E2E_DIST_DIR });
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      name: 'Scan to recorded row',
      engine: 'chromium',
      figures: { storedTransactions: 200, scans: 20, p50Ms: positive, p95Ms: positive },
      baseline: { figures: { puts: 20, p50Ms: positive, p95Ms: positive } },
      ratios: { p50: positive, p95: positive },
      goal: { text: 'p95 ≤ 16 ms', met: expect.any(Boolean) },
    });
    const { p50Ms, p95Ms, maxMs } = result!.figures;
    expect(p50Ms).toBeLessThanOrEqual(p95Ms!);
    expect(p95Ms).toBeLessThanOrEqual(maxMs!);
  });

  it('Offline client start: loads from the service worker cache, and both apps measured', async () => {
    const [result, ...more] = await offlineClientStart.run({ smoke: true, distDir: E2E_DIST_DIR });
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      name: 'Offline client start',
      figures: {
        loads: 2,
        medianMs: positive,
        offlineClientJsGzipBytes: positive,
        staffAppJsGzipBytes: positive,
      },
      baseline: { figures: { loads: 2, medianMs: positive } },
      ratios: { medianMs: positive, jsGzipOfflineToStaff: positive },
      goal: { met: expect.any(Boolean) },
    });
    const { figures } = result!;
    expect(figures['offlineClientJsGzipBytes']).toBeLessThan(figures['offlineClientJsBytes']!);
    // The offline client is its own small bundle, not the staff app.
    expect(figures['offlineClientJsGzipBytes']).toBeLessThan(figures['staffAppJsGzipBytes']!);
  });

  it('Sign-in to Check Out: sign-ins with the silent install timed beside sign-ins without', async () => {
    const [result, ...more] = await signInToCheckOut.run({ smoke: true, distDir: E2E_DIST_DIR });
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      name: 'Sign-in to Check Out',
      engine: 'chromium',
      figures: {
        signIns: 2,
        p50Ms: positive,
        p95Ms: positive,
        afterAnswerP50Ms: positive,
        installedP50Ms: positive,
      },
      baseline: {
        figures: { signIns: 2, p50Ms: positive, p95Ms: positive, afterAnswerP50Ms: positive },
      },
      ratios: { p50: positive, p95: positive, afterAnswerP50: positive },
      goal: { text: 'with install ≤ 1.1× without (p50 and p95)', met: expect.any(Boolean) },
    });
    const { p50Ms, p95Ms, maxMs, afterAnswerP50Ms } = result!.figures;
    expect(p50Ms).toBeLessThanOrEqual(p95Ms!);
    expect(p95Ms).toBeLessThanOrEqual(maxMs!);
    // The staff app's share comes after the server's answer, so it is part of the whole.
    expect(afterAnswerP50Ms).toBeLessThan(maxMs!);
  });
});

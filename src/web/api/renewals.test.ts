import { describe, expect, it } from 'vitest';
import type { Loan } from '../../shared/api/circulation.ts';
import { renewalEndpoints } from './renewals.ts';

const loan: Loan = {
  id: 42,
  item: { id: 2, barcode: '31000000000017', title: 'Middlemarch' },
  patron: { id: 1, barcode: '21000000000010', name: 'Ada Reader' },
  checkedOutAt: 1_772_000_000_000,
  dueAt: 1_773_000_000_000,
  returnedAt: null,
  branchCode: 'MAIN',
  source: 'online',
  renewalCount: 1,
};

/** A request function that records what it was asked and answers with `answer`. */
function recording(answer: unknown) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const request = (async (
    method: string,
    path: string,
    schema: { parse(v: unknown): unknown },
    body?: unknown,
  ) => {
    calls.push({ method, path, body });
    return schema.parse(answer);
  }) as Parameters<typeof renewalEndpoints>[0];
  return { calls, endpoints: renewalEndpoints(request) };
}

describe('renewal endpoints', () => {
  it('renews one loan by its id, with an empty body unless overriding', async () => {
    const { calls, endpoints } = recording({ loan, previousDueAt: 1_772_500_000_000 });
    await endpoints.renewLoan(42);
    await endpoints.renewLoan(42, { override: { reason: 'Hold placed in error' } });
    expect(calls).toEqual([
      { method: 'POST', path: '/api/loans/42/renewal', body: {} },
      {
        method: 'POST',
        path: '/api/loans/42/renewal',
        body: { override: { reason: 'Hold placed in error' } },
      },
    ]);
  });

  it('renews all of a card’s loans with the barcode safe in the path, and checks the answer', async () => {
    const { calls, endpoints } = recording({
      renewed: [],
      refused: [{ loan, code: 'RENEWAL_LIMIT_REACHED', message: 'No more.' }],
    });
    const result = await endpoints.renewAllLoans('21 00/1');
    expect(calls[0]).toEqual({
      method: 'POST',
      path: '/api/patrons/21%2000%2F1/renewals',
      body: {},
    });
    expect(result.refused[0]?.code).toBe('RENEWAL_LIMIT_REACHED');
    const broken = recording({ renewed: 'all of them' });
    await expect(broken.endpoints.renewAllLoans('2100')).rejects.toThrow(/renewed/);
  });
});

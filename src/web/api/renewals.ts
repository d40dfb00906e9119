// The staff app's endpoints for renewing loans: one loan, or all of a patron's loans.
// Spread into the client by client.ts, so every call goes through the one `request`.
import { RenewAllResult, RenewalResult, type RenewalRequest } from '../../shared/api/renewals.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

export function renewalEndpoints(request: ServerRequest) {
  return {
    /** Renews one loan; `override` (supervisors) renews past a refusal, saying why. */
    async renewLoan(loanId: number, body: RenewalRequest = {}): Promise<RenewalResult> {
      return request('POST', `/api/loans/${loanId}/renewal`, RenewalResult, body);
    },
    /** Renews every loan on the card, each on its own: the answer lists renewed and refused. */
    async renewAllLoans(patronBarcode: string, body: RenewalRequest = {}): Promise<RenewAllResult> {
      return request(
        'POST',
        `/api/patrons/${encodeURIComponent(patronBarcode)}/renewals`,
        RenewAllResult,
        body,
      );
    },
  };
}

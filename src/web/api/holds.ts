// The staff app's endpoints for holds: placing one, looking after it, a patron's holds and a
// title's page. Spread into the client by client.ts, so every call goes through the one `request`.
import {
  CancelHoldResult,
  PatronHolds,
  TitleDetail,
  type PlaceHoldRequest,
} from '../../shared/api/holdRequests.ts';
import { Hold } from '../../shared/api/holds.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

export function holdEndpoints(request: ServerRequest) {
  return {
    async placeHold(hold: PlaceHoldRequest): Promise<Hold> {
      return request('POST', '/api/holds', Hold, hold);
    },

    /** `releasedItem`: the copy caught for the hold, to take off the shelf and check in. */
    async cancelHold(holdId: number): Promise<CancelHoldResult> {
      return request('POST', `/api/holds/${holdId}/cancel`, CancelHoldResult);
    },

    /** Not filled before `until` ('YYYY-MM-DD'); the hold keeps its place. */
    async suspendHold(holdId: number, until: string): Promise<Hold> {
      return request('POST', `/api/holds/${holdId}/suspend`, Hold, { until });
    },

    async resumeHold(holdId: number): Promise<Hold> {
      return request('POST', `/api/holds/${holdId}/resume`, Hold);
    },

    async changeHoldPickup(holdId: number, branchCode: string): Promise<Hold> {
      return request('POST', `/api/holds/${holdId}/pickup`, Hold, { branchCode });
    },

    async getPatronHolds(barcode: string): Promise<PatronHolds> {
      return request('GET', `/api/patrons/${encodeURIComponent(barcode)}/holds`, PatronHolds);
    },

    async getTitle(titleId: number): Promise<TitleDetail> {
      return request('GET', `/api/titles/${titleId}`, TitleDetail);
    },
  };
}

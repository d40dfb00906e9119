// The staff app's endpoints for the hold shelf and the items in transit between branches.
// Spread into the client by client.ts, so every call goes through the one `request`.
import {
  ClearFromShelfResult,
  HoldShelfList,
  TransitList,
  type ClearFromShelfRequest,
} from '../../shared/api/holds.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

export function holdShelfEndpoints(request: ServerRequest) {
  return {
    /** This workstation's branch's hold shelf: waiting and expired entries together. */
    async getHoldShelf(): Promise<HoldShelfList> {
      return request('GET', '/api/hold-shelf', HoldShelfList);
    },
    /** An expired hold's item off the shelf: it fills the next hold or goes home. */
    async clearFromShelf(body: ClearFromShelfRequest): Promise<ClearFromShelfResult> {
      return request('POST', '/api/hold-shelf/clear', ClearFromShelfResult, body);
    },
    /** Items travelling to and from this workstation's branch. */
    async getTransits(): Promise<TransitList> {
      return request('GET', '/api/transits', TransitList);
    },
  };
}

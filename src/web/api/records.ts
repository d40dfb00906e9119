// The staff app's endpoints for patrons and items at the desk: finding, registering, editing,
// blocking, renewing cards; adding, editing, marking and withdrawing items. Spread into the client
// by client.ts, so every call goes through the one `request`.
import {
  ItemAnswer,
  ItemSearchResults,
  type ItemChanges,
  type MarkableItemStatus,
  type NewItem,
} from '../../shared/api/items.ts';
import {
  PatronRecordAnswer,
  PatronSearchResults,
  RecordChoices,
  type NewPatron,
  type PatronChanges,
} from '../../shared/api/patrons.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

function searchPath(path: string, q: string, page: number): string {
  return `${path}?${new URLSearchParams({ q, page: String(page) })}`;
}

export function recordEndpoints(request: ServerRequest) {
  return {
    async findPatrons(q: string, page = 1): Promise<PatronSearchResults> {
      return request('GET', searchPath('/api/patrons', q, page), PatronSearchResults);
    },

    async getPatronRecord(barcode: string): Promise<PatronRecordAnswer> {
      return request(
        'GET',
        `/api/patrons/${encodeURIComponent(barcode)}/record`,
        PatronRecordAnswer,
      );
    },

    async getRecordChoices(): Promise<RecordChoices> {
      return request('GET', '/api/record-choices', RecordChoices);
    },

    async registerPatron(patron: NewPatron): Promise<PatronRecordAnswer> {
      return request('POST', '/api/patrons', PatronRecordAnswer, patron);
    },

    async editPatron(id: number, changes: PatronChanges): Promise<PatronRecordAnswer> {
      return request('PATCH', `/api/patrons/${id}`, PatronRecordAnswer, changes);
    },

    async blockPatron(id: number, reason: string): Promise<PatronRecordAnswer> {
      return request('POST', `/api/patrons/${id}/block`, PatronRecordAnswer, { reason });
    },

    /** Supervisors. */
    async unblockPatron(id: number): Promise<PatronRecordAnswer> {
      return request('POST', `/api/patrons/${id}/unblock`, PatronRecordAnswer);
    },

    async renewCard(id: number): Promise<PatronRecordAnswer> {
      return request('POST', `/api/patrons/${id}/renew-card`, PatronRecordAnswer);
    },

    async findItems(q: string, page = 1): Promise<ItemSearchResults> {
      return request('GET', searchPath('/api/items', q, page), ItemSearchResults);
    },

    async addItem(item: NewItem): Promise<ItemAnswer> {
      return request('POST', '/api/items', ItemAnswer, item);
    },

    async editItem(id: number, changes: ItemChanges): Promise<ItemAnswer> {
      return request('PATCH', `/api/items/${id}`, ItemAnswer, changes);
    },

    async markItemStatus(id: number, status: MarkableItemStatus): Promise<ItemAnswer> {
      return request('POST', `/api/items/${id}/status`, ItemAnswer, { status });
    },

    /** Supervisors. */
    async withdrawItem(id: number): Promise<ItemAnswer> {
      return request('POST', `/api/items/${id}/withdraw`, ItemAnswer);
    },
  };
}

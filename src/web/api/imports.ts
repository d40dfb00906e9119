// The staff app's endpoints for imports: upload a file, read its preview and progress, confirm or
// cancel. Spread into the client by client.ts, so every call goes through the one `request`.
import { Import, ImportPreview, type ImportKind } from '../../shared/api/imports.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';
import {
  fetchWithUploadProgress,
  type UploadProgress,
} from '../../browser/server/uploadProgress.ts';

export interface StartImport {
  kind: ImportKind;
  fileName: string;
  /** MARC only. */
  barcodeTag?: string;
  barcodeSubfield?: string;
}

export function importEndpoints(request: ServerRequest) {
  return {
    async startImport(
      file: Blob,
      start: StartImport,
      onProgress?: (progress: UploadProgress) => void,
    ): Promise<Import> {
      const query = new URLSearchParams({
        kind: start.kind,
        fileName: start.fileName.slice(0, 255),
      });
      if (start.barcodeTag) query.set('barcodeTag', start.barcodeTag);
      if (start.barcodeSubfield) query.set('barcodeSubfield', start.barcodeSubfield);
      return request('POST', `/api/imports?${query}`, Import, file, {
        rawContentType: 'application/octet-stream',
        fetch: onProgress ? fetchWithUploadProgress(onProgress) : undefined,
      });
    },

    async getImport(id: number, page: { offset: number; limit: number }): Promise<ImportPreview> {
      const query = new URLSearchParams({ offset: String(page.offset), limit: String(page.limit) });
      return request('GET', `/api/imports/${id}?${query}`, ImportPreview);
    },

    async confirmImport(id: number): Promise<Import> {
      return request('POST', `/api/imports/${id}/confirm`, Import);
    },

    async cancelImport(id: number): Promise<Import> {
      return request('POST', `/api/imports/${id}/cancel`, Import);
    },
  };
}

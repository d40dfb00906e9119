// The staff app's endpoints for the library's own settings (Administration → Library).
// Spread into the client by client.ts, so every call goes through the one `request`.
import {
  LibrarySettingsView,
  type LibrarySettingsChange,
} from '../../shared/api/librarySettings.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

export function librarySettingsEndpoints(request: ServerRequest) {
  return {
    async getLibrarySettings(): Promise<LibrarySettingsView> {
      return request('GET', '/api/admin/library-settings', LibrarySettingsView);
    },
    async changeLibrarySettings(settings: LibrarySettingsChange): Promise<LibrarySettingsView> {
      return request('PUT', '/api/admin/library-settings', LibrarySettingsView, settings);
    },
  };
}

// GET /api/offline/snapshot: what the offline client needs to lend with the server gone. Fetched
// when staff install the client from the user menu, and again each time the staff app opens.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import packageJson from '../../../../package.json' with { type: 'json' };
import { ApiError } from '../../../shared/api/errors.ts';
import { OfflineSnapshot } from '../../../shared/offline/snapshot.ts';
import { requireWorkstation } from '../../auth/guard.ts';
import { buildOfflineSnapshot } from '../../commands/buildOfflineSnapshot.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';

export const offlineSnapshotRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/offline/snapshot',
    {
      config: { policy: 'offline.install' },
      schema: {
        summary: 'Offline client snapshot',
        description:
          'Branch calendar for the coming year, loan rules in force at the workstation’s branch, barcode rules, the default loan period, the patron types, the workstation and staff identity, and (when the library sends one) the block list: card numbers and reason codes of blocked and expired cards. Never patron names, addresses or block reasons.',
        tags: ['offline'],
        response: { 200: OfflineSnapshot, 401: ApiError, 403: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const workstation = requireWorkstation(request);
      const settings = await getLibrarySettings(app.db);
      return buildOfflineSnapshot({
        db: app.db,
        user: request.staff.user,
        workstation,
        settings: {
          libraryName: settings.libraryName,
          barcodeRules: settings.barcodeRules,
          defaultLoanDays: settings.defaultLoanDays,
          offlineBlockedList: settings.offlineBlockedList,
          offlineBlockListMaxAgeHours: settings.offlineBlockListMaxAgeHours,
        },
        now: app.now(),
        appVersion: packageJson.version,
      });
    },
  );
};

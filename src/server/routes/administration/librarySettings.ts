// The library's own settings: GET and PUT /api/admin/library-settings.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LibrarySettingsChange, LibrarySettingsView } from '../../../shared/api/librarySettings.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  changeLibrarySettings,
  presentLibrarySettings,
} from '../../commands/administration/librarySettings.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminLibrarySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/library-settings',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Library settings',
        description:
          'The library’s name, the loan period offline when no loan rule matches, what offline clients may do, the open days an item waits on the hold shelf, whether items float, and how many days returned loans keep the patron (null: keep forever).',
        tags: ['administration'],
        response: { 200: LibrarySettingsView, ...READ_ERRORS },
      },
    },
    async () => presentLibrarySettings(await getLibrarySettings(app.db)),
  );

  app.put(
    '/api/admin/library-settings',
    {
      config: { policy: 'librarySettings.manage' },
      schema: {
        summary: 'Change the library settings',
        description:
          'Applies from the next request: the name on receipts from the next session answer a desk reads, the offline loan period and limits with each workstation’s next snapshot, the override choice with the next offline upload processed, and the loan history days at the daily job’s next run (which forgets, for good, what is older). Refusals: BAD_REQUEST naming the field in plain words (e.g. a hold shelf time under 1 open day, loan history under 0 days).',
        tags: ['administration'],
        body: LibrarySettingsChange,
        response: { 200: LibrarySettingsView, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeLibrarySettings({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        settings: request.body,
      }),
  );
};

// The library's barcode rules: GET and PUT /api/admin/barcode-rules.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BarcodeRulesInput } from '../../../shared/api/administration.ts';
import { BarcodeRules } from '../../../shared/barcodes/barcodes.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import { changeBarcodeRules } from '../../commands/administration/barcodeRules.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminBarcodeRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/barcode-rules',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Barcode rules',
        description: 'The length, prefix and check digit of patron card and item barcodes.',
        tags: ['administration'],
        response: { 200: BarcodeRules, ...READ_ERRORS },
      },
    },
    async () => (await getLibrarySettings(app.db)).barcodeRules,
  );

  app.put(
    '/api/admin/barcode-rules',
    {
      config: { policy: 'barcodeRules.manage' },
      schema: {
        summary: 'Change the barcode rules',
        description:
          'Checked so each rule can be met and a card can be told from an item. Barcodes already stored are not re-checked.',
        tags: ['administration'],
        body: BarcodeRulesInput,
        response: { 200: BarcodeRules, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeBarcodeRules({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        rules: request.body,
      }),
  );
};

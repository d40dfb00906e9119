// Offline transactions reaching the server, and what became of them: the routes of issue 4's
// server side. Registered in app.ts with one line.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { offlineReportRoutes } from './reports.ts';
import { registrationExceptionRoutes } from './registrationExceptions.ts';
import { offlineSendingRoutes } from './sending.ts';

export const offlineUploadRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(offlineSendingRoutes);
  await app.register(offlineReportRoutes);
  await app.register(registrationExceptionRoutes);
};

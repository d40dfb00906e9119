// Administration: the library's set-up (read by supervisors, changed by administrators) and the
// audit log of every change. One plugin, registered in app.ts with one line.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogRoutes } from './auditLog.ts';
import { adminBarcodeRuleRoutes } from './barcodeRules.ts';
import { adminLibrarySettingsRoutes } from './librarySettings.ts';
import { adminBranchRoutes } from './branches.ts';
import { adminLoanRuleRoutes } from './loanRules.ts';
import { adminRecordTypeRoutes } from './recordTypes.ts';
import { adminStaffUserRoutes } from './staffUsers.ts';
import { adminWorkstationRoutes } from './workstations.ts';

export const administrationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(adminBranchRoutes);
  await app.register(adminStaffUserRoutes);
  await app.register(adminWorkstationRoutes);
  await app.register(adminRecordTypeRoutes);
  await app.register(adminLoanRuleRoutes);
  await app.register(adminBarcodeRuleRoutes);
  await app.register(adminLibrarySettingsRoutes);
  await app.register(auditLogRoutes);
};

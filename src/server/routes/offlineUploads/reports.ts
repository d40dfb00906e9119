// The offline report (per upload, workstation and day; as JSON or CSV), sequence gaps, and the
// exceptions queue where supervisors re-apply or dismiss.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  DismissExceptionRequest,
  ExceptionList,
  ExceptionResult,
  ExceptionsQuery,
  OfflineReport,
  OfflineUpload,
  OfflineUploadDetail,
  ReapplyExceptionRequest,
  ReportQuery,
  SequenceReport,
} from '../../../shared/api/offline.ts';
import { dismissException, reapplyException } from '../../commands/offlineExceptions.ts';
import { findException, listExceptions } from '../../db/offlineExceptionList.ts';
import { findUpload, listUploads, offlineReport } from '../../db/offlineReport.ts';
import { sequenceReport } from '../../db/sequenceGaps.ts';
import { CircaError } from '../../errors.ts';
import {
  offlineReportScope,
  reportWorkstation,
  requireWorkstationInScope,
} from '../../policies/offlineReportScope.ts';
import { reportCsvLines } from '../../presenters/offlineReportCsv.ts';

const UploadsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const UploadParams = z.object({ id: z.coerce.number().int().min(1) });
const UploadReportQuery = ReportQuery.pick({
  outcome: true,
  review: true,
  limit: true,
  offset: true,
});
const CsvQuery = ReportQuery.omit({ limit: true, offset: true });
const ExceptionParams = z.object({ id: z.string().min(1).max(64) });

const reportErrors = { 400: ApiError, 401: ApiError, 403: ApiError };

export const offlineReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/offline/uploads',
    {
      config: { policy: 'offline.report.read' },
      schema: {
        summary: 'Offline uploads',
        description:
          'The latest uploads first, each with the outcomes of the transactions it brought. Circulation staff see the uploads of their own branch’s workstations; offline.report.readAll, every upload.',
        tags: ['offline'],
        querystring: UploadsQuery,
        response: { 200: z.object({ uploads: z.array(OfflineUpload) }), ...reportErrors },
      },
    },
    async (request) => {
      const { branchId } = offlineReportScope(request.staff);
      return { uploads: await listUploads(app.db, { ...request.query, branchId }) };
    },
  );

  app.get(
    '/api/offline/uploads/:id',
    {
      config: { policy: 'offline.report.read' },
      schema: {
        summary: 'One offline upload',
        description:
          'The upload, its outcome counts, the items its check-ins sent to a hold shelf or into transit, the patrons it registered, and its transactions (filter with ?outcome= and ?review=).',
        tags: ['offline'],
        params: UploadParams,
        querystring: UploadReportQuery,
        response: { 200: OfflineUploadDetail, 404: ApiError, ...reportErrors },
      },
    },
    async (request) => {
      const scope = offlineReportScope(request.staff);
      const upload = await findUpload(app.db, request.params.id);
      if (!upload) {
        throw new CircaError(
          'NOT_FOUND',
          404,
          `There is no offline upload ${request.params.id}. Open the list of uploads and choose one.`,
        );
      }
      // The desk reads the reports of its own workstation's uploads only.
      requireWorkstationInScope(scope, upload.workstation);
      const { limit, offset, outcome, review } = request.query;
      const report = await offlineReport(
        app.db,
        { uploadId: upload.id, outcome, review },
        { limit, offset },
        scope,
      );
      return { upload, report };
    },
  );

  app.get(
    '/api/offline/report',
    {
      config: { policy: 'offline.report.read' },
      schema: {
        summary: 'Offline report',
        description:
          'Offline transactions in the order they were applied, with outcome and message; filter by upload, workstation, day (branch time) and outcome. Circulation staff read their own workstation’s (the default) and see no previous borrowers; offline.report.readAll reads every workstation’s, offline.report.readPreviousBorrowers sees who had each item before.',
        tags: ['offline'],
        querystring: ReportQuery,
        response: { 200: OfflineReport, ...reportErrors },
      },
    },
    async (request) => {
      const scope = offlineReportScope(request.staff);
      const { limit, offset, ...asked } = request.query;
      const filter = { ...asked, workstation: reportWorkstation(scope, asked.workstation) };
      return offlineReport(app.db, filter, { limit, offset }, scope);
    },
  );

  app.get(
    '/api/offline/report.csv',
    {
      config: { policy: 'offline.report.read' },
      schema: {
        summary: 'Offline report as CSV',
        description:
          'The same report as a spreadsheet file (UTF-8, comma-separated). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
        tags: ['offline'],
        querystring: CsvQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const scope = offlineReportScope(request.staff);
      const filter = {
        ...request.query,
        workstation: reportWorkstation(scope, request.query.workstation),
      };
      const name = ['offline-report', filter.workstation, filter.day, filter.outcome]
        .filter((part) => part !== undefined)
        .join('-')
        .replaceAll(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(reportCsvLines(app.db, filter, scope)));
    },
  );

  app.get(
    '/api/offline/gaps',
    {
      config: { policy: 'offline.report.read' },
      schema: {
        summary: 'Missing offline transactions',
        description:
          'Per workstation, the sequence numbers that have not arrived ("transactions 41–43 from workstation DESK-2 have not arrived"), and numbers used by two different transactions.',
        tags: ['offline'],
        response: { 200: SequenceReport, ...reportErrors },
      },
    },
    async (request) => sequenceReport(app.db, offlineReportScope(request.staff).workstation),
  );

  app.get(
    '/api/offline/exceptions',
    {
      config: { policy: 'offline.exceptions.manage' },
      schema: {
        summary: 'Offline exceptions',
        description:
          'Transactions that could not be applied (an unknown barcode), oldest first, with every action taken on them. ?state=all also lists those resolved.',
        tags: ['offline'],
        querystring: ExceptionsQuery,
        response: { 200: ExceptionList, ...reportErrors },
      },
    },
    async (request) =>
      listExceptions({ db: app.db, ...request.query, reader: offlineReportScope(request.staff) }),
  );

  app.post(
    '/api/offline/exceptions/:id/reapply',
    {
      config: { policy: 'offline.exceptions.manage' },
      schema: {
        summary: 'Apply an exception again',
        description:
          'With a corrected patron or item barcode (or none, e.g. after adding the item), through the same rules as processing. It may become an exception again.',
        tags: ['offline'],
        params: ExceptionParams,
        body: ReapplyExceptionRequest,
        response: { 200: ExceptionResult, 404: ApiError, 409: ApiError, ...reportErrors },
      },
    },
    async (request) => {
      const { transaction } = await reapplyException({
        db: app.db,
        actor: request.staff,
        transactionId: request.params.id,
        patronBarcode: request.body.patronBarcode,
        itemBarcode: request.body.itemBarcode,
        now: app.now(),
      });
      return {
        exception: await findException(app.db, transaction, offlineReportScope(request.staff)),
      };
    },
  );

  app.post(
    '/api/offline/exceptions/:id/dismiss',
    {
      config: { policy: 'offline.exceptions.manage' },
      schema: {
        summary: 'Dismiss an exception',
        description: 'No loan changes; the transaction and the reason are kept in the report.',
        tags: ['offline'],
        params: ExceptionParams,
        body: DismissExceptionRequest,
        response: { 200: ExceptionResult, 404: ApiError, 409: ApiError, ...reportErrors },
      },
    },
    async (request) => {
      const transaction = await dismissException({
        db: app.db,
        actor: request.staff,
        transactionId: request.params.id,
        reason: request.body.reason,
        now: app.now(),
      });
      return {
        exception: await findException(app.db, transaction, offlineReportScope(request.staff)),
      };
    },
  );
};

// Importing a library's patrons and items (administrators): upload a file, which is streamed to
// disk and previewed in the background; read the preview (counts, progress, refusals by page);
// confirm, which stores everything in one transaction, or cancel. Registered in app.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  Import,
  ImportParams,
  ImportPreview,
  ImportRefusalsQuery,
  StartImportQuery,
} from '../../../shared/api/imports.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import { CircaError } from '../../errors.ts';
import { applyImport, cancelImport, claimImport } from '../../imports/applyImport.ts';
import {
  createImport,
  DEFAULT_IMPORT_OPTIONS,
  findImport,
  importPreview,
  isMarc,
  presentImport,
} from '../../imports/importJobs.ts';
import { startImportWorker } from '../../imports/importWorkers.ts';
import { previewImport } from '../../imports/previewImport.ts';
import { removeImportFile, saveUpload, UploadTooLargeError } from '../../imports/saveUpload.ts';

const MIB = 1024 * 1024;
/** What the octet-stream parser gives as the body: the file is still in request.raw. */
const FILE_IN_REQUEST_STREAM = 'file in the request stream';

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const running = new Set<Promise<void>>();
  /** Work that outlives its request; the server waits for it before closing. */
  const inBackground = (work: () => Promise<void>) => {
    const task = work().catch((error: unknown) => {
      app.log.error({ err: error }, 'an import stopped with an error');
    });
    running.add(task);
    void task.finally(() => running.delete(task));
  };
  app.addHook('onClose', async () => {
    await Promise.all(running);
  });

  const tooLarge = () =>
    new CircaError(
      'PAYLOAD_TOO_LARGE',
      413,
      `The file is larger than ${Math.floor(app.config.importMaxBytes / MIB)} MiB, the most this server accepts, so nothing was stored. Split it into several files, or ask your systems librarian to import it with the circa command line (or to raise IMPORT_MAX_BYTES).`,
      { maxBytes: app.config.importMaxBytes },
    );

  // The file arrives as raw bytes and goes to disk as it comes (saveUpload.ts), never into memory:
  // the parser leaves the request stream unread for the handler, and the body empty (the request
  // guards walk a body's values, which a stream is not).
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => {
    done(null, FILE_IN_REQUEST_STREAM);
  });

  app.post(
    '/api/imports',
    {
      config: { policy: 'import.run' },
      schema: {
        summary: 'Upload a file to import',
        description:
          'The file is the request body (Content-Type application/octet-stream): patrons or items as CSV, or items as MARC 21 (binary .mrc or MARCXML) with the barcode in the given tag and subfield (default 952$p). The answer comes at once; the preview is read in the background: poll GET /api/imports/{id}. Nothing in the library changes until the import is confirmed.',
        tags: ['imports'],
        querystring: StartImportQuery,
        response: { 202: Import, 400: ApiError, 401: ApiError, 403: ApiError, 413: ApiError },
      },
    },
    async (request, reply) => {
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > app.config.importMaxBytes) throw tooLarge();
      if (request.body !== FILE_IN_REQUEST_STREAM) {
        throw new CircaError(
          'BAD_REQUEST',
          400,
          'Send the file as the request body with Content-Type application/octet-stream.',
        );
      }
      const { kind, fileName, barcodeTag, barcodeSubfield } = request.query;
      let saved;
      try {
        saved = await saveUpload({
          body: request.raw,
          directory: app.config.importDir,
          maxBytes: app.config.importMaxBytes,
        });
      } catch (error) {
        if (error instanceof UploadTooLargeError) throw tooLarge();
        throw error;
      }
      // This server's worker reads the file, holding the import so no other server's recovery
      // takes it for abandoned (imports/importWorkers.ts).
      const { begun: job, done } = await startImportWorker(
        app.db,
        (worker) =>
          createImport(worker, {
            kind,
            filePath: saved.path,
            fileName: fileName ?? null,
            fileBytes: saved.bytes,
            options: isMarc(kind)
              ? {
                  barcodeTag: barcodeTag ?? DEFAULT_IMPORT_OPTIONS.barcodeTag,
                  barcodeSubfield: barcodeSubfield ?? DEFAULT_IMPORT_OPTIONS.barcodeSubfield,
                }
              : DEFAULT_IMPORT_OPTIONS,
            actor: auditActorOf(request),
            at: app.now(),
          }),
        async (worker, created) => {
          await previewImport({ db: worker, importId: created.id, now: () => app.now() });
          const after = await findImport(worker, created.id);
          if (after.status !== 'previewed') await removeImportFile(after.file_path);
        },
      );
      inBackground(() => done);
      request.log.info({ importId: job.id, kind, bytes: saved.bytes }, 'import file received');
      return reply.code(202).send(presentImport(job));
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { policy: 'import.run' },
      schema: {
        summary: 'An import: its progress, counts and refusals',
        description:
          'Counts of rows to create, update, leave unchanged and refuse; bytes read so far while previewing; rows stored while applying (on this server). Refusals by line (CSV) or record (MARC) number, a page at a time.',
        tags: ['imports'],
        params: ImportParams,
        querystring: ImportRefusalsQuery,
        response: {
          200: ImportPreview,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
        },
      },
    },
    async (request) => importPreview(app.db, request.params.id, request.query),
  );

  app.post(
    '/api/imports/:id/confirm',
    {
      config: { policy: 'import.run' },
      schema: {
        summary: 'Confirm an import',
        description:
          'Stores every row the preview would create or update, in one transaction with its audit entry: all of it or, on any failure, none. Refused when the preview refused any row. Answers at once; poll GET /api/imports/{id} until it is applied.',
        tags: ['imports'],
        params: ImportParams,
        response: { 202: Import, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError },
      },
    },
    async (request, reply) => {
      const importId = request.params.id;
      const actor = auditActorOf(request);
      // Claimed by this server's worker, which stores it on the same connection and holds it
      // until it is stored or has failed; a refusal to claim is the request's answer.
      const { done } = await startImportWorker(
        app.db,
        (worker) => claimImport(worker, importId),
        async (worker) => {
          const toStore = await findImport(worker, importId);
          await applyImport({
            db: worker,
            importId,
            actor,
            now: () => app.now(),
            // Not yet committed: the whole import commits at the end, or nothing of it does.
            onProgress: (stored) =>
              app.log.info(
                { importId, stored, of: toStore.create_count + toStore.update_count },
                'import rows stored, not yet committed',
              ),
          });
          const after = await findImport(worker, importId);
          await removeImportFile(after.file_path);
        },
      );
      inBackground(() => done);
      return reply.code(202).send(presentImport(await findImport(app.db, importId)));
    },
  );

  app.post(
    '/api/imports/:id/cancel',
    {
      config: { policy: 'import.run' },
      schema: {
        summary: 'Cancel an import',
        description: 'Forgets the uploaded file and its preview; nothing was stored.',
        tags: ['imports'],
        params: ImportParams,
        response: { 200: Import, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const importId = request.params.id;
      await cancelImport(app.db, importId, app.now());
      const job = await findImport(app.db, importId);
      await removeImportFile(job.file_path);
      return presentImport(job);
    },
  );
};

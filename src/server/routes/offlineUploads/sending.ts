// Receiving offline transactions: the offline client's outbox as JSON, or a file a supervisor
// uploads (circa-offline JSON Lines or Koha .koc). Both are stored durably, answered, and processed
// through the same path. The body limit is MAX_UPLOAD_BYTES (32 MiB) on both routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { WorkstationNameInput } from '../../../shared/workstations/workstationName.ts';
import {
  MAX_UPLOAD_BYTES,
  OfflineUploadResult,
  SendOfflineTransactionsRequest,
} from '../../../shared/api/offline.ts';
import { requireWorkstation } from '../../auth/guard.ts';
import {
  requireDeskClaims,
  requireValidTransactionsYielding,
} from '../../commands/checkOfflineTransactions.ts';
import { readOfflineUploadFile } from '../../commands/readOfflineUploadFile.ts';
import { receiveAndWait } from '../../commands/receiveAndWait.ts';
import { CircaError } from '../../errors.ts';
import { keepConnectionForUpload } from '../../requestTimeouts.ts';
import {
  CheckedOutbox,
  outboxValidatorCompiler,
  readOutboxesAfterTheDesks,
  readOutboxesOnThreads,
} from './outboxBody.ts';

const MIB = 1024 * 1024;

const FileUploadQuery = z.object({
  /** The name of the file chosen, shown in the report. */
  fileName: z.string().trim().min(1).max(255).optional(),
  /**
   * .koc files only: the workstation to record them under (their lines do not say). Defaults to
   * KOC-<the uploading workstation>.
   */
  workstation: WorkstationNameInput.optional(),
});

export const offlineSendingRoutes: FastifyPluginAsyncZod = async (app) => {
  // Files arrive as raw bytes, so the readers can tell a file that is not UTF-8 text.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    ['text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.setErrorHandler((error, request) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new CircaError(
        'PAYLOAD_TOO_LARGE',
        413,
        `The upload is larger than ${MAX_UPLOAD_BYTES / MIB} MiB, so nothing was stored. Send the offline transactions in smaller parts, or split the file into several files and upload each.`,
        { maxBytes: MAX_UPLOAD_BYTES },
      );
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.url.startsWith('/api/offline/files')) {
      throw sendAsText();
    }
    throw error;
  });

  // In a plugin of its own: its JSON parser is not the other routes' (outboxBody.ts).
  await app.register(outboxRoute);

  app.post(
    '/api/offline/files',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { policy: 'offline.uploadFile', backgroundWork: true },
      schema: {
        summary: 'Upload an offline file',
        description: `A circa-offline backup file (JSON Lines) or a Koha .koc file, sent as the request body with Content-Type text/plain; the kind is told from the content. A file with any error is refused whole, with errors naming line and field, and nothing from it is stored. At most ${MAX_UPLOAD_BYTES / MIB} MiB.`,
        tags: ['offline'],
        querystring: FileUploadQuery,
        response: {
          200: OfflineUploadResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          413: ApiError,
        },
      },
    },
    async (request, reply) => {
      keepConnectionForUpload({ socket: request.raw.socket, answer: reply.raw });
      const body = request.body;
      if (!(body instanceof Uint8Array)) throw sendAsText();
      const { staff } = request;
      const file = await readOfflineUploadFile({
        db: app.db,
        body,
        branchId: staff.workstation?.branch_id ?? staff.user.branch_id,
        staffUsername: staff.user.username,
        // .koc lines name no workstation: record them under one kept for imports.
        kocWorkstation:
          request.query.workstation ?? `KOC-${staff.workstation?.name ?? 'IMPORT'}`.slice(0, 40),
      });
      return receiveAndWait({
        db: app.db,
        actor: staff,
        ...file,
        fileName: request.query.fileName ?? null,
        now: () => app.now(),
        log: request.log,
      });
    },
  );
};

/**
 * The offline client's outbox. With OFFLINE_UPLOAD_THREADS above 0 (the default from three cores
 * up) it is read and checked on upload threads; with 0, on the event loop, after the desks'
 * requests under way and then in slices.
 */
const outboxRoute: FastifyPluginAsyncZod = async (app) => {
  if (app.config.offlineUploadThreads > 0) {
    readOutboxesOnThreads(app, app.config.offlineUploadThreads);
  } else {
    readOutboxesAfterTheDesks(app);
  }

  app.post(
    '/api/offline/transactions',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { policy: 'offline.upload', backgroundWork: true },
      validatorCompiler: outboxValidatorCompiler,
      // From before the body is read: an outbox may wait its turn for an upload thread.
      preParsing: async (request, reply) => {
        keepConnectionForUpload({ socket: request.raw.socket, answer: reply.raw });
      },
      schema: {
        summary: 'Send offline transactions',
        description: `The offline client's outbox. Every transaction is checked first: if any is invalid, is not one of the desk's types (check-out, check-in, renewal, in-house use, registration) or was not recorded at the sender's own workstation, nothing is stored and the answer lists them by index and field. Otherwise each one not stored before is stored durably (repeats are ignored by id), processed, and the answer comes after the commit: the client may then mark them sent. At most ${MAX_UPLOAD_BYTES / MIB} MiB per request.`,
        tags: ['offline'],
        body: SendOfflineTransactionsRequest,
        response: {
          200: OfflineUploadResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          409: ApiError,
          413: ApiError,
        },
      },
    },
    async (request) => {
      // The sender is who the session says, at the workstation it names: every transaction must
      // have been recorded there (refused whole otherwise), and its branch is that workstation's.
      const workstation = requireWorkstation(request);
      const outbox: unknown = request.body;
      const transactions = requireDeskClaims(
        outbox instanceof CheckedOutbox
          ? outbox.requireValid()
          : await requireValidTransactionsYielding(request.body.transactions),
        workstation.name,
      );
      return receiveAndWait({
        db: app.db,
        actor: request.staff,
        source: 'client',
        transactions,
        now: () => app.now(),
        log: request.log,
      });
    },
  );
};

function sendAsText(): CircaError {
  return new CircaError(
    'BAD_REQUEST',
    415,
    'Send the file as it is, with Content-Type text/plain (a circa-offline .jsonl file or a Koha .koc file).',
  );
}

// Receiving offline transactions: the offline client's outbox as JSON, or a file a supervisor
// uploads (circa-offline JSON Lines or Koha .koc). Both are stored durably, answered, and processed
// through the same path. The body limit is MAX_UPLOAD_BYTES (32 MiB) on both routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  MAX_UPLOAD_BYTES,
  OfflineUploadResult,
  SendOfflineTransactionsRequest,
  type InvalidOfflineTransaction,
} from '../../../shared/api/offline.ts';
import { OfflineTransaction } from '../../../shared/offline/transaction.ts';
import {
  detectOfflineFileKind,
  formatOfflineFileError,
  MAX_REPORTED_ERRORS,
  readOfflineFile,
  type OfflineFileError,
} from '../../../shared/offlineFile/index.ts';
import { describeIssue, fieldPath } from '../../../shared/offlineFile/errors.ts';
import { CircaError } from '../../errors.ts';
import { findNulCharacter, NUL_CHARACTER_MESSAGE } from '../../input/nulCharacters.ts';
import { kickOfflineProcessing } from '../../offline/processor.ts';
import { receiveOfflineUpload, type ReceivedUpload } from '../../offline/receive.ts';
import { summarizeTransactions } from '../../offline/report.ts';
import { readKocUpload } from '../../commands/readKocUpload.ts';

/** How many invalid transactions an error answer lists: enough to see the pattern. */
const MAX_LISTED_INVALID = 50;
const MIB = 1024 * 1024;
/** Longest an upload's answer waits for processing: well inside what browsers and proxies wait. */
const PROCESSING_ANSWER_WAIT_MS = 20_000;

const FileUploadQuery = z.object({
  /** The name of the file chosen, shown in the report. */
  fileName: z.string().trim().min(1).max(255).optional(),
  /**
   * .koc files only: the workstation to record them under (their lines do not say). Defaults to
   * KOC-<the uploading workstation>.
   */
  workstation: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
      'Use letters, digits, spaces, dots, dashes or underscores.',
    )
    .optional(),
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

  app.post(
    '/api/offline/transactions',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { policy: 'offline.upload' },
      schema: {
        summary: 'Send offline transactions',
        description: `The offline client's outbox. Every transaction is checked first: if any is invalid, nothing is stored and the answer lists them by index and field. Otherwise each one not stored before is stored durably (repeats are ignored by id), processed, and the answer comes after the commit: the client may then mark them sent. At most ${MAX_UPLOAD_BYTES / MIB} MiB per request.`,
        tags: ['offline'],
        body: SendOfflineTransactionsRequest,
        response: {
          200: OfflineUploadResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          413: ApiError,
        },
      },
    },
    async (request) => {
      const transactions = validateTransactions(request.body.transactions);
      const received = await receiveOfflineUpload({
        db: app.db,
        actor: request.staff,
        source: 'client',
        transactions,
        now: app.now(),
      });
      return answer(received, transactions, request.log);
    },
  );

  app.post(
    '/api/offline/files',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { policy: 'offline.uploadFile' },
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
    async (request) => {
      const body = request.body;
      if (!(body instanceof Uint8Array)) throw sendAsText();
      if (body.length === 0) {
        throw new CircaError(
          'BAD_REQUEST',
          400,
          'The file is empty. Choose the offline file again; if it is really empty, there is nothing to upload.',
        );
      }
      const fileName = request.query.fileName ?? null;
      const kind = detectOfflineFileKind(body);
      if (kind === 'unknown') {
        throw new CircaError(
          'BAD_REQUEST',
          400,
          'This is not an offline file Circa reads. Choose a circa-offline backup (.jsonl) saved by the offline client, or a Koha .koc file.',
          { errors: [{ code: 'UNKNOWN_FORMAT', line: 1, field: null, message: 'unknown format' }] },
        );
      }
      // .koc lines name no workstation: record them under one kept for imports.
      const kocWorkstation =
        request.query.workstation ??
        `KOC-${request.staff.workstation?.name ?? 'IMPORT'}`.slice(0, 40);
      const read =
        kind === 'koc'
          ? await readKocUpload({
              db: app.db,
              body,
              branchId: request.staff.workstation?.branch_id ?? request.staff.user.branch_id,
              staffUsername: request.staff.user.username,
              workstation: kocWorkstation,
            })
          : readOfflineFile(body);
      if (!read.ok) throw fileRefused(read.errors, read.truncated);
      refuseNulCharacters(read);
      const received = await receiveOfflineUpload({
        db: app.db,
        actor: request.staff,
        source: kind === 'koc' ? 'koc' : 'file',
        fileName,
        workstation: 'workstation' in read.header ? read.header.workstation : kocWorkstation,
        transactions: read.transactions,
        now: app.now(),
      });
      return answer(received, read.transactions, request.log);
    },
  );

  /** Processes what was stored (a failure leaves it pending, never lost), then counts outcomes. */
  async function answer(
    received: ReceivedUpload,
    transactions: readonly OfflineTransaction[],
    log: { error(obj: unknown, msg: string): void },
  ): Promise<OfflineUploadResult> {
    const processing = kickOfflineProcessing({ db: app.db, now: () => app.now() }).catch(
      (error: unknown) => {
        // Stored is what the sender needs to hear; the next run (or a restart) processes the rest.
        log.error({ err: error }, 'processing offline transactions failed; they stay pending');
      },
    );
    // Behind a large backlog, answer before the sender gives up: what is still pending is counted
    // as pending, and the report shows the outcome later.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      processing,
      new Promise((resolve) => {
        timer = setTimeout(resolve, PROCESSING_ANSWER_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    return {
      ...received,
      summary: await summarizeTransactions(
        app.db,
        transactions.map((t) => t.id),
      ),
    };
  }
};

/**
 * A circa-offline file may spell a NUL character as \u0000 inside a field; the database cannot
 * store one, so the file is refused naming the line and field, as for any other invalid field.
 * (A raw NUL byte, and so any in a .koc file, is refused by the reader as binary data.)
 */
function refuseNulCharacters(read: { header: unknown; transactions: readonly unknown[] }): void {
  const lines = [read.header, ...read.transactions];
  const errors: OfflineFileError[] = [];
  lines.forEach((line, index) => {
    const path = findNulCharacter(line);
    if (path === null || errors.length >= MAX_REPORTED_ERRORS) return;
    // The header is line 1 and the reader allows no blank line between transactions, so the
    // transactions follow on lines 2, 3, … in order.
    errors.push({
      code: 'INVALID_FIELD',
      line: index + 1,
      field: fieldPath(path),
      message: NUL_CHARACTER_MESSAGE,
    });
  });
  if (errors.length > 0) throw fileRefused(errors, false);
}

/** A whole file refused: nothing from it is stored, and the first problem is named. */
function fileRefused(errors: OfflineFileError[], truncated: boolean): CircaError {
  const [first] = errors;
  const count = `${errors.length}${truncated ? '+' : ''}`;
  return new CircaError(
    'BAD_REQUEST',
    400,
    `The file was not accepted and nothing from it was stored: ${count} problem(s) found${first ? `, the first at ${formatOfflineFileError(first)}` : ''}. Correct the file, or save it again from the offline client.`,
    { errors, truncated },
  );
}

function sendAsText(): CircaError {
  return new CircaError(
    'BAD_REQUEST',
    415,
    'Send the file as it is, with Content-Type text/plain (a circa-offline .jsonl file or a Koha .koc file).',
  );
}

/** The transactions if every one is valid; otherwise a BAD_REQUEST naming index and field. */
function validateTransactions(candidates: readonly unknown[]): OfflineTransaction[] {
  const valid: OfflineTransaction[] = [];
  const invalid: InvalidOfflineTransaction[] = [];
  let invalidCount = 0;
  candidates.forEach((candidate, index) => {
    const parsed = OfflineTransaction.safeParse(candidate, { reportInput: true });
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    invalidCount += 1;
    for (const issue of parsed.error.issues) {
      if (invalid.length < MAX_LISTED_INVALID) {
        invalid.push({ index, field: fieldPath(issue.path), message: describeIssue(issue) });
      }
    }
  });
  if (invalidCount === 0) return valid;
  const [first] = invalid;
  const where = first
    ? ` The first: transaction ${first.index}${first.field ? `, field ${first.field}` : ''}: ${first.message}.`
    : '';
  throw new CircaError(
    'BAD_REQUEST',
    400,
    `${invalidCount} of ${candidates.length} transactions are not valid, so none was stored.${where} Update the offline client, or save a backup file and give it to your system administrator.`,
    { invalid, invalidCount },
  );
}

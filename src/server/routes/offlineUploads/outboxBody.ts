// The offline client's outbox is read from its bytes and checked on an upload thread
// (workerThreads/uploadThreads.ts): parsed and checked on the event loop, fifty outboxes at once
// held the desks' requests for seconds. Every answer stays the one the event loop gave: a body the
// thread does not take whole (not JSON, a NUL character, not the route's shape) is read here as
// Fastify always read it, and the usual guard and schema answer it.
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/offline.ts';
import type { OfflineTransaction } from '../../../shared/offline/transaction.ts';
import {
  refuseInvalidTransactions,
  type TransactionsCheck,
} from '../../commands/checkOfflineTransactions.ts';
import type { JsonPoisoningActions } from '../../commands/readOutboxUpload.ts';
import { giveWayToDesks } from '../../db/backgroundWork.ts';
import { SEARCHED_FOR_NUL_CHARACTERS } from '../../input/nulCharacters.ts';
import { uploadThreads } from '../../workerThreads/uploadThreads.ts';

/** An outbox read and checked on a thread: the body the route's handler receives. */
export class CheckedOutbox {
  /** The thread searched it with the NUL character guard's own function, and found none. */
  readonly [SEARCHED_FOR_NUL_CHARACTERS] = true;

  constructor(private readonly check: TransactionsCheck) {}

  /** Its transactions, or the refusal the check on the event loop throws, word for word. */
  requireValid(): OfflineTransaction[] {
    if (this.check.refused) throw refuseInvalidTransactions(this.check.refused);
    return this.check.transactions;
  }
}

/**
 * Installs, in the outbox route's own plugin, a JSON parser that hands the body to `threads`
 * upload threads (closed with the app). Bodies keep the route's limit, MAX_UPLOAD_BYTES.
 */
export function readOutboxesOnThreads(app: FastifyInstance, threads: number): void {
  const pool = uploadThreads(threads);
  app.addHook('onClose', () => pool.close());
  const poisoning: JsonPoisoningActions = {
    protoAction: app.initialConfig.onProtoPoisoning ?? 'error',
    constructorAction: app.initialConfig.onConstructorPoisoning ?? 'error',
  };
  const readAsBefore = app.getDefaultJsonParser(poisoning.protoAction, poisoning.constructorAction);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (request, body: Buffer, done) => {
      // Fastify's own JSON parser, given the text as Fastify decodes it for that parser.
      const readHere = () => readAsBefore(request, body.toString('utf8'), done);
      if (body.length === 0) return readHere();
      pool.readOutbox({ body, poisoning }).then(
        (reading) => {
          if (reading.readAsBefore) readHere();
          else done(null, new CheckedOutbox(reading));
        },
        (error: unknown) => {
          // A thread that failed (out of memory, say) costs the desks time, not the upload.
          request.log.warn({ err: error }, 'upload thread failed; reading the outbox here');
          readHere();
        },
      );
    },
  );
}

/**
 * Without upload threads: the outbox's JSON is parsed on the event loop as Fastify parses any
 * body, after giving way to the desks' requests under way (db/backgroundWork.ts). Parsing a large
 * outbox is one piece of work that cannot be sliced, and fifty arriving at once would otherwise be
 * parsed one after another while the desks wait.
 */
export function readOutboxesAfterTheDesks(app: FastifyInstance): void {
  const readAsBefore = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_UPLOAD_BYTES },
    (request, body: string, done) => {
      void giveWayToDesks().then(() => readAsBefore(request, body, done));
    },
  );
}

/**
 * The route's validator: a CheckedOutbox passed the route's schema on its thread, and Zod would
 * turn it into a plain object; any other body (read on the event loop) is validated as usual.
 */
export const outboxValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return validate;
  return (body: unknown) => (body instanceof CheckedOutbox ? { value: body } : validate(body));
};

// Every failure leaves the server as { error: { code, message, details? } }: CircaError as thrown,
// invalid requests as BAD_REQUEST naming the fields, and anything unexpected as INTERNAL with no
// internals (those go to the log).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError, ErrorCode } from '../shared/api/errors.ts';
import { databaseFaultError } from './db/databaseFaults.ts';
import { CircaError } from './errors.ts';

const INTERNAL_MESSAGE =
  'Something went wrong on the server. Try again; if it keeps happening, tell your system administrator.';

function send(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  const body: ApiError = { error: { code, message, ...(details ? { details } : {}) } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** A full sentence: capital first, full stop last, as every message in src/shared/api is written. */
function isWrittenForStaff(message: string): boolean {
  return /^[A-Z].*[.]$/s.test(message);
}

function describeValidation(error: FastifyError): {
  message: string;
  fields: { field: string; message: string }[];
} {
  const part = error.validationContext ?? 'request';
  const fields = (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return { field: path || part, message: issue.message ?? 'is not valid' };
  });
  // A schema's own message is a sentence written for staff ("Say why you dismiss …."), so it is
  // the whole answer; the validator's defaults ("Too small: …", never ending in a period) are for
  // whoever wrote the request, so they stay listed under their field names.
  if (fields.length > 0 && fields.every((f) => isWrittenForStaff(f.message))) {
    return { message: [...new Set(fields.map((f) => f.message))].join(' '), fields };
  }
  const listed = fields.map((f) => `${f.field}: ${f.message}`).join(' ');
  return { message: `Some of what was sent is not valid. ${listed}`.trim(), fields };
}

/** The status-code families Fastify and its plugins raise themselves, as API error codes. */
function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  return 'BAD_REQUEST';
}

function messageForFrameworkError(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'What was sent is too large. Send less at once.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request as JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request said it carries JSON but has no body. Send a JSON object.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The request’s Content-Length does not match its body.';
  }
  if (error instanceof SyntaxError || /JSON/i.test(error.message)) {
    return 'The request body is not valid JSON. Send a JSON object.';
  }
  if (status === 429) return 'Too many requests. Wait a minute, then try again.';
  if (status === 404) return 'Not found.';
  return 'The request could not be read. Check what was sent and try again.';
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof CircaError) {
      // The server's own trouble underneath (a database fault part-way through an upload, say):
      // keep its cause in the log. A 503 while starting has none and is not worth a line.
      if (error.status >= 500 && error.cause !== undefined)
        request.log.error({ err: error }, `request failed: ${error.code}`);
      if (error.code === 'RATE_LIMITED' || error.code === 'SIGN_IN_THROTTLED') {
        const retry = error.details?.retryAfterSeconds;
        if (typeof retry === 'number') reply.header('retry-after', String(retry));
      }
      return send(reply, error.status, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const { message, fields } = describeValidation(error);
      return send(reply, 400, 'BAD_REQUEST', message, { fields });
    }
    const fault = databaseFaultError(error);
    if (fault) {
      // The database's fault (disk full, read-only, away), not the sender's: staff read what
      // happened and what to do, the log keeps the cause.
      request.log.error({ err: error }, `request failed: ${fault.code}`);
      const retry = fault.details?.retryAfterSeconds;
      if (typeof retry === 'number') reply.header('retry-after', String(retry));
      return send(reply, fault.status, fault.code, fault.message, fault.details);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, status, codeForStatus(status), messageForFrameworkError(error, status));
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, 'INTERNAL', INTERNAL_MESSAGE);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return send(
      reply,
      404,
      'NOT_FOUND',
      `There is no ${request.method} ${path.slice(0, 200)} here. Check the address.`,
    );
  });
}

import { DomainError, ERROR_STATUS, type ErrorCode } from '@leasehold/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface FieldError {
  field: string;
  message: string;
  /** Set by a schema's custom check (`params: { fieldCode }`), for clients to translate. */
  code?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type', 429: 'Too many requests',
  500: 'Internal server error', 503: 'Service unavailable',
};

export function problem(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  const status = ERROR_STATUS[code];
  return { type: `https://leasehold.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extra };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** The problem a domain error answers, and its Retry-After header's value when it has one. */
export function domainProblem(error: DomainError): { body: Problem; retryAfter?: string } {
  const retryAfter = error.details?.retryAfterSeconds;
  return { body: problem(error.code, error.message, error.details ?? {}), ...(typeof retryAfter === 'number' ? { retryAfter: String(retryAfter) } : {}) };
}

/** What a failure no one foresaw answers: the details go to the log, never to the client. */
export const internalProblem = () => problem('INTERNAL', 'The server could not complete this request. It has been logged; try again, and contact the operator if it persists.');

/** The code a custom check gave its issue; fastify-type-provider-zod keeps the issue's own params under `params`. */
function fieldCodeOf(params: unknown): { code?: string } {
  const code = (params as { params?: { fieldCode?: unknown } } | undefined)?.params?.fieldCode;
  return typeof code === 'string' ? { code } : {};
}

/** One mapping from every failure to `application/problem+json`; 5xx details are logged, never sent. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      const { body, retryAfter } = domainProblem(error);
      if (retryAfter) reply.header('retry-after', retryAfter);
      return sendProblem(reply, body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        field: [error.validationContext, ...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])].join('.'),
        message: issue.message ?? 'is invalid',
        ...fieldCodeOf(issue.params),
      }));
      return sendProblem(reply, problem('VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}. Correct these fields and send it again.`, { errors }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      return sendProblem(reply, problem('MALFORMED_JSON', 'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.'));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, problem('PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts. Send less data in one request.'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, problem('UNSUPPORTED_MEDIA_TYPE', 'This endpoint accepts application/json only.'));
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, problem('RATE_LIMITED', 'Too many requests. Wait a moment and try again.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problem('VALIDATION_FAILED', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, internalProblem());
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem('ROUTE_NOT_FOUND', `No endpoint answers ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`)),
  );
}
